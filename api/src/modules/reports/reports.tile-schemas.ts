import { MEMBER_SORTS, OVERVIEW_METRICS, RFM_SEGMENTS } from '@loyaltystudio/warehouse';
import { type Static, type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';

/**
 * A report's tiles: each one analytics query of the api's own service, with a range relative to the send date.
 * A tile is validated here, kind by kind, so a bad field is named by its path (`body.tiles.2.programId`) rather than
 * "matches no alternative"; `runTile` (reports.tiles.ts) reads it through the analytics service.
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
