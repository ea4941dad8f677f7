// The rules engine: a program's rule versions compiled once, then evaluated against one event and one member.
// Order, stacking, caps and rounding are documented in README.md beside this file; keep the two in step.
import { compileCondition, type Test } from './compile-conditions.ts';
import { Catalog, EventContext, type Miss, parseInstant, type RuleEvent, type RuleMember } from './event-context.ts';
import { mulDivRounded, type Rounding } from './integer-math.ts';
import { LIMITS, type Period, type RuleDefinition } from './rules.schemas.ts';
import { type RuleIssue, validateRuleSet } from './validate-rules.ts';

export interface ProgramSettings {
  rounding: Rounding;
  /** Cap on the points of one event after every rule and the tier multiplier; none when null or absent. */
  maxPointsPerEvent?: number | null;
  /** ISO 4217 code: only amounts in this currency earn per-unit points. */
  earningCurrency: string;
}

export interface EvaluationInput {
  program: ProgramSettings;
  event: RuleEvent;
  member: RuleMember;
  /** The tenant's IANA time zone: local days, hours and dates are read in it. */
  timeZone: string;
}

export type CapHit =
  | { cap: 'perEvent'; limit: number }
  | { cap: 'perPeriod'; period: Period; limit: number; earnedBefore: number }
  | { cap: 'pointsLimit'; limit: number };

export interface PointsLine {
  ruleId: string;
  versionId: string;
  /** The rule's points after its own caps, before the tier multiplier and the program cap. */
  points: number;
  /** Present when a cap lowered the line: what it would have been and the caps that bound. */
  capped?: { uncappedPoints: number; by: CapHit[] };
}

export interface RewardGrant {
  ruleId: string;
  versionId: string;
  rewardId: string;
}

/** What happened to one rule. Entries may be shared between results: treat them as read-only. */
export type RuleTrace = Readonly<
  { ruleId: string; versionId: string } & (
    | { outcome: 'applied'; notes?: readonly string[] }
    | { outcome: 'not_matched'; path: string; reason: string }
    | { outcome: 'inactive'; reason: string }
    | { outcome: 'skipped'; reason: string }
  )
>;

export interface EvaluationResult {
  /** Points to credit: a non-negative integer. */
  totalPoints: number;
  /** Sum of the lines. */
  basePoints: number;
  tierMultiplierPct: number;
  /** basePoints after the tier multiplier, before the program cap. */
  tierPoints: number;
  /** Present when the program's maxPointsPerEvent lowered the total. */
  programCap?: { maxPointsPerEvent: number; uncappedPoints: number };
  /** One line per applied rule that earns points, in evaluation order. */
  lines: PointsLine[];
  rewards: RewardGrant[];
  /** Every rule, in evaluation order, with what happened to it. */
  trace: RuleTrace[];
}

type PointEffect =
  | { kind: 'perUnit'; points: number; unitMinor: number }
  | { kind: 'fixed'; points: number }
  | { kind: 'multiplier'; percent: number };

interface CompiledRule {
  id: string;
  versionId: string;
  exclusive: boolean;
  activeFrom: number;
  activeTo: number;
  test: Test;
  /** The miss of a rule whose whole condition is one predicate. */
  rootMiss: Miss | undefined;
  /** Trace entries that never vary, shared by every evaluation. */
  inactive: RuleTrace;
  applied: RuleTrace;
  pointEffects: PointEffect[];
  capPerEvent: number | undefined;
  periodCaps: { period: Period; points: number }[];
  rewardIds: string[];
}

/** A program's rule versions, validated and compiled, in evaluation order. Build once per set of versions. */
export interface CompiledRuleSet {
  readonly rules: readonly CompiledRule[];
  readonly catalog: Catalog;
}

