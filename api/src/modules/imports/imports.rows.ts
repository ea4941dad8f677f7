// Records of an import's files read through the column mapping into members and orders, each field checked; a
// malformed row is reported with its file, line and the file's own column name.
import type { FileKind, SourceRecord } from './imports.files.ts';
import { type BadRow, type ImportMapping, MEMBER_FIELDS, ORDER_FIELDS } from './imports.schemas.ts';

export interface MemberRow {
  line: number;
  externalId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  enrolledAt: Date | null;
}

export interface OrderRow {
  line: number;
  externalId: string;
  memberExternalId: string | null;
  type: 'purchase' | 'refund';
  occurredAt: Date;
  amountMinor: number;
  currency: string;
  channel: string | null;
  refundOf: string | null;
}

/** Largest amount a row may carry: Postgres' integer. */
const MAX_AMOUNT = 2_147_483_647;
/** An instant with a date, a time and a zone (or a date alone, read as midnight UTC). */
const INSTANT = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i;

class FieldError extends Error {}

function text(value: unknown, max: number, required: boolean): string | null {
  if (value === undefined || value === null || value === '') {
    if (required) throw new FieldError('is required');
    return null;
  }
  const s =
    typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' ? String(value) : null;
  if (s === null) throw new FieldError('must be text');
  if (s.includes('\u0000')) throw new FieldError('must not contain a NUL character');
  if (s.length > max) throw new FieldError(`must be at most ${max} characters`);
  return s;
}

function instant(value: unknown, required: boolean, now: number): Date | null {
  if (value === undefined || value === null || value === '') {
    if (required) throw new FieldError('is required');
    return null;
  }
  let date: Date;
  if (value instanceof Date) date = value;
  else if (typeof value === 'string' && INSTANT.test(value.trim())) {
    const s = value.trim();
    date = new Date(s.length === 10 ? `${s}T00:00:00Z` : s.replace(' ', 'T'));
  } else throw new FieldError('must be an ISO 8601 date-time with a time zone (or a date)');
  if (Number.isNaN(date.getTime())) throw new FieldError('is not a valid date');
  if (date.getTime() > now) throw new FieldError('is in the future');
  if (date.getUTCFullYear() < 1970) throw new FieldError('is before 1970');
  return date;
}

function amount(value: unknown): number {
  if (value === undefined || value === null || value === '') throw new FieldError('is required');
  const n =
    typeof value === 'bigint'
      ? Number(value)
      : typeof value === 'string' && /^\d+$/.test(value.trim())
        ? Number(value)
        : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_AMOUNT) {
    throw new FieldError(`must be a whole number of minor units from 0 to ${MAX_AMOUNT}`);
  }
  return n;
}

/** Reads each field through the mapping; the first bad field of a row makes it a bad row. */
function reader(file: FileKind, fields: readonly string[], mapping: Record<string, string | undefined> = {}) {
  const column = Object.fromEntries(fields.map((f) => [f, mapping[f] ?? f]));
  return <T>(
    record: SourceRecord,
    bad: BadRow[],
    read: (get: <V>(field: string, check: (v: unknown) => V) => V) => T,
  ) => {
    try {
      return read((field, check) => {
        try {
          return check(record.values[column[field]!]);
        } catch (err) {
          if (err instanceof FieldError) throw new FieldError(`${column[field]}\u0000${err.message}`);
          throw err;
        }
      });
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      const [col, message] = err.message.split('\u0000') as [string, string];
      bad.push({ file, line: record.line, column: col, message: `${col} ${message}` });
      return null;
    }
  };
}

/** The columns the mapping names that the file lacks: the whole file is then refused. */
export function missingColumns(
  file: FileKind,
  columns: readonly string[],
  mapping: ImportMapping | undefined,
  required: readonly string[],
): string[] {
  const map = (mapping?.[file] ?? {}) as Record<string, string | undefined>;
  const have = new Set(columns);
  const named = Object.values(map).filter((c): c is string => c !== undefined);
  return [...new Set([...required.map((f) => map[f] ?? f), ...named])].filter((c) => !have.has(c));
}

export function readMembers(records: SourceRecord[], mapping: ImportMapping | undefined, bad: BadRow[], now: number) {
  const read = reader('members', MEMBER_FIELDS, mapping?.members);
  const rows: MemberRow[] = [];
  for (const record of records) {
    const row = read(record, bad, (get) => ({
      line: record.line,
      externalId: get('externalId', (v) => text(v, 255, true)!),
      email: get('email', (v) => {
        const email = text(v, 254, false);
        if (email !== null && !/^[^@\s]+@[^@\s]+$/.test(email)) throw new FieldError('is not an email address');
        return email?.toLowerCase() ?? null;
      }),
      firstName: get('firstName', (v) => text(v, 255, false)),
      lastName: get('lastName', (v) => text(v, 255, false)),
      enrolledAt: get('enrolledAt', (v) => instant(v, false, now)),
    }));
    if (row) rows.push(row);
  }
  return rows;
}

export function readOrders(records: SourceRecord[], mapping: ImportMapping | undefined, bad: BadRow[], now: number) {
  const read = reader('orders', ORDER_FIELDS, mapping?.orders);
  const rows: OrderRow[] = [];
  for (const record of records) {
    const row = read(record, bad, (get) => {
      const type = get('type', (v) => {
        const t = text(v, 16, false)?.toLowerCase() ?? 'purchase';
        if (t !== 'purchase' && t !== 'refund') throw new FieldError('must be purchase or refund');
        return t as 'purchase' | 'refund';
      });
      return {
        line: record.line,
        externalId: get('externalId', (v) => text(v, 255, true)!),
        memberExternalId: get('memberExternalId', (v) => text(v, 255, type === 'purchase')),
        type,
        occurredAt: get('occurredAt', (v) => instant(v, true, now)!),
        amountMinor: get('amountMinor', amount),
        currency: get('currency', (v) => {
          const c = text(v, 3, true)!.toUpperCase();
          if (!/^[A-Z]{3}$/.test(c)) throw new FieldError('must be an ISO 4217 code');
          return c;
        }),
        channel: get('channel', (v) => text(v, 64, false)),
        refundOf: get('refundOf', (v) => text(v, 255, type === 'refund')),
      };
    });
    if (row) rows.push(row);
  }
  return rows;
}
