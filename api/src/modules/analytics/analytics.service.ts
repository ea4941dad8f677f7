import type { ClickHouseClient } from '@clickhouse/client';
import type { PrismaClient } from '@loyaltystudio/prisma';
import {
  daysBetween,
  type FunnelKind,
  type MemberSort,
  readCohorts,
  readFunnels,
  readMemberPredictions,
  readMembers,
  readOverview,
  readPointsEconomy,
  readRfm,
  readTiers,
} from '@loyaltystudio/warehouse';
import type { AuthContext } from '../../auth/context.ts';
import { InvalidRequestError, NotFoundError, UnprocessableError } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../infra/pagination.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { apiMartReader } from '../../infra/warehouse.ts';
import { predictionScores } from '../models/models.service.ts';
import { analyticsRepository as repo } from './analytics.repository.ts';
import type {
  CohortsQuery,
  FunnelsQuery,
  MembersQuery,
  OverviewQuery,
  ProgramRangeQuery,
} from './analytics.schemas.ts';
import type { AnalyticsSettings } from './analytics.settings.ts';

export interface AnalyticsDeps {
  prisma: PrismaClient;
  clickhouse: ClickHouseClient;
  settings: AnalyticsSettings;
}

const MONTH_KEY = /^\d{4}-(0[1-9]|1[0-2])-01$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface MembersCursor extends Record<string, string | number> {
  sort: string;
  order: string;
  value: number;
  memberId: string;
}

/**
 * Analytics reads marts only. Every check on the request runs before any query, and every query binds the caller's
 * tenant; a program of another tenant is not found.
 */
