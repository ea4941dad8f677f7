'use server';

import { revalidatePath } from 'next/cache';
import { load, monet } from '../../lib/monet.ts';

// Webhook endpoints (create, edit, enable or disable, rotate the secret) and the replay of a delivery. A refusal
// carries the api's field errors, named by field.

export type EndpointResult =
  | { ok: true; message: string; secret?: string }
  | { ok: false; message: string; errors: { path: string; message: string }[] };

type EventType = 'member.created';
const BACK = '/settings/webhooks';

async function refused(call: Promise<{ error?: unknown }>, title: string, detail: string): Promise<EndpointResult> {
  const body = (await call).error as { errors?: { path: string; message: string }[] } | undefined;
  return { ok: false, message: `${title}. ${detail}`, errors: Array.isArray(body?.errors) ? body.errors : [] };
}

export async function saveEndpoint(_previous: EndpointResult | undefined, form: FormData): Promise<EndpointResult> {
  const endpointId = String(form.get('endpointId') ?? '');
  const url = String(form.get('url') ?? '').trim();
  const eventTypes = form.getAll('eventTypes').map(String) as EventType[];
  if (!eventTypes.length) return { ok: false, message: 'Choose at least one event type.', errors: [] };
  const api = await monet();
  if (endpointId) {
    const call = api.PATCH('/v1/webhook-endpoints/{endpointId}', {
      params: { path: { endpointId } },
      body: { url, eventTypes },
    });
    const result = await load(call, BACK);
    if (!result.ok) return refused(call, result.problem.title, result.problem.detail);
    revalidatePath(BACK);
    return { ok: true, message: 'Saved.' };
  }
  const call = api.POST('/v1/webhook-endpoints', {
    body: { url, eventTypes, enabled: form.get('enabled') === 'on' },
  });
  const result = await load(call, BACK);
  if (!result.ok) return refused(call, result.problem.title, result.problem.detail);
  revalidatePath(BACK);
  return { ok: true, message: `Registered ${result.data.url}.`, secret: result.data.secret };
}

export async function setEndpointEnabled(form: FormData): Promise<void> {
  const endpointId = String(form.get('endpointId') ?? '');
  await load(
    (await monet()).PATCH('/v1/webhook-endpoints/{endpointId}', {
      params: { path: { endpointId } },
      body: { enabled: form.get('enabled') === 'true' },
    }),
    BACK,
  );
  revalidatePath(BACK);
}

export async function rotateSecret(_previous: EndpointResult | undefined, form: FormData): Promise<EndpointResult> {
  const endpointId = String(form.get('endpointId') ?? '');
  const result = await load(
    (await monet()).POST('/v1/webhook-endpoints/{endpointId}/rotate-secret', { params: { path: { endpointId } } }),
    BACK,
  );
  if (!result.ok) return { ok: false, message: `${result.problem.title}. ${result.problem.detail}`, errors: [] };
  return { ok: true, message: 'A new secret; the old one no longer signs.', secret: result.data.secret };
}

export type ReplayResult = { ok: boolean; message: string };

/** One attempt now; the answer says how it went (the endpoint's status code or the error). */
export async function replayDelivery(_previous: ReplayResult | undefined, form: FormData): Promise<ReplayResult> {
  const deliveryId = String(form.get('deliveryId') ?? '');
  const result = await load(
    (await monet()).POST('/v1/webhook-deliveries/{deliveryId}/replay', { params: { path: { deliveryId } } }),
    BACK,
  );
  revalidatePath(BACK);
  if (!result.ok) return { ok: false, message: `${result.problem.title}. ${result.problem.detail}` };
  const last = result.data.attempts.at(-1);
  const how = last
    ? last.statusCode !== null
      ? `the endpoint answered HTTP ${last.statusCode}`
      : `no answer (${last.error ?? 'unknown error'})`
    : 'no attempt recorded';
  return {
    ok: result.data.status === 'succeeded',
    message: `Sent again: ${how}; the delivery is ${result.data.status}.`,
  };
}