export class InvalidRuleSetError extends Error {
  constructor(readonly issues: RuleIssue[]) {
    super(`Invalid rule set: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidRuleSetError';
  }
}

/**
 * Validates and compiles rule versions. Evaluation order: priority descending, then rule id ascending (by UTF-16
 * code units, the same everywhere), so the result never depends on the order of `rules`.
 */
export function compileRules(rules: readonly RuleDefinition[]): CompiledRuleSet {
  const validation = validateRuleSet(rules);
  if (!validation.ok) throw new InvalidRuleSetError(validation.errors);
  const sorted = [...rules].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const catalog = new Catalog();
  return { rules: sorted.map((rule) => compileRule(rule, catalog)), catalog };
}

function compileRule(rule: RuleDefinition, catalog: Catalog): CompiledRule {
  const ids = { ruleId: rule.id, versionId: rule.versionId };
  const conditions = compileCondition(rule.conditions, 'conditions', { ...ids, catalog });
  const compiled: CompiledRule = {
    id: rule.id,
    versionId: rule.versionId,
    exclusive: rule.stacking === 'exclusive',
    activeFrom: rule.activeFrom === undefined ? -Infinity : Date.parse(rule.activeFrom),
    activeTo: rule.activeTo === undefined ? Infinity : Date.parse(rule.activeTo),
    test: conditions.test,
    rootMiss: conditions.miss,
    inactive: Object.freeze({ ...ids, outcome: 'inactive', reason: 'the event is outside the rule’s active dates' }),
    applied: Object.freeze({ ...ids, outcome: 'applied' }),
    pointEffects: [],
    capPerEvent: undefined,
    periodCaps: [],
    rewardIds: [],
  };
  for (const effect of rule.effects) {
    if ('pointsPerUnit' in effect) compiled.pointEffects.push({ kind: 'perUnit', ...effect.pointsPerUnit });
    else if ('fixedPoints' in effect) compiled.pointEffects.push({ kind: 'fixed', ...effect.fixedPoints });
    else if ('multiplier' in effect) compiled.pointEffects.push({ kind: 'multiplier', ...effect.multiplier });
    else if ('capPerEvent' in effect) compiled.capPerEvent = effect.capPerEvent.points;
    else if ('capPerPeriod' in effect) compiled.periodCaps.push(effect.capPerPeriod);
    else compiled.rewardIds.push(effect.grantReward.rewardId);
  }
  return compiled;
}

/** Evaluates compiled rules for one event. Pure and deterministic; throws only on malformed input values. */
export function evaluate(ruleSet: CompiledRuleSet, input: EvaluationInput): EvaluationResult {
  const { program, event, member, timeZone } = input;
  const epochMs = parseInstant(event.occurredAt, 'event.occurredAt');
  const tierMultiplierPct = member.tierMultiplierPct ?? 100;
  if (!Number.isSafeInteger(tierMultiplierPct) || tierMultiplierPct < 0) {
    throw new RangeError(`member.tierMultiplierPct must be a non-negative integer, not ${tierMultiplierPct}`);
  }
  const ctx = new EventContext(event, member, epochMs, timeZone, ruleSet.catalog);
  const lines: PointsLine[] = [];
  const rewards: RewardGrant[] = [];
  const trace: RuleTrace[] = [];
  let basePoints = 0;
  let exclusiveWinner: CompiledRule | undefined;

  for (const rule of ruleSet.rules) {
    const { id: ruleId, versionId } = rule;
    if (exclusiveWinner) {
      trace.push({ ruleId, versionId, outcome: 'skipped', reason: `exclusive rule ${exclusiveWinner.id} applied` });
      continue;
    }
    if (epochMs < rule.activeFrom || epochMs >= rule.activeTo) {
      trace.push(rule.inactive);
      continue;
    }
    if (!rule.test(ctx)) {
      // A failing combinator always records its miss, so ctx.failed is this rule's when rootMiss is unset.
      trace.push((rule.rootMiss ?? ctx.failed) as Miss);
      continue;
    }
    ctx.notes = undefined;
    if (rule.pointEffects.length) {
      const line = earn(rule, basePoints, program, ctx);
      basePoints += line.points;
      lines.push(line);
    }
    for (const rewardId of rule.rewardIds) rewards.push({ ruleId, versionId, rewardId });
    trace.push(ctx.notes ? { ruleId, versionId, outcome: 'applied', notes: ctx.notes } : rule.applied);
    if (rule.exclusive) exclusiveWinner = rule;
  }

  const tierPoints = Math.min(
    tierMultiplierPct === 100 ? basePoints : mulDivRounded(basePoints, tierMultiplierPct, 100, program.rounding),
    LIMITS.points,
  );
  const max = program.maxPointsPerEvent;
  const result: EvaluationResult = {
    totalPoints: max != null && tierPoints > max ? Math.max(0, max) : tierPoints,
    basePoints,
    tierMultiplierPct,
    tierPoints,
    lines,
    rewards,
    trace,
  };
  if (result.totalPoints < tierPoints)
    result.programCap = { maxPointsPerEvent: max as number, uncappedPoints: tierPoints };
  return result;
}

/** A matched rule's points: its effects in order, then its caps. */
function earn(rule: CompiledRule, earlierPoints: number, program: ProgramSettings, ctx: EventContext): PointsLine {
  const { event } = ctx;
  const by: CapHit[] = [];
  let points = 0;
  for (const effect of rule.pointEffects) {
    if (effect.kind === 'fixed') {
      points += effect.points;
    } else if (effect.kind === 'multiplier') {
      points += mulDivRounded(earlierPoints + points, effect.percent - 100, 100, program.rounding);
    } else if (event.currency !== program.earningCurrency) {
      ctx.note(
        `pointsPerUnit earns nothing: the event currency ${event.currency ?? '(none)'} is not the program’s earning currency ${program.earningCurrency}`,
      );
    } else if (event.amountMinor == null || event.amountMinor <= 0) {
      ctx.note('pointsPerUnit earns nothing: the event has no positive amount');
    } else {
      points += mulDivRounded(event.amountMinor, effect.points, effect.unitMinor, program.rounding);
    }
    if (points > LIMITS.points) {
      points = LIMITS.points;
      if (!by.some((hit) => hit.cap === 'pointsLimit')) by.push({ cap: 'pointsLimit', limit: LIMITS.points });
    }
  }
  const uncappedPoints = points;
  if (rule.capPerEvent !== undefined && points > rule.capPerEvent) {
    points = rule.capPerEvent;
    by.push({ cap: 'perEvent', limit: rule.capPerEvent });
  }
  for (const { period, points: limit } of rule.periodCaps) {
    const earnedBefore = ctx.member.earnedThisPeriodByRule[rule.id]?.[period] ?? 0;
    const remaining = Math.max(0, limit - earnedBefore);
    if (points > remaining) {
      points = remaining;
      by.push({ cap: 'perPeriod', period, limit, earnedBefore });
    }
  }
  const line: PointsLine = { ruleId: rule.id, versionId: rule.versionId, points };
  if (by.length) line.capped = { uncappedPoints, by };
  return line;
}
