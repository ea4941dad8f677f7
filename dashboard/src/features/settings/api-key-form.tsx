'use client';

import { useActionState } from 'react';
import { type CreateKeyResult, createApiKey } from './actions.ts';

/** A new API key: name and scopes; the key itself is shown once, here, and never again. */
export function ApiKeyForm({ scopes }: { scopes: string[] }) {
  const [state, action, pending] = useActionState<CreateKeyResult | undefined, FormData>(createApiKey, undefined);
  return (
    <form action={action} className="stacked-form" aria-label="New API key">
      <label>
        Name <input name="name" required placeholder="shop server" />
      </label>
      <fieldset>
        <legend>Scopes</legend>
        {scopes.map((s) => (
          <label key={s} className="inline">
            <input type="checkbox" name="scopes" value={s} /> <code>{s}</code>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button primary" disabled={pending}>
        Create key
      </button>
      {state && !state.ok ? (
        <p role="alert" className="form-error">
          {state.error}
        </p>
      ) : null}
      {state?.ok ? (
        <div className="panel notice-once" role="status">
          <p>
            The key <strong>{state.name}</strong>, shown this once: copy it now.
          </p>
          <code data-field="new-key">{state.key}</code>
        </div>
      ) : null}
    </form>
  );
}
