import { describe, expect, it } from 'vitest';
import type { RuleEvent, RuleMember } from '../rules/index.ts';
import type { CampaignDefinition } from './campaigns.schemas.ts';
import { type CampaignEvaluationInput, compileCampaign, evaluateSeat, type SeatState } from './evaluate-campaign.ts';
import { type CampaignSettings, validateCampaign } from './validate-campaign.ts';

const settings = (changes: Partial<CampaignSettings> = {}): CampaignSettings => ({
  type: 'multiplier',
  config: { percent: 200 },
  schedule: { startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-04-01T00:00:00Z' },
  variants: [{ key: 'treatment', percent: 100 }],
  holdoutPercent: 10,
  ...changes,
});

describe('campaign validation', () => {
  it('accepts a valid campaign of each type', () => {
    expect(validateCampaign(settings())).toEqual([]);
    expect(
      validateCampaign(
        settings({
          type: 'fixed_bonus',
          config: { points: 50, maxAwardsPerMember: 1, conditions: { eventType: { in: ['signup'] } } },
        }),
      ),
    ).toEqual([]);
    expect(
      validateCampaign(
        settings({ type: 'reward_grant', config: { rewardId: '7c9e6679-7425-40de-944b-e07fc1f90ae7' } }),
      ),
    ).toEqual([]);
    expect(
      validateCampaign(settings({ type: 'spend_threshold', config: { spendMinor: 5000, points: 250, repeat: true } })),
    ).toEqual([]);
  });

  it('refuses arms that do not add up to 100%, with the path', () => {
    expect(
      validateCampaign(
        settings({
          variants: [
            { key: 'a', percent: 50 },
            { key: 'b', percent: 40 },
          ],
        }),
      ),
    ).toEqual([{ path: 'body.variants', message: "the arms' percentages add up to 90%; they must add up to 100%" }]);
  });

  it('refuses a window that ends before it starts, an empty time window, a repeated or reserved arm key', () => {
    const issues = validateCampaign(
      settings({
        schedule: {
          startsAt: '2026-03-01T00:00:00Z',
          endsAt: '2026-02-01T00:00:00Z',
          windows: [{ from: '10:00', to: '10:00' }],
        },
        variants: [
          { key: 'a', percent: 50 },
          { key: 'a', percent: 25 },
          { key: 'holdout', percent: 25 },
        ],
      }),
    );
    expect(issues).toEqual([
      { path: 'body.schedule.endsAt', message: 'must be later than startsAt (2026-03-01T00:00:00Z)' },
      { path: 'body.schedule.windows[0].to', message: 'must differ from "from" (10:00): the window is empty' },
      { path: 'body.variants[1].key', message: '"a" is already the key of variants[0]' },
      { path: 'body.variants[2].key', message: '"holdout" names the held-out members; choose another key' },
    ]);
  });

  it("checks the type's config, its conditions with the rules engine's paths, and each arm's overrides", () => {
    expect(validateCampaign(settings({ config: { percent: 100, bonus: 1 } }))).toEqual([
      { path: 'body.config.bonus', message: 'is not a known field; known: percent, conditions' },
      { path: 'body.config.percent', message: 'must be at least 101' },
    ]);
    expect(
      validateCampaign(settings({ config: { percent: 200, conditions: { all: [{ hours: { from: '25:00' } }] } } })),
    ).toEqual([
      { path: 'body.config.conditions.all[0].hours.to', message: 'is required' },
      { path: 'body.config.conditions.all[0].hours.from', message: 'must be a time as HH:MM between 00:00 and 23:59' },
    ]);
    expect(
      validateCampaign(
        settings({
          variants: [
            { key: 'a', percent: 50 },
            { key: 'b', percent: 50, config: { percent: 50 } },
          ],
        }),
      ),
    ).toEqual([{ path: 'body.variants[1].config.percent', message: 'must be at least 101' }]);
    expect(validateCampaign(settings({ type: 'spend_threshold', config: { points: 10 } }))).toEqual([
      { path: 'body.config.spendMinor', message: 'is required' },
    ]);
  });
});

const member: RuleMember = {
  attributes: { city: 'Paris' },
  tags: [],
  enrolledAt: '2026-01-01T00:00:00.000Z',
  priorPurchaseCount: 3,
  earnedThisPeriodByRule: {},
};
const purchase = (occurredAt: string, amountMinor = 2_000): RuleEvent => ({
  type: 'purchase',
  occurredAt,
  amountMinor,
  currency: 'EUR',
  lineItems: [],
  attributes: {},
});
const input = (event: RuleEvent, rulePoints = 20): CampaignEvaluationInput => ({
  event,
  member,
  timeZone: 'Europe/Paris',
  rulePoints,
  program: { rounding: 'floor', earningCurrency: 'EUR' },
});
const definition = (changes: Partial<CampaignDefinition> = {}): CampaignDefinition => ({
  id: 'c1',
  type: 'multiplier',
  config: { percent: 200 },
  startsAt: '2026-03-01T00:00:00.000Z',
  endsAt: '2026-12-01T00:00:00.000Z',
  windows: [],
  variants: [{ key: 'treatment', percent: 100 }],
  holdoutPercent: 0,
  ...changes,
});
const fresh: SeatState = { awards: 0, progressMinor: 0 };

describe('campaign evaluation', () => {
  it('multiplies the rule points inside the window only, for the arm only, with per-arm overrides', () => {
    const c = compileCampaign(
      definition({
        variants: [
          { key: 'a', percent: 50 },
          { key: 'b', percent: 50, config: { percent: 150 } },
        ],
      }),
    );
    const e = input(purchase('2026-06-03T10:00:00.000Z'), 21);
    expect(evaluateSeat(c, 'a', e, fresh)).toMatchObject({ points: 21, seat: fresh });
    expect(evaluateSeat(c, 'b', e, fresh)).toMatchObject({ points: 10 }); // floor(21 × 50%)
    expect(evaluateSeat(c, 'holdout', e, fresh)).toBeNull();
    expect(evaluateSeat(c, 'a', input(purchase('2026-02-28T23:59:59.999Z')), fresh)).toBeNull();
    expect(evaluateSeat(c, 'a', input(purchase('2026-12-01T00:00:00.000Z')), fresh)).toBeNull();
    expect(evaluateSeat(c, 'a', input(purchase('2026-06-03T10:00:00.000Z'), 0), fresh)).toBeNull();
  });

  it("reads time-of-day windows in the tenant's zone across DST, as the rules engine does", () => {
    const c = compileCampaign(definition({ windows: [{ days: ['sun'], from: '01:00', to: '04:00' }] }));
    // 2026-03-29, Paris: 02:00 CET jumps to 03:00 CEST.
    expect(evaluateSeat(c, 'treatment', input(purchase('2026-03-28T23:59:00.000Z')), fresh)).toBeNull(); // 00:59
    expect(evaluateSeat(c, 'treatment', input(purchase('2026-03-29T00:00:00.000Z')), fresh)).not.toBeNull(); // 01:00
    expect(evaluateSeat(c, 'treatment', input(purchase('2026-03-29T01:30:00.000Z')), fresh)).not.toBeNull(); // 03:30
    expect(evaluateSeat(c, 'treatment', input(purchase('2026-03-29T02:00:00.000Z')), fresh)).toBeNull(); // 04:00
    // 2026-10-25: 03:00 CEST falls back to 02:00 CET, so the window lasts four hours of real time.
    expect(evaluateSeat(c, 'treatment', input(purchase('2026-10-24T23:00:00.000Z')), fresh)).not.toBeNull(); // 01:00
    expect(evaluateSeat(c, 'treatment', input(purchase('2026-10-25T02:59:00.000Z')), fresh)).not.toBeNull(); // 03:59
    expect(evaluateSeat(c, 'treatment', input(purchase('2026-10-25T03:00:00.000Z')), fresh)).toBeNull(); // 04:00
    // A Saturday night window across midnight belongs to Saturday's days only.
    const late = compileCampaign(definition({ windows: [{ days: ['sat'], from: '22:00', to: '02:00' }] }));
    expect(evaluateSeat(late, 'treatment', input(purchase('2026-06-06T21:00:00.000Z')), fresh)).not.toBeNull(); // Sat 23:00
    expect(evaluateSeat(late, 'treatment', input(purchase('2026-06-05T22:30:00.000Z')), fresh)).not.toBeNull(); // Sat 00:30
    expect(evaluateSeat(late, 'treatment', input(purchase('2026-06-06T22:30:00.000Z')), fresh)).toBeNull(); // Sun 00:30
  });

  it("gives a fixed bonus on qualifying events up to the member's limit", () => {
    const c = compileCampaign(
      definition({
        type: 'fixed_bonus',
        config: { points: 50, maxAwardsPerMember: 2, conditions: { amount: { gte: 1_000 } } },
      }),
    );
    const e = input(purchase('2026-06-03T10:00:00.000Z'));
    expect(evaluateSeat(c, 'treatment', e, fresh)).toMatchObject({ points: 50, seat: { awards: 1 } });
    expect(evaluateSeat(c, 'treatment', e, { awards: 1, progressMinor: 0 })).toMatchObject({ seat: { awards: 2 } });
    expect(evaluateSeat(c, 'treatment', e, { awards: 2, progressMinor: 0 })).toBeNull();
    expect(evaluateSeat(c, 'treatment', input(purchase('2026-06-03T10:00:00.000Z', 999)), fresh)).toBeNull();
  });

  it('grants a reward once per member', () => {
    const c = compileCampaign(definition({ type: 'reward_grant', config: { rewardId: 'r1' } }));
    const e = input(purchase('2026-06-03T10:00:00.000Z'));
    expect(evaluateSeat(c, 'treatment', e, fresh)).toMatchObject({ points: 0, rewardId: 'r1', seat: { awards: 1 } });
    expect(evaluateSeat(c, 'treatment', e, { awards: 1, progressMinor: 0 })).toBeNull();
  });

  it('counts qualifying spend and gives Y when it reaches X, once or at every X', () => {
    const once = compileCampaign(definition({ type: 'spend_threshold', config: { spendMinor: 5_000, points: 250 } }));
    const at = '2026-06-03T10:00:00.000Z';
    expect(evaluateSeat(once, 'treatment', input(purchase(at, 3_000)), fresh)).toEqual({
      points: 0,
      seat: { awards: 0, progressMinor: 3_000 },
      reason: 'campaign treatment: spent 5000 (minor units)',
    });
    expect(
      evaluateSeat(once, 'treatment', input(purchase(at, 2_000)), { awards: 0, progressMinor: 3_000 }),
    ).toMatchObject({ points: 250, seat: { awards: 1, progressMinor: 5_000 } });
    expect(
      evaluateSeat(once, 'treatment', input(purchase(at, 9_000)), { awards: 1, progressMinor: 5_000 }),
    ).toMatchObject({ points: 0, seat: { awards: 1, progressMinor: 14_000 } });
    const every = compileCampaign(
      definition({ type: 'spend_threshold', config: { spendMinor: 5_000, points: 250, repeat: true } }),
    );
    expect(
      evaluateSeat(every, 'treatment', input(purchase(at, 11_000)), { awards: 0, progressMinor: 4_000 }),
    ).toMatchObject({ points: 750, seat: { awards: 3, progressMinor: 15_000 } });
    // Other currencies and refunds do not count.
    expect(evaluateSeat(every, 'treatment', input({ ...purchase(at), currency: 'USD' }), fresh)).toBeNull();
    expect(evaluateSeat(every, 'treatment', input({ ...purchase(at), type: 'refund' }), fresh)).toBeNull();
  });
});
