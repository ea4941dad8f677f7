'use client';

import { useActionState } from 'react';
import { type AddUserResult, addUser } from './actions.ts';

const ROLES = ['viewer', 'analyst', 'marketer', 'admin', 'owner'] as const;

export function UserForm() {
  const [state, action, pending] = useActionState<AddUserResult | undefined, FormData>(addUser, undefined);
  return (
    <form action={action} className="stacked-form" aria-label="Add a user">
      <label>
        Name <input name="name" required />
      </label>
      <label>
        Email <input name="email" type="email" required />
      </label>
      <label>
        Role{' '}
        <select name="role" defaultValue="viewer">
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label>
        First password <input name="password" type="password" minLength={12} required autoComplete="new-password" />
      </label>
      <button type="submit" className="button primary" disabled={pending}>
        Add user
      </button>
      {state?.message ? (
        <p role={state.ok ? 'status' : 'alert'} className={state.ok ? 'muted' : 'form-error'}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
