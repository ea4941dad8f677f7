import type { ClickHouseClient } from '@clickhouse/client';
import type { PrismaClient, SegmentVersion as SegmentVersionRow } from '@loyaltystudio/prisma';
import { type MartReader, RFM_SEGMENTS } from '@loyaltystudio/warehouse';
import type { AuthContext } from '../../auth/context.ts';
import { armsOf, type Split } from '../../domain/campaigns/index.ts';
import {
  type CompiledSegment,
  compileDefinition,
  InvalidDefinitionError,
} from '../../domain/segments/compile-definition.ts';
import type { SegmentDefinition } from '../../domain/segments/segment-definition.ts';
import {
  activeMembersQuery,
  membersByIdQuery,
  previewDistributionQuery,
  previewSampleQuery,
  type SegmentMember,
  segmentExportCondition,
  segmentMemberIdsQuery,
  segmentMembersQuery,
} from '../../domain/segments/segment-queries.ts';
import { type SegmentReferences, validateDefinition } from '../../domain/segments/validate-definition.ts';
import { InvalidRequestError, NotFoundError, UnprocessableError } from '../../errors.ts';
import { audit } from '../../infra/audit.ts';
import { decodeCursor, encodeCursor, page } from '../../infra/pagination.ts';
import { type Tx, withTenant } from '../../infra/tenant-tx.ts';
import { apiMartReader } from '../../infra/warehouse.ts';
import { segmentsRepository as repo, type SegmentWithVersions } from './segments.repository.ts';
import type {
  CreateSegment,
  MembersQuery,
  PreviewBody,
  Segment,
  SegmentListQuery,
  SegmentMemberPage,
  SegmentPreview,
  SegmentSummary,
  SegmentVersion,
  UpdateSegment,
} from './segments.schemas.ts';

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
const SAMPLE_SIZE = 10;
const NO_TIER = 'No tier';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface MembersCursor extends Record<string, string | number> {
  version: number;
  after: string;
}

/** What an export of a segment's members needs: its version, and how to select the members. */
export type SegmentExportSource =
  | { segmentVersionId: string; kind: 'dynamic'; condition: string; params: Record<string, unknown> }
  | { segmentVersionId: string; kind: 'static'; memberIds: () => AsyncIterable<string[]> };

function toVersion(row: SegmentVersionRow): SegmentVersion {
  return {
    id: row.id,
    version: row.version,
    definition: row.definition as SegmentVersion['definition'],
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    memberCount: row.memberCount,
  };
}

