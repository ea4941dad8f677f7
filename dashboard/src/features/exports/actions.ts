'use server';

import { randomUUID } from 'node:crypto';
import { redirect } from 'next/navigation';
import { load, monet } from '../../lib/monet.ts';

const FORMATS = ['csv', 'xlsx', 'parquet'] as const;
type Format = (typeof FORMATS)[number];

/** Exports the members of a segment's current version from the member 360 mart; then to the export's page. */
export async function exportSegment(form: FormData): Promise<void> {
  const segmentId = String(form.get('segmentId') ?? '');
  // Rendered with the form, so a second click of the same form asks for the same export instead of another one.
  const key = String(form.get('idempotencyKey') ?? '') || randomUUID();
  const asked = String(form.get('format') ?? 'csv');
  const format: Format = FORMATS.includes(asked as Format) ? (asked as Format) : 'csv';
  const result = await load(
    (await monet()).POST('/v1/exports', {
      params: { header: { 'idempotency-key': key } },
      body: { mart: 'member_360', format, segment: { id: segmentId } },
    }),
    `/segments/${segmentId}`,
  );
  if (!result.ok) redirect(`/segments/${segmentId}?exportError=${encodeURIComponent(result.problem.detail)}`);
  redirect(`/exports/${result.data.id}`);
}
