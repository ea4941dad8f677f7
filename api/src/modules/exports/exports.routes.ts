import { createReadStream } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import { IdempotencyHeaders } from '../events/events.schemas.ts';
import { CreateExport, DownloadQuery, Export, ExportPage, ExportParams, ExportsQuery } from './exports.schemas.ts';
import type { ExportsService } from './exports.service.ts';

const tags = ['exports'];
const config = { permission: 'exports:create' } as const;
const File = Type.String({ contentEncoding: 'binary' });

export const exportRoutes: FastifyPluginAsyncTypebox<{ exports: ExportsService }> = async (app, { exports }) => {
  app.post(
    '/v1/exports',
    {
      config,
      schema: {
        tags,
        summary: "Export a mart's rows of the tenant as CSV, Parquet or XLSX",
        description:
          'Checks the mart, columns, format and range before any query (400), then that the mart is built (503 ' +
          'until dbt has built it), counts the rows (422 when XLSX cannot hold them) and answers 202: the file is ' +
          'written in the background. Follow it with GET /v1/exports/{exportId}. The same Idempotency-Key and body ' +
          'replay the first answer and start nothing.',
        headers: IdempotencyHeaders,
        body: CreateExport,
        response: { 202: Export, ...problemResponses, 422: Problem, 503: Problem, 504: Problem },
      },
    },
    async (request, reply) => {
      const done = await exports.create(authOf(request), request.body, request.headers['idempotency-key']);
      if (done.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(202).send(done.body);
    },
  );

  app.get(
    '/v1/exports',
    {
      config,
      schema: {
        tags,
        summary: "The tenant's exports, newest first",
        description:
          'Cursor-paged; each export as GET /v1/exports/{exportId} answers it: status, format, mart, size, who ' +
          'asked for it and when, and for a succeeded one a fresh signed download link.',
        querystring: ExportsQuery,
        response: { 200: ExportPage, ...problemResponses },
      },
    },
    async (request) => exports.list(authOf(request), request.query),
  );

  app.get(
    '/v1/exports/:exportId',
    {
      config,
      schema: {
        tags,
        summary: 'Status and progress of an export, and its download link',
        description:
          'Rows and bytes written so far; when it succeeded, a signed link to the file that expires ' +
          '(EXPORTS_LINK_TTL). Ask again for a fresh link.',
        params: ExportParams,
        response: { 200: Export, ...problemResponses },
      },
    },
    async (request) => exports.get(authOf(request), request.params.exportId),
  );

  app.get(
    '/v1/exports/:exportId/download',
    {
      config,
      schema: {
        tags,
        summary: "Download an export's file",
        description:
          'The link from GET /v1/exports/{exportId}, with the usual credentials of the same tenant. A wrong ' +
          'signature or an expired link answers 403; the file streams with its content type and a file name.',
        params: ExportParams,
        querystring: DownloadQuery,
        response: {
          200: {
            description: 'The file',
            content: {
              'text/csv': { schema: File },
              'application/vnd.apache.parquet': { schema: File },
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: File },
            },
          },
          ...problemResponses,
          409: Problem,
          410: Problem,
        },
      },
    },
    async (request, reply) => {
      const file = await exports.download(authOf(request), request.params.exportId, request.query);
      return (
        reply
          .header('content-type', file.contentType)
          .header('content-length', String(file.size))
          .header('content-disposition', `attachment; filename="${file.fileName}"`)
          .header('cache-control', 'private, no-store')
          // A stream bypasses the serializer; the typed reply only knows the JSON bodies.
          .send(createReadStream(file.path) as never)
      );
    },
  );
};
