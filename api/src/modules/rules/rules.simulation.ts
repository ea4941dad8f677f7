// Simulation: a draft rule set run on a sample event and replayed over the program's recent events, in a read-only
// transaction, so it can never write. Semantics and limits are in README.md beside this file.
import { Prisma, type PrismaClient } from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import {
  type CompiledRuleSet,
  compileRules,
  type EvaluationResult,
  evaluate,
  type Period,
  type PeriodPoints,
  periodStart,
  type RuleDefinition,
  type RuleEvent,
} from '../../domain/rules/index.ts';
import { InvalidRequestError, NotFoundError } from '../../errors.ts';
import { type Tx, withTenant } from '../../infra/tenant-tx.ts';
import { programsRepository } from '../programs/programs.repository.ts';
import { type BacktestEventRow, currentRuleVersions, rulesRepository as repo } from './rules.repository.ts';
import type { SimulateBody, SimulateResult } from './rules.schemas.ts';
import { draftRuleSet } from './rules.validation.ts';

/** Longest any one statement of a simulation may run. */
export const SIMULATION_STATEMENT_TIMEOUT_MS = 5_000;
/** Longest a whole simulation may run. */
export const SIMULATION_TIMEOUT_MS = 30_000;
/** Events read per round trip while backtesting. */
export const BACKTEST_PAGE_SIZE = 1_000;

export const BACKTEST_APPROXIMATIONS = [
  'Each member is evaluated as they are now (tier, attributes, tags, enrolment date), not as they were when the event happened.',
  'Per-period caps count only the points the simulated rules give within the replayed events, not what was earned before the first of them.',
  'Refunds are not replayed (they reverse points, they never earn); campaign bonuses are not simulated, and the actual figures count accrual entries only.',
];

type Program = NonNullable<Awaited<ReturnType<typeof programsRepository.find>>>;

/** Money for points at the program's rate: rounded once per figure, to the nearest minor unit, halves up. */
export function pointsCost(points: number, moneyValuePer1000Points: number): number {
  return Number((BigInt(points) * BigInt(moneyValuePer1000Points) * 2n + 1000n) / 2000n);
}

function money(program: Program, points: number) {
  return { amountMinor: pointsCost(points, program.moneyValuePer1000Points), currency: program.earningCurrency };
}

function settingsOf(program: Program) {
  return {
    rounding: program.rounding,
    maxPointsPerEvent: program.maxPointsPerEvent,
    earningCurrency: program.earningCurrency,
  };
}

const PERIODS_NONE: Period[] = [];
function periodsOf(rules: RuleDefinition[]): Period[] {
  const periods = new Set<Period>();
  for (const rule of rules) {
    for (const effect of rule.effects) if ('capPerPeriod' in effect) periods.add(effect.capPerPeriod.period);
  }
  return periods.size ? [...periods] : PERIODS_NONE;
}

export async function simulate(
  prisma: PrismaClient,
  auth: AuthContext,
  programId: string,
  body: SimulateBody,
): Promise<SimulateResult> {
  if (!body.sampleEvent && !body.backtest) {
    throw new InvalidRequestError([{ path: 'body', message: 'give a sampleEvent, a backtest, or both' }]);
  }
  const { tenantId } = auth;
  return withTenant(
    prisma,
    tenantId,
    async (tx) => {
      await tx.$executeRaw`SET TRANSACTION READ ONLY`;
      await tx.$queryRaw`SELECT set_config('statement_timeout', ${String(SIMULATION_STATEMENT_TIMEOUT_MS)}, true)`;
      const program = await programsRepository.find(tx, tenantId, programId);
      if (!program) throw new NotFoundError(`Program ${programId}`);
      const timeZone = (await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { timeZone: true } }))
        .timeZone;

      let definitions: RuleDefinition[];
      if (body.rules) {
        const draft = draftRuleSet(body.rules, await repo.rewardIds(tx, tenantId, programId));
        if (!draft.ok) throw new InvalidRequestError(draft.errors);
        definitions = draft.rules;
      } else {
        definitions = await currentRuleVersions(tx, tenantId, programId);
      }
      const compiled = compileRules(definitions);
      const names = new Map(definitions.map((d) => [d.id, d.name]));
      const result: SimulateResult = {
        rules: compiled.rules.map((r) => ({ ruleId: r.id, versionId: r.versionId, name: names.get(r.id)! })),
      };
      if (body.sampleEvent) {
        result.sample = await runSample(tx, { tenantId, program, timeZone, compiled, names }, body.sampleEvent);
      }
      if (body.backtest) {
        result.backtest = await runBacktest(
          tx,
          { tenantId, program, timeZone, compiled, names, periods: periodsOf(definitions) },
          body.backtest.lastEvents,
        );
      }
      return result;
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeoutMs: SIMULATION_TIMEOUT_MS },
  );
}

