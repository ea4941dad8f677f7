'use server';

import { randomUUID } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { load, monet } from '../../lib/monet.ts';
import { type FormState, reportFromForm } from './report-form-data.ts';

/** Creates a report from the form; on success, its page. */
export async function createReport(_previous: FormState | undefined, form: FormData): Promise<FormState> {
  const parsed = reportFromForm(form);
  if ('error' in parsed) return { error: parsed.error };
  const call = (await monet()).POST('/v1/reports', { body: parsed.report as never });
  const result = await load(
    call as Promise<{ data?: { id: string }; error?: unknown; response: Response }>,
    '/reports',
  );
  if (!result.ok) {
    const errors = ((await call).error as { errors?: { path: string; message: string }[] } | undefined)?.errors ?? [];
    return {
      error: errors.map((e) => `${e.path.replace(/^body\./, '')} ${e.message}`).join('; ') || result.problem.detail,
    };
  }
  redirect(`/reports/${result.data.id}`);
}

export type SendState = { ok?: boolean; message?: string };

/** Sends the report now, once per click (the form carries its own idempotency key). */
export async function sendNow(_previous: SendState | undefined, form: FormData): Promise<SendState> {
  const reportId = String(form.get('reportId') ?? '');
  const key = String(form.get('idempotencyKey') ?? '') || randomUUID();
  const result = await load(
    (await monet()).POST('/v1/reports/{reportId}:send', {
      params: { path: { reportId }, header: { 'idempotency-key': key } },
    }),
    `/reports/${reportId}`,
  );
  revalidatePath(`/reports/${reportId}`);
  return result.ok
    ? { ok: true, message: 'Sending: the deliveries appear below as they go out.' }
    : { ok: false, message: `${result.problem.title}. ${result.problem.detail}` };
}
