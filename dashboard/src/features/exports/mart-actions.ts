'use server';

import { randomUUID } from 'node:crypto';
import type { paths } from '@loyaltystudio/api-client';
import { redirect } from 'next/navigation';
import { load, monet } from '../../lib/monet.ts';

type CreateExport = paths['/v1/exports']['post']['requestBody']['content']['application/json'];
export type MartName = CreateExport['mart'];
export type MartExportState = { error?: string };

const FORMATS = ['csv', 'parquet', 'xlsx'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Exports every row of a mart for the tenant (its date range when the form gives one); then to the export's page. */
export async function exportMart(_previous: MartExportState | undefined, form: FormData): Promise<MartExportState> {
  const mart = String(form.get('mart') ?? '') as MartName;
  const asked = String(form.get('format') ?? 'csv');
  const format = FORMATS.find((f) => f === asked) ?? 'csv';
  const from = String(form.get('from') ?? '');
  const to = String(form.get('to') ?? '');
  // Rendered with the form, so a second click asks for the same export instead of another one.
  const key = String(form.get('idempotencyKey') ?? '') || randomUUID();
  const result = await load(
    (await monet()).POST('/v1/exports', {
      params: { header: { 'idempotency-key': key } },
      body: { mart, format, ...(DAY.test(from) && DAY.test(to) ? { filters: { from, to } } : {}) },
    }),
  );
  if (!result.ok) return { error: `${result.problem.title}. ${result.problem.detail}` };
  redirect(`/exports/${result.data.id}`);
}
