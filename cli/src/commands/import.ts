import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { readEnv, vars } from '@loyaltystudio/config';
import { progressBar } from '../seed/progress.ts';

const USAGE = `Usage: monet import [--members FILE] [--orders FILE] [--map FIELD=COLUMN ...] [--mapping FILE.json]
                    [--program ID] [--dry-run] [--skip-bad-rows] [--send-webhooks] [--api URL] [--api-key KEY]

Imports a merchant's history (members, and orders with their refunds) into Monet through the api, as if Monet had
been there: each order earns what the program's rules give, dated when it happened. See docs/import.md.

  --members FILE       members: externalId, email, firstName, lastName, enrolledAt
  --orders FILE        orders and refunds: externalId, memberExternalId, type (purchase|refund), occurredAt,
                       amountMinor, currency, channel, refundOf
                       (.csv with a header row, .ndjson or .jsonl, .parquet; or --format for both files)
  --map F=C            the file's column C holds Monet's field F (members.F=C or orders.F=C for one file only)
  --mapping FILE       the same as JSON: {"members": {"externalId": "id"}, "orders": {"occurredAt": "created"}}
  --program ID         the program (default: the tenant's only active one)
  --dry-run            report what would be written, write nothing
  --skip-bad-rows      leave malformed rows out (and list them) instead of refusing the import
  --send-webhooks      send webhooks for the historical entries too
  --api URL            the api (default MONET_API_URL, or http://API_HOST:API_PORT)
  --api-key KEY        an API key with the imports:write scope (default MONET_API_KEY)

Running the same command again changes nothing; after an interruption it resumes where the import stopped.`;

type Format = 'csv' | 'ndjson' | 'parquet';

/** The fields of each file (the api's CreateImport schema): an unprefixed --map goes to the files that have it. */
const FIELDS = {
  members: ['externalId', 'email', 'firstName', 'lastName', 'enrolledAt'],
  orders: ['externalId', 'memberExternalId', 'type', 'occurredAt', 'amountMinor', 'currency', 'channel', 'refundOf'],
} as const;
type Mapping = Record<'members' | 'orders', Record<string, string>>;

/** A problem with what was asked, printed as it is (exit code 2). */
class UsageError extends Error {}

function formatOf(path: string, given: string | undefined): Format {
  const ext = extname(path).toLowerCase();
  const format = given ?? (ext === '.jsonl' ? 'ndjson' : ext.slice(1));
  if (format !== 'csv' && format !== 'ndjson' && format !== 'parquet') {
    throw new UsageError(`cannot tell the format of ${path}: name it .csv, .ndjson or .parquet, or pass --format`);
  }
  return format;
}

async function mappingOf(file: string | undefined, pairs: string[]): Promise<Mapping> {
  const mapping: Mapping = { members: {}, orders: {} };
  if (file) {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<Mapping>;
    Object.assign(mapping.members, parsed.members);
    Object.assign(mapping.orders, parsed.orders);
  }
  for (const pair of pairs) {
    const match = /^(?:(members|orders)\.)?([A-Za-z]+)=(.+)$/.exec(pair);
    if (!match) throw new UsageError(`--map ${pair}: write FIELD=COLUMN, e.g. occurredAt=created_at`);
    const [, file, field, column] = match as unknown as [string, 'members' | 'orders' | undefined, string, string];
    const kinds = file
      ? [file]
      : (['members', 'orders'] as const).filter((k) => (FIELDS[k] as readonly string[]).includes(field));
    if (kinds.length === 0) throw new UsageError(`--map ${pair}: ${field} is not a field of either file (see --help)`);
    for (const kind of kinds) mapping[kind][field] = column;
  }
  return mapping;
}

async function fileOf(path: string, format: Format) {
  const bytes = await readFile(path);
  return format === 'parquet'
    ? { format, content: bytes.toString('base64'), encoding: 'base64' }
    : { format, content: bytes.toString('utf8') };
}

interface Problem {
  title?: string;
  detail?: string;
  errors?: { path: string; message: string }[];
  badRows?: { file: string; line: number; column: string | null; message: string }[];
  badRowCount?: number;
}

/** A problem+json answer in words: each bad row with its file, line and column. */
function describeProblem(problem: Problem, names: Record<string, string>): string {
  const lines = [problem.detail ?? problem.title ?? 'the api refused the import'];
  for (const e of problem.errors ?? []) lines.push(`  ${e.path}: ${e.message}`);
  for (const r of problem.badRows ?? []) {
    lines.push(`  ${names[r.file] ?? r.file} line ${r.line}${r.column ? `, column ${r.column}` : ''}: ${r.message}`);
  }
  const shown = problem.badRows?.length ?? 0;
  if ((problem.badRowCount ?? 0) > shown) lines.push(`  … and ${problem.badRowCount! - shown} more`);
  return lines.join('\n');
}

