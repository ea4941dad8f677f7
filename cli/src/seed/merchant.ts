import type { CreateProgram, CreateReward, CreateTier, RuleBody } from '@loyaltystudio/api/core';

/** The demo merchant every seed creates: a Paris coffee chain with one program. */
export const DEMO_TENANT = {
  name: 'Demo Coffee Co.',
  slug: 'demo-coffee-co',
  timeZone: 'Europe/Paris',
  currency: 'EUR',
  ownerEmail: 'owner@demo-coffee.example',
} as const;

export const DEMO_PROGRAM: CreateProgram = {
  name: 'Coffee Club',
  pointsName: 'Beans',
  earningCurrency: 'EUR',
  rounding: 'floor',
  expiryPolicy: 'never',
  expiryValue: null,
  minRedemption: 0,
  maxPointsPerEvent: 5_000,
  moneyValuePer1000Points: 1_000,
};

/** The three rules; `activeFrom` is set to the start of the seeded period so back-dated events earn. */
export function demoRules(activeFrom: string): RuleBody[] {
  return [
    {
      name: '1 bean per euro',
      priority: 10,
      stacking: 'stackable',
      activeFrom,
      conditions: { all: [{ eventType: { in: ['purchase'] } }] },
      effects: [{ pointsPerUnit: { points: 1, unitMinor: 100 } }],
    },
    {
      name: 'Weekend pastry bonus',
      priority: 5,
      stacking: 'stackable',
      activeFrom,
      conditions: {
        all: [
          { eventType: { in: ['purchase'] } },
          { dayOfWeek: { in: ['sat', 'sun'] } },
          { lineItem: { categoryIn: ['pastry'] } },
        ],
      },
      effects: [{ fixedPoints: { points: 10 } }],
    },
    {
      name: 'Welcome beans',
      priority: 1,
      stacking: 'stackable',
      activeFrom,
      conditions: { all: [{ eventType: { in: ['signup'] } }] },
      effects: [{ fixedPoints: { points: 50 } }],
    },
  ];
}

export const DEMO_TIERS: CreateTier[] = [
  { name: 'Green', rank: 1, qualification: 'lifetime_points', threshold: 0, earnMultiplierPct: 100 },
  { name: 'Silver', rank: 2, qualification: 'lifetime_points', threshold: 300, earnMultiplierPct: 125 },
  { name: 'Gold', rank: 3, qualification: 'lifetime_points', threshold: 1_000, earnMultiplierPct: 150 },
];

export const DEMO_REWARDS: CreateReward[] = [
  { name: 'Free espresso', kind: 'free_item', sku: 'ESPRESSO', costPoints: 150, currency: 'EUR', costMinor: 40 },
  {
    name: '€5 off',
    kind: 'discount_amount',
    discountAmountMinor: 500,
    costPoints: 400,
    currency: 'EUR',
    costMinor: 500,
  },
  { name: 'Coffee Club mug', kind: 'free_item', sku: 'MUG', costPoints: 1_200, currency: 'EUR', costMinor: 600 },
];

export interface CatalogItem {
  sku: string;
  category: 'coffee' | 'tea' | 'pastry' | 'beans';
  unitAmountMinor: number;
  /** Relative popularity. */
  weight: number;
}

export const CATALOG: readonly CatalogItem[] = [
  { sku: 'ESPRESSO', category: 'coffee', unitAmountMinor: 220, weight: 20 },
  { sku: 'LATTE-M', category: 'coffee', unitAmountMinor: 420, weight: 25 },
  { sku: 'CAPPUCCINO', category: 'coffee', unitAmountMinor: 390, weight: 18 },
  { sku: 'FLAT-WHITE', category: 'coffee', unitAmountMinor: 430, weight: 10 },
  { sku: 'CHAI', category: 'tea', unitAmountMinor: 410, weight: 6 },
  { sku: 'CROISSANT', category: 'pastry', unitAmountMinor: 180, weight: 14 },
  { sku: 'PAIN-CHOC', category: 'pastry', unitAmountMinor: 200, weight: 10 },
  { sku: 'BEANS-250G', category: 'beans', unitAmountMinor: 1_290, weight: 3 },
];