interface Context {
  tenantId: string;
  program: Program;
  timeZone: string;
  compiled: CompiledRuleSet;
  names: Map<string, string>;
}

async function runSample(
  tx: Tx,
  ctx: Context,
  sample: NonNullable<SimulateBody['sampleEvent']>,
): Promise<NonNullable<SimulateResult['sample']>> {
  const { event, member } = sample;
  let tierMultiplierPct = 100;
  if (member.tierId) {
    const pct = await repo.tierMultiplierPct(tx, ctx.tenantId, ctx.program.id, member.tierId);
    if (pct === undefined) {
      throw new InvalidRequestError([
        { path: 'body.sampleEvent.member.tierId', message: 'is not a tier of this program' },
      ]);
    }
    tierMultiplierPct = pct;
  }
  const evaluation = evaluate(ctx.compiled, {
    program: settingsOf(ctx.program),
    timeZone: ctx.timeZone,
    event: toRuleEvent(event),
    member: {
      tierId: member.tierId ?? null,
      tierMultiplierPct,
      attributes: member.attributes ?? {},
      tags: member.tags ?? [],
      enrolledAt: member.enrolledAt,
      priorPurchaseCount: member.priorPurchaseCount ?? 0,
      earnedThisPeriodByRule: member.earnedThisPeriodByRule ?? {},
    },
  });
  return {
    ...evaluation,
    lines: evaluation.lines.map((line) => ({ ...line, name: ctx.names.get(line.ruleId)! })),
    // The engine's trace entries are frozen and shared; the response only serialises them.
    trace: evaluation.trace as NonNullable<SimulateResult['sample']>['trace'],
    cost: money(ctx.program, evaluation.totalPoints),
  };
}

/** An event as the accrual path gives it to the engine: line totals from quantity × unit amount. */
function toRuleEvent(e: {
  type: RuleEvent['type'];
  customType?: string | null;
  occurredAt: string;
  amountMinor?: number | null;
  currency?: string | null;
  channel?: string | null;
  lineItems?: { sku: string; category?: string; quantity: number; unitAmountMinor: number }[];
  attributes?: Record<string, unknown>;
}): RuleEvent {
  return {
    type: e.type,
    customType: e.customType ?? null,
    occurredAt: e.occurredAt,
    amountMinor: e.amountMinor ?? null,
    currency: e.currency ?? null,
    channel: e.channel ?? null,
    lineItems: (e.lineItems ?? []).map((l) => ({ ...l, amountMinor: l.quantity * l.unitAmountMinor })),
    attributes: e.attributes ?? {},
  };
}

/**
 * Points each rule gave each member in the current day, week, month and year, as the replay goes forwards in
 * time: what per-period caps read.
 */
class PeriodLedger {
  private readonly buckets = new Map<string, { start: number; points: number }>();

  constructor(
    private readonly periods: Period[],
    private readonly timeZone: string,
  ) {}

  earned(memberId: string, epochMs: number, ruleIds: readonly string[]): Record<string, PeriodPoints> {
    const byRule: Record<string, PeriodPoints> = {};
    if (!this.periods.length) return byRule;
    const starts = this.periods.map((p) => [p, periodStart(this.timeZone, p, epochMs)] as const);
    for (const ruleId of ruleIds) {
      const points: PeriodPoints = { day: 0, week: 0, month: 0, year: 0 };
      for (const [period, start] of starts) {
        const bucket = this.buckets.get(`${memberId}|${ruleId}|${period}`);
        if (bucket?.start === start) points[period] = bucket.points;
      }
      byRule[ruleId] = points;
    }
    return byRule;
  }

