import type { SegmentVersion as SegmentVersionRow } from '@loyaltystudio/prisma';
import type { AuthContext } from '../../auth/context.ts';
import { compileDefinition } from '../../domain/segments/compile-definition.ts';
import type { SegmentDefinition } from '../../domain/segments/segment-definition.ts';
import { InvalidRequestError, NotFoundError, UnprocessableError } from '../../errors.ts';
import { audit } from '../../infra/audit.ts';
import { decodeCursor, page } from '../../infra/pagination.ts';
import { type Tx, withTenant } from '../../infra/tenant-tx.ts';
import { apiMartReader } from '../../infra/warehouse.ts';
import { checkDefinition, checkReferences, compileStored, UUID } from './segments.checks.ts';
import { createSegmentMembers, MEMBER_BATCH, type SegmentsDeps } from './segments.members.ts';
import { readPreview } from './segments.preview.ts';
import { segmentsRepository as repo } from './segments.repository.ts';
import type {
  CreateSegment,
  PreviewBody,
  Segment,
  SegmentListQuery,
  SegmentPreview,
  UpdateSegment,
} from './segments.schemas.ts';
import { audited, toSegment, toSummary } from './segments.views.ts';

/**
 * Segments: CRUD with immutable versions in Postgres, previews and member pages read from the marts, static
 * snapshots, and `membersOfVersion` for campaigns. Every request is checked before any SQL is built, every query
 * binds the caller's tenant, and another tenant's segment (or version) is not found.
 */
export function createSegmentsService(deps: SegmentsDeps) {
  const { prisma, clickhouse, settings } = deps;
  const reader = apiMartReader(clickhouse, settings);
  const snapshotTx = { timeoutMs: settings.streamTimeoutSeconds * 1000 };
  const { dynamicMemberIds, ...memberReads } = createSegmentMembers(deps);

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

    ...memberReads,
  };
}

export type SegmentsService = ReturnType<typeof createSegmentsService>;