function toSummary(row: Omit<SegmentWithVersions, 'versions'>, shown: SegmentVersionRow): SegmentSummary {
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

function toSegment(row: SegmentWithVersions, shown: SegmentVersionRow): Segment {
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
const audited = (s: Segment) => ({
  name: s.name,
  description: s.description,
  kind: s.kind,
  deletedAt: s.deletedAt,
  version: s.version.version,
  versionId: s.version.id,
  definition: s.version.definition,
  memberCount: s.version.memberCount,
});

/** The definition checked node by node; every problem names its path under `path`. */
function checkDefinition(
  value: unknown,
  path: string,
): { definition: SegmentDefinition; references: SegmentReferences } {
  const result = validateDefinition(value, path);
  if (!result.ok) throw new InvalidRequestError(result.errors);
  return result;
}

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

/**
 * Segments: CRUD with immutable versions in Postgres, previews and member pages read from the marts, static
 * snapshots, and `membersOfVersion` for campaigns. Every request is checked before any SQL is built, every query
 * binds the caller's tenant, and another tenant's segment (or version) is not found.
 */
export function createSegmentsService({ prisma, clickhouse, settings }: SegmentsDeps) {
  const reader = apiMartReader(clickhouse, settings);
  const batchReader = apiMartReader(clickhouse, {
    timeoutSeconds: settings.streamTimeoutSeconds,
    maxResultRows: MEMBER_BATCH,
  });
  const snapshotTx = { timeoutMs: settings.streamTimeoutSeconds * 1000 };

  /** Campaigns and tiers a definition names must be the tenant's: 400 naming the path of each that is not. */
  async function checkReferences(tx: Tx, tenantId: string, refs: SegmentReferences): Promise<void> {
    const errors: { path: string; message: string }[] = [];
    if (refs.campaigns.length > 0) {
      const campaigns = await repo.existingCampaigns(tx, tenantId, [...new Set(refs.campaigns.map((r) => r.id))]);
      const known = new Map(
        campaigns.map((c) => [c.id, armsOf({ ...c, variants: c.variants as unknown as Split['variants'] })] as const),
      );
      for (const r of refs.campaigns) {
        const arms = known.get(r.id);
        if (!arms) errors.push({ path: r.path, message: 'is not a campaign of the tenant' });
        else if (r.variant && !arms.includes(r.variant.key)) {
          errors.push({ path: r.variant.path, message: `is not an arm of the campaign; its arms: ${arms.join(', ')}` });
        }
      }
    }
    if (refs.tiers.length > 0) {
      const known = await repo.existingTiers(tx, tenantId, [...new Set(refs.tiers.map((r) => r.id))]);
      for (const r of refs.tiers)
        if (!known.has(r.id)) errors.push({ path: r.path, message: 'is not a tier of the tenant' });
    }
    if (errors.length > 0) throw new InvalidRequestError(errors);
  }

  /** A stored definition compiled; one the allow-list no longer accepts cannot be read (422, never SQL). */
  function compileStored(definition: unknown, tenantId: string, segmentId: string): CompiledSegment {
    try {
      return compileDefinition(definition, tenantId);
    } catch (err) {
      if (!(err instanceof InvalidDefinitionError)) throw err;
      throw new UnprocessableError(
        'segment-definition-invalid',
        `A version of segment ${segmentId} no longer passes validation; save a new version.`,
        { errors: err.errors },
      );
    }
  }

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

  /** Writes a static version's snapshot in the caller's transaction: the members its definition selects now. */
  async function takeSnapshot(tx: Tx, tenantId: string, version: SegmentVersionRow): Promise<void> {
    const compiled = compileStored(version.definition, tenantId, version.segmentId);
    let count = 0;
    for await (const ids of dynamicMemberIds(compiled, MEMBER_BATCH)) {
      await repo.addMembers(tx, tenantId, version.id, ids);
      count += ids.length;
    }
    await repo.setMemberCount(tx, tenantId, version.id, count);
  }

  async function view(tx: Tx, tenantId: string, segmentId: string, version?: number): Promise<Segment> {
    const row = await repo.find(tx, tenantId, segmentId);
    if (!row) throw new NotFoundError(`Segment ${segmentId}`);
    const shown = await repo.findVersion(tx, tenantId, segmentId, version ?? row.currentVersion);
    if (!shown) throw new NotFoundError(`Version ${version} of segment ${segmentId}`);
    return toSegment(row, shown);
  }

  /** The segment locked for a change; a deleted one only stays readable. */
  async function changeable(tx: Tx, tenantId: string, segmentId: string): Promise<Segment> {
    if (!(await repo.lock(tx, tenantId, segmentId))) throw new NotFoundError(`Segment ${segmentId}`);
    const before = await view(tx, tenantId, segmentId);
    if (before.deletedAt) {
      throw new UnprocessableError('segment-deleted', `Segment ${segmentId} is deleted; its versions stay readable.`);
    }
    return before;
  }

  /** Appends version current + 1 with `definition` (static: with its snapshot) and makes it current. */
  async function appendVersion(
    tx: Tx,
    auth: AuthContext,
    before: Segment,
    definition: SegmentDefinition,
    fields: { name?: string; description?: string | null },
  ): Promise<Segment> {
    const next = before.currentVersion + 1;
    const version = await repo.createVersion(tx, {
      tenantId: auth.tenantId,
      segmentId: before.id,
      version: next,
      definition: definition as object,
      createdBy: auth.actor.id,
    });
    if (before.kind === 'static') await takeSnapshot(tx, auth.tenantId, version);
    await repo.update(tx, auth.tenantId, before.id, { ...fields, currentVersion: next, updatedAt: new Date() });
    return view(tx, auth.tenantId, before.id);
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
    async create(auth: AuthContext, body: CreateSegment): Promise<Segment> {
      const { definition, references } = checkDefinition(body.definition, 'body.definition');
      return withTenant(
        prisma,
        auth.tenantId,
        async (tx) => {
          await checkReferences(tx, auth.tenantId, references);
          const segment = await repo.create(tx, {
            tenantId: auth.tenantId,
            name: body.name,
            description: body.description ?? null,
            kind: body.kind,
            currentVersion: 1,
            createdBy: auth.actor.id,
          });
          const version = await repo.createVersion(tx, {
            tenantId: auth.tenantId,
            segmentId: segment.id,
            version: 1,
            definition: definition as object,
            createdBy: auth.actor.id,
          });
          if (body.kind === 'static') await takeSnapshot(tx, auth.tenantId, version);
          const created = await view(tx, auth.tenantId, segment.id);
          await audit(tx, auth, {
            action: 'segment.create',
            entityType: 'segment',
            entityId: segment.id,
            after: audited(created),
          });
          return created;
        },
        body.kind === 'static' ? snapshotTx : {},
      );
    },

    async list(auth: AuthContext, query: SegmentListQuery) {
      const limit = query.limit ?? 50;
      const after = decodeCursor<{ createdAt: string; id: string }>(query.cursor, {
        createdAt: 'string',
        id: 'string',
      });
      if (after && (Number.isNaN(Date.parse(after.createdAt)) || !UUID.test(after.id))) {
        throw new InvalidRequestError([
          { path: 'querystring.cursor', message: 'is not a cursor this endpoint issued' },
        ]);
      }
      return withTenant(prisma, auth.tenantId, async (tx) => {
        const rows = await repo.list(
          tx,
          { tenantId: auth.tenantId, includeDeleted: query.includeDeleted ?? false, limit: limit + 1 },
          after,
        );
        const result = page(rows, limit, (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }));
        const shown = await repo.versionsOf(
          tx,
          auth.tenantId,
          result.items.map((r) => ({ segmentId: r.id, version: r.currentVersion })),
        );
        const byKey = new Map(shown.map((v) => [`${v.segmentId}:${v.version}`, v]));
        return {
          items: result.items.map((r) => toSummary(r, byKey.get(`${r.id}:${r.currentVersion}`) as SegmentVersionRow)),
          nextCursor: result.nextCursor,
        };
      });
    },

    /** A segment (deleted ones too) with its versions; `version` shows a past one. */
    get: (auth: AuthContext, segmentId: string, version?: number): Promise<Segment> =>
      withTenant(prisma, auth.tenantId, (tx) => view(tx, auth.tenantId, segmentId, version)),

    /** Each save is a new immutable version; a static segment takes a new snapshot with it. */
    async update(auth: AuthContext, segmentId: string, body: UpdateSegment): Promise<Segment> {
      const { definition, references } = checkDefinition(body.definition, 'body.definition');
      return withTenant(
        prisma,
        auth.tenantId,
        async (tx) => {
          const before = await changeable(tx, auth.tenantId, segmentId);
          await checkReferences(tx, auth.tenantId, references);
          const after = await appendVersion(tx, auth, before, definition, {
            name: body.name,
            description: body.description ?? null,
          });
          await audit(tx, auth, {
            action: 'segment.update',
            entityType: 'segment',
            entityId: segmentId,
            before: audited(before),
            after: audited(after),
          });
          return after;
        },
        snapshotTx,
      );
    },

    /** Soft deletion: the segment leaves lists and cannot change; it and its versions stay readable. */
    async remove(auth: AuthContext, segmentId: string): Promise<Segment> {
      return withTenant(prisma, auth.tenantId, async (tx) => {
        if (!(await repo.lock(tx, auth.tenantId, segmentId))) throw new NotFoundError(`Segment ${segmentId}`);
        const before = await view(tx, auth.tenantId, segmentId);
        if (before.deletedAt) return before;
        await repo.update(tx, auth.tenantId, segmentId, { deletedAt: new Date(), updatedAt: new Date() });
        const after = await view(tx, auth.tenantId, segmentId);
        await audit(tx, auth, {
          action: 'segment.delete',
          entityType: 'segment',
          entityId: segmentId,
          before: audited(before),
          after: audited(after),
        });
        return after;
      });
    },

    /** A new version of a static segment with the same definition and a fresh snapshot of its members. */
    async snapshot(auth: AuthContext, segmentId: string): Promise<Segment> {
      return withTenant(
        prisma,
        auth.tenantId,
        async (tx) => {
          const before = await changeable(tx, auth.tenantId, segmentId);
          if (before.kind !== 'static') {
            throw new UnprocessableError(
              'segment-not-static',
              `Segment ${segmentId} is dynamic: it is evaluated when read and keeps no snapshot.`,
            );
          }
          const after = await appendVersion(tx, auth, before, before.version.definition as SegmentDefinition, {});
          await audit(tx, auth, {
            action: 'segment.snapshot',
            entityType: 'segment',
            entityId: segmentId,
            before: audited(before),
            after: audited(after),
          });
          return after;
        },
        snapshotTx,
      );
    },

    /** What a draft definition selects now: size, share, a sample, and its RFM segments and tiers. Saves nothing. */
    async preview(auth: AuthContext, body: PreviewBody): Promise<SegmentPreview> {
      const { definition, references } = checkDefinition(body.definition, 'body.definition');
      if (references.campaigns.length > 0 || references.tiers.length > 0) {
        await withTenant(prisma, auth.tenantId, (tx) => checkReferences(tx, auth.tenantId, references));
      }
      return readPreview(reader, compileDefinition(definition, auth.tenantId), auth.tenantId);
    },

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

export type SegmentsService = ReturnType<typeof createSegmentsService>;