export function createAnalyticsService({ prisma, clickhouse, settings }: AnalyticsDeps) {
  const reader = apiMartReader(clickhouse, settings);

  function checkRange(from: string, to: string): void {
    if (from > to) throw new InvalidRequestError([{ path: 'querystring.to', message: 'must not be before from' }]);
    if (daysBetween(from, to) > settings.maxRangeDays) {
      throw new InvalidRequestError([
        { path: 'querystring.to', message: `must be at most ${settings.maxRangeDays} days after from, both included` },
      ]);
    }
  }

  function checkBounds(min: number | undefined, max: number | undefined, name: string): void {
    if (min !== undefined && max !== undefined && min > max) {
      throw new InvalidRequestError([{ path: `querystring.max${name}`, message: `must not be below min${name}` }]);
    }
  }

  async function program(auth: AuthContext, programId: string): Promise<{ id: string; currency: string }> {
    const row = await withTenant(prisma, auth.tenantId, (tx) => repo.program(tx, auth.tenantId, programId));
    if (!row) throw new NotFoundError(`Program ${programId}`);
    return { id: row.id, currency: row.earningCurrency };
  }

  /** The currency every money figure of the tenant is in; money in several currencies is not summed. */
  async function tenantCurrency(auth: AuthContext): Promise<string | null> {
    const currencies = await withTenant(prisma, auth.tenantId, (tx) => repo.currencies(tx, auth.tenantId));
    if (currencies.length > 1) {
      throw new UnprocessableError(
        'mixed-currencies',
        `The tenant's programs earn in ${currencies.join(', ')}; pass programId to read one program's figures.`,
        { currencies },
      );
    }
    return currencies[0] ?? null;
  }

  return {
    async overview(auth: AuthContext, q: OverviewQuery) {
      checkRange(q.from, q.to);
      const currency = q.programId ? (await program(auth, q.programId)).currency : await tenantCurrency(auth);
      const result = await readOverview(reader, { tenantId: auth.tenantId, ...q });
      return { programId: q.programId ?? null, currency, ...result };
    },

    async cohorts(auth: AuthContext, q: CohortsQuery) {
      checkRange(q.from, q.to);
      return { grain: q.grain, cohorts: await readCohorts(reader, { tenantId: auth.tenantId, ...q }) };
    },

    rfm: (auth: AuthContext) => readRfm(reader, { tenantId: auth.tenantId }),

    async funnels(auth: AuthContext, kind: FunnelKind, q: FunnelsQuery) {
      if ((q.from === undefined) !== (q.to === undefined)) {
        const missing = q.from === undefined ? 'from' : 'to';
        throw new InvalidRequestError([{ path: `querystring.${missing}`, message: 'is required with from and to' }]);
      }
      if (q.cohort === undefined && q.from === undefined) {
        throw new InvalidRequestError([{ path: 'querystring', message: 'needs a cohort, or from and to' }]);
      }
      if (q.from !== undefined && q.to !== undefined) checkRange(q.from, q.to);
      if (q.cohort !== undefined && !(kind === 'enrolment' ? MONTH_KEY : UUID).test(q.cohort)) {
        const expected = kind === 'enrolment' ? 'the first day of a month (2026-03-01)' : 'a campaign id (UUID)';
        throw new InvalidRequestError([{ path: 'querystring.cohort', message: `must be ${expected}` }]);
      }
      const range = q.from !== undefined && q.to !== undefined ? { from: q.from, to: q.to } : undefined;
      const cohorts = await readFunnels(reader, { tenantId: auth.tenantId, kind, cohort: q.cohort, range });
      return { kind, cohorts };
    },

    async pointsEconomy(auth: AuthContext, q: ProgramRangeQuery) {
      checkRange(q.from, q.to);
      const { id, currency } = await program(auth, q.programId);
      const result = await readPointsEconomy(reader, { tenantId: auth.tenantId, ...q });
      return { programId: id, currency, ...result };
    },

    async tiers(auth: AuthContext, q: ProgramRangeQuery) {
      checkRange(q.from, q.to);
      const { id } = await program(auth, q.programId);
      return { programId: id, ...(await readTiers(reader, { tenantId: auth.tenantId, ...q })) };
    },

    async members(auth: AuthContext, q: MembersQuery) {
      checkBounds(q.minRevenueMinor, q.maxRevenueMinor, 'RevenueMinor');
      checkBounds(q.minRecencyDays, q.maxRecencyDays, 'RecencyDays');
      const sort: MemberSort = q.sort ?? 'revenueMinor';
      const order = q.order ?? 'desc';
      const limit = q.limit ?? 50;
      const after = decodeCursor<MembersCursor>(q.cursor, {
        sort: 'string',
        order: 'string',
        value: 'number',
        memberId: 'string',
      });
      if (after && (after.sort !== sort || after.order !== order || !UUID.test(after.memberId))) {
        throw new InvalidRequestError([
          { path: 'querystring.cursor', message: 'belongs to another sort or order; start again without it' },
        ]);
      }
      const rows = await readMembers(reader, {
        tenantId: auth.tenantId,
        sort,
        order,
        take: limit + 1,
        segments: q.segment,
        tierId: q.tierId,
        tag: q.tag,
        minRevenueMinor: q.minRevenueMinor,
        maxRevenueMinor: q.maxRevenueMinor,
        minRecencyDays: q.minRecencyDays,
        maxRecencyDays: q.maxRecencyDays,
        rScore: q.rScore,
        fScore: q.fScore,
        externalIdPrefix: q.externalIdPrefix,
        after: after && { value: after.value, memberId: after.memberId },
      });
      const page = rows.slice(0, limit);
      // The page's scores by member id (the mart's sort key): a lookup, not a join over the tenant.
      const [predictions, currency] = await Promise.all([
        readMemberPredictions(reader, { tenantId: auth.tenantId, memberIds: page.map((r) => r.memberId) }),
        withTenant(prisma, auth.tenantId, (tx) => repo.tenantCurrency(tx, auth.tenantId)),
      ]);
      const items = page.map(({ sortKey, ...member }) => {
        const prediction = predictions.get(member.memberId);
        return { ...member, scores: prediction ? predictionScores(prediction, currency) : null };
      });
      const last = rows[limit - 1];
      const nextCursor =
        rows.length > limit && last
          ? encodeCursor({ sort, order, value: last.sortKey, memberId: last.memberId })
          : null;
      return { items, nextCursor };
    },
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
