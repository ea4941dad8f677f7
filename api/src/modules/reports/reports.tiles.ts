import { MEMBER_SORTS, OVERVIEW_METRICS, RFM_SEGMENTS } from '@loyaltystudio/warehouse';
import { type Static, type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';
import type { AuthContext } from '../../auth/context.ts';
import type { AnalyticsService } from '../analytics/analytics.service.ts';

/**
 * A report's tiles: each one analytics query of the api's own service, with a range relative to the send date.
 * A tile is validated here, kind by kind, so a bad field is named by its path (`body.tiles.2.programId`) rather than
 * "matches no alternative"; `runTile` reads it through the analytics service, bound to the report's tenant.
 */

const IsoDate = Type.String({ format: 'date', examples: ['2026-03-01'] });
const programId = Type.String({ format: 'uuid', description: 'A program of the tenant' });
const title = Type.Optional(Type.String({ minLength: 1, maxLength: 120, description: 'Shown above the tile' }));

export const CALENDAR_PERIODS = ['previousWeek', 'previousMonth', 'previousQuarter', 'previousYear'] as const;

export const TileRange = Type.Union(
  [
    Type.Object(
      { lastDays: Type.Integer({ minimum: 1, maximum: 1096, description: 'The N days before the send date' }) },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        calendar: Type.Enum(CALENDAR_PERIODS, {
          description: 'The whole calendar week (from Monday), month, quarter or year before the send date',
        }),
      },
      { additionalProperties: false },
    ),
    Type.Object({ from: IsoDate, to: IsoDate }, { additionalProperties: false }),
  ],
  { description: 'Relative to the send date in the report’s time zone, or fixed dates' },
);
export type TileRange = Static<typeof TileRange>;

const OverviewMetric = Type.Enum(OVERVIEW_METRICS);

/** Every tile kind with its own schema; the route's schema is their union, the check goes kind by kind. */
export const TILE_SCHEMAS = {
  overview: Type.Object(
    {
      kind: Type.Literal('overview'),
      title,
      range: TileRange,
      programId: Type.Optional(programId),
      metrics: Type.Optional(
        Type.Array(OverviewMetric, {
          minItems: 1,
          maxItems: OVERVIEW_METRICS.length,
          uniqueItems: true,
          description: 'The figures shown, in order; every one when left out',
        }),
      ),
    },
    { additionalProperties: false, description: 'Executive figures over the range against the period before' },
  ),
  cohorts: Type.Object(
    { kind: Type.Literal('cohorts'), title, range: TileRange, grain: Type.Enum(['month', 'week']) },
    { additionalProperties: false, description: 'Enrolment cohorts and their retention' },
  ),
  rfm: Type.Object(
    { kind: Type.Literal('rfm'), title },
    { additionalProperties: false, description: 'Members per RFM segment' },
  ),
  pointsEconomy: Type.Object(
    { kind: Type.Literal('pointsEconomy'), title, range: TileRange, programId },
    { additionalProperties: false, description: 'Points issued, redeemed, expired and the liability' },
  ),
  tiers: Type.Object(
    { kind: Type.Literal('tiers'), title, range: TileRange, programId },
    { additionalProperties: false, description: 'Members per tier at the end of the range’s last month' },
  ),
  topMembers: Type.Object(
    {
      kind: Type.Literal('topMembers'),
      title,
      limit: Type.Integer({ minimum: 1, maximum: 50, description: 'Members listed' }),
      sort: Type.Optional(
        Type.Enum(Object.keys(MEMBER_SORTS) as (keyof typeof MEMBER_SORTS)[], {
          description: 'revenueMinor when left out',
        }),
      ),
      segment: Type.Optional(Type.Array(Type.Enum(RFM_SEGMENTS), { minItems: 1, maxItems: RFM_SEGMENTS.length })),
    },
    { additionalProperties: false, description: 'The members first by a 360° figure (highest first)' },
  ),
} as const;

