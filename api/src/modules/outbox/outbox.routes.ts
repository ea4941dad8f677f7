import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import { NotFoundError } from '../../errors.ts';
import { authOf } from '../../plugins/authenticate.ts';
import { problemResponses } from '../../plugins/problem-details.ts';
import type { OutboxStore } from './outbox.store.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const MessageId = Type.String({ pattern: '^[\\w-]{1,80}$', description: 'The id the local SMTP server gave it' });

const Summary = {
  id: Type.String(),
  receivedAt: Type.String({ format: 'date-time' }),
  from: Type.String(),
  to: Type.Array(Type.String()),
  subject: Nullable(Type.String()),
  messageId: Nullable(Type.String({ description: 'The Message-ID header (the delivery log has it too)' })),
  reportId: Nullable(Type.String({ description: 'The report the message is a send of' })),
  size: Type.Integer({ description: 'Bytes as received' }),
  attachments: Type.Array(
    Type.Object({
      index: Type.Integer(),
      filename: Nullable(Type.String()),
      contentType: Type.String(),
      size: Type.Integer(),
    }),
  ),
};

const OutboxPage = Type.Object({ items: Type.Array(Type.Object(Summary)), nextCursor: Nullable(Type.String()) });
const OutboxMessage = Type.Object({ ...Summary, text: Nullable(Type.String()), html: Nullable(Type.String()) });

/** The attachments of report messages; anything else is served as application/octet-stream. */
const FILE_TYPES = [
  'application/pdf',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

const tags = ['system'];
const config = { permission: 'outbox:read' } as const;
const description =
  'Local only: the messages the SMTP server of `monet up` kept (MAIL_OUTBOX_DIR). With a real relay (SMTP_URL) ' +
  'there is no outbox and every outbox route answers 404. A tenant sees the messages of its own reports.';

/** What `monet up`'s local SMTP server kept, for the dashboard's outbox page. */
export const outboxRoutes: FastifyPluginAsyncTypebox<{ outbox?: OutboxStore }> = async (app, { outbox }) => {
  const store = () => {
    if (!outbox) throw new NotFoundError('The outbox (mail goes to a real SMTP relay here)');
    return outbox;
  };

  app.get(
    '/v1/system/outbox',
    {
      config,
      schema: {
        tags,
        summary: 'Messages the local SMTP server kept, newest first',
        description,
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            cursor: Type.Optional(MessageId),
          },
          { additionalProperties: false },
        ),
        response: { 200: OutboxPage, ...problemResponses },
      },
    },
    async (request) => store().list(authOf(request).tenantId, request.query.limit ?? 50, request.query.cursor),
  );

  app.get(
    '/v1/system/outbox/:messageId',
    {
      config,
      schema: {
        tags,
        summary: 'One kept message with its text and HTML',
        description,
        params: Type.Object({ messageId: MessageId }),
        response: { 200: OutboxMessage, ...problemResponses },
      },
    },
    async (request) => {
      const message = await store().get(authOf(request).tenantId, request.params.messageId);
      if (!message) throw new NotFoundError(`Message ${request.params.messageId}`);
      return message;
    },
  );

  app.get(
    '/v1/system/outbox/:messageId/attachments/:index',
    {
      config,
      schema: {
        tags,
        summary: 'One attachment of a kept message (the report’s PDF, CSV or XLSX)',
        description,
        params: Type.Object({ messageId: MessageId, index: Type.Integer({ minimum: 0, maximum: 1000 }) }),
        response: {
          200: {
            description: 'The file',
            content: Object.fromEntries(
              FILE_TYPES.map((type) => [type, { schema: Type.String({ format: 'binary' }) }]),
            ),
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const file = await store().attachment(authOf(request).tenantId, request.params.messageId, request.params.index);
      if (!file) throw new NotFoundError(`Attachment ${request.params.index} of message ${request.params.messageId}`);
      return (
        reply
          .type(FILE_TYPES.includes(file.contentType) ? file.contentType : 'application/octet-stream')
          .header('content-disposition', `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`)
          .header('cache-control', 'private, no-store')
          // Bytes bypass the serializer; the typed reply only knows the JSON bodies.
          .send(file.content as never)
      );
    },
  );
};