interface ImportBody {
  id: string | null;
  status: string;
  progress: { membersTotal: number; membersDone: number; eventsTotal: number; eventsDone: number };
  summary: {
    members: { created: number; merged: number };
    events: { purchases: number; refunds: number };
    points: { issued: number; reversed: number; shortfall: number; expired: number; outstanding: number };
    liability: { amountMinor: number; currency: string };
    tiers: { name: string; members: number }[];
  };
  skippedCount: number;
  error: string | null;
}

function report(body: ImportBody, seconds: number): string {
  const s = body.summary;
  const n = (x: number) => x.toLocaleString('en');
  return [
    `${body.status === 'dry_run' ? 'Would import' : 'Imported'} ${n(s.members.created)} new members` +
      (s.members.merged ? ` (and the history of ${n(s.members.merged)} already in Monet)` : '') +
      `, ${n(s.events.purchases)} purchases and ${n(s.events.refunds)} refunds in ${seconds.toFixed(1)} s`,
    `points: ${n(s.points.issued)} issued, ${n(s.points.reversed)} reversed (${n(s.points.shortfall)} short), ` +
      `${n(s.points.expired)} expired, ${n(s.points.outstanding)} outstanding, worth ${n(s.liability.amountMinor)} ` +
      `${s.liability.currency} minor units`,
    `tiers: ${s.tiers.map((t) => `${t.name} ${n(t.members)}`).join(', ') || 'none'}`,
    ...(body.skippedCount ? [`${n(body.skippedCount)} bad rows left out`] : []),
  ].join('\n');
}

/** `monet import`: sends the files to POST /v1/imports and follows the import to its end with a progress bar. */
export async function importCommand(args: string[], out: NodeJS.WriteStream = process.stdout): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  const parse = (a: string[]) =>
    parseArgs({
      args: a,
      options: {
        members: { type: 'string' },
        orders: { type: 'string' },
        format: { type: 'string' },
        map: { type: 'string', multiple: true },
        mapping: { type: 'string' },
        program: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'skip-bad-rows': { type: 'boolean' },
        'send-webhooks': { type: 'boolean' },
        api: { type: 'string' },
        'api-key': { type: 'string' },
        help: { type: 'boolean' },
      },
    });
  try {
    ({ values } = parse(args));
  } catch (err) {
    console.error(`monet import: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    out.write(`${USAGE}\n`);
    return 0;
  }
  const config = readEnv(vars);
  const api = (values.api ?? config.MONET_API_URL ?? `http://${config.API_HOST}:${config.API_PORT}`).replace(/\/$/, '');
  const apiKey = values['api-key'] ?? config.MONET_API_KEY;
  const names: Record<string, string> = {};
  let body: Record<string, unknown>;
  try {
    if (!values.members && !values.orders) throw new UsageError('give --members FILE, --orders FILE, or both');
    if (!apiKey) throw new UsageError('give an API key with the imports:write scope: --api-key or MONET_API_KEY');
    const mapping = await mappingOf(values.mapping, values.map ?? []);
    body = {
      ...(values.program && { programId: values.program }),
      mapping,
      dryRun: values['dry-run'] ?? false,
      skipBadRows: values['skip-bad-rows'] ?? false,
      sendWebhooks: values['send-webhooks'] ?? false,
    };
    for (const kind of ['members', 'orders'] as const) {
      const path = values[kind];
      if (!path) continue;
      names[kind] = basename(path);
      body[kind] = await fileOf(path, formatOf(path, values.format));
    }
  } catch (err) {
    if (!(err instanceof UsageError) && (err as NodeJS.ErrnoException).code === undefined) throw err;
    console.error(`monet import: ${(err as Error).message}`);
    return 2;
  }

  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  const t0 = performance.now();
  const res = await fetch(`${api}/v1/imports`, {
    method: 'POST',
    headers: { ...headers, 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  }).catch((err: Error) => {
    throw new Error(`monet import: the api at ${api} cannot be reached (${err.message}); is it running?`);
  });
  if (!res.ok) {
    console.error(`monet import: ${describeProblem((await res.json().catch(() => ({}))) as Problem, names)}`);
    return 1;
  }
  let current = (await res.json()) as ImportBody;
  if (current.status === 'running') {
    const bar = progressBar('events', current.progress.eventsTotal);
    let shown = current.progress.eventsDone;
    bar.advance(shown);
    while (current.status === 'running') {
      await new Promise((r) => setTimeout(r, 500));
      const poll = await fetch(`${api}/v1/imports/${current.id}`, { headers });
      if (!poll.ok) {
        console.error(`monet import: ${describeProblem((await poll.json().catch(() => ({}))) as Problem, names)}`);
        return 1;
      }
      current = (await poll.json()) as ImportBody;
      bar.advance(current.progress.eventsDone - shown);
      shown = current.progress.eventsDone;
    }
    bar.finish();
  }
  if (current.status === 'failed') {
    console.error(`monet import: ${current.error ?? 'the import failed'}; run the same command again to resume.`);
    return 1;
  }
  out.write(`${report(current, (performance.now() - t0) / 1000)}\n`);
  return 0;
}
