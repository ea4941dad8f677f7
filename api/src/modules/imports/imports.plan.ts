// What an import will write, checked before anything is: each member with their orders in time order, every row
// that the live api would refuse reported with its file, line and column. No I/O here: Monet's existing members,
// emails and events come in as `known`.
import type { ReplayActivity } from '../ledger/replay/member-replay.ts';
import type { MemberRow, OrderRow } from './imports.rows.ts';
import type { BadRow } from './imports.schemas.ts';

/** What Monet already holds of the file's members and events (read under the tenant). */
export interface KnownState {
  /** External id → member id and whether they have history (events or ledger entries). */
  members: Map<
    string,
    { id: string; hasHistory: boolean; enrolledAt: Date; attributes: Record<string, unknown>; tags: string[] }
  >;
  /** Email → external id of the member who has it. */
  emails: Map<string, string>;
  /** External ids of events already recorded. */
  events: Set<string>;
}

export interface PlannedMember {
  externalId: string;
  /** The member already in Monet (without history), whose history the import writes; null: a new member. */
  existingId: string | null;
  profile: MemberRow | null;
  enrolledAt: Date;
  attributes: Record<string, unknown>;
  tags: string[];
  activities: ReplayActivity[];
}

export interface Plan {
  /** In the order the import writes them (by external id): a cursor counts members of this list. */
  members: PlannedMember[];
  events: number;
  bad: BadRow[];
}

const bad = (row: { line: number }, file: 'members' | 'orders', column: string | null, message: string): BadRow => ({
  file,
  line: row.line,
  column,
  message,
});

/**
 * Groups the rows by member and checks what the live api would refuse: duplicate external ids or emails, members
 * that already have history in Monet, events already recorded, refunds of a purchase the file does not hold (or of
 * another member's, in another currency, before the purchase, or beyond its amount). A purchase left out takes its
 * refunds with it. Columns are the file's own (`column` maps Monet's field to the file's column).
 */
