// Validation of a campaign's settings: every problem, each with the JSON path to the bad field and a message a
// marketer can act on. Shapes come from the TypeBox schemas; meaning (arms adding up to 100, a window that ends
// after it starts, conditions the rules engine accepts) is checked here.
import { type TSchema, Type } from 'typebox';
import { checkShape, type RuleIssue, validateConditions } from '../rules/index.ts';
import {
  CAMPAIGN_TYPES,
  type CampaignType,
  CONFIGS,
  HOLDOUT,
  MAX_HOLDOUT_PERCENT,
  MAX_VARIANTS,
  type TimeWindow,
  type Variant,
} from './campaigns.schemas.ts';

export type CampaignIssue = RuleIssue;

/** The settings validation looks at; paths are reported under `path` with these field names. */
export interface CampaignSettings {
  type: CampaignType;
  config: unknown;
  schedule: { startsAt: string; endsAt: string; windows?: unknown };
  variants: unknown;
  holdoutPercent: number;
}

/** Each type's config with its conditions left to validateConditions, which reports precise paths in the tree. */
const CONFIG_SHAPES = Object.fromEntries(
  CAMPAIGN_TYPES.map((type) => [
    type,
    Type.Object(
      { ...CONFIGS[type].properties, conditions: Type.Optional(Type.Unknown()) },
      { additionalProperties: false },
    ),
  ]),
) as unknown as Record<CampaignType, TSchema>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The config an arm runs with: the campaign's, with the arm's overrides on top. */
export function armConfig(config: Record<string, unknown>, variant: Pick<Variant, 'config'>): Record<string, unknown> {
  return variant.config ? { ...config, ...variant.config } : config;
}

function checkConfig(type: CampaignType, config: unknown, path: string, issues: CampaignIssue[]): boolean {
  if (!isObject(config)) {
    issues.push({ path, message: `must be the settings of a ${type} campaign` });
    return false;
  }
  const before = issues.length;
  checkShape(CONFIG_SHAPES[type], config, path, issues);
  if (config.conditions !== undefined) issues.push(...validateConditions(config.conditions, `${path}.conditions`));
  return issues.length === before;
}

function checkWindows(windows: unknown, path: string, issues: CampaignIssue[]): void {
  if (windows === undefined) return;
  if (!Array.isArray(windows)) {
    issues.push({ path, message: 'must be a list of time windows' });
    return;
  }
  windows.forEach((window: unknown, i) => {
    const at = `${path}[${i}]`;
    const before = issues.length;
    checkShape(
      Type.Object(
        {
          days: Type.Optional(Type.Array(Type.Unknown())),
          from: Type.String(),
          to: Type.String(),
        },
        { additionalProperties: true },
      ),
      window,
      at,
      issues,
    );
    if (issues.length !== before) return;
    const { from, to } = window as TimeWindow;
    if (from === to)
      issues.push({ path: `${at}.to`, message: `must differ from "from" (${from}): the window is empty` });
  });
}

function checkVariants(variants: unknown, path: string, issues: CampaignIssue[]): variants is Variant[] {
  if (!Array.isArray(variants) || variants.length === 0) {
    issues.push({ path, message: 'must list at least one arm' });
    return false;
  }
  if (variants.length > MAX_VARIANTS) {
    issues.push({ path, message: `lists ${variants.length} arms; at most ${MAX_VARIANTS}` });
    return false;
  }
  const firstIndexOfKey = new Map<string, number>();
  let total = 0;
  let shapesOk = true;
  variants.forEach((variant: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(variant) || typeof variant.key !== 'string' || typeof variant.percent !== 'number') {
      shapesOk = false;
      return;
    }
    total += variant.percent;
    if (variant.key === HOLDOUT) {
      issues.push({ path: `${at}.key`, message: `"${HOLDOUT}" names the held-out members; choose another key` });
    }
    const first = firstIndexOfKey.get(variant.key);
    if (first === undefined) firstIndexOfKey.set(variant.key, i);
    else issues.push({ path: `${at}.key`, message: `"${variant.key}" is already the key of variants[${first}]` });
  });
  if (shapesOk && total !== 100) {
    issues.push({ path, message: `the arms' percentages add up to ${total}%; they must add up to 100%` });
  }
  return shapesOk;
}

/**
 * Every problem with a campaign's settings, paths under `path` (e.g. `body`). The schema has checked the types of
 * the top-level fields; the config (its shape depends on the type), the arms and the windows are checked here.
 */
export function validateCampaign(settings: CampaignSettings, path = 'body'): CampaignIssue[] {
  const issues: CampaignIssue[] = [];
  const { type, config, schedule, variants, holdoutPercent } = settings;
  const startsAt = Date.parse(schedule.startsAt);
  const endsAt = Date.parse(schedule.endsAt);
  if (!(endsAt > startsAt)) {
    issues.push({ path: `${path}.schedule.endsAt`, message: `must be later than startsAt (${schedule.startsAt})` });
  }
  checkWindows(schedule.windows, `${path}.schedule.windows`, issues);
  if (!Number.isInteger(holdoutPercent) || holdoutPercent < 0 || holdoutPercent > MAX_HOLDOUT_PERCENT) {
    issues.push({ path: `${path}.holdoutPercent`, message: `must be a whole number from 0 to ${MAX_HOLDOUT_PERCENT}` });
  }
  const configOk = checkConfig(type, config, `${path}.config`, issues);
  if (checkVariants(variants, `${path}.variants`, issues) && configOk) {
    // Each arm's overrides, merged, must make a valid config of the type.
    variants.forEach((variant, i) => {
      if (!variant.config) return;
      const at = `${path}.variants[${i}].config`;
      const merged: CampaignIssue[] = [];
      checkConfig(type, armConfig(config as Record<string, unknown>, variant), at, merged);
      // The merged config's paths name fields of the arm's overrides, where the marketer wrote them.
      issues.push(...merged);
    });
  }
  return issues;
}
