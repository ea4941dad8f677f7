// Reading a segment version's members: a page for the api, every id for a campaign's audience or a snapshot, and
// how an export selects them. Dynamic versions are read from the marts now, static ones from their snapshot.
import type { ClickHouseClient } from '@clickhouse/client';
import type { PrismaClient } from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import type { CompiledSegment } from '../../domain/segments/compile-definition.ts';
import {
  membersByIdQuery,
  type SegmentMember,
  segmentExportCondition,
  segmentMemberIdsQuery,
  segmentMembersQuery,
} from '../../domain/segments/segment-queries.ts';
import { InvalidRequestError, NotFoundError } from '../../errors.ts';
import { decodeCursor, encodeCursor } from '../../infra/pagination.ts';
import { withTenant } from '../../infra/tenant-tx.ts';
import { apiMartReader } from '../../infra/warehouse.ts';
import { compileStored, UUID } from './segments.checks.ts';
import { segmentsRepository as repo } from './segments.repository.ts';
import type { MembersQuery, SegmentMemberPage } from './segments.schemas.ts';

export interface SegmentSettings {
  /** max_execution_time of previews and member pages, in seconds (ANALYTICS_QUERY_TIMEOUT). */
  timeoutSeconds: number;
  /** max_result_rows of those reads (ANALYTICS_MAX_RESULT_ROWS). */
  maxResultRows: number;
  /**
   * Longest a whole read of a segment's members may take, in seconds: a static snapshot (and its Postgres
   * transaction) or one batch of `membersOfVersion` (EXPORTS_QUERY_TIMEOUT).
   */
  streamTimeoutSeconds: number;
}

export interface SegmentsDeps {
  prisma: PrismaClient;
  clickhouse: ClickHouseClient;
  settings: SegmentSettings;
}

/** Member ids per batch of `membersOfVersion` and of a snapshot. */
export const MEMBER_BATCH = 10_000;

interface MembersCursor extends Record<string, string | number> {
  version: number;
  after: string;
}

/** What an export of a segment's members needs: its version, and how to select the members. */
export type SegmentExportSource =
  | { segmentVersionId: string; kind: 'dynamic'; condition: string; params: Record<string, unknown> }
  | { segmentVersionId: string; kind: 'static'; memberIds: () => AsyncIterable<string[]> };

