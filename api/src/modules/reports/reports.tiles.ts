import { OVERVIEW_METRICS } from '@loyaltystudio/warehouse';
import type { AuthContext } from '../../auth/context.ts';
import type { AnalyticsService } from '../analytics/analytics.service.ts';
import { resolveRange } from './reports.tile-ranges.ts';
import type { Tile, TileKind } from './reports.tile-schemas.ts';

/** A tile's data: one analytics query of the api's own service, bound to the report's tenant. */

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