  add(memberId: string, epochMs: number, result: EvaluationResult): void {
    for (const period of this.periods) {
      const start = periodStart(this.timeZone, period, epochMs);
      for (const line of result.lines) {
        const key = `${memberId}|${line.ruleId}|${period}`;
        const bucket = this.buckets.get(key);
        if (bucket?.start === start) bucket.points += line.points;
        else this.buckets.set(key, { start, points: line.points });
      }
    }
  }
}

async function runBacktest(
  tx: Tx,
  ctx: Context & { periods: Period[] },
  lastEvents: number,
): Promise<NonNullable<SimulateResult['backtest']>> {
  const ruleIds = ctx.compiled.rules.map((r) => r.id);
  const perRule = new Map(ruleIds.map((id) => [id, { points: 0, actualPoints: 0, eventsMatched: 0 }]));
  const periods = new PeriodLedger(ctx.periods, ctx.timeZone);
  const settings = settingsOf(ctx.program);
  let evaluated = 0;
  let totalPoints = 0;
  let actualPoints = 0;
  let first: Date | null = null;
  let last: Date | null = null;

  const start = await repo.backtestStart(tx, ctx.tenantId, ctx.program.id, lastEvents);
  let cursor = start;
  let inclusive = true;
  while (cursor && evaluated < lastEvents) {
    const rows: BacktestEventRow[] = await repo.backtestPage(tx, {
      tenantId: ctx.tenantId,
      programId: ctx.program.id,
      from: cursor,
      inclusive,
      limit: Math.min(BACKTEST_PAGE_SIZE, lastEvents - evaluated),
    });
    for (const row of rows) {
      const epochMs = row.occurredAt.getTime();
      const result = evaluate(ctx.compiled, {
        program: settings,
        timeZone: ctx.timeZone,
        event: toRuleEvent({ ...row, occurredAt: row.occurredAt.toISOString() }),
        member: {
          tierId: row.tierId,
          tierMultiplierPct: row.tierMultiplierPct ?? 100,
          attributes: row.memberAttributes,
          tags: row.memberTags,
          enrolledAt: row.enrolledAt.toISOString(),
          priorPurchaseCount: row.priorPurchaseCount,
          earnedThisPeriodByRule: periods.earned(row.memberId, epochMs, ruleIds),
        },
      });
      periods.add(row.memberId, epochMs, result);
      totalPoints += result.totalPoints;
      actualPoints += row.accruedPoints;
      for (const line of result.lines) perRule.get(line.ruleId)!.points += line.points;
      for (const t of result.trace) if (t.outcome === 'applied') perRule.get(t.ruleId)!.eventsMatched += 1;
      for (const [ruleId, points] of Object.entries(row.pointsByRule)) {
        const totals = perRule.get(ruleId);
        if (totals) totals.actualPoints += points;
      }
      first ??= row.occurredAt;
      last = row.occurredAt;
    }
    evaluated += rows.length;
    if (rows.length === 0) break;
    const tail = rows.at(-1)!;
    cursor = { occurredAt: tail.occurredAt, id: tail.id };
    inclusive = false;
  }

  const cost = money(ctx.program, totalPoints);
  const actualCost = money(ctx.program, actualPoints);
  return {
    eventsEvaluated: evaluated,
    from: first?.toISOString() ?? null,
    to: last?.toISOString() ?? null,
    totalPoints,
    pointsPerRule: ruleIds.map((ruleId) => ({ ruleId, name: ctx.names.get(ruleId)!, ...perRule.get(ruleId)! })),
    cost,
    actual: { totalPoints: actualPoints, cost: actualCost },
    difference: {
      points: totalPoints - actualPoints,
      cost: { amountMinor: cost.amountMinor - actualCost.amountMinor, currency: cost.currency },
    },
    approximations: BACKTEST_APPROXIMATIONS,
  };
}
