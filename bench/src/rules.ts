import {
  compileRules,
  type EvaluationInput,
  evaluate,
  type RuleDefinition,
  type RuleEvent,
  type RuleMember,
} from '@loyaltystudio/api/core';
import { printTable, writeResults } from './results.ts';

// The rules engine on a realistic 50-rule program over a pool of varied events and members. Reference, measured in
// the same run: JSON.parse of each event's request body, work the api does for every event anyway, so the ratio
// reads "evaluating the program costs N body parses".

const POOL = 1024;
const RUN_MS = 1500;
const TIME_ZONE = 'Europe/Paris';
const TIERS = ['silver', 'gold', 'platinum'];
const CATEGORIES = Array.from({ length: 20 }, (_, i) => `cat-${i}`);
const SKUS = Array.from({ length: 200 }, (_, i) => `sku-${i}`);

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same program and events. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const some = <T>(items: readonly T[], n: number): T[] => Array.from({ length: n }, () => pick(items));
  return { next, int, pick, some };
}

export function benchProgram(): RuleDefinition[] {
  const r = random(7);
  const rules: Omit<RuleDefinition, 'id' | 'versionId' | 'version'>[] = [
    {
      name: 'Base earning',
      priority: 100,
      stacking: 'stackable',
      conditions: { eventType: { in: ['purchase'] } },
      effects: [{ pointsPerUnit: { points: 1, unitMinor: 100 } }],
    },
    {
      name: 'Welcome',
      priority: 200,
      stacking: 'exclusive',
      conditions: { eventType: { in: ['signup'] } },
      effects: [{ fixedPoints: { points: 100 } }],
    },
    {
      name: 'First purchase',
      priority: 90,
      stacking: 'stackable',
      conditions: { firstPurchase: true },
      effects: [{ fixedPoints: { points: 500 } }],
    },
    {
      name: 'Tenth order',
      priority: 90,
      stacking: 'stackable',
      conditions: { purchaseNumber: { eq: 10 } },
      effects: [{ grantReward: { rewardId: 'free-coffee' } }],
    },
  ];
  for (let i = 0; i < 8; i++) {
    rules.push({
      name: `Category bonus ${i}`,
      priority: 50,
      stacking: 'stackable',
      conditions: {
        all: [{ currency: { in: ['EUR'] } }, { lineItem: { categoryIn: r.some(CATEGORIES, 2), minAmountMinor: 1000 } }],
      },
      effects: [{ pointsPerUnit: { points: 2, unitMinor: 100 } }, { capPerEvent: { points: 200 } }],
    });
  }
  for (let i = 0; i < 10; i++) {
    rules.push({
      name: `SKU promotion ${i}`,
      priority: 40,
      stacking: 'stackable',
      activeFrom: '2026-01-01T00:00:00Z',
      activeTo: i % 2 ? '2026-07-01T00:00:00Z' : '2027-01-01T00:00:00Z',
      conditions: { lineItem: { skuIn: r.some(SKUS, 5), minQuantity: 2 } },
      effects: [{ fixedPoints: { points: r.int(20, 100) } }, { capPerPeriod: { period: 'month', points: 400 } }],
    });
  }
  for (let i = 0; i < 5; i++) {
    rules.push({
      name: `Happy hour ${i}`,
      priority: 10,
      stacking: 'stackable',
      conditions: {
        all: [
          { eventType: { in: ['purchase'] } },
          { dayOfWeek: { in: r.some(['mon', 'tue', 'wed', 'thu', 'fri'] as const, 2) } },
          { hours: { from: `${r.int(16, 18)}:00`, to: `${r.int(19, 22)}:30` } },
        ],
      },
      effects: [{ multiplier: { percent: 150 } }, { capPerPeriod: { period: 'day', points: 300 } }],
    });
  }
  for (let i = 0; i < 5; i++) {
    rules.push({
      name: `App order ${i}`,
      priority: 30,
      stacking: 'stackable',
      conditions: { all: [{ channel: { in: ['app'] } }, { amount: { gte: 2000 * (i + 1) } }] },
      effects: [{ fixedPoints: { points: 25 * (i + 1) } }],
    });
  }
  for (let i = 0; i < 4; i++) {
    rules.push({
      name: `Tier season ${i}`,
      priority: 5,
      stacking: 'stackable',
      conditions: {
        all: [
          { tier: { in: TIERS.slice(i % 3) } },
          {
            dates: {
              from: `2026-${String(1 + i * 3).padStart(2, '0')}-01`,
              to: `2026-${String(3 + i * 3).padStart(2, '0')}-28`,
            },
          },
        ],
      },
      effects: [{ multiplier: { percent: 120 } }],
    });
  }
  for (let i = 0; i < 5; i++) {
    rules.push({
      name: `Audience ${i}`,
      priority: 20,
      stacking: 'stackable',
      conditions: {
        any: [
          { memberAttribute: { key: 'city', equals: r.pick(['Paris', 'Lyon', 'Lille', 'Nantes']) } },
          { tags: { hasAny: [`tag-${i}`, `tag-${i + 5}`] } },
          { all: [{ memberAttribute: { key: 'age', gte: 60 } }, { not: { channel: { in: ['store'] } } }] },
        ],
      },
      effects: [{ fixedPoints: { points: 10 } }, { capPerPeriod: { period: 'week', points: 50 } }],
    });
  }
  for (let i = 0; i < 3; i++) {
    rules.push({
      name: `Review ${i}`,
      priority: 60,
      stacking: 'stackable',
      conditions: { customType: { in: [`review.${i}`, 'review.posted'] } },
      effects: [{ fixedPoints: { points: 20 } }, { capPerPeriod: { period: 'month', points: 100 } }],
    });
  }
  for (let i = 0; i < 2; i++) {
    rules.push({
      name: `New member boost ${i}`,
      priority: 1,
      stacking: 'stackable',
      conditions: { daysSinceEnrolment: { lte: 30 * (i + 1) } },
      effects: [{ multiplier: { percent: 200 } }, { capPerEvent: { points: 1000 } }],
    });
  }
  for (let i = 0; i < 4; i++) {
    rules.push({
      name: `VIP night ${i}`,
      priority: 150,
      stacking: 'exclusive',
      conditions: {
        all: [
          { memberAttribute: { key: 'vip', equals: true } },
          { eventAttribute: { key: 'event', in: [`gala-${i}`] } },
          { hours: { from: '22:00', to: '02:00' } },
        ],
      },
      effects: [{ pointsPerUnit: { points: 5, unitMinor: 100 } }, { grantReward: { rewardId: 'vip-gift' } }],
    });
  }
  return rules.map((rule, i) => ({
    id: `rule-${String(i).padStart(2, '0')}`,
    versionId: `v-${i}`,
    version: 1,
    ...rule,
  }));
}

