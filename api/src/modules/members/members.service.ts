import type { Member as MemberRow, Prisma, PrismaClient } from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import { ConflictError, InvalidRequestError, NotFoundError, UnprocessableError } from '../../errors.ts';
import { audit } from '../../infra/audit.ts';
import { decodeCursor, page } from '../../infra/pagination.ts';
import { type Tx, withTenant } from '../../infra/tenant-tx.ts';
import { currentScores } from '../models/models.service.ts';
import { emit } from '../webhooks/outbox.ts';
import { type MemberCursor, type MemberFilters, membersRepository as repo } from './members.repository.ts';
import {
  ATTRIBUTE_LIMITS,
  type Attributes,
  type Consents,
  type CreateMember,
  type Member,
  type MemberExport,
  type MemberWithScores,
  TAG_LIMITS,
  type UpdateMember,
} from './members.schemas.ts';

export type { MemberRow };

/** Fields erasure removes from the member and from every audit snapshot of it. */
const PERSONAL_FIELDS = ['externalId', 'email', 'firstName', 'lastName', 'phone', 'birthDate', 'attributes', 'tags'];

const NO_CONSENT: Consents = { email: false, sms: false, push: false };

const iso = (d: Date) => d.toISOString();
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

export function toMember(row: MemberRow): Member {
  return {
    id: row.id,
    externalId: row.externalId,
    email: row.email,
    firstName: row.firstName,
    lastName: row.lastName,
    phone: row.phone,
    birthDate: row.birthDate && isoDate(row.birthDate),
    attributes: row.attributes as Attributes,
    tags: row.tags,
    consents: { ...NO_CONSENT, ...(row.consents as Partial<Consents>) },
    status: row.status,
    enrolledAt: iso(row.enrolledAt),
    erasedAt: row.erasedAt && iso(row.erasedAt),
    erasure: row.erasedAt && {
      requestedAt: iso(row.erasedAt),
      warehouseErasedAt: row.warehouseErasedAt && iso(row.warehouseErasedAt),
    },
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** An erased member can no longer earn, redeem or be changed: every slice that moves points checks this first. */
export function assertActive(member: Pick<MemberRow, 'id' | 'status'>): void {
  if (member.status !== 'active') {
    throw new UnprocessableError('member-erased', `Member ${member.id} was erased and can no longer take part`, {
      memberId: member.id,
    });
  }
}

export const findById = (tx: Tx, tenantId: string, id: string): Promise<MemberRow | null> =>
  repo.findById(tx, tenantId, id);

export const findByExternalId = (tx: Tx, tenantId: string, externalId: string): Promise<MemberRow | null> =>
  repo.findByExternalId(tx, tenantId, externalId);

function checkAttributesSize(attributes: Record<string, unknown>): void {
  if (Buffer.byteLength(JSON.stringify(attributes)) > ATTRIBUTE_LIMITS.bytes) {
    throw new InvalidRequestError([
      { path: 'body.attributes', message: `must not exceed ${ATTRIBUTE_LIMITS.bytes} bytes of JSON` },
    ]);
  }
}

function parseBirthDate(value: string | null | undefined): Date | null | undefined {
  if (value == null) return value;
  const date = new Date(`${value}T00:00:00Z`);
  if (date.getTime() > Date.now()) {
    throw new InvalidRequestError([{ path: 'body.birthDate', message: 'must not be in the future' }]);
  }
  return date;
}

/** 409 naming the member who already holds the external id or the email. */
async function conflictOf(tx: Tx, tenantId: string, input: { externalId?: string; email?: string | null }) {
  const byExternalId = input.externalId ? await repo.findByExternalId(tx, tenantId, input.externalId) : null;
  if (byExternalId) {
    return new ConflictError(`A member with externalId ${input.externalId} already exists`, {
      existingMemberId: byExternalId.id,
      field: 'externalId',
    });
  }
  const byEmail = input.email ? await repo.findByEmail(tx, tenantId, input.email) : null;
  return new ConflictError(`A member with email ${input.email} already exists`, {
    existingMemberId: byEmail?.id ?? null,
    field: 'email',
  });
}

/** A client's clock may run a little ahead of ours: an enrolment this close to now is taken as now. */
const CLOCK_SKEW_MS = 60_000;
/** ClickHouse's DateTime64 starts in 1900: an earlier enrolment could not reach the warehouse. */
const EARLIEST_ENROLMENT = Date.UTC(1900, 0, 1);

/** The enrolment time a caller gave (absent: the database's now), refused in the future or before 1900. */
function enrolmentTime(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value).getTime();
  const now = Date.now();
  if (at > now + CLOCK_SKEW_MS) {
    throw new InvalidRequestError([{ path: 'body.enrolledAt', message: 'must not be in the future' }]);
  }
  if (at < EARLIEST_ENROLMENT) {
    throw new InvalidRequestError([{ path: 'body.enrolledAt', message: 'must not be before 1900' }]);
  }
  return new Date(Math.min(at, now));
}

/**
 * Inserts a member and emits `member.created`, in the caller's transaction. Duplicates never abort the transaction
 * (the insert is `ON CONFLICT DO NOTHING`): the result says which member holds the external id or email instead.
 */
async function insert(
  tx: Tx,
  tenantId: string,
  input: CreateMember,
): Promise<{ row: MemberRow } | { row: null; conflict: ConflictError }> {
  const attributes = input.attributes ?? {};
  checkAttributesSize(attributes);
  const enrolledAt = enrolmentTime(input.enrolledAt);
  const email = input.email?.toLowerCase() ?? null;
  const row = await repo.createIfAbsent(tx, {
    tenantId,
    externalId: input.externalId,
    ...(enrolledAt && { enrolledAt }),
    email,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    phone: input.phone ?? null,
    birthDate: parseBirthDate(input.birthDate) ?? null,
    attributes,
    tags: input.tags ?? [],
    consents: { ...NO_CONSENT, ...input.consents },
  });
  if (!row) return { row: null, conflict: await conflictOf(tx, tenantId, { externalId: input.externalId, email }) };
  await emit(tx, tenantId, 'member.created', { memberId: row.id, externalId: row.externalId, member: toMember(row) });
  return { row };
}

export type EnrolInput = Omit<CreateMember, 'tags' | 'consents'> & Partial<Pick<CreateMember, 'tags' | 'consents'>>;

/**
 * The member with this external id, enrolled first if the tenant does not know them yet (an event may be a
 * customer's first contact). Safe under concurrency: two enrolments of one external id yield one member. Throws 409
 * when the email given already belongs to another member. Call it inside the caller's tenant transaction.
 */
export async function enrol(
  tx: Tx,
  tenantId: string,
  input: EnrolInput,
): Promise<{ member: MemberRow; created: boolean }> {
  const existing = await repo.findByExternalId(tx, tenantId, input.externalId);
  if (existing) return { member: existing, created: false };
  const result = await insert(tx, tenantId, input);
  if (result.row) return { member: result.row, created: true };
  // A concurrent enrolment of the same person won the insert: theirs is ours.
  const raced = await repo.findByExternalId(tx, tenantId, input.externalId);
  if (raced) return { member: raced, created: false };
  throw result.conflict;
}

function mergeTags(current: string[], change: NonNullable<UpdateMember['tags']>): string[] {
  if (Array.isArray(change)) return change;
  const remove = new Set(change.remove ?? []);
  const both = (change.add ?? []).filter((tag) => remove.has(tag));
  if (both.length > 0) {
    throw new InvalidRequestError([{ path: 'body.tags', message: `adds and removes ${both.join(', ')}` }]);
  }
  const tags = [...new Set([...current, ...(change.add ?? [])])].filter((tag) => !remove.has(tag));
  if (tags.length > TAG_LIMITS.count) {
    throw new InvalidRequestError([{ path: 'body.tags', message: `would hold more than ${TAG_LIMITS.count} tags` }]);
  }
  return tags;
}

function mergeAttributes(current: Attributes, change: Record<string, string | number | boolean | null>): Attributes {
  const next: Attributes = { ...current };
  for (const [key, value] of Object.entries(change)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  if (Object.keys(next).length > ATTRIBUTE_LIMITS.keys) {
    throw new InvalidRequestError([
      { path: 'body.attributes', message: `would hold more than ${ATTRIBUTE_LIMITS.keys} keys` },
    ]);
  }
  checkAttributesSize(next);
  return next;
}

/** `key:value` query filters; `true`, `false` and numbers match the JSON value as well as the string. */
function parseAttributeFilters(filters: string[] | undefined): MemberFilters['attributes'] {
  return filters?.map((filter) => {
    const colon = filter.indexOf(':');
    const key = filter.slice(0, colon);
    const text = filter.slice(colon + 1);
    const values: (string | number | boolean)[] = [text];
    if (text === 'true' || text === 'false') values.push(text === 'true');
    else if (/^-?\d+(\.\d+)?$/.test(text)) values.push(Number(text));
    return { key, values };
  });
}

/** Rows of the export: dates as ISO strings, Date-only columns as dates, bigints as strings. */
function plain<T extends object>(rows: T[]): Record<string, unknown>[] {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, v instanceof Date ? iso(v) : typeof v === 'bigint' ? String(v) : v]),
    ),
  );
}

