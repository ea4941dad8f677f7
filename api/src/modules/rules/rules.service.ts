import type { PrismaClient, RuleVersion as RuleVersionRow } from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import { InvalidRequestError, NotFoundError, UnprocessableError } from '../../errors.ts';
import { audit } from '../../infra/audit.ts';
import { decodeCursor, page } from '../../infra/pagination.ts';
import { type Tx, withTenant } from '../../infra/tenant-tx.ts';
import { programsRepository } from '../programs/programs.repository.ts';
import { type RuleWithLatest, rulesRepository as repo } from './rules.repository.ts';
import type { Rule, RuleBody, RuleVersion, SimulateBody, SimulateResult } from './rules.schemas.ts';
import { simulate } from './rules.simulation.ts';
import { ruleBodyIssues } from './rules.validation.ts';

export function toRuleVersion(row: RuleVersionRow): RuleVersion {
  return {
    id: row.id,
    ruleId: row.ruleId,
    version: row.version,
    name: row.name,
    priority: row.priority,
    stacking: row.stacking,
    activeFrom: row.activeFrom?.toISOString() ?? null,
    activeTo: row.activeTo?.toISOString() ?? null,
    conditions: row.conditions as RuleVersion['conditions'],
    effects: row.effects as RuleVersion['effects'],
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Every rule has at least one version, and its current version is always its latest (or none). */
function toRule(row: RuleWithLatest, shown?: RuleVersionRow): Rule {
  const latest = row.versions[0]!;
  return {
    id: row.id,
    programId: row.programId,
    status: row.archivedAt ? 'archived' : row.currentVersion === null ? 'disabled' : 'active',
    currentVersion: row.currentVersion,
    latestVersion: latest.version,
    createdAt: row.createdAt.toISOString(),
    archivedAt: row.archivedAt?.toISOString() ?? null,
    version: toRuleVersion(shown ?? latest),
  };
}

function versionData(auth: AuthContext, ruleId: string, version: number, body: RuleBody) {
  return {
    tenantId: auth.tenantId,
    ruleId,
    version,
    name: body.name,
    priority: body.priority,
    stacking: body.stacking,
    conditions: body.conditions as object,
    effects: body.effects as object[],
    activeFrom: body.activeFrom ? new Date(body.activeFrom) : null,
    activeTo: body.activeTo ? new Date(body.activeTo) : null,
    createdBy: auth.actor.id,
  };
}

export function createRulesService(prisma: PrismaClient) {
  async function programOf(tx: Tx, tenantId: string, programId: string) {
    const program = await programsRepository.find(tx, tenantId, programId);
    if (!program) throw new NotFoundError(`Program ${programId}`);
    return program;
  }

  /** The engine's checks again, now knowing the program's rewards. */
  async function checkBody(tx: Tx, tenantId: string, programId: string, body: RuleBody): Promise<void> {
    const issues = ruleBodyIssues(body, await repo.rewardIds(tx, tenantId, programId));
    if (issues.length) throw new InvalidRequestError(issues);
  }

  /** The rule locked for a change, refused once archived. */
  async function changeable(tx: Tx, tenantId: string, ruleId: string): Promise<RuleWithLatest> {
    if (!(await repo.lock(tx, tenantId, ruleId))) throw new NotFoundError(`Rule ${ruleId}`);
    const rule = (await repo.find(tx, tenantId, ruleId))!;
    if (rule.archivedAt) {
      throw new UnprocessableError('rule-archived', `Rule ${ruleId} is archived; create a new rule instead.`);
    }
    return rule;
  }

  async function setCurrent(auth: AuthContext, ruleId: string, enable: boolean): Promise<Rule> {
    return withTenant(prisma, auth.tenantId, async (tx) => {
      const before = await changeable(tx, auth.tenantId, ruleId);
      const currentVersion = enable ? before.versions[0]!.version : null;
      if (before.currentVersion === currentVersion) return toRule(before);
      const after = await repo.update(tx, auth.tenantId, ruleId, { currentVersion });
      await audit(tx, auth, {
        action: enable ? 'rule.enable' : 'rule.disable',
        entityType: 'rule',
        entityId: ruleId,
        before: toRule(before),
        after: toRule(after),
      });
      return toRule(after);
    });
  }

  return {
    async create(auth: AuthContext, programId: string, body: RuleBody): Promise<Rule> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        await programOf(tx, auth.tenantId, programId);
        await checkBody(tx, auth.tenantId, programId, body);
        const rule = await repo.create(tx, { tenantId: auth.tenantId, programId, currentVersion: 1 });
        const version = await repo.createVersion(tx, versionData(auth, rule.id, 1, body));
        const created = toRule({ ...rule, versions: [version] });
        await audit(tx, auth, { action: 'rule.create', entityType: 'rule', entityId: rule.id, after: created });
        return created;
      });
    },

    async list(
      auth: AuthContext,
      programId: string,
      query: { limit?: number; cursor?: string; includeArchived?: boolean },
    ) {
      const limit = query.limit ?? 50;
      const after = decodeCursor<{ createdAt: string; id: string }>(query.cursor, {
        createdAt: 'string',
        id: 'string',
      });
      const rows = await withTenant(prisma, auth.tenantId, async (tx) => {
        await programOf(tx, auth.tenantId, programId);
        return repo.list(
          tx,
          { tenantId: auth.tenantId, programId, includeArchived: query.includeArchived ?? false, limit: limit + 1 },
          after,
        );
      });
      const result = page(rows, limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
      return { items: result.items.map((r) => toRule(r)), nextCursor: result.nextCursor };
    },

    async get(auth: AuthContext, ruleId: string, version?: number): Promise<Rule> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const rule = await repo.find(tx, auth.tenantId, ruleId);
        if (!rule) throw new NotFoundError(`Rule ${ruleId}`);
        if (version === undefined) return toRule(rule);
        const shown = await repo.findVersion(tx, auth.tenantId, ruleId, version);
        if (!shown) throw new NotFoundError(`Version ${version} of rule ${ruleId}`);
        return toRule(rule, shown);
      });
    },

    async versions(auth: AuthContext, ruleId: string, query: { limit?: number; cursor?: string }) {
      const limit = query.limit ?? 50;
      const after = decodeCursor<{ version: number }>(query.cursor, { version: 'number' });
      const rows = await withTenant(prisma, auth.tenantId, async (tx) => {
        if (!(await repo.find(tx, auth.tenantId, ruleId))) throw new NotFoundError(`Rule ${ruleId}`);
        return repo.listVersions(tx, auth.tenantId, ruleId, limit + 1, after?.version);
      });
      const result = page(rows, limit, (r) => ({ version: r.version }));
      return { items: result.items.map(toRuleVersion), nextCursor: result.nextCursor };
    },

    /** An edit appends a version; it becomes current unless the rule is disabled (enabling makes it current). */
    async update(auth: AuthContext, ruleId: string, body: RuleBody): Promise<Rule> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const before = await changeable(tx, auth.tenantId, ruleId);
        await checkBody(tx, auth.tenantId, before.programId, body);
        const next = before.versions[0]!.version + 1;
        await repo.createVersion(tx, versionData(auth, ruleId, next, body));
        const after = await repo.update(tx, auth.tenantId, ruleId, {
          currentVersion: before.currentVersion === null ? null : next,
        });
        await audit(tx, auth, {
          action: 'rule.update',
          entityType: 'rule',
          entityId: ruleId,
          before: toRule(before),
          after: toRule(after),
        });
        return toRule(after);
      });
    },

    disable: (auth: AuthContext, ruleId: string) => setCurrent(auth, ruleId, false),
    enable: (auth: AuthContext, ruleId: string) => setCurrent(auth, ruleId, true),

    /** Archiving keeps every version: ledger entries still name them. */
    async archive(auth: AuthContext, ruleId: string): Promise<Rule> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        if (!(await repo.lock(tx, auth.tenantId, ruleId))) throw new NotFoundError(`Rule ${ruleId}`);
        const before = (await repo.find(tx, auth.tenantId, ruleId))!;
        if (before.archivedAt) return toRule(before);
        const after = await repo.update(tx, auth.tenantId, ruleId, { archivedAt: new Date() });
        await audit(tx, auth, {
          action: 'rule.archive',
          entityType: 'rule',
          entityId: ruleId,
          before: toRule(before),
          after: toRule(after),
        });
        return toRule(after);
      });
    },

    simulate: (auth: AuthContext, programId: string, body: SimulateBody): Promise<SimulateResult> =>
      simulate(prisma, auth, programId, body),
  };
}

export type RulesService = ReturnType<typeof createRulesService>;
