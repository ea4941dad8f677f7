// How segments and their versions are shown: the api's shapes of the Postgres rows, and what the audit log keeps.
import type { SegmentVersion as SegmentVersionRow } from '@loyaltystudio/prisma';
import type { SegmentWithVersions } from './segments.repository.ts';
import type { Segment, SegmentSummary, SegmentVersion } from './segments.schemas.ts';

export function toVersion(row: SegmentVersionRow): SegmentVersion {
  return {
    id: row.id,
    version: row.version,
    definition: row.definition as SegmentVersion['definition'],
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    memberCount: row.memberCount,
  };
}

export function toSummary(row: Omit<SegmentWithVersions, 'versions'>, shown: SegmentVersionRow): SegmentSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    currentVersion: row.currentVersion,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    deletedAt: row.deletedAt?.toISOString() ?? null,
    version: toVersion(shown),
  };
}

export function toSegment(row: SegmentWithVersions, shown: SegmentVersionRow): Segment {
  return {
    ...toSummary(row, shown),
    versions: row.versions.map((v) => ({
      id: v.id,
      version: v.version,
      createdBy: v.createdBy,
      createdAt: v.createdAt.toISOString(),
      memberCount: v.memberCount,
    })),
  };
}

/** What the audit log keeps of a segment: enough to see what changed, without its list of versions. */
export const audited = (s: Segment) => ({
  name: s.name,
  description: s.description,
  kind: s.kind,
  deletedAt: s.deletedAt,
  version: s.version.version,
  versionId: s.version.id,
  definition: s.version.definition,
  memberCount: s.version.memberCount,
});
