import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { InvalidRequestError } from '../../errors.ts';
import { authOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import {
  CreateReport,
  DeliveryList,
  Report,
  ReportList,
  ReportListQuery,
  ReportParams,
  SendAccepted,
  SendHeaders,
  SendQuery,
  UnsubscribeQuery,
  UpdateReport,
} from './reports.schemas.ts';
import type { ReportsService } from './reports.service.ts';
import { tileErrors } from './reports.tile-schemas.ts';

/**
 * Tiles are checked kind by kind before the route schema: a bad field is named by its path
 * (`body.tiles.1.programId`), where the schema's union of kinds would only say "matches no alternative".
 */
async function tilesCheckedFirst(request: FastifyRequest) {
  const body = request.body as { tiles?: unknown } | null;
  if (typeof body !== 'object' || body === null || !Array.isArray(body.tiles)) return;
  const errors = body.tiles.flatMap((tile, i) => tileErrors(tile, `body.tiles.${i}`));
  if (errors.length) throw new InvalidRequestError(errors);
}

const tags = ['reports'];
const read = { permission: 'reports:read' } as const;
const write = { permission: 'reports:write' } as const;
/** A schedule or a send needs Temporal. */
const temporal = { 503: Problem } as const;

function page(title: string, text: string): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${esc(title)}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1f2937}</style>
</head><body><h1>${esc(title)}</h1><p>${esc(text)}</p></body></html>`;
}

const Html = { description: 'A page saying what happened', content: { 'text/html': { schema: Type.String() } } };

export const reportRoutes: FastifyPluginAsyncTypebox<{ reports: ReportsService }> = async (app, { reports }) => {
  app.post(
    '/v1/reports',
    {
      config: write,
      preValidation: tilesCheckedFirst,
      schema: {
        tags,
        summary: 'Create a scheduled report',
        description:
          'Tiles (analytics queries), formats, recipients with their time zones, and a trigger: a cron in the ' +
          'report’s time zone (a Temporal Schedule is created with it; 503 when Temporal does not answer, and ' +
          'nothing is created), or after each build of the marts. Programs named by tiles must be the tenant’s.',
        body: CreateReport,
        response: { 201: Report, ...problemResponses, ...temporal },
      },
    },
    async (request, reply) => reply.status(201).send(await reports.create(authOf(request), request.body)),
  );

  app.get(
    '/v1/reports',
    {
      config: read,
      schema: {
        tags,
        summary: 'List reports, oldest first',
        querystring: ReportListQuery,
        response: { 200: ReportList, ...problemResponses },
      },
    },
    async (request) => reports.list(authOf(request), request.query),
  );

  app.get(
    '/v1/reports/unsubscribe',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Stop a recipient’s messages of a report (the link in each message)',
        description:
          'No sign-in: the token is signed (HMAC-SHA256) for one recipient of one report. Following it again ' +
          'changes nothing. 403 for a token that was changed; 404 when the report no longer exists.',
        querystring: UnsubscribeQuery,
        response: { 200: Html, 400: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const { reportName, email } = await reports.unsubscribe(request.query.token);
      return reply
        .type('text/html; charset=utf-8')
        .send(page('Unsubscribed', `${email} will receive no more messages of the report “${reportName}”.`));
    },
  );

  app.post(
    '/v1/reports/unsubscribe',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'One-click unsubscribe (RFC 8058): the same as following the link',
        description: 'What mail clients send for the message’s List-Unsubscribe-Post header.',
        querystring: UnsubscribeQuery,
        response: { 200: Html, 400: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const { reportName, email } = await reports.unsubscribe(request.query.token);
      return reply
        .type('text/html; charset=utf-8')
        .send(page('Unsubscribed', `${email} will receive no more messages of the report “${reportName}”.`));
    },
  );

  app.get(
    '/v1/reports/:reportId',
    {
      config: read,
      schema: {
        tags,
        summary: 'Get a report',
        params: ReportParams,
        response: { 200: Report, ...problemResponses },
      },
    },
    async (request) => reports.get(authOf(request), request.params.reportId),
  );

  app.put(
    '/v1/reports/:reportId',
    {
      config: write,
      preValidation: tilesCheckedFirst,
      schema: {
        tags,
        summary: 'Replace a report',
        description:
          'The whole report as it should be; its schedule follows in the same step (created, changed, paused or ' +
          'deleted). 503 when Temporal does not answer, and nothing is changed.',
        params: ReportParams,
        body: UpdateReport,
        response: { 200: Report, ...problemResponses, ...temporal },
      },
    },
    async (request) => reports.update(authOf(request), request.params.reportId, request.body),
  );

  app.delete(
    '/v1/reports/:reportId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete a report, its schedule, delivery log and unsubscribes',
        params: ReportParams,
        response: { 204: Type.Null({ description: 'Deleted' }), ...problemResponses, ...temporal },
      },
    },
    async (request, reply) => {
      await reports.remove(authOf(request), request.params.reportId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/reports/:reportId(^[^:]+)::send',
    {
      config: write,
      schema: {
        tags,
        summary: 'Send a report now',
        description:
          'Starts a send at once (the only-when-changed option does not apply). Requires an Idempotency-Key: the ' +
          'same key and query answer the same send (Idempotent-Replayed: true); the same key with another query ' +
          'is refused with 422. The deliveries list shows how it went.',
        params: ReportParams,
        querystring: SendQuery,
        headers: SendHeaders,
        response: { 202: SendAccepted, ...problemResponses, 422: Problem, ...temporal },
      },
    },
    async (request, reply) => {
      const result = await reports.send(
        authOf(request),
        request.params.reportId,
        request.headers['idempotency-key'],
        request.query.asOf,
      );
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(202).send(result.body);
    },
  );

  app.get(
    '/v1/reports/:reportId/deliveries',
    {
      config: read,
      schema: {
        tags,
        summary: 'The delivery log of a report, newest first',
        description:
          'One row per recipient of each send: sent (with the Message-ID the SMTP server accepted), failed after ' +
          'its retries (with the last error), pending, or skipped (unchanged data, or an unsubscribed recipient).',
        params: ReportParams,
        querystring: ReportListQuery,
        response: { 200: DeliveryList, ...problemResponses },
      },
    },
    async (request) => reports.deliveries(authOf(request), request.params.reportId, request.query),
  );
};
