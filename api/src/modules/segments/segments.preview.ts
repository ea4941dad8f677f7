import { type MartReader, RFM_SEGMENTS } from '@loyaltystudio/warehouse';
import type { CompiledSegment } from '../../domain/segments/compile-definition.ts';
import {
  activeMembersQuery,
  previewDistributionQuery,
  previewSampleQuery,
  type SegmentMember,
} from '../../domain/segments/segment-queries.ts';
import type { SegmentPreview } from './segments.schemas.ts';

const SAMPLE_SIZE = 10;
const NO_TIER = 'No tier';

/**
 * What a compiled definition selects in the marts now: its size against the tenant's active members, a sample, and
 * its RFM segments and tiers. Three queries at once: the grouped distribution (one pass over the matching rows), the
 * sample (read in key order, stopping early) and the tenant's count. The api's preview and the benchmark run this.
 */
export async function readPreview(
  reader: MartReader,
  compiled: CompiledSegment,
  tenantId: string,
): Promise<SegmentPreview> {
  const [groups, sample, [active]] = await Promise.all([
    reader.rows<{ rfmSegment: string; tierId: string | null; tierName: string | null; members: number }>(
      previewDistributionQuery(compiled),
    ),
    reader.rows<SegmentMember>(previewSampleQuery(compiled, SAMPLE_SIZE)),
    reader.rows<{ members: number }>(activeMembersQuery(tenantId)),
  ]);
  const size = groups.reduce((sum, g) => sum + g.members, 0);
  const shareOf = (n: number) => (size === 0 ? null : n / size);
  const bySegment = new Map<string, number>();
  const byTier = new Map<string, { tierId: string | null; tierName: string; members: number }>();
  for (const g of groups) {
    bySegment.set(g.rfmSegment, (bySegment.get(g.rfmSegment) ?? 0) + g.members);
    const key = g.tierId ?? '';
    const tier = byTier.get(key) ?? { tierId: g.tierId, tierName: g.tierName ?? NO_TIER, members: 0 };
    tier.members += g.members;
    byTier.set(key, tier);
  }
  const activeMembers = active?.members ?? 0;
  return {
    size,
    activeMembers,
    share: activeMembers === 0 ? null : size / activeMembers,
    sample,
    rfmSegments: RFM_SEGMENTS.map((segment) => {
      const members = bySegment.get(segment) ?? 0;
      return { segment, members, share: shareOf(members) };
    }),
    tiers: [...byTier.values()]
      .sort((x, y) => y.members - x.members || x.tierName.localeCompare(y.tierName))
      .map((t) => ({ ...t, share: shareOf(t.members) })),
  };
}
