// A reference evaluation of segment definitions in plain TypeScript, over rows read from the marts, written from the
// definition format's documentation (api/src/modules/segments/README.md) and not from the compiler: the integration
// test requires the compiled SQL to select exactly the members this selects.
import type { SegmentNode } from '../src/domain/segments/segment-definition.ts';
import { MEMBER_FIELDS, type MemberField } from '../src/domain/segments/segment-fields.ts';

/** A member_360 row as JSON (timestamps ISO 8601, 64-bit integers as numbers). */
export type MemberRow = Record<string, unknown> & { member_id: string; status: string };

export interface CampaignRow {
  campaign_id: string;
  member_id: string;
  variant: string;
  responded: number;
  bonus_points: number;
}

export interface ReferenceData {
  members: MemberRow[];
  campaigns: CampaignRow[];
  /** Attributes by member id, values as text. */
  attributes: Map<string, Record<string, string>>;
  /** member_predictions rows by member id: scored members only. */
  predictions: Map<string, Record<string, unknown>>;
}

/** ClickHouse's toFloat64OrNull for the plain decimal numbers the tests use. */
const toNumber = (text: string | undefined) =>
  text !== undefined && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) ? Number(text) : null;

function fieldHolds(field: MemberField, value: unknown, test: Record<string, unknown>): boolean {
  if (test.isNull === true) return value === null;
  if (value === null || value === undefined) return false;
  const v =
    field.type === 'date'
      ? String(value).slice(0, 10)
      : field.type === 'uuid'
        ? String(value).toLowerCase()
        : field.type === 'integer'
          ? Number(value)
          : value;
  const norm = (x: unknown) => (field.type === 'uuid' ? String(x).toLowerCase() : x);
  for (const [op, expected] of Object.entries(test)) {
    if (op === 'isNull') continue;
    const e = norm(expected) as number | string;
    const ok =
      op === 'eq'
        ? v === e
        : op === 'gt'
          ? (v as number | string) > e
          : op === 'gte'
            ? (v as number | string) >= e
            : op === 'lt'
              ? (v as number | string) < e
              : op === 'lte'
                ? (v as number | string) <= e
                : op === 'in'
                  ? (expected as unknown[]).map(norm).includes(v)
                  : op === 'hasAny'
                    ? (expected as string[]).some((t) => (v as string[]).includes(t))
                    : op === 'hasAll'
                      ? (expected as string[]).every((t) => (v as string[]).includes(t))
                      : false;
    if (!ok) return false;
  }
  return true;
}

function attributeHolds(attributes: Record<string, string>, test: Record<string, unknown>): boolean {
  const key = test.key as string;
  const present = Object.hasOwn(attributes, key);
  const text = attributes[key];
  const number = toNumber(text);
  const asText = (v: unknown) => String(v);
  if (test.exists !== undefined) return present === test.exists;
  if (test.equals !== undefined) {
    return typeof test.equals === 'number' ? number === test.equals : present && text === asText(test.equals);
  }
  if (test.in !== undefined) {
    return (test.in as unknown[]).some((v) => (typeof v === 'number' ? number === v : present && text === asText(v)));
  }
  if (number === null) return false;
  const bounds = {
    gt: (n: number) => number > n,
    gte: (n: number) => number >= n,
    lt: (n: number) => number < n,
    lte: (n: number) => number <= n,
  };
  return Object.entries(bounds).every(([op, holds]) => test[op] === undefined || holds(test[op] as number));
}

/** Whether the member is in the segment the node defines. */
export function holds(node: SegmentNode, member: MemberRow, data: ReferenceData): boolean {
  const [key, value] = Object.entries(node)[0] as [string, unknown];
  if (key === 'all') return (value as SegmentNode[]).every((n) => holds(n, member, data));
  if (key === 'any') return (value as SegmentNode[]).some((n) => holds(n, member, data));
  if (key === 'not') return !holds(value as SegmentNode, member, data);
  if (key === 'campaign') {
    const test = value as { id: string; responded?: boolean; variant?: string; rewarded?: boolean };
    return data.campaigns.some(
      (c) =>
        c.member_id === member.member_id &&
        c.campaign_id === test.id.toLowerCase() &&
        (test.responded === undefined || c.responded === (test.responded ? 1 : 0)) &&
        (test.variant === undefined || c.variant === test.variant) &&
        (test.rewarded === undefined || (c.bonus_points !== 0) === test.rewarded),
    );
  }
  if (key === 'attribute') {
    return attributeHolds(data.attributes.get(member.member_id) ?? {}, value as Record<string, unknown>);
  }
  const field: MemberField = MEMBER_FIELDS[key as keyof typeof MEMBER_FIELDS];
  const row = field.source === 'predictions' ? data.predictions.get(member.member_id) : member;
  return fieldHolds(field, row?.[field.column] ?? null, value as Record<string, unknown>);
}

/** The ids of the tenant's active members the definition selects. */
export function referenceMembers(definition: SegmentNode, data: ReferenceData): string[] {
  return data.members
    .filter((m) => m.status === 'active' && holds(definition, m, data))
    .map((m) => m.member_id)
    .sort();
}
