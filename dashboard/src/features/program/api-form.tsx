'use client';

import { useActionState } from 'react';
import type { FormResult } from './actions.ts';

/**
 * A form posted to a server action that answers with the api's refusal: the message in words, and each field
 * error at its field (children get the errors by field name through `render`).
 */
export function ApiForm({
  action,
  label,
  className = 'stacked-form',
  submit,
  children,
}: {
  action: (previous: FormResult | undefined, form: FormData) => Promise<FormResult>;
  label: string;
  className?: string;
  submit: string;
  children: (errorOf: (field: string) => React.ReactNode) => React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState<FormResult | undefined, FormData>(action, undefined);
  const errors = state && !state.ok ? (state.errors ?? []) : [];
  const shown = new Set<string>();
  const errorOf = (field: string) => {
    const mine = errors.filter((e) => e.path.replace(/^body\./, '').split(/[.[]/)[0] === field);
    for (const e of mine) shown.add(e.path);
    return mine.length ? (
      <span className="field-error" data-error-for={field}>
        {mine.map((e) => e.message).join('; ')}
      </span>
    ) : null;
  };
  const fields = children(errorOf);
  const rest = errors.filter((e) => !shown.has(e.path));
  return (
    <form action={formAction} className={className} aria-label={label}>
      {fields}
      <button type="submit" className="button primary" disabled={pending}>
        {submit}
      </button>
      {state?.message ? (
        <p role={state.ok ? 'status' : 'alert'} className={state.ok ? 'muted' : 'form-error'}>
          {state.message}
          {rest.length ? ` ${rest.map((e) => `${e.path.replace(/^body\./, '')} ${e.message}`).join('; ')}` : ''}
        </p>
      ) : null}
    </form>
  );
}