export type TileKind = keyof typeof TILE_SCHEMAS;
export const TILE_KINDS = Object.keys(TILE_SCHEMAS) as TileKind[];

export const Tile = Type.Union(Object.values(TILE_SCHEMAS) as TSchema[], {
  description: 'One analytics query; `kind` decides its fields',
});
export type Tile = { [K in TileKind]: Static<(typeof TILE_SCHEMAS)[K]> }[TileKind];

/** Every problem of a tile, with the tile's path as prefix (`body.tiles.0`). */
export function tileErrors(value: unknown, path: string): { path: string; message: string }[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ path, message: 'must be object' }];
  const kind = (value as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !(kind in TILE_SCHEMAS)) {
    return [{ path: `${path}.kind`, message: `must be one of ${TILE_KINDS.join(', ')}` }];
  }
  const schema = TILE_SCHEMAS[kind as TileKind];
  const errors: { path: string; message: string }[] = [];
  for (const e of Value.Errors(schema, value)) {
    const at = `${path}${e.instancePath.replaceAll('/', '.')}`;
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperties?: string[] }).additionalProperties ?? [];
      for (const name of extra) errors.push({ path: `${at}.${name}`, message: 'is not a known field' });
    } else if (e.keyword === 'required') {
      const missing = (e.params as { requiredProperties?: string[] }).requiredProperties ?? [];
      for (const name of missing) errors.push({ path: `${at}.${name}`, message: 'is required' });
    } else if (e.keyword !== 'boolean' && e.keyword !== 'anyOf') {
      errors.push({ path: at, message: e.message });
    }
  }
  if (errors.length === 0 && !Value.Check(schema, value)) errors.push({ path, message: 'is not a valid tile' });
  const range = (value as { range?: { from?: string; to?: string } }).range;
  if (errors.length === 0 && range?.from && range.to && range.from > range.to) {
    errors.push({ path: `${path}.range.to`, message: 'must not be before from' });
  }
  if (errors.some((e) => e.path.startsWith(`${path}.range`)) && range && typeof range === 'object') {
    // A range matches none of its three forms: say which forms there are, once.
    return [
      ...errors.filter((e) => !e.path.startsWith(`${path}.range`)),
      { path: `${path}.range`, message: 'must be { lastDays }, { calendar } or { from, to } with ISO dates' },
    ];
  }
  return errors;
}

// ─── Ranges ──────────────────────────────────────────────────────────────────────────────────────────────────────

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function monthStart(day: string, monthsBack: number): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - monthsBack);
  return d.toISOString().slice(0, 10);
}