export function planImport(
  memberRows: MemberRow[],
  orderRows: OrderRow[],
  known: KnownState,
  column: { members: (f: string) => string; orders: (f: string) => string },
): Plan {
  const issues: BadRow[] = [];
  const profiles = new Map<string, MemberRow>();
  const emails = new Map<string, string>();
  /** Members refused as a whole (history in Monet, another member's email): their orders go too. */
  const refusedMembers = new Set<string>();
  for (const m of memberRows) {
    if (profiles.has(m.externalId)) {
      issues.push(bad(m, 'members', column.members('externalId'), `member ${m.externalId} is in the file twice`));
      continue;
    }
    const existing = known.members.get(m.externalId);
    if (existing?.hasHistory) {
      issues.push(
        bad(m, 'members', column.members('externalId'), `member ${m.externalId} already has history in Monet`),
      );
      refusedMembers.add(m.externalId);
      continue;
    }
    if (m.email) {
      const holder = emails.get(m.email) ?? known.emails.get(m.email);
      if (holder !== undefined && holder !== m.externalId) {
        issues.push(bad(m, 'members', column.members('email'), `email ${m.email} belongs to member ${holder}`));
        refusedMembers.add(m.externalId);
        continue;
      }
      emails.set(m.email, m.externalId);
    }
    profiles.set(m.externalId, m);
  }

  const purchases = new Map<string, OrderRow>();
  const seen = new Set<string>();
  const byMember = new Map<string, OrderRow[]>();
  const refunded = new Map<string, number>();
  // Purchases first, so a refund finds its purchase wherever it is in the file.
  const ordered = [...orderRows.filter((o) => o.type === 'purchase'), ...orderRows.filter((o) => o.type === 'refund')];
  for (const o of ordered) {
    const idColumn = column.orders('externalId');
    if (seen.has(o.externalId)) {
      issues.push(bad(o, 'orders', idColumn, `order ${o.externalId} is in the file twice`));
      continue;
    }
    seen.add(o.externalId);
    if (known.events.has(o.externalId)) {
      issues.push(bad(o, 'orders', idColumn, `event ${o.externalId} is already recorded in Monet`));
      continue;
    }
    let memberExternalId = o.memberExternalId;
    if (o.type === 'refund') {
      const purchase = purchases.get(o.refundOf!);
      const refundOf = column.orders('refundOf');
      if (!purchase) {
        issues.push(
          bad(o, 'orders', refundOf, `refunds ${o.refundOf}, which is not a purchase of the file that is imported`),
        );
        continue;
      }
      if (memberExternalId !== null && memberExternalId !== purchase.memberExternalId) {
        issues.push(bad(o, 'orders', column.orders('memberExternalId'), 'is not the member of the refunded purchase'));
        continue;
      }
      if (o.currency !== purchase.currency) {
        issues.push(
          bad(o, 'orders', column.orders('currency'), `must be ${purchase.currency}, the purchase's currency`),
        );
        continue;
      }
      if (o.occurredAt.getTime() < purchase.occurredAt.getTime()) {
        issues.push(bad(o, 'orders', column.orders('occurredAt'), 'is before the refunded purchase'));
        continue;
      }
      const total = (refunded.get(purchase.externalId) ?? 0) + o.amountMinor;
      if (total > purchase.amountMinor) {
        issues.push(
          bad(
            o,
            'orders',
            column.orders('amountMinor'),
            `refunds of ${purchase.externalId} would total ${total}, more than its amount of ${purchase.amountMinor}`,
          ),
        );
        continue;
      }
      refunded.set(purchase.externalId, total);
      memberExternalId = purchase.memberExternalId;
    }
    const member = memberExternalId!;
    if (refusedMembers.has(member) || known.members.get(member)?.hasHistory) {
      issues.push(
        bad(
          o,
          'orders',
          column.orders('memberExternalId'),
          `member ${member} already has history in Monet or was refused`,
        ),
      );
      continue;
    }
    if (o.type === 'purchase') purchases.set(o.externalId, o);
    const list = byMember.get(member);
    if (list) list.push(o);
    else byMember.set(member, [o]);
  }

  const ids = [...new Set([...profiles.keys(), ...byMember.keys()])].sort();
  let events = 0;
  const members = ids.map((externalId): PlannedMember => {
    const orders = (byMember.get(externalId) ?? []).sort(
      (a, b) =>
        a.occurredAt.getTime() - b.occurredAt.getTime() ||
        (a.type === b.type ? 0 : a.type === 'purchase' ? -1 : 1) ||
        a.line - b.line,
    );
    events += orders.length;
    const existing = known.members.get(externalId);
    const profile = profiles.get(externalId) ?? null;
    const first = orders[0]?.occurredAt;
    // Enrolled at the file's date, or by the first order (as an event enrols a new member live), whichever is first.
    const candidates = [profile?.enrolledAt, first].filter((d): d is Date => d instanceof Date);
    const enrolledAt = existing
      ? existing.enrolledAt
      : candidates.length > 0
        ? new Date(Math.min(...candidates.map((d) => d.getTime())))
        : new Date();
    return {
      externalId,
      existingId: existing?.id ?? null,
      profile,
      enrolledAt,
      attributes: existing?.attributes ?? {},
      tags: existing?.tags ?? [],
      activities: orders.map((o) =>
        o.type === 'purchase'
          ? {
              kind: 'earn' as const,
              externalId: o.externalId,
              type: 'purchase' as const,
              at: o.occurredAt,
              amountMinor: o.amountMinor,
              currency: o.currency,
              channel: o.channel,
              lineItems: [],
              attributes: {},
            }
          : {
              kind: 'refund' as const,
              externalId: o.externalId,
              at: o.occurredAt,
              refundOf: o.refundOf!,
              amountMinor: o.amountMinor,
              currency: o.currency,
              channel: o.channel,
            },
      ),
    };
  });
  return { members, events, bad: issues.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line) };
}
