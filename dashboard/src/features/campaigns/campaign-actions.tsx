'use client';

import { useActionState } from 'react';
import { changeCampaign, type FormState } from './actions.ts';

const LABELS = { launch: 'Launch', pause: 'Pause', resume: 'Resume', cancel: 'Cancel campaign' } as const;

/** The lifecycle buttons a campaign's status allows. */
export function CampaignActions({ campaignId, actions }: { campaignId: string; actions: (keyof typeof LABELS)[] }) {
  const [state, action, pending] = useActionState<FormState | undefined, FormData>(changeCampaign, undefined);
  return (
    <form action={action} className="range-picker">
      <input type="hidden" name="campaignId" value={campaignId} />
      {actions.map((a) => (
        <button
          key={a}
          type="submit"
          name="action"
          value={a}
          className={a === 'launch' || a === 'resume' ? 'button primary' : 'button'}
          disabled={pending}
        >
          {LABELS[a]}
        </button>
      ))}
      {state?.error ? (
        <span role="alert" className="form-error">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
