import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiTest, startApiTest, type TestTenant } from '../../../test/support.ts';
import { ruleSet } from '../../domain/rules/rules.arbitraries.ts';

// Property: for any valid rule set and event, a simulation of the event gives, rule by rule, exactly what a real
// accrual of the same event writes. The generated rule sets name tiers and rewards by placeholders ('silver',
// 'gold', 'mug', 'coffee'); each run creates them in its program and substitutes their ids.

const PLACEHOLDERS = { tiers: ['silver', 'gold'], rewards: ['mug', 'coffee'] };
const PAST_FROM = Date.UTC(2025, 0, 1);
const PAST_TO = Date.UTC(2026, 9, 1);

const apiEvent = fc
  .record({
    type: fc.constantFrom('purchase', 'signup', 'custom'),
    customType: fc.constantFrom('review', 'quiz'),
    occurredAt: fc.integer({ min: PAST_FROM, max: PAST_TO }).map((ms) => new Date(ms).toISOString()),
    amountMinor: fc.integer({ min: 0, max: 500_000 }),
    currency: fc.constantFrom('EUR', 'USD'),
    channel: fc.constantFrom('web', 'app', 'store'),
    lineItems: fc.array(
      fc.record({
        sku: fc.constantFrom('A', 'B', 'C', 'D', 'Z'),
        category: fc.constantFrom('food', 'drink', 'home'),
        quantity: fc.integer({ min: 1, max: 5 }),
        unitAmountMinor: fc.integer({ min: 0, max: 20_000 }),
      }),
      { maxLength: 4 },
    ),
  })
  // A custom type names custom events only.
  .map(({ customType, ...event }) => (event.type === 'custom' ? { ...event, customType } : event));

describe('simulation matches accrual (property)', () => {
  let t: ApiTest;
  let tenant: TestTenant;

  beforeAll(async () => {
    t = await startApiTest();
    tenant = await t.tenant();
  });
  afterAll(() => t?.stop());

  async function programWithCatalog() {
    const program = await t.prisma.program.create({
      data: { tenantId: tenant.id, name: 'P', pointsName: 'Points', earningCurrency: 'EUR' },
    });
    const ids = new Map<string, string>();
    for (const [rank, name] of PLACEHOLDERS.tiers.entries()) {
      const tier = await t.prisma.tier.create({
        data: {
          tenantId: tenant.id,
          programId: program.id,
          name,
          rank: rank + 1,
          qualification: 'lifetime_points',
          threshold: 1_000_000 * (rank + 1),
        },
      });
      ids.set(name, tier.id);
    }
    for (const name of PLACEHOLDERS.rewards) {
      const reward = await t.prisma.reward.create({
        data: { tenantId: tenant.id, programId: program.id, name, kind: 'custom', costPoints: 100 },
      });
      ids.set(name, reward.id);
    }
    return { programId: program.id, ids };
  }

  it('gives, per rule, the points a real accrual of the same event writes', async () => {
    await fc.assert(
      fc.asyncProperty(ruleSet, apiEvent, async (rules, event) => {
        const { programId, ids } = await programWithCatalog();
        let json = JSON.stringify(rules.map(({ id: _id, versionId: _v, version: _n, ...body }) => body));
        for (const [placeholder, id] of ids) json = json.replaceAll(`"${placeholder}"`, `"${id}"`);
        for (const body of JSON.parse(json)) {
          const res = await t.app.inject({
            method: 'POST',
            url: `/v1/programs/${programId}/rules`,
            headers: tenant.as('marketer'),
            payload: body,
          });
          expect(res.statusCode, res.body).toBe(201);
        }

        // Custom events do not enrol: the member exists first, as it would at a real merchant.
        const memberExternalId = randomUUID();
        const enrolled = await t.app.inject({
          method: 'POST',
          url: '/v1/members',
          headers: tenant.as('owner'),
          payload: { externalId: memberExternalId },
        });
        expect(enrolled.statusCode, enrolled.body).toBe(201);

        const recorded = await t.app.inject({
          method: 'POST',
          url: '/v1/events',
          headers: { ...tenant.as('owner'), 'idempotency-key': randomUUID() },
          payload: { ...event, programId, externalId: randomUUID(), memberExternalId },
        });
        expect(recorded.statusCode, recorded.body).toBe(201);
        const accrual = recorded.json();
        const member = await t.prisma.member.findUniqueOrThrow({ where: { id: accrual.memberId } });

        const simulated = await t.app.inject({
          method: 'POST',
          url: `/v1/programs/${programId}/rules:simulate`,
          headers: tenant.as('analyst'),
          payload: {
            sampleEvent: { event, member: { enrolledAt: member.enrolledAt.toISOString(), priorPurchaseCount: 0 } },
          },
        });
        expect(simulated.statusCode, simulated.body).toBe(200);
        const { sample } = simulated.json();

        const earned = (lines: { ruleId: string; versionId: string; points: number }[]) =>
          lines.filter((l) => l.points > 0).map((l) => [l.ruleId, l.versionId, l.points]);
        expect(earned(sample.lines)).toEqual(earned(accrual.rules));
        expect(sample.totalPoints).toBe(accrual.pointsEarned);
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
