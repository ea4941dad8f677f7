// Which arm a member of a campaign's audience gets: a stable hash of the campaign and the member, so anyone can
// recompute an assignment (in TypeScript, or in SQL with BUCKET_SQL) and audit it. README.md beside the campaigns
// module explains the choice.
import { createHash } from 'node:crypto';
import { HOLDOUT } from './campaigns.schemas.ts';

/** Buckets of the assignment: a member's bucket is in [0, BUCKETS); one percent is 100 buckets. */
export const BUCKETS = 10_000;

/**
 * The member's bucket in the campaign: the first 6 bytes of SHA-256 over `<campaign id>:<member id>` (both uuids
 * as Postgres prints them: lower case, with hyphens), read as an unsigned big-endian 48-bit integer, modulo 10,000.
 * 2^48 is not a multiple of 10,000, which favours the lowest 6,656 buckets by one part in 2.8 × 10^10.
 */
export function assignmentBucket(campaignId: string, memberId: string): number {
  const digest = createHash('sha256').update(`${campaignId}:${memberId}`, 'utf8').digest();
  return digest.readUIntBE(0, 6) % BUCKETS;
}

/** The same bucket in Postgres, for audits: `campaign_id` and `member_id` are the columns of campaign_members. */
export const BUCKET_SQL = `(('x' || encode(substring(sha256(convert_to(campaign_id::text || ':' || member_id::text, 'UTF8')) FROM 1 FOR 6), 'hex'))::bit(48)::bigint % ${BUCKETS})`;

export interface Split {
  /** Share of the audience held out, in whole percent. */
  holdoutPercent: number;
  /** The arms in their order, with their shares (in whole percent) of the members not held out. */
  variants: readonly { key: string; percent: number }[];
}

/**
 * The arm of a bucket: buckets below holdoutPercent × 100 are the holdout; the rest, [cut, 10,000), is split in
 * the arms' order by their percentages: arm i takes the buckets whose position in the rest, as a fraction of it,
 * is below the arms' cumulative share up to i. Integer arithmetic only, so every language gets the same answer.
 */
export function armOfBucket(bucket: number, split: Split): string {
  const cut = split.holdoutPercent * 100;
  if (bucket < cut) return HOLDOUT;
  const position = bucket - cut;
  const rest = BUCKETS - cut;
  let cumulative = 0;
  for (const variant of split.variants) {
    cumulative += variant.percent;
    if (position * 100 < cumulative * rest) return variant.key;
  }
  // Only reachable when the percentages add up to less than 100, which validation refuses.
  throw new RangeError(`the arms' percentages add up to ${cumulative}, not 100`);
}

/** A member's arm in a campaign, or `holdout`. */
export function assignArm(campaignId: string, memberId: string, split: Split): string {
  return armOfBucket(assignmentBucket(campaignId, memberId), split);
}

/** The arms a campaign seats members in, as `campaign_members.variant` holds them: its variant keys, then holdout. */
export function armsOf(split: Split): string[] {
  return [...split.variants.map((v) => v.key), ...(split.holdoutPercent > 0 ? [HOLDOUT] : [])];
}
