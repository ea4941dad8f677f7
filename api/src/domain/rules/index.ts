// The rules engine's public surface: schemas for the JSON format, validation, compilation and evaluation.

export {
  type CapHit,
  type CompiledRuleSet,
  compileRules,
  type EvaluationInput,
  type EvaluationResult,
  evaluate,
  InvalidRuleSetError,
  type PointsLine,
  type ProgramSettings,
  type RewardGrant,
  type RuleTrace,
} from './evaluate.ts';
export type { LineItem, PeriodPoints, RuleEvent, RuleMember } from './event-context.ts';
export type { Rounding } from './integer-math.ts';
export { isValidTimeZone, periodStart } from './local-time.ts';
export {
  Comparison,
  Condition,
  type Effect,
  EffectSchema,
  EventType,
  LIMITS,
  Period,
  RuleBody,
  RuleDefinition,
} from './rules.schemas.ts';
export {
  checkShape,
  type RuleIssue,
  type RuleSetValidation,
  type ValidationOptions,
  validateConditions,
  validateRule,
  validateRuleSet,
} from './validate-rules.ts';
