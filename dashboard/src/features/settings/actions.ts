'use server';

import { revalidatePath } from 'next/cache';
import { load, monet } from '../../lib/monet.ts';

export type CreateKeyResult = { ok: true; key: string; name: string } | { ok: false; error: string };

/** Creates an API key; its secret is returned once, to be shown once. */
export async function createApiKey(_previous: CreateKeyResult | undefined, form: FormData): Promise<CreateKeyResult> {
  const name = String(form.get('name') ?? '').trim();
  const scopes = form.getAll('scopes').map(String);
  if (!name) return { ok: false, error: 'Give the key a name.' };
  if (!scopes.length) return { ok: false, error: 'Choose at least one scope.' };
  const result = await load(
    (await monet()).POST('/v1/api-keys', { body: { name, scopes: scopes as never } }),
    '/settings/api-keys',
  );
  if (!result.ok) return { ok: false, error: `${result.problem.title}. ${result.problem.detail}` };
  revalidatePath('/settings/api-keys');
  return { ok: true, key: (result.data as { key: string }).key, name };
}

export async function revokeApiKey(form: FormData): Promise<void> {
  const apiKeyId = String(form.get('apiKeyId') ?? '');
  await load(
    (await monet()).DELETE('/v1/api-keys/{apiKeyId}', { params: { path: { apiKeyId } } }),
    '/settings/api-keys',
  );
  revalidatePath('/settings/api-keys');
}

export type AddUserResult = { ok: boolean; message?: string };

export async function addUser(_previous: AddUserResult | undefined, form: FormData): Promise<AddUserResult> {
  const body = {
    email: String(form.get('email') ?? '').trim(),
    name: String(form.get('name') ?? '').trim(),
    role: String(form.get('role') ?? 'viewer') as 'owner' | 'admin' | 'marketer' | 'analyst' | 'viewer',
    password: String(form.get('password') ?? ''),
  };
  const call = (await monet()).POST('/v1/users', { body });
  const result = await load(call, '/settings/team');
  if (!result.ok) {
    const errors = ((await call).error as { errors?: { path: string; message: string }[] } | undefined)?.errors ?? [];
    const detail = errors.map((e) => `${e.path.replace(/^body\./, '')} ${e.message}`).join('; ');
    return { ok: false, message: detail || result.problem.detail };
  }
  revalidatePath('/settings/team');
  return { ok: true, message: `${body.name} can now sign in.` };
}

export async function setUserDisabled(form: FormData): Promise<void> {
  const userId = String(form.get('userId') ?? '');
  const disabled = form.get('disabled') === 'true';
  await load(
    (await monet()).PATCH('/v1/users/{userId}', { params: { path: { userId } }, body: { disabled } }),
    '/settings/team',
  );
  revalidatePath('/settings/team');
}
