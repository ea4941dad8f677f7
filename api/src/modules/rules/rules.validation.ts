// Rule bodies and draft rule sets checked by the rules engine, with paths prefixed as the api reports them
// (`body.conditions.all[1].hours.from`). Pure: the routes run it before the schema, the service again with the
// program's reward ids.
import { type RuleDefinition, type RuleIssue, validateRule, validateRuleSet } from '../../domain/rules/index.ts';

const INT32_MAX = 2_147_483_647;
const MAX_NAME = 200;
/** Ids the api assigns: a body never carries them. */
const ASSIGNED = ['id', 'versionId', 'version'] as const;

/** Bounds of the columns rules are stored in, which the engine's schema leaves open. */
function storageIssues(rule: Record<string, unknown>, path: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (typeof rule.priority === 'number' && Math.abs(rule.priority) > INT32_MAX) {
    issues.push({ path: `${path}.priority`, message: `must be between -${INT32_MAX} and ${INT32_MAX}` });
  }
  if (typeof rule.name === 'string' && rule.name.length > MAX_NAME) {
    issues.push({ path: `${path}.name`, message: `must be at most ${MAX_NAME} characters` });
  }
  return issues;
}

/** Problems with one rule as a create or edit body carries it. */
export function ruleBodyIssues(body: unknown, rewardIds?: readonly string[]): RuleIssue[] {
  const issues = validateRule(body, rewardIds ? { rewardIds } : {}, 'body');
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const rule = body as Record<string, unknown>;
    for (const key of ASSIGNED) {
      if (key in rule) issues.push({ path: `body.${key}`, message: 'is assigned by Monet; leave it out' });
    }
    issues.push(...storageIssues(rule, 'body'));
  }
  return issues;
}

/** A draft rule as a simulation takes it: a rule body with an optional id. */
export interface DraftRuleInput {
  id?: string;
  [field: string]: unknown;
}

/**
 * A draft rule set as the engine runs it: each rule keeps its id (the rule it replaces) or becomes `draft-N`, and
 * carries the version id `draft`. Problems come back with paths under `body.rules`.
 */
export function draftRuleSet(
  rules: unknown,
  rewardIds?: readonly string[],
): { ok: true; rules: RuleDefinition[] } | { ok: false; errors: RuleIssue[] } {
  if (!Array.isArray(rules)) return { ok: false, errors: [{ path: 'body.rules', message: 'must be a list of rules' }] };
  const definitions = rules.map((rule: unknown, i) =>
    typeof rule === 'object' && rule !== null && !Array.isArray(rule)
      ? { id: `draft-${i + 1}`, ...(rule as DraftRuleInput), versionId: 'draft', version: 1 }
      : rule,
  );
  const validation = validateRuleSet(definitions, rewardIds ? { rewardIds } : {});
  const errors = [
    ...(validation.ok ? [] : validation.errors),
    ...rules.flatMap((rule: unknown, i) =>
      typeof rule === 'object' && rule !== null ? storageIssues(rule as Record<string, unknown>, `rules[${i}]`) : [],
    ),
  ].map((issue) => ({ ...issue, path: `body.${issue.path}` }));
  for (const [i, rule] of rules.entries()) {
    for (const key of ['versionId', 'version'] as const) {
      if (typeof rule === 'object' && rule !== null && key in rule) {
        errors.push({ path: `body.rules[${i}].${key}`, message: 'is assigned by Monet; leave it out' });
      }
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, rules: definitions as RuleDefinition[] };
}
