// The program pages in Chromium against the real stack (stack.ts): a rule built through the builder, refused by the
// api at its field, simulated on the program's recent events and saved; a tier edited; a voucher reward and its pool.
// axe-core checks these pages in settings-pages.test.ts, with the others this work added.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DashboardStack, startDashboardStack } from './stack.ts';

let s: DashboardStack;
const EVENTS = 3;

beforeAll(async () => {
  s = await startDashboardStack();
  // Purchases of the program's own (in Postgres), for the backtest to replay: mid-afternoon in Paris.
  for (let i = 0; i < EVENTS; i++) {
    const res = await s.t.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { ...s.a.as('owner'), 'idempotency-key': randomUUID() },
      payload: {
        externalId: `order-${i}`,
        type: 'purchase',
        memberExternalId: `cust-${i % 2}`,
        occurredAt: `2026-06-0${i + 1}T12:00:00Z`,
        amountMinor: 1000 + i * 500,
        currency: 'EUR',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}, 900_000);

afterAll(async () => {
  await s?.stop();
});

describe('the program pages', () => {
  it('builds a rule: the api refuses it at its field, the fix is simulated on recent events, then saved', async () => {
    const page = await s.browser.newPage();
    await s.signIn(page, 'marketer', `/program/rules/new?programId=${s.program}`);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Afternoon double');
    await page.getByRole('button', { name: 'Add condition' }).click();
    const condition = page.locator('[data-row="conditions.0"]');
    await condition.getByLabel('Condition').selectOption('hours');
    await condition.getByLabel('from').fill('14:00');
    await condition.getByLabel('to').fill('14:00');
    await page.getByRole('button', { name: 'Add effect' }).click();
    const effect = page.locator('[data-row="effects.0"]');
    await effect.getByLabel('Effect').selectOption('pointsPerUnit');
    await effect.getByLabel('points').fill('2');
    await effect.getByLabel('per amount (minor units)').fill('100');
    await page.getByRole('button', { name: 'Save rule' }).click();
    // The rules engine names the node: body.conditions.all[0].hours.to, shown beneath that field.
    await expect
      .poll(() => condition.locator('[data-operand="to"] .field-error').textContent(), { timeout: 15_000 })
      .toBe('must differ from "from" (14:00)');
    expect(await page.locator('[data-field="save-error"]').textContent()).not.toContain('{');

    await condition.getByLabel('to').fill('18:00');
    const draft = {
      name: 'Afternoon double',
      priority: 10,
      stacking: 'stackable',
      conditions: { all: [{ hours: { from: '14:00', to: '18:00' } }] },
      effects: [{ pointsPerUnit: { points: 2, unitMinor: 100 } }],
    };
    const expected = await s.t.app.inject({
      method: 'POST',
      url: `/v1/programs/${s.program}/rules:simulate`,
      headers: s.a.as('marketer'),
      payload: { rules: [draft], backtest: { lastEvents: 1000 } },
    });
    expect(expected.statusCode, expected.body).toBe(200);
    const backtest = expected.json().backtest;
    expect(backtest.eventsEvaluated).toBe(EVENTS);
    expect(backtest.totalPoints).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Simulate' }).click();
    const panel = page.locator('[data-section="simulate"]');
    await expect
      .poll(() => panel.locator('[data-field="events-evaluated"]').getAttribute('data-value'), { timeout: 15_000 })
      .toBe(String(EVENTS));
    expect(await panel.locator('[data-field="draft-points"]').getAttribute('data-value')).toBe(
      String(backtest.totalPoints),
    );
    expect(await panel.locator('[data-field="difference-points"]').getAttribute('data-value')).toBe(
      String(backtest.difference.points),
    );
    expect(await panel.locator('[data-field="forecast"]').textContent()).toMatch(/points · €[\d,.]+ .* 30 days|pace/);
    expect(await panel.locator('tr[data-rule]').count()).toBe(1);
    await s.browser.screenshot(page, 'rule-builder');

    await page.getByRole('button', { name: 'Save rule' }).click();
    await page.waitForURL((url) => /^\/program\/rules\/[0-9a-f-]{36}$/.test(url.pathname));
    const ruleId = new URL(page.url()).pathname.split('/').pop()!;
    const saved = await s.api(`/v1/rules/${ruleId}`, 'viewer');
    expect(saved.version).toMatchObject({
      name: 'Afternoon double',
      conditions: draft.conditions,
      effects: draft.effects,
    });
    // The saved rule opens in the builder as conditions, with its version.
    await page.locator('tr[data-version="1"]').waitFor();
    expect(await page.locator('[data-row="conditions.0"]').getByLabel('to').inputValue()).toBe('18:00');

    // Another tenant's rule is not found, in words.
    const other = await s.t.tenant();
    const theirProgram = await s.t.app.inject({
      method: 'POST',
      url: '/v1/programs',
      headers: other.as('owner'),
      payload: { name: 'Theirs', pointsName: 'Points', earningCurrency: 'EUR' },
    });
    const theirRule = await s.t.app.inject({
      method: 'POST',
      url: `/v1/programs/${theirProgram.json().id}/rules`,
      headers: other.as('owner'),
      payload: draft,
    });
    expect(theirRule.statusCode, theirRule.body).toBe(201);
    await page.goto(`${s.baseUrl}/program/rules/${theirRule.json().id}`);
    await page.locator('.problem').waitFor();
    expect(await page.locator('.problem h2').textContent()).toBe('Not Found');
    await page.close();
  }, 180_000);

  it('edits a tier, adds a voucher reward and fills its pool', async () => {
    const tier = await s.t.app.inject({
      method: 'POST',
      url: `/v1/programs/${s.program}/tiers`,
      headers: s.a.as('owner'),
      payload: { name: 'Gold', rank: 2, qualification: 'points_rolling_12_months', threshold: 5000 },
    });
    expect(tier.statusCode, tier.body).toBe(201);
    const page = await s.browser.newPage();
    await s.signIn(page, 'marketer', `/program/tiers?programId=${s.program}`);
    const form = page.getByRole('form', { name: 'Tier Gold' });
    await form.getByLabel('Threshold').fill('7500');
    await form.getByLabel('Earn multiplier (%)').fill('150');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.getByRole('status').textContent(), { timeout: 15_000 }).toBe('Saved Gold.');
    const tiers = (await s.api(`/v1/programs/${s.program}/tiers`, 'viewer')).items;
    expect(tiers).toEqual([expect.objectContaining({ name: 'Gold', threshold: 7500, earnMultiplierPct: 150 })]);
    // A multiplier the api refuses is named at its field.
    await form.getByLabel('Earn multiplier (%)').fill('50');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => form.locator('[data-error-for="earnMultiplierPct"]').textContent(), { timeout: 15_000 })
      .toMatch(/100/);

    await page.goto(`${s.baseUrl}/program/rewards?programId=${s.program}`);
    const reward = page.getByRole('form', { name: 'New reward' });
    await reward.getByLabel('Name').fill('Free pastry code');
    await reward.getByLabel('The member gets').selectOption('voucher');
    await reward.getByLabel('Price in points').fill('300');
    await reward.getByRole('button', { name: 'Add reward' }).click();
    await page.locator('[data-pool]').waitFor({ timeout: 15_000 });
    await page
      .getByRole('form', { name: 'Codes for Free pastry code' })
      .getByLabel(/^Codes/)
      .fill('PASTRY-1\nPASTRY-2\nPASTRY-2');
    await page
      .getByRole('form', { name: 'Codes for Free pastry code' })
      .getByRole('button', { name: 'Add codes' })
      .click();
    await expect
      .poll(() => page.locator('[data-field="pool"]').getAttribute('data-available'), { timeout: 15_000 })
      .toBe('2');
    await page.close();
  }, 180_000);
});