export interface MemberListQuery {
  limit?: number;
  cursor?: string;
  tag?: string[];
  status?: 'active' | 'erased';
  enrolledAfter?: string;
  enrolledBefore?: string;
  attribute?: string[];
  q?: string;
}

export interface MembersServiceOptions {
  /**
   * Starts the erasure's way through the warehouse (the `memberErasure` workflow), once the erasure committed in
   * Postgres. It must not throw: a start that fails is taken up again by the `member-erasures` housekeeping pass.
   */
  startWarehouseErasure?: (tenantId: string, memberId: string) => Promise<void>;
}

export function createMembersService(prisma: PrismaClient, options: MembersServiceOptions = {}) {
  /** Loads the member for a change, locked, or 404. */
  async function lockedMember(tx: Tx, tenantId: string, id: string): Promise<MemberRow> {
    const row = (await repo.lock(tx, tenantId, id)) ? await repo.findById(tx, tenantId, id) : null;
    if (!row) throw new NotFoundError(`Member ${id}`);
    return row;
  }

  return {
    async create(auth: AuthContext, input: CreateMember): Promise<Member> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const result = await insert(tx, auth.tenantId, input);
        if (!result.row) throw result.conflict;
        await audit(tx, auth, {
          action: 'member.create',
          entityType: 'member',
          entityId: result.row.id,
          after: result.row,
        });
        return toMember(result.row);
      });
    },

    async get(auth: AuthContext, id: string): Promise<MemberWithScores> {
      const found = await withTenant(prisma, auth.tenantId, async (tx) => {
        const row = await repo.findById(tx, auth.tenantId, id);
        return row && { row, scores: (await currentScores(tx, auth.tenantId, [id])).get(id) ?? null };
      });
      if (!found) throw new NotFoundError(`Member ${id}`);
      return { ...toMember(found.row), scores: found.scores };
    },

    async list(auth: AuthContext, query: MemberListQuery) {
      const limit = query.limit ?? 50;
      const after = decodeCursor<MemberCursor>(query.cursor, { createdAt: 'string', id: 'string' });
      const filters: MemberFilters = {
        tags: query.tag,
        status: query.status,
        enrolledAfter: query.enrolledAfter ? new Date(query.enrolledAfter) : undefined,
        enrolledBefore: query.enrolledBefore ? new Date(query.enrolledBefore) : undefined,
        attributes: parseAttributeFilters(query.attribute),
        q: query.q,
      };
      const rows = await withTenant(prisma, auth.tenantId, (tx) =>
        repo.list(tx, auth.tenantId, filters, limit + 1, after),
      );
      const result = page(rows, limit, (r) => ({ createdAt: iso(r.createdAt), id: r.id }));
      return { items: result.items.map(toMember), nextCursor: result.nextCursor };
    },

    async update(auth: AuthContext, id: string, input: UpdateMember): Promise<Member> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const before = await lockedMember(tx, auth.tenantId, id);
        assertActive(before);
        const data: Prisma.MemberUpdateManyMutationInput = {
          firstName: input.firstName,
          lastName: input.lastName,
          phone: input.phone,
          birthDate: parseBirthDate(input.birthDate),
          ...(input.email !== undefined && { email: input.email?.toLowerCase() ?? null }),
          ...(input.attributes && { attributes: mergeAttributes(before.attributes as Attributes, input.attributes) }),
          ...(input.tags && { tags: mergeTags(before.tags, input.tags) }),
          ...(input.consents && { consents: { ...toMember(before).consents, ...input.consents } }),
        };
        if (
          data.email &&
          data.email !== before.email &&
          (await repo.findByEmail(tx, auth.tenantId, data.email as string))
        ) {
          throw await conflictOf(tx, auth.tenantId, { email: data.email as string });
        }
        const after = await repo.update(tx, auth.tenantId, id, data).catch((err: unknown) => {
          // Another request took the email between the check above and this write.
          if ((err as { code?: string }).code === 'P2002') {
            throw new ConflictError(`A member with email ${data.email} already exists`, { field: 'email' });
          }
          throw err;
        });
        await audit(tx, auth, { action: 'member.update', entityType: 'member', entityId: id, before, after });
        return toMember(after);
      });
    },

    async export(auth: AuthContext, id: string): Promise<MemberExport> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const row = await repo.findById(tx, auth.tenantId, id);
        if (!row) throw new NotFoundError(`Member ${id}`);
        const data = await repo.dataOf(tx, auth.tenantId, id);
        return {
          exportedAt: iso(new Date()),
          profile: toMember(row),
          balances: plain(data.balances),
          ledger: plain(data.ledger),
          pointLots: plain(data.lots),
          events: plain(data.events),
          redemptions: plain(data.redemptions),
          tierChanges: plain(data.tierChanges),
        };
      });
    },

    /**
     * Removes the member's personal data and keeps every amount, so balances and totals stay true, then starts the
     * erasure's way through the warehouse. Idempotent: an erased member is returned as it is (and, while its
     * warehouse erasure has not completed, that is started again, which finds the running one).
     */
    async erase(auth: AuthContext, id: string): Promise<Member> {
      const member = await withTenant(prisma, auth.tenantId, async (tx) => {
        const before = await lockedMember(tx, auth.tenantId, id);
        if (before.status === 'erased') return toMember(before);
        const erasedAt = new Date();
        // The member id carries nothing about the person and is unique, so the pseudonym is stable and unique.
        const pseudonym = `erased:${id}`;
        // The member row is rewritten first: the change stream then versions it below every other row this
        // transaction rewrites, and the warehouse erasure deletes the versions below it (warehouse/src/privacy).
        const after = await repo.update(tx, auth.tenantId, id, {
          externalId: pseudonym,
          email: null,
          firstName: null,
          lastName: null,
          phone: null,
          birthDate: null,
          attributes: {},
          tags: [],
          consents: NO_CONSENT,
          status: 'erased',
          erasedAt,
        });
        await repo.scrubEvents(tx, auth.tenantId, id);
        await repo.deleteScores(tx, auth.tenantId, id);
        await repo.scrubGuestPurchases(tx, auth.tenantId, before.externalId, pseudonym);
        await repo.scrubAdjustments(tx, auth.tenantId, id);
        await repo.scrubAudit(tx, auth.tenantId, id, PERSONAL_FIELDS);
        await repo.scrubOutbox(tx, auth.tenantId, id, pseudonym, toMember(after));
        await audit(tx, auth, {
          action: 'member.erase',
          entityType: 'member',
          entityId: id,
          before: { status: before.status },
          after: { status: after.status, erasedAt },
        });
        return toMember(after);
      });
      if (member.erasure && member.erasure.warehouseErasedAt === null) {
        await options.startWarehouseErasure?.(auth.tenantId, id);
      }
      return member;
    },
  };
}

export type MembersService = ReturnType<typeof createMembersService>;
