import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { logUnexpected } from '../../infra/batch.ts';
import { authOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import { BatchResult, EventResult, IdempotencyHeaders, MAX_BATCH, RecordEvent } from './events.schemas.ts';
import type { EventsService } from './events.service.ts';

const BatchBody = Type.Object(
  {
    events: Type.Array(
      Type.Object({}, { additionalProperties: true, description: 'An event as POST /v1/events takes it' }),
      { minItems: 1, maxItems: MAX_BATCH },
    ),
  },
  { additionalProperties: false },
);

export const eventRoutes: FastifyPluginAsyncTypebox<{ events: EventsService }> = async (app, { events }) => {
  app.post(
    '/v1/events',
    {
      config: { permission: 'events:write' },
      schema: {
        tags: ['events'],
        summary: 'Record an event and credit (or, for a refund, take back) its points',
        description:
          'Stores the event, evaluates the program’s rules and active campaigns, writes the ledger entries and the ' +
          'balance and re-evaluates the tier, in one transaction. A purchase or sign-up for an unknown ' +
          '`memberExternalId` enrols the member. A refund reverses its purchase’s points in proportion to the ' +
          'amount refunded.',
        headers: IdempotencyHeaders,
        body: RecordEvent,
        response: { 201: EventResult, 409: Problem, 413: Problem, 422: Problem, 503: Problem, ...problemResponses },
      },
    },
    async (request, reply) => {
      const done = await events.record(authOf(request), request.body, request.headers['idempotency-key']);
      if (done.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(done.status as 201).send(done.body);
    },
  );

  app.post(
    '/v1/events::batch',
    {
      // A full batch is larger than one event: up to about 8 KiB per event.
      bodyLimit: 8 * 1_048_576,
      config: { permission: 'events:write' },
      schema: {
        tags: ['events'],
        summary: `Record up to ${MAX_BATCH} events, each on its own`,
        description:
          'Each event is checked and recorded on its own, in order, in its own transaction: an event that fails ' +
          'writes nothing, and its slot of the answer holds the status and problem it would have had alone (500 ' +
          '`internal` for an unexpected error, which leaves the other events as they are). The answer is 200 ' +
          'whatever the events did; a whole-request error (400 for the envelope, 413, 422 for a reused key) means ' +
          'nothing was written. Retrying with the same Idempotency-Key and body replays the events that ' +
          'succeeded and runs the failed ones again.',
        headers: IdempotencyHeaders,
        body: BatchBody,
        response: { 200: BatchResult, 413: Problem, 422: Problem, ...problemResponses },
      },
    },
    async (request, reply) => {
      const done = await events.recordBatch(
        authOf(request),
        request.body.events,
        request.headers['idempotency-key'],
        logUnexpected(request.log),
      );
      if (done.replayed) reply.header('idempotent-replayed', 'true');
      return done.body;
    },
  );
};
