import { describe, expect, it } from 'vitest';
import { campaignFromForm } from './campaign-form-data.ts';

const form = (fields: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of fields) data.append(k, v);
  return data;
};
const base: [string, string][] = [
  ['programId', 'p1'],
  ['name', 'Double points weekend'],
  ['type', 'multiplier'],
  ['percent', '200'],
  ['segmentVersionId', 'v1'],
  ['startsAt', '2026-06-06T00:00'],
  ['endsAt', '2026-06-08T00:00'],
];

describe('the campaign builder form', () => {
  it('makes the api campaign: arms, holdout, windows and budget', () => {
    const result = campaignFromForm(
      form([
        ...base,
        ['days', 'sat'],
        ['days', 'sun'],
        ['windowFrom', '08:00'],
        ['windowTo', '20:00'],
        ['budgetPoints', '500000'],
        ['arm0Key', 'double'],
        ['arm0Percent', '50'],
        ['arm0Multiplier', ''],
        ['arm1Key', 'triple'],
        ['arm1Percent', '50'],
        ['arm1Multiplier', '300'],
        ['holdoutPercent', '10'],
      ]),
    );
    expect(result).toEqual({
      campaign: {
        programId: 'p1',
        name: 'Double points weekend',
        type: 'multiplier',
        config: { percent: 200 },
        audience: { segmentVersionId: 'v1' },
        schedule: {
          startsAt: '2026-06-06T00:00:00Z',
          endsAt: '2026-06-08T00:00:00Z',
          windows: [{ days: ['sat', 'sun'], from: '08:00', to: '20:00' }],
        },
        budgetPoints: 500000,
        variants: [
          { key: 'double', percent: 50 },
          { key: 'triple', percent: 50, config: { percent: 300 } },
        ],
        holdoutPercent: 10,
      },
    });
  });

  it('refuses arms that do not add up to 100 % and an end before the start, in words', () => {
    expect(
      campaignFromForm(
        form([...base, ['arm0Key', 'a'], ['arm0Percent', '60'], ['arm1Key', 'b'], ['arm1Percent', '30']]),
      ),
    ).toEqual({ error: 'The arms add up to 90 %: they must add up to 100 %.' });
    const backwards = base.map(([k, v]): [string, string] => (k === 'endsAt' ? [k, '2026-06-01T00:00'] : [k, v]));
    expect(campaignFromForm(form(backwards))).toEqual({ error: 'The end must come after the start.' });
  });
});