/** The member reads of the segments service; every query binds the caller's tenant. */
export function createSegmentMembers({ prisma, clickhouse, settings }: SegmentsDeps) {
  const reader = apiMartReader(clickhouse, settings);
  const batchReader = apiMartReader(clickhouse, {
    timeoutSeconds: settings.streamTimeoutSeconds,
    maxResultRows: MEMBER_BATCH,
  });

  /** The members a definition selects now, batch by batch in member id order. */
  async function* dynamicMemberIds(compiled: CompiledSegment, batchSize: number): AsyncGenerator<string[]> {
    let after: string | undefined;
    for (;;) {
      const rows = await batchReader.rows<{ memberId: string }>(
        segmentMemberIdsQuery(compiled, { after, take: batchSize }),
      );
      if (rows.length === 0) return;
      yield rows.map((r) => r.memberId);
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1]?.memberId;
    }
  }

  /** A static version's snapshot, batch by batch in member id order, each batch its own short transaction. */
  async function* snapshotMemberIds(tenantId: string, versionId: string, batchSize: number): AsyncGenerator<string[]> {
    let after: string | undefined;
    for (;;) {
      const ids = await withTenant(prisma, tenantId, (tx) => repo.memberIds(tx, tenantId, versionId, batchSize, after));
      if (ids.length === 0) return;
      yield ids;
      if (ids.length < batchSize) return;
      after = ids[ids.length - 1];
    }
  }

  async function segmentOf(auth: AuthContext, segmentId: string) {
    const row = await withTenant(prisma, auth.tenantId, (tx) => repo.find(tx, auth.tenantId, segmentId));
    if (!row) throw new NotFoundError(`Segment ${segmentId}`);
    return row;
  }

  async function versionOf(auth: AuthContext, segmentId: string, version: number) {
    const row = await withTenant(prisma, auth.tenantId, (tx) =>
      repo.findVersion(tx, auth.tenantId, segmentId, version),
    );
    if (!row) throw new NotFoundError(`Version ${version} of segment ${segmentId}`);
    return row;
  }

  return {
    dynamicMemberIds,

    /** A page of a version's members in member id order: dynamic ones from the marts now, static from the snapshot. */
    async members(auth: AuthContext, segmentId: string, query: MembersQuery): Promise<SegmentMemberPage> {
      const limit = query.limit ?? 50;
      const cursor = decodeCursor<MembersCursor>(query.cursor, { version: 'number', after: 'string' });
      if (cursor && query.version !== undefined && cursor.version !== query.version) {
        throw new InvalidRequestError([
          { path: 'querystring.cursor', message: `belongs to version ${cursor.version}; start again without it` },
        ]);
      }
      const validVersion = (v: number) => Number.isInteger(v) && v >= 1 && v <= 2_147_483_647;
      if (cursor && (!UUID.test(cursor.after) || !validVersion(cursor.version))) {
        throw new InvalidRequestError([
          { path: 'querystring.cursor', message: 'is not a cursor this endpoint issued' },
        ]);
      }
      const segment = await segmentOf(auth, segmentId);
      const number = cursor?.version ?? query.version ?? segment.currentVersion;
      const version = await versionOf(auth, segmentId, number);
      let items: SegmentMember[];
      let last: string | undefined;
      let more: boolean;
      if (segment.kind === 'static') {
        const ids = await withTenant(prisma, auth.tenantId, (tx) =>
          repo.memberIds(tx, auth.tenantId, version.id, limit + 1, cursor?.after),
        );
        more = ids.length > limit;
        const shown = ids.slice(0, limit);
        last = shown[shown.length - 1];
        // A snapshot member no longer in the marts (deleted from Postgres since) has no row to show.
        items = shown.length > 0 ? await reader.rows<SegmentMember>(membersByIdQuery(auth.tenantId, shown)) : [];
      } else {
        const compiled = compileStored(version.definition, auth.tenantId, segmentId);
        const rows = await reader.rows<SegmentMember>(
          segmentMembersQuery(compiled, { after: cursor?.after, take: limit + 1 }),
        );
        more = rows.length > limit;
        items = rows.slice(0, limit);
        last = items[items.length - 1]?.memberId;
      }
      return {
        segmentId,
        version: number,
        kind: segment.kind,
        items,
        nextCursor: more && last ? encodeCursor({ version: number, after: last }) : null,
      };
    },

    /**
     * The member ids of one segment version, in batches of up to `batchSize` (10,000) in member id order: for a
     * dynamic segment, what its definition selects in the marts now (each batch one short query); for a static
     * one, its snapshot. Another tenant's version, or an unknown id, throws NotFoundError before the first batch.
     * Deleted segments' versions are read as any other. For campaigns (audiences) and exports.
     */
    async *membersOfVersion(
      tenantId: string,
      segmentVersionId: string,
      options: { batchSize?: number } = {},
    ): AsyncGenerator<string[]> {
      const batchSize = Math.min(Math.max(1, options.batchSize ?? MEMBER_BATCH), MEMBER_BATCH);
      const version = await withTenant(prisma, tenantId, (tx) => repo.findVersionById(tx, tenantId, segmentVersionId));
      if (!version) throw new NotFoundError(`Segment version ${segmentVersionId}`);
      if (version.segment.kind === 'static') {
        yield* snapshotMemberIds(tenantId, version.id, batchSize);
      } else {
        yield* dynamicMemberIds(compileStored(version.definition, tenantId, version.segmentId), batchSize);
      }
    },

    /** How an export selects a segment version's members; 404 for another tenant's segment or version. */
    async exportSource(auth: AuthContext, segmentId: string, version?: number): Promise<SegmentExportSource> {
      const segment = await segmentOf(auth, segmentId);
      const row = await versionOf(auth, segmentId, version ?? segment.currentVersion);
      if (segment.kind === 'static') {
        return {
          segmentVersionId: row.id,
          kind: 'static',
          memberIds: () => snapshotMemberIds(auth.tenantId, row.id, MEMBER_BATCH),
        };
      }
      const { condition, params } = segmentExportCondition(compileStored(row.definition, auth.tenantId, segmentId));
      return { segmentVersionId: row.id, kind: 'dynamic', condition, params };
    },
  };
}
