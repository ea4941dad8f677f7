'use client';

import { saveTier } from './actions.ts';
import { ApiForm } from './api-form.tsx';

export interface TierValues {
  id: string;
  name: string;
  rank: number;
  qualification: string;
  threshold: number;
  earnMultiplierPct: number;
  graceDays: number;
  benefits: string[];
}

const QUALIFICATION_LABELS: Record<string, string> = {
  lifetime_points: 'points, all time',
  points_rolling_12_months: 'points, last 12 months',
  spend_rolling_12_months: 'spend (minor units), last 12 months',
  orders_rolling_12_months: 'orders, last 12 months',
};

/** A tier's figures, edited in place (PATCH) or, without a tier, a new one (POST). */
export function TierForm({
  programId,
  tier,
  qualifications,
}: {
  programId: string;
  tier?: TierValues;
  qualifications: string[];
}) {
  const label = tier ? `Tier ${tier.name}` : 'New tier';
  return (
    <ApiForm action={saveTier} label={label} className="row-form" submit={tier ? 'Save' : 'Add tier'}>
      {(errorOf) => (
        <>
          <input type="hidden" name="programId" value={programId} />
          {tier ? <input type="hidden" name="tierId" value={tier.id} /> : null}
          <label>
            Name <input name="name" defaultValue={tier?.name} required />
            {errorOf('name')}
          </label>
          <label>
            Rank <input name="rank" type="number" defaultValue={tier?.rank} required />
            {errorOf('rank')}
          </label>
          <label>
            Qualifies on{' '}
            <select name="qualification" defaultValue={tier?.qualification ?? qualifications[0]}>
              {qualifications.map((q) => (
                <option key={q} value={q}>
                  {QUALIFICATION_LABELS[q] ?? q}
                </option>
              ))}
            </select>
            {errorOf('qualification')}
          </label>
          <label>
            Threshold <input name="threshold" inputMode="numeric" defaultValue={tier?.threshold} required />
            {errorOf('threshold')}
          </label>
          <label>
            Earn multiplier (%){' '}
            <input name="earnMultiplierPct" inputMode="numeric" defaultValue={tier?.earnMultiplierPct ?? 100} />
            {errorOf('earnMultiplierPct')}
          </label>
          <label>
            Grace days <input name="graceDays" inputMode="numeric" defaultValue={tier?.graceDays ?? 0} />
            {errorOf('graceDays')}
          </label>
          <label>
            Benefits, one per line <textarea name="benefits" rows={2} defaultValue={tier?.benefits.join('\n')} />
            {errorOf('benefits')}
          </label>
        </>
      )}
    </ApiForm>
  );
}
