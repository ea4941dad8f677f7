'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { load, monet } from '../../lib/monet.ts';
import { campaignFromForm } from './campaign-form-data.ts';

export type FormState = { error?: string };

export async function createCampaign(_previous: FormState | undefined, form: FormData): Promise<FormState> {
  const parsed = campaignFromForm(form);
  if ('error' in parsed) return { error: parsed.error };
  const call = (await monet()).POST('/v1/campaigns', { body: parsed.campaign as never });
  const result = await load(
    call as Promise<{ data?: { id: string }; error?: unknown; response: Response }>,
    '/campaigns',
  );
  if (!result.ok) {
    const errors = ((await call).error as { errors?: { path: string; message: string }[] } | undefined)?.errors ?? [];
    return {
      error: errors.map((e) => `${e.path.replace(/^body\./, '')} ${e.message}`).join('; ') || result.problem.detail,
    };
  }
  redirect(`/campaigns/${result.data.id}`);
}

const ACTIONS = ['launch', 'pause', 'resume', 'cancel'] as const;
type Action = (typeof ACTIONS)[number];

/** Launches, pauses, resumes or cancels; the workflow that runs the campaign takes it from there. */
export async function changeCampaign(_previous: FormState | undefined, form: FormData): Promise<FormState> {
  const campaignId = String(form.get('campaignId') ?? '');
  const action = String(form.get('action') ?? '') as Action;
  if (!ACTIONS.includes(action)) return { error: 'Unknown action.' };
  const api = await monet();
  const path = { params: { path: { campaignId } } };
  const call =
    action === 'launch'
      ? api.POST('/v1/campaigns/{campaignId}/launch', path)
      : action === 'pause'
        ? api.POST('/v1/campaigns/{campaignId}/pause', path)
        : action === 'resume'
          ? api.POST('/v1/campaigns/{campaignId}/resume', path)
          : api.POST('/v1/campaigns/{campaignId}/cancel', path);
  const result = await load(
    call as Promise<{ data?: unknown; error?: unknown; response: Response }>,
    `/campaigns/${campaignId}`,
  );
  revalidatePath(`/campaigns/${campaignId}`);
  return result.ok ? {} : { error: `${result.problem.title}. ${result.problem.detail}` };
}
