'use client';

import { useActionState } from 'react';
import { type SendState, sendNow } from './actions.ts';

export function SendNow({ reportId, idempotencyKey }: { reportId: string; idempotencyKey: string }) {
  const [state, action, pending] = useActionState<SendState | undefined, FormData>(sendNow, undefined);
  return (
    <form action={action} className="range-picker">
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <button type="submit" className="button primary" disabled={pending || state?.ok}>
        Send now
      </button>
      {state?.message ? (
        <span
          role={state.ok ? 'status' : 'alert'}
          className={state.ok ? 'muted' : 'form-error'}
          data-field="send-result"
        >
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
