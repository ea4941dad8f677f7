// The campaign builder's fields turned into the api's campaign: the type's settings, the audience (a segment's
// current version), the schedule in UTC with local time-of-day windows, the budget, the arms and the holdout. Pure,
// so the form's rules are tested without a browser; the api checks everything again and names each bad field.

export const CAMPAIGN_TYPES = {
  multiplier: 'Points multiplier',
  fixed_bonus: 'Fixed bonus per qualifying event',
  spend_threshold: 'Spend X, get Y points',
  reward_grant: 'Reward grant',
} as const;
export type CampaignType = keyof typeof CAMPAIGN_TYPES;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export interface ArmRow {
  key: string;
  percent: number;
  /** For multipliers: this arm's own percent, overriding the campaign's. */
  multiplierPercent?: number;
}

const int = (value: FormDataEntryValue | null) => {
  const n = Number(String(value ?? '').trim());
  return String(value ?? '').trim() !== '' && Number.isInteger(n) ? n : undefined;
};

/** A datetime-local value (UTC by the form's label) as an ISO instant. */
const instant = (value: FormDataEntryValue | null) => {
  const text = String(value ?? '').trim();
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) ? `${text}:00Z` : undefined;
};

export function campaignFromForm(form: FormData): { campaign: Record<string, unknown> } | { error: string } {
  const name = String(form.get('name') ?? '').trim();
  if (!name) return { error: 'Give the campaign a name.' };
  const type = String(form.get('type') ?? '') as CampaignType;
  if (!(type in CAMPAIGN_TYPES)) return { error: 'Choose a type.' };
  const segmentVersionId = String(form.get('segmentVersionId') ?? '');
  if (!segmentVersionId) return { error: 'Choose the audience: a segment.' };
  const startsAt = instant(form.get('startsAt'));
  const endsAt = instant(form.get('endsAt'));
  if (!startsAt || !endsAt) return { error: 'Give the start and the end.' };
  if (endsAt <= startsAt) return { error: 'The end must come after the start.' };

  let config: Record<string, unknown>;
  if (type === 'multiplier') config = { percent: int(form.get('percent')) };
  else if (type === 'fixed_bonus') config = { points: int(form.get('points')) };
  else if (type === 'spend_threshold') {
    config = {
      spendMinor: int(form.get('spendMinor')),
      points: int(form.get('points')),
      repeat: form.get('repeat') === 'on',
    };
  } else config = { rewardId: String(form.get('rewardId') ?? '') };

  const days = form.getAll('days').map(String);
  const from = String(form.get('windowFrom') ?? '').trim();
  const to = String(form.get('windowTo') ?? '').trim();
  const windows = from && to ? [{ ...(days.length ? { days } : {}), from, to }] : [];

  const arms: ArmRow[] = [];
  for (let i = 0; form.has(`arm${i}Key`); i++) {
    const key = String(form.get(`arm${i}Key`) ?? '').trim();
    if (!key) continue;
    const percent = int(form.get(`arm${i}Percent`));
    if (percent === undefined) return { error: `Give arm ${key} a whole percent.` };
    arms.push({ key, percent, multiplierPercent: int(form.get(`arm${i}Multiplier`)) });
  }
  const total = arms.reduce((n, a) => n + a.percent, 0);
  if (arms.length && total !== 100) return { error: `The arms add up to ${total} %: they must add up to 100 %.` };
  const budget = int(form.get('budgetPoints'));

  return {
    campaign: {
      programId: String(form.get('programId') ?? ''),
      name,
      type,
      config,
      audience: { segmentVersionId },
      schedule: { startsAt, endsAt, windows },
      ...(budget !== undefined ? { budgetPoints: budget } : {}),
      ...(arms.length
        ? {
            variants: arms.map((a) => ({
              key: a.key,
              percent: a.percent,
              ...(type === 'multiplier' && a.multiplierPercent !== undefined
                ? { config: { percent: a.multiplierPercent } }
                : {}),
            })),
          }
        : {}),
      holdoutPercent: int(form.get('holdoutPercent')) ?? 0,
    },
  };
}
