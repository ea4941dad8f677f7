'use server';

import { load, monet, type Problem } from '../../lib/monet.ts';
import type { Definition } from './definition-tree.ts';

export type PreviewResult =
  | {
      ok: true;
      size: number;
      share: number | null;
      sample: { memberId: string; externalId: string; rfmSegment: string; tierName: string | null }[];
      rfmSegments: { segment: string; members: number }[];
      tiers: { tierName: string; members: number }[];
    }
  | { ok: false; problem: Problem; errors: { path: string; message: string }[] };

/** The problem, and the api's field errors (paths into the definition) when it refused the request. */
async function refusal(problem: Problem, body: unknown) {
  const errors =
    typeof body === 'object' && body !== null && Array.isArray((body as { errors?: unknown }).errors)
      ? ((body as { errors: { path: string; message: string }[] }).errors ?? [])
      : [];
  return { ok: false as const, problem, errors };
}

/** Size, sample and make-up of a draft definition, as the api computes them on the marts now. */
export async function previewSegment(definition: Definition): Promise<PreviewResult> {
  const api = await monet();
  const call = api.POST('/v1/segments:preview', { body: { definition } as never });
  const result = await load(call, '/segments');
  if (!result.ok) return refusal(result.problem, (await call).error);
  const { size, share, sample, rfmSegments, tiers } = result.data;
  return { ok: true, size, share, sample, rfmSegments, tiers };
}

export type SaveResult =
  | { ok: true; id: string }
  | { ok: false; problem: Problem; errors: { path: string; message: string }[] };

/** Creates the segment, or saves a new version of it. */
export async function saveSegment(input: {
  id?: string;
  name: string;
  description: string;
  kind: 'dynamic' | 'static';
  definition: Definition;
}): Promise<SaveResult> {
  const api = await monet();
  const fields = { name: input.name, description: input.description || null, definition: input.definition as never };
  const call = input.id
    ? api.PUT('/v1/segments/{segmentId}', { params: { path: { segmentId: input.id } }, body: fields })
    : api.POST('/v1/segments', { body: { ...fields, kind: input.kind } });
  const result = await load(
    call as Promise<{ data?: { id: string }; error?: unknown; response: Response }>,
    '/segments',
  );
  if (!result.ok) return refusal(result.problem, (await call).error);
  return { ok: true, id: result.data.id };
}
