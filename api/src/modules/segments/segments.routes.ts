import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { validateDefinition } from '../../domain/segments/validate-definition.ts';
import { InvalidRequestError } from '../../errors.ts';
import { authOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import {
  CreateSegment,
  MembersQuery,
  PreviewBody,
  Segment,
  SegmentList,
  SegmentListQuery,
  SegmentMemberPage,
  SegmentParams,
  SegmentPreview,
  SegmentQuery,
  UpdateSegment,
} from './segments.schemas.ts';
import type { SegmentsService } from './segments.service.ts';

/**
 * Definitions are checked by the segment validator before the route schema: it names the exact bad node
 * (`body.definition.all[1].rfmSegment.in[0]`), where a schema union would only say "matches no alternative".
 */
async function validatorChecksDefinition(request: FastifyRequest) {
  const body = request.body as { definition?: unknown } | null;
  if (typeof body !== 'object' || body === null || !('definition' in body)) return;
  const result = validateDefinition(body.definition, 'body.definition');
  if (!result.ok) throw new InvalidRequestError(result.errors);
}

const tags = ['segments'];
const read = { permission: 'segments:read' } as const;
const write = { permission: 'segments:write' } as const;
/** Saves of static segments and every read of members query the warehouse: down, slow or not built yet. */
const warehouse = { 503: Problem, 504: Problem } as const;
/** A deleted segment, a snapshot of a dynamic one, or a stored definition the allow-list no longer accepts. */
const unprocessable = { 422: Problem } as const;

export const segmentRoutes: FastifyPluginAsyncTypebox<{ segments: SegmentsService }> = async (app, { segments }) => {
  app.post(
    '/v1/segments',
    {
      config: write,
      preValidation: validatorChecksDefinition,
      schema: {
        tags,
        summary: 'Create a segment with its first version',
        description:
          'The definition is validated node by node (400 names every bad path); campaigns and tiers it names must ' +
          'be the tenant’s. A static segment takes its snapshot of member ids now, from the marts (503 when the ' +
          'warehouse cannot answer).',
        body: CreateSegment,
        response: { 201: Segment, ...problemResponses, ...unprocessable, ...warehouse },
      },
    },
    async (request, reply) => reply.status(201).send(await segments.create(authOf(request), request.body)),
  );

  app.get(
    '/v1/segments',
    {
      config: read,
      schema: {
        tags,
        summary: 'List segments, oldest first, each with its current version',
        querystring: SegmentListQuery,
        response: { 200: SegmentList, ...problemResponses },
      },
    },
    async (request) => segments.list(authOf(request), request.query),
  );

  app.post(
    '/v1/segments::preview',
    {
      config: read,
      preValidation: validatorChecksDefinition,
      schema: {
        tags,
        summary: 'Preview a draft definition: size, share, a sample, RFM segments and tiers',
        description:
          'Evaluates the definition on the marts now and saves nothing: its size, its share of the tenant’s active ' +
          'members, ten sample members, and how its members spread over the RFM segments and tiers.',
        body: PreviewBody,
        response: { 200: SegmentPreview, ...problemResponses, 422: Problem, ...warehouse },
      },
    },
    async (request) => segments.preview(authOf(request), request.body),
  );

  app.get(
    '/v1/segments/:segmentId',
    {
      config: read,
      schema: {
        tags,
        summary: 'Get a segment with its versions',
        description:
          'The current version with its definition (or `?version=N`), and every version, newest first. ' +
          'A deleted segment stays readable.',
        params: SegmentParams,
        querystring: SegmentQuery,
        response: { 200: Segment, ...problemResponses },
      },
    },
    async (request) => segments.get(authOf(request), request.params.segmentId, request.query.version),
  );

  app.put(
    '/v1/segments/:segmentId',
    {
      config: write,
      preValidation: validatorChecksDefinition,
      schema: {
        tags,
        summary: 'Save a segment: a new immutable version',
        description:
          'Appends a version and makes it current; past versions never change. A static segment takes a new ' +
          'snapshot with it. A deleted segment cannot be saved (422).',
        params: SegmentParams,
        body: UpdateSegment,
        response: { 200: Segment, ...problemResponses, ...unprocessable, ...warehouse },
      },
    },
    async (request) => segments.update(authOf(request), request.params.segmentId, request.body),
  );

  app.delete(
    '/v1/segments/:segmentId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete a segment; it and its versions stay readable',
        description:
          'Soft deletion: the segment leaves lists and cannot change, but campaigns that name one of its ' +
          'versions still read it. Deleting again changes nothing.',
        params: SegmentParams,
        response: { 200: Segment, ...problemResponses },
      },
    },
    async (request) => segments.remove(authOf(request), request.params.segmentId),
  );

  app.post(
    '/v1/segments/:segmentId(^[^:]+)::snapshot',
    {
      config: write,
      schema: {
        tags,
        summary: 'Take a new snapshot of a static segment: a new version',
        description:
          'A new version with the same definition and the members it selects in the marts now. 422 for a dynamic ' +
          'segment (it is evaluated when read) or a deleted one.',
        params: SegmentParams,
        response: { 200: Segment, ...problemResponses, ...unprocessable, ...warehouse },
      },
    },
    async (request) => segments.snapshot(authOf(request), request.params.segmentId),
  );

  app.get(
    '/v1/segments/:segmentId/members',
    {
      config: read,
      schema: {
        tags,
        summary: "A page of a segment's members, in member id order",
        description:
          'Dynamic segments are evaluated on the marts now; static ones list their snapshot. `version` reads a past ' +
          'version; a cursor keeps the version it started with.',
        params: SegmentParams,
        querystring: MembersQuery,
        response: { 200: SegmentMemberPage, ...problemResponses, ...unprocessable, 422: Problem, ...warehouse },
      },
    },
    async (request) => segments.members(authOf(request), request.params.segmentId, request.query),
  );
};
