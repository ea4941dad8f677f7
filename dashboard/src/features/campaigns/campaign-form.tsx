'use client';

import { useActionState, useState } from 'react';
import { createCampaign, type FormState } from './actions.ts';
import { CAMPAIGN_TYPES, type CampaignType, WEEKDAYS } from './campaign-form-data.ts';

export interface Choice {
  id: string;
  name: string;
}

/** A new campaign: type and its settings, audience, schedule with local windows, budget, arms and holdout. */
export function CampaignForm({
  programs,
  segments,
  rewards,
  timeZone,
}: {
  programs: Choice[];
  /** Each segment with the id of its current version, which the campaign names as its audience. */
  segments: (Choice & { versionId: string })[];
  rewards: Choice[];
  timeZone: string;
}) {
  const [state, action, pending] = useActionState<FormState | undefined, FormData>(createCampaign, undefined);
  const [type, setType] = useState<CampaignType>('multiplier');
  const [arms, setArms] = useState(1);
  return (
    <form action={action} className="stacked-form" aria-label="New campaign">
      <label>
        Name <input name="name" required placeholder="Double points weekend" />
      </label>
      <label>
        Program{' '}
        <select name="programId">
          {programs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Type{' '}
        <select name="type" value={type} onChange={(e) => setType(e.target.value as CampaignType)}>
          {Object.entries(CAMPAIGN_TYPES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      {type === 'multiplier' ? (
        <label>
          Points multiplier, in percent (200 doubles){' '}
          <input name="percent" type="number" min={101} defaultValue={200} />
        </label>
      ) : null}
      {type === 'fixed_bonus' || type === 'spend_threshold' ? (
        <label>
          Bonus points <input name="points" type="number" min={1} defaultValue={100} />
        </label>
      ) : null}
      {type === 'spend_threshold' ? (
        <>
          <label>
            Spend to reach, in minor units <input name="spendMinor" type="number" min={1} defaultValue={5000} />
          </label>
          <label className="inline">
            <input type="checkbox" name="repeat" /> Again at every further step
          </label>
        </>
      ) : null}
      {type === 'reward_grant' ? (
        <label>
          Reward{' '}
          <select name="rewardId">
            {rewards.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        Audience (a segment, as it is now){' '}
        <select name="segmentVersionId" required>
          {segments.map((s) => (
            <option key={s.id} value={s.versionId}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>When (UTC)</legend>
        <label>
          Starts <input name="startsAt" type="datetime-local" required />
        </label>
        <label>
          Ends <input name="endsAt" type="datetime-local" required />
        </label>
        <p className="muted small">Optionally only at these local times ({timeZone}):</p>
        <div>
          {WEEKDAYS.map((d) => (
            <label key={d} className="inline">
              <input type="checkbox" name="days" value={d} /> {d}
            </label>
          ))}
        </div>
        <label className="inline">
          from <input name="windowFrom" type="time" />
        </label>
        <label className="inline">
          to <input name="windowTo" type="time" />
        </label>
      </fieldset>
      <label>
        Budget in points (empty: no limit) <input name="budgetPoints" type="number" min={1} />
      </label>
      <fieldset>
        <legend>Arms (percents add up to 100)</legend>
        {Array.from({ length: arms }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: arms are rows of the form, named by their position
          <div key={i} className="range-picker">
            <label>
              Key <input name={`arm${i}Key`} defaultValue={i === 0 ? 'treatment' : ''} pattern="[a-z0-9_-]+" />
            </label>
            <label>
              % <input name={`arm${i}Percent`} type="number" min={1} max={100} defaultValue={i === 0 ? 100 : ''} />
            </label>
            {type === 'multiplier' ? (
              <label>
                own multiplier % <input name={`arm${i}Multiplier`} type="number" min={101} />
              </label>
            ) : null}
          </div>
        ))}
        <button type="button" className="button small" onClick={() => setArms((n) => Math.min(10, n + 1))}>
          Add an arm
        </button>
      </fieldset>
      <label>
        Holdout, in percent of the audience (gets nothing; results compare with it){' '}
        <input name="holdoutPercent" type="number" min={0} max={90} defaultValue={10} />
      </label>
      <button type="submit" className="button primary" disabled={pending}>
        Create campaign
      </button>
      {state?.error ? (
        <p role="alert" className="form-error">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
