import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import { IdempotencyHeaders } from '../events/events.schemas.ts';
import { CreateImport, Import, ImportList, ImportParams, ListImportsQuery } from './imports.schemas.ts';
import type { ImportsService } from './imports.service.ts';

const tags = ['imports'];
const config = { permission: 'imports:write' } as const;

export const importRoutes: FastifyPluginAsyncTypebox<{ imports: ImportsService; bodyLimit: number }> = async (
  app,
  { imports, bodyLimit },
) => {
  app.post(
    '/v1/imports',
    {
      config,
      bodyLimit,
      schema: {
        tags,
        summary: "Import a merchant's history: members and orders/refunds as CSV, NDJSON or Parquet",
        description:
          'Reads the files (inline, or fetched from a public https URL) through the column mapping and checks every ' +
          'row before writing anything: bad rows answer 422 with their file, line and column, unless skipBadRows. ' +
          'dryRun answers 200 with what would be written (members, events, points issued, expired and outstanding, ' +
          'liability, tiers) and writes nothing. Otherwise the import is recorded and written in the background ' +
          '(202): members at their enrolment date, events, ledger entries dated when they took effect through the ' +
          "program's rules, lots, expiries and tier changes; follow it with GET /v1/imports/{importId}. The same " +
          'files again answer the import as it stands (200), or resume it where it stopped when it was interrupted. ' +
          'No webhooks for historical entries unless sendWebhooks. See docs/import.md.',
        headers: IdempotencyHeaders,
        body: CreateImport,
        response: { 200: Import, 202: Import, ...problemResponses, 413: Problem, 422: Problem, 503: Problem },
      },
    },
    async (request, reply) => {
      const done = await imports.create(authOf(request), request.body, request.headers['idempotency-key']);
      if (done.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(done.status as 200 | 202).send(done.body);
    },
  );

  app.get(
    '/v1/imports',
    {
      config,
      schema: {
        tags,
        summary: "The tenant's imports, newest first",
        querystring: ListImportsQuery,
        response: { 200: ImportList, ...problemResponses },
      },
    },
    async (request) => imports.list(authOf(request), request.query),
  );

  app.get(
    '/v1/imports/:importId',
    {
      config,
      schema: {
        tags,
        summary: 'Status and progress of an import',
        description:
          'Members and events written so far, the figures so far, rows left out, and why it failed if it did.',
        params: ImportParams,
        response: { 200: Import, ...problemResponses },
      },
    },
    async (request) => imports.get(authOf(request), request.params.importId),
  );
};