/** The calendar day of an instant in a time zone (ISO date). */
export function dayIn(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

/** The dates a tile's range covers for a send on `sendDate` (the day of the send in the report's time zone). */
export function resolveRange(range: TileRange, sendDate: string): { from: string; to: string } {
  if ('from' in range) return { from: range.from, to: range.to };
  const yesterday = addDays(sendDate, -1);
  if ('lastDays' in range) return { from: addDays(sendDate, -range.lastDays), to: yesterday };
  switch (range.calendar) {
    case 'previousWeek': {
      const weekday = (new Date(`${sendDate}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
      const monday = addDays(sendDate, -weekday - 7);
      return { from: monday, to: addDays(monday, 6) };
    }
    case 'previousMonth':
      return { from: monthStart(sendDate, 1), to: addDays(monthStart(sendDate, 0), -1) };
    case 'previousQuarter': {
      const month = Number(sendDate.slice(5, 7)) - 1;
      const thisQuarter = monthStart(sendDate, month % 3);
      return { from: monthStart(thisQuarter, 3), to: addDays(thisQuarter, -1) };
    }
    case 'previousYear': {
      const year = Number(sendDate.slice(0, 4)) - 1;
      return { from: `${year}-01-01`, to: `${year}-12-31` };
    }
  }
}

// ─── Tile data ───────────────────────────────────────────────────────────────────────────────────────────────────

export type CellFormat = 'text' | 'integer' | 'money' | 'percent' | 'number' | 'date';
export type Cell = string | number | null;

/** What a tile shows and its files hold, the same for every recipient: the input of the renderers and of the hash. */
export interface TileData {
  kind: TileKind;
  title: string;
  /** The dates it covers, or its as-of date. */
  subtitle: string;
  currency: string | null;
  /** Headline numbers (the PDF shows them large). */
  figures: { label: string; value: number | null; format: CellFormat; change: number | null }[];
  /** The rows of its CSV file and XLSX sheet (the PDF shows the first ones). */
  table: { columns: { key: string; label: string; format: CellFormat }[]; rows: Record<string, Cell>[] };
  chart: { type: 'bar' | 'line'; labels: string[]; series: { name: string; values: (number | null)[] }[] } | null;
}

const DEFAULT_TITLES: Record<TileKind, string> = {
  overview: 'Overview',
  cohorts: 'Cohort retention',
  rfm: 'RFM segments',
  pointsEconomy: 'Points economy',
  tiers: 'Tiers',
  topMembers: 'Top members',
};

const METRIC_LABELS: Record<(typeof OVERVIEW_METRICS)[number], [string, CellFormat]> = {
  activeMembers: ['Active members', 'integer'],
  memberRevenueMinor: ['Member revenue', 'money'],
  guestRevenueMinor: ['Guest revenue', 'money'],
  memberRevenueShare: ['Member revenue share', 'percent'],
  issuedPoints: ['Points issued', 'integer'],
  redeemedPoints: ['Points redeemed', 'integer'],
  redemptionRate: ['Redemption rate', 'percent'],
  outstandingPoints: ['Outstanding points', 'integer'],
  pointsLiabilityMinor: ['Points liability', 'money'],
  incrementalRevenueMinor: ['Incremental revenue', 'money'],
  totalCostMinor: ['Program cost', 'money'],
  roi: ['ROI', 'number'],
};

const round4 = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000);

/** Reads one tile through the analytics service as the report's tenant. */
export async function runTile(
  analytics: AnalyticsService,
  auth: AuthContext,
  tile: Tile,
  sendDate: string,
): Promise<TileData> {
  const title = tile.title ?? DEFAULT_TITLES[tile.kind];
  switch (tile.kind) {
    case 'overview': {
      const r = resolveRange(tile.range, sendDate);
      const o = await analytics.overview(auth, { ...r, ...(tile.programId && { programId: tile.programId }) });
      const metrics = tile.metrics ?? [...OVERVIEW_METRICS];
      return {
        kind: tile.kind,
        title,
        subtitle: `${r.from} – ${r.to}, against ${o.previous.from} – ${o.previous.to}`,
        currency: o.currency,
        figures: metrics.map((m) => ({
          label: METRIC_LABELS[m][0],
          format: METRIC_LABELS[m][1],
          value: o.metrics[m].current,
          change: round4(o.metrics[m].relativeChange),
        })),
        table: {
          columns: [
            { key: 'metric', label: 'Metric', format: 'text' },
            { key: 'current', label: 'Current', format: 'number' },
            { key: 'previous', label: 'Previous', format: 'number' },
            { key: 'change', label: 'Change', format: 'number' },
            { key: 'relativeChange', label: 'Relative change', format: 'percent' },
          ],
          rows: metrics.map((m) => ({ metric: m, ...o.metrics[m] })),
        },
        chart: {
          type: 'bar',
          labels: metrics.filter((m) => METRIC_LABELS[m][1] === 'percent').map((m) => METRIC_LABELS[m][0]),
          series: [
            {
              name: 'Current',
              values: metrics.filter((m) => METRIC_LABELS[m][1] === 'percent').map((m) => o.metrics[m].current),
            },
            {
              name: 'Previous',
              values: metrics.filter((m) => METRIC_LABELS[m][1] === 'percent').map((m) => o.metrics[m].previous),
            },
          ],
        },
      };
    }
    case 'cohorts': {
      const r = resolveRange(tile.range, sendDate);
      const { cohorts } = await analytics.cohorts(auth, { grain: tile.grain, ...r });
      const rows = cohorts.flatMap((c) =>
        c.periods.map((p) => ({
          cohortStart: c.cohortStart,
          cohortSize: c.cohortSize,
          periodIndex: p.periodIndex,
          periodStart: p.periodStart,
          activeMembers: p.activeMembers,
          retentionRate: p.retentionRate,
          revenueMinor: p.revenueMinor,
        })),
      );
      const periods = Math.max(0, ...cohorts.map((c) => c.periods.length));
      const avg = Array.from({ length: periods }, (_, i) => {
        const rates = cohorts.map((c) => c.periods[i]?.retentionRate).filter((v): v is number => v != null);
        return rates.length ? round4(rates.reduce((a, b) => a + b, 0) / rates.length) : null;
      });
      return {
        kind: tile.kind,
        title,
        subtitle: `cohorts by ${tile.grain}, ${r.from} – ${r.to}`,
        currency: null,
        figures: [
          { label: 'Cohorts', value: cohorts.length, format: 'integer', change: null },
          {
            label: 'Members enrolled',
            value: cohorts.reduce((a, c) => a + c.cohortSize, 0),
            format: 'integer',
            change: null,
          },
          { label: `Retention after 1 ${tile.grain}`, value: avg[1] ?? null, format: 'percent', change: null },
        ],
        table: {
          columns: [
            { key: 'cohortStart', label: 'Cohort', format: 'date' },
            { key: 'cohortSize', label: 'Size', format: 'integer' },
            { key: 'periodIndex', label: 'Period', format: 'integer' },
            { key: 'periodStart', label: 'Period start', format: 'date' },
            { key: 'activeMembers', label: 'Active members', format: 'integer' },
            { key: 'retentionRate', label: 'Retention', format: 'percent' },
            { key: 'revenueMinor', label: 'Revenue', format: 'money' },
          ],
          rows,
        },
        chart: {
          type: 'line',
          labels: avg.map((_, i) => String(i)),
          series: [{ name: 'Average retention', values: avg }],
        },
      };
    }
    case 'rfm': {
      const rfm = await analytics.rfm(auth);
      return {
        kind: tile.kind,
        title,
        subtitle: `as of ${rfm.asOfDate ?? 'no build yet'}`,
        currency: null,
        figures: [{ label: 'Members', value: rfm.members, format: 'integer', change: null }],
        table: {
          columns: [
            { key: 'segment', label: 'Segment', format: 'text' },
            { key: 'members', label: 'Members', format: 'integer' },
            { key: 'share', label: 'Share', format: 'percent' },
            { key: 'avgMonetaryMinor', label: 'Average spend', format: 'money' },
          ],
          rows: rfm.segments.map((s) => ({ ...s })),
        },
        chart: {
          type: 'bar',
          labels: rfm.segments.map((s) => s.segment),
          series: [{ name: 'Members', values: rfm.segments.map((s) => s.members) }],
        },
      };
    }
    case 'pointsEconomy': {
      const r = resolveRange(tile.range, sendDate);
      const pe = await analytics.pointsEconomy(auth, { programId: tile.programId, ...r });
      const t = pe.totals;
      return {
        kind: tile.kind,
        title,
        subtitle: `${r.from} – ${r.to}`,
        currency: pe.currency,
        figures: [
          { label: 'Points issued', value: t?.issuedPoints ?? null, format: 'integer', change: null },
          { label: 'Points redeemed', value: t?.redeemedPoints ?? null, format: 'integer', change: null },
          { label: 'Points expired', value: t?.expiredPoints ?? null, format: 'integer', change: null },
          { label: 'Liability', value: t?.outstandingLiabilityMinor ?? null, format: 'money', change: null },
        ],
        table: {
          columns: [
            { key: 'day', label: 'Day', format: 'date' },
            { key: 'issuedPoints', label: 'Issued', format: 'integer' },
            { key: 'redeemedPoints', label: 'Redeemed', format: 'integer' },
            { key: 'expiredPoints', label: 'Expired', format: 'integer' },
            { key: 'outstandingPoints', label: 'Outstanding', format: 'integer' },
            { key: 'outstandingLiabilityMinor', label: 'Liability', format: 'money' },
            { key: 'breakageRate', label: 'Breakage', format: 'percent' },
          ],
          rows: pe.days.map((d) => ({ ...d })),
        },
        chart: {
          type: 'line',
          labels: pe.days.map((d) => d.day),
          series: [
            { name: 'Issued', values: pe.days.map((d) => d.issuedPoints) },
            { name: 'Redeemed', values: pe.days.map((d) => d.redeemedPoints) },
          ],
        },
      };
    }
    case 'tiers': {
      const r = resolveRange(tile.range, sendDate);
      const t = await analytics.tiers(auth, { programId: tile.programId, ...r });
      const last = t.distribution.at(-1);
      const upgrades = t.movements.filter((m) => m.direction === 'upgrade').reduce((a, m) => a + m.changes, 0);
      const downgrades = t.movements.filter((m) => m.direction === 'downgrade').reduce((a, m) => a + m.changes, 0);
      return {
        kind: tile.kind,
        title,
        subtitle: last ? `at the end of ${last.month.slice(0, 7)}` : `${r.from} – ${r.to}`,
        currency: null,
        figures: [
          { label: 'Upgrades', value: upgrades, format: 'integer', change: null },
          { label: 'Downgrades', value: downgrades, format: 'integer', change: null },
        ],
        table: {
          columns: [
            { key: 'month', label: 'Month', format: 'date' },
            { key: 'tierName', label: 'Tier', format: 'text' },
            { key: 'tierRank', label: 'Rank', format: 'integer' },
            { key: 'members', label: 'Members', format: 'integer' },
            { key: 'share', label: 'Share', format: 'percent' },
          ],
          rows: t.distribution.flatMap((d) =>
            d.tiers.map((x) => ({
              month: d.month,
              tierName: x.tierName,
              tierRank: x.tierRank,
              members: x.members,
              share: x.share,
            })),
          ),
        },
        chart: last
          ? {
              type: 'bar',
              labels: last.tiers.map((x) => x.tierName),
              series: [{ name: 'Members', values: last.tiers.map((x) => x.members) }],
            }
          : null,
      };
    }
    case 'topMembers': {
      const sort = tile.sort ?? 'revenueMinor';
      const { items } = await analytics.members(auth, {
        sort,
        order: 'desc',
        limit: tile.limit,
        ...(tile.segment && { segment: tile.segment }),
      });
      return {
        kind: tile.kind,
        title,
        subtitle: `by ${sort}${tile.segment ? `, ${tile.segment.join(', ')}` : ''}`,
        currency: null,
        figures: [],
        table: {
          columns: [
            { key: 'externalId', label: 'Member', format: 'text' },
            { key: 'rfmSegment', label: 'Segment', format: 'text' },
            { key: 'tierName', label: 'Tier', format: 'text' },
            { key: 'purchases', label: 'Purchases', format: 'integer' },
            { key: 'revenueMinor', label: 'Revenue', format: 'money' },
            { key: 'pointsAvailable', label: 'Points', format: 'integer' },
          ],
          rows: items.map((m) => ({
            externalId: m.externalId,
            rfmSegment: m.rfmSegment,
            tierName: m.tierName,
            purchases: m.purchases,
            revenueMinor: m.revenueMinor,
            pointsAvailable: m.pointsAvailable,
          })),
        },
        chart: null,
      };
    }
  }
}