export function benchInputs(count: number): EvaluationInput[] {
  const r = random(11);
  const year = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (): EvaluationInput => {
    const roll = r.next();
    const type = roll < 0.8 ? 'purchase' : roll < 0.85 ? 'refund' : roll < 0.9 ? 'signup' : 'custom';
    const lineItems = Array.from({ length: type === 'purchase' ? r.int(1, 5) : 0 }, () => ({
      sku: r.pick(SKUS),
      category: r.pick(CATEGORIES),
      quantity: r.int(1, 4),
      amountMinor: r.int(100, 20_000),
    }));
    const event: RuleEvent = {
      type,
      customType: type === 'custom' ? r.pick(['review.posted', 'review.1', 'quiz.done']) : null,
      occurredAt: new Date(year + r.int(0, 364 * 86_400) * 1000).toISOString(),
      amountMinor: type === 'purchase' || type === 'refund' ? lineItems.reduce((s, l) => s + l.amountMinor, 0) : null,
      currency: r.next() < 0.95 ? 'EUR' : 'USD',
      channel: r.pick(['web', 'app', 'store']),
      lineItems,
      attributes: r.next() < 0.1 ? { event: 'gala-1' } : {},
    };
    const earned = { day: r.int(0, 300), week: r.int(0, 400), month: r.int(0, 500), year: r.int(0, 2000) };
    const member: RuleMember = {
      tierId: r.next() < 0.6 ? r.pick(TIERS) : null,
      tierMultiplierPct: r.pick([100, 100, 125, 150]),
      attributes: {
        city: r.pick(['Paris', 'Lyon', 'Lille', 'Nantes', 'Brest']),
        age: r.int(18, 80),
        vip: r.next() < 0.1,
      },
      tags: r.some(['tag-1', 'tag-3', 'tag-8', 'newsletter', 'b2b'], r.int(0, 3)),
      enrolledAt: new Date(year - r.int(0, 400) * 86_400_000).toISOString(),
      priorPurchaseCount: r.int(0, 30),
      earnedThisPeriodByRule: { 'rule-20': earned, 'rule-30': earned, 'rule-41': earned },
    };
    return {
      program: { rounding: 'floor', maxPointsPerEvent: 5000, earningCurrency: 'EUR' },
      event,
      member,
      timeZone: TIME_ZONE,
    };
  });
}

/** Operations per second over the pool: best of three runs of RUN_MS each, after a warm-up. */
function rate(pool: number, run: (i: number) => number): number {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += run(i % pool);
  let best = 0;
  for (let round = 0; round < 3; round++) {
    let done = 0;
    const t0 = performance.now();
    let elapsed = 0;
    while (elapsed < RUN_MS) {
      for (let i = 0; i < pool; i++) sink += run(i);
      done += pool;
      elapsed = performance.now() - t0;
    }
    best = Math.max(best, done / (elapsed / 1000));
  }
  if (sink === -1) console.log(sink); // keeps the work observable
  return best;
}

export async function benchRules(): Promise<Record<string, number>> {
  const rules = benchProgram();
  const inputs = benchInputs(POOL);
  const bodies = inputs.map((input) => JSON.stringify(input.event));

  const compileStart = performance.now();
  const COMPILES = 200;
  for (let i = 0; i < COMPILES; i++) compileRules(rules);
  const compileMs = (performance.now() - compileStart) / COMPILES;

  const compiled = compileRules(rules);
  const evaluations = rate(POOL, (i) => evaluate(compiled, inputs[i]!).totalPoints);
  const parses = rate(POOL, (i) => (JSON.parse(bodies[i]!) as { lineItems: unknown[] }).lineItems.length);
  const results = inputs.map((input) => evaluate(compiled, input));
  const matched = results.reduce((n, r) => n + r.trace.filter((t) => t.outcome === 'applied').length, 0) / POOL;

  const figures = {
    rules: rules.length,
    evaluations_per_s: Math.round(evaluations),
    json_parse_per_s: Math.round(parses),
    evaluation_cost_in_json_parses: parses / evaluations,
    rules_applied_per_event: matched,
    compile_ms: compileMs,
  };
  printTable(`Rules engine: ${rules.length} rules, ${POOL} varied events (${TIME_ZONE})`, [
    ['evaluations (target >= 200000)', figures.evaluations_per_s, '/s'],
    ['reference: JSON.parse of the event body', figures.json_parse_per_s, '/s'],
    ['one evaluation costs', figures.evaluation_cost_in_json_parses, 'parses'],
    ['rules applied per event', figures.rules_applied_per_event, ''],
    ['compileRules (validate + compile)', figures.compile_ms, 'ms'],
  ]);
  writeResults('rules', figures);
  return figures;
}
