import { type Static, Type } from 'typebox';
import { PageQuery } from '../../infra/pagination.ts';
import { EVENT_TYPES } from './outbox.ts';

export const EventTypeName = Type.Enum(EVENT_TYPES, {
  description: 'An event type Monet emits',
  examples: ['points.earned'],
});

const Subscription = Type.Enum([...EVENT_TYPES, '*'], {
  description: 'An event type, or `*` for every type (including types added later)',
});

const fields = {
  url: Type.String({
    format: 'uri',
    minLength: 1,
    maxLength: 2048,
    description:
      'Where events are POSTed: https to a public address, or a loopback address over http or https when ' +
      'WEBHOOK_ALLOW_LOOPBACK is true',
    examples: ['https://example.com/hooks/monet'],
  }),
  eventTypes: Type.Array(Subscription, {
    minItems: 1,
    maxItems: EVENT_TYPES.length + 1,
    uniqueItems: true,
    examples: [['points.earned', 'tier.changed']],
  }),
  enabled: Type.Boolean({ description: 'A disabled endpoint receives nothing; its pending deliveries wait' }),
};

export const CreateEndpoint = Type.Object(
  { url: fields.url, eventTypes: fields.eventTypes, enabled: Type.Optional(fields.enabled) },
  { additionalProperties: false },
);
export type CreateEndpoint = Static<typeof CreateEndpoint>;

export const UpdateEndpoint = Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 });
export type UpdateEndpoint = Static<typeof UpdateEndpoint>;

export const Endpoint = Type.Object({
  id: Type.String({ format: 'uuid' }),
  ...fields,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  disabledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type Endpoint = Static<typeof Endpoint>;

export const EndpointWithSecret = Type.Object(
  {
    ...Endpoint.properties,
    secret: Type.String({
      pattern: '^whsec_',
      description: 'Signs every delivery (HMAC-SHA256). Shown only here: store it now.',
      examples: ['whsec_4f9Qm2cTzR0sXlq8bN1vY6kHdW3eJpAa'],
    }),
  },
  { description: 'The endpoint with its signing secret, answered only on creation and on rotation' },
);
export type EndpointWithSecret = Static<typeof EndpointWithSecret>;

export const EndpointList = Type.Object({
  items: Type.Array(Endpoint),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const EndpointParams = Type.Object(
  { endpointId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const DeliveryStatus = Type.Enum(['pending', 'succeeded', 'failed'], {
  description: 'pending: will be (re)tried at nextAttemptAt; failed: gave up after the last attempt',
});

export const Delivery = Type.Object({
  id: Type.String({ format: 'uuid' }),
  endpointId: Type.String({ format: 'uuid' }),
  eventId: Type.String({ format: 'uuid', description: 'Also the `id` of the body and the Monet-Webhook-Id header' }),
  eventType: EventTypeName,
  status: DeliveryStatus,
  attemptCount: Type.Integer({ minimum: 0 }),
  nextAttemptAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Delivery = Static<typeof Delivery>;

export const Attempt = Type.Object({
  id: Type.String({ format: 'uuid' }),
  attemptedAt: Type.String({ format: 'date-time' }),
  statusCode: Type.Union([Type.Integer(), Type.Null()], { description: 'null when no answer came', examples: [500] }),
  durationMs: Type.Integer({ minimum: 0 }),
  error: Type.Union([Type.String(), Type.Null()], { examples: ['timed out after 10000 ms'] }),
  responseBody: Type.Union([Type.String(), Type.Null()], { description: 'The first 1 KiB of the answer' }),
});
export type Attempt = Static<typeof Attempt>;

export const DeliveryDetail = Type.Object({
  ...Delivery.properties,
  event: Type.Object({
    id: Type.String({ format: 'uuid' }),
    type: EventTypeName,
    createdAt: Type.String({ format: 'date-time' }),
    data: Type.Record(Type.String(), Type.Unknown(), {
      examples: [{ memberId: '5b0f6d1e-3c47-4a43-9b0e-0d7d5f1c2a11', points: 120 }],
    }),
  }),
  attempts: Type.Array(Attempt, { description: 'Every attempt, oldest first, replays included' }),
});
export type DeliveryDetail = Static<typeof DeliveryDetail>;

export const DeliveryList = Type.Object({
  items: Type.Array(Delivery, { description: 'Newest first' }),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});

export const DeliveryQuery = Type.Object(
  {
    ...PageQuery,
    endpointId: Type.Optional(Type.String({ format: 'uuid' })),
    status: Type.Optional(DeliveryStatus),
    eventType: Type.Optional(EventTypeName),
  },
  { additionalProperties: false },
);
export type DeliveryQuery = Static<typeof DeliveryQuery>;

export const DeliveryParams = Type.Object(
  { deliveryId: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);
