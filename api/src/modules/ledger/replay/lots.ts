// A member's lots in memory, kept in the order ledger.core.ts consumes them (earned, expiring, id).

export interface ReplayLot {
  id: string;
  entryId: string;
  earnedAt: Date;
  expiresAt: Date | null;
  points: number;
  remaining: number;
}

/**
 * Takes `points` from the open lots (in consumption order), those of `preferEntryIds` first, as `take` in
 * ledger.core.ts does; emptied lots leave `open`. The caller never asks for more than the lots hold.
 */
export function takeFromLots(
  open: ReplayLot[],
  points: number,
  preferEntryIds: readonly string[] = [],
): { lot: ReplayLot; points: number }[] {
  const parts: { lot: ReplayLot; points: number }[] = [];
  if (points === 0) return parts;
  const preferred = preferEntryIds.length > 0 ? new Set(preferEntryIds) : null;
  const order = preferred
    ? [...open.filter((l) => preferred.has(l.entryId)), ...open.filter((l) => !preferred.has(l.entryId))]
    : open;
  let left = points;
  for (const lot of order) {
    if (left === 0) break;
    const part = Math.min(left, lot.remaining);
    if (part === 0) continue;
    lot.remaining -= part;
    left -= part;
    parts.push({ lot, points: part });
  }
  if (left !== 0) throw new Error(`lots hold ${points - left} points, fewer than the ${points} taken`);
  for (let i = open.length - 1; i >= 0; i--) if (open[i]!.remaining === 0) open.splice(i, 1);
  return parts;
}

/**
 * The open lots that have expired by `t` (their `expiresAt` is at or before it, the first moment they are gone),
 * grouped by that instant, earliest first: the expiry run writes one entry per member and instant.
 */
export function expiryGroups(open: readonly ReplayLot[], t: number): { at: Date; lots: ReplayLot[] }[] {
  const byInstant = new Map<number, ReplayLot[]>();
  for (const lot of open) {
    const at = lot.expiresAt?.getTime();
    if (at === undefined || at > t || lot.remaining === 0) continue;
    const group = byInstant.get(at);
    if (group) group.push(lot);
    else byInstant.set(at, [lot]);
  }
  return [...byInstant.entries()].sort((a, b) => a[0] - b[0]).map(([at, lots]) => ({ at: new Date(at), lots }));
}
