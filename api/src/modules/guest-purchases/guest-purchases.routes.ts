import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { logUnexpected } from '../../infra/batch.ts';
import { authOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import { IdempotencyHeaders } from '../events/events.schemas.ts';
import {
  BatchBody,
  BatchResult,
  GuestPurchase,
  GuestPurchasePage,
  GuestPurchaseQuery,
  MAX_BATCH,
  RecordGuestPurchase,
} from './guest-purchases.schemas.ts';
import type { GuestPurchasesService } from './guest-purchases.service.ts';

export const guestPurchaseRoutes: FastifyPluginAsyncTypebox<{ guestPurchases: GuestPurchasesService }> = async (
  app,
  { guestPurchases },
) => {
  app.post(
    '/v1/guest-purchases',
    {
      config: { permission: 'guest_purchases:write' },
      schema: {
        tags: ['guest purchases'],
        summary: 'Record an order of a customer who is not a member',
        description:
          'Guest purchases earn no points: they give the analytics the revenue outside the program (revenue share, ' +
          'ROI against non-members) and, through `customerRef`, the spend of customers before they enrolled. ' +
          'Answers 201 when recorded, or 200 with the stored purchase when its `externalId` was recorded before.',
        headers: IdempotencyHeaders,
        body: RecordGuestPurchase,
        response: { 200: GuestPurchase, 201: GuestPurchase, 422: Problem, ...problemResponses },
      },
    },
    async (request, reply) => {
      const done = await guestPurchases.record(authOf(request), request.body, request.headers['idempotency-key']);
      if (done.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(done.status as 201).send(done.body);
    },
  );

  app.post(
    '/v1/guest-purchases::batch',
    {
      bodyLimit: 2 * 1_048_576,
      config: { permission: 'guest_purchases:write' },
      schema: {
        tags: ['guest purchases'],
        summary: `Record up to ${MAX_BATCH} guest purchases`,
        description:
          'Each purchase is checked and stored on its own: one that fails writes nothing, and its slot of the ' +
          'answer holds the status and problem it would have had alone (500 `internal` for an unexpected error, ' +
          'which leaves the other purchases as they are). They are written together in one statement; should ' +
          'that fail unexpectedly, they are written one by one instead. The answer is 200 whatever the purchases ' +
          'did; a whole-request error (400 for the envelope, 413, 422 for a reused key) means nothing was ' +
          'written. Retrying with the same Idempotency-Key and body replays the purchases that succeeded and runs ' +
          'the failed ones again.',
        headers: IdempotencyHeaders,
        body: BatchBody,
        response: { 200: BatchResult, 413: Problem, 422: Problem, ...problemResponses },
      },
    },
    async (request, reply) => {
      const done = await guestPurchases.recordBatch(
        authOf(request),
        request.body.purchases,
        request.headers['idempotency-key'],
        logUnexpected(request.log),
      );
      if (done.replayed) reply.header('idempotent-replayed', 'true');
      return done.body;
    },
  );

  app.get(
    '/v1/guest-purchases',
    {
      config: { permission: 'guest_purchases:read' },
      schema: {
        tags: ['guest purchases'],
        summary: 'List guest purchases',
        description: 'Newest first by `occurredAt`, with an optional date range (`from` inclusive, `to` exclusive).',
        querystring: GuestPurchaseQuery,
        response: { 200: GuestPurchasePage, ...problemResponses },
      },
    },
    async (request) => guestPurchases.list(authOf(request), request.query),
  );
};
