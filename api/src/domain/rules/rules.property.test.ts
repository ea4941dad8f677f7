import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules, evaluate } from './evaluate.ts';
import { input, REWARD_IDS, ruleSet, TIME_ZONES } from './rules.arbitraries.ts';
import { type Condition, LIMITS, type RuleDefinition } from './rules.schemas.ts';
import { validateRuleSet } from './validate-rules.ts';

const runs = { numRuns: 300 };

describe('rules engine properties', () => {
  it('validation accepts every generated rule set', () => {
    fc.assert(
      fc.property(ruleSet, fc.constantFrom(...TIME_ZONES), (rules, timeZone) => {
        expect(validateRuleSet(rules, { rewardIds: REWARD_IDS, timeZone })).toEqual({ ok: true, rules });
      }),
      runs,
    );
  });

  it('evaluation never throws and gives non-negative integers within every cap', () => {
    fc.assert(
      fc.property(ruleSet, input, (rules, evaluation) => {
        const result = evaluate(compileRules(rules), evaluation);
        const isPoints = (n: number) => Number.isSafeInteger(n) && n >= 0 && n <= LIMITS.points;
        expect(isPoints(result.totalPoints)).toBe(true);
        expect(result.basePoints).toBe(result.lines.reduce((sum, line) => sum + line.points, 0));
        const max = evaluation.program.maxPointsPerEvent;
        if (max != null) expect(result.totalPoints).toBeLessThanOrEqual(max);
        expect(result.totalPoints).toBeLessThanOrEqual(result.tierPoints);
        for (const line of result.lines) {
          expect(isPoints(line.points)).toBe(true);
          const rule = rules.find((r) => r.id === line.ruleId)!;
          for (const effect of rule.effects) {
            if ('capPerEvent' in effect) expect(line.points).toBeLessThanOrEqual(effect.capPerEvent.points);
            if ('capPerPeriod' in effect) {
              const { period, points } = effect.capPerPeriod;
              const earned = evaluation.member.earnedThisPeriodByRule[rule.id]?.[period] ?? 0;
              expect(line.points).toBeLessThanOrEqual(Math.max(0, points - earned));
            }
          }
        }
        expect(result.trace).toHaveLength(rules.length);
      }),
      runs,
    );
  });

  it('the result does not depend on the order of the rules', () => {
    fc.assert(
      fc.property(
        ruleSet.chain((rules) => fc.tuple(fc.constant(rules), fc.shuffledSubarray(rules, { minLength: rules.length }))),
        input,
        ([rules, shuffled], evaluation) => {
          expect(evaluate(compileRules(shuffled), evaluation)).toEqual(evaluate(compileRules(rules), evaluation));
        },
      ),
      runs,
    );
  });

  it('validation rejects a broken node anywhere, with its path', () => {
    const broken = ruleSet
      .filter((rules) => rules.length > 0)
      .chain((rules) =>
        fc.tuple(
          fc.constant(rules),
          fc.nat(rules.length - 1),
          fc.nat(),
          fc.constantFrom(...MUTATIONS.map((_, i) => i)),
        ),
      );
    fc.assert(
      fc.property(broken, ([rules, ruleIndex, pick, mutation]) => {
        const copy = structuredClone(rules);
        const rule = copy[ruleIndex]!;
        const expectedPath = MUTATIONS[mutation]!(rule, pick);
        const result = validateRuleSet(copy);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors.map((e) => e.path)).toContain(`rules[${ruleIndex}]${expectedPath}`);
      }),
      runs,
    );
  });
});

/** Each mutation breaks one node of a valid rule and returns the path (within the rule) an error must name. */
const MUTATIONS: ((rule: RuleDefinition, pick: number) => string)[] = [
  // a predicate deep in the tree gets an impossible bound
  (rule, pick) => {
    const nodes = conditionNodes(rule.conditions, '.conditions');
    const [path, node] = nodes[pick % nodes.length]!;
    for (const key of Object.keys(node)) delete (node as Record<string, unknown>)[key];
    Object.assign(node, { amount: { gte: -5 } });
    return `${path}.amount.gte`;
  },
  // an hours window with an unreadable end, added beside the existing conditions
  (rule) => {
    rule.conditions = { all: [rule.conditions, { hours: { from: '18:00', to: 'late' } }] };
    return '.conditions.all[1].hours.to';
  },
  (rule, pick) => {
    const nodes = conditionNodes(rule.conditions, '.conditions');
    const [path, node] = nodes[pick % nodes.length]!;
    (node as Record<string, unknown>).extra = true;
    return path;
  },
  (rule) => {
    rule.effects.push({ fixedPoints: { points: 0 } });
    return `.effects[${rule.effects.length - 1}].fixedPoints.points`;
  },
  (rule) => {
    rule.effects.push({ grantReward: { rewardId: '' } });
    return `.effects[${rule.effects.length - 1}].grantReward.rewardId`;
  },
  (rule) => {
    rule.priority = 1.5;
    return '.priority';
  },
  (rule) => {
    rule.activeFrom = '2027-01-01T00:00:00Z';
    rule.activeTo = '2026-01-01T00:00:00Z';
    return '.activeTo';
  },
];

/** Every condition node with its path, depth first. */
function conditionNodes(node: Condition, path: string): [string, Condition][] {
  const [key, value] = Object.entries(node)[0]!;
  const here: [string, Condition] = [path, node];
  if (key === 'not') return [here, ...conditionNodes(value as Condition, `${path}.not`)];
  if (key === 'all' || key === 'any') {
    return [here, ...(value as Condition[]).flatMap((child, i) => conditionNodes(child, `${path}.${key}[${i}]`))];
  }
  return [here];
}
