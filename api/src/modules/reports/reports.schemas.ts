import { type Static, type TSchema, Type } from 'typebox';
import { PageQuery } from '../../infra/pagination.ts';
import { Tile, type Tile as TileType } from './reports.tile-schemas.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Instant = Type.String({ format: 'date-time' });

export const REPORT_FORMATS = ['pdf', 'csv', 'xlsx'] as const;
export const REPORT_TRIGGERS = ['schedule', 'marts_rebuilt'] as const;
export const MAX_TILES = 12;
export const MAX_RECIPIENTS = 50;

const TimeZone = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'IANA time zone name',
  examples: ['Europe/Paris'],
});

export const Recipient = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254, examples: ['cfo@cafe.test'] }),
    timeZone: { ...TimeZone, description: 'The recipient’s own time zone: times in their message are in it' },
  },
  { additionalProperties: false },
);

const ReportFields = {
  name: Type.String({ minLength: 1, maxLength: 200, examples: ['Monday numbers'] }),
  tiles: Type.Array(Tile, { minItems: 1, maxItems: MAX_TILES, description: 'The tiles, in the order shown' }),
  formats: Type.Array(Type.Enum(REPORT_FORMATS), {
    minItems: 1,
    maxItems: REPORT_FORMATS.length,
    uniqueItems: true,
    description: 'pdf: the tiles with their titles, numbers and charts; csv: one file per tile; xlsx: a sheet per tile',
  }),
  recipients: Type.Array(Recipient, { minItems: 1, maxItems: MAX_RECIPIENTS }),
  trigger: Type.Enum(REPORT_TRIGGERS, {
    description: 'schedule: on `cron` in `timeZone`; marts_rebuilt: after each successful build of the marts',
  }),
  cron: Type.Optional(
    Nullable(
      Type.String({
        maxLength: 100,
        description: 'Five fields (minute hour day-of-month month day-of-week) in `timeZone`; required for schedule',
        examples: ['0 8 * * MON'],
      }),
    ),
  ),
  timeZone: {
    ...TimeZone,
    description: 'The report’s time zone: its cron, and the send date the tiles’ relative ranges end before',
  },
  onlyWhenChanged: Type.Optional(
    Type.Boolean({ default: false, description: 'Skip a scheduled send whose tiles’ data is as last sent' }),
  ),
  enabled: Type.Optional(Type.Boolean({ default: true, description: 'false pauses scheduled sends' })),
};

export const CreateReport = Type.Object(ReportFields, { additionalProperties: false });
export type CreateReport = Omit<Static<typeof CreateReport>, 'tiles'> & { tiles: TileType[] };

export const UpdateReport = Type.Object(ReportFields, {
  additionalProperties: false,
  description: 'The whole report as it should be',
});
export type UpdateReport = CreateReport;

export const ReportParams = Type.Object({ reportId: Uuid });

export const ReportListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export type ReportListQuery = Static<typeof ReportListQuery>;

export const Report = Type.Object({
  id: Uuid,
  name: Type.String(),
  tiles: Type.Array(Tile),
  formats: Type.Array(Type.Enum(REPORT_FORMATS)),
  recipients: Type.Array(Recipient),
  unsubscribed: Type.Array(Type.String(), {
    description: 'Recipients who followed their unsubscribe link: they receive nothing more',
  }),
  trigger: Type.Enum(REPORT_TRIGGERS),
  cron: Nullable(Type.String()),
  timeZone: Type.String(),
  onlyWhenChanged: Type.Boolean(),
  enabled: Type.Boolean(),
  scheduleId: Nullable(Type.String({ description: 'The Temporal Schedule that sends it (trigger schedule)' })),
  lastSentAt: Nullable(Instant),
  createdBy: Type.String(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Report = Static<typeof Report>;

export const ReportList = Type.Object({ items: Type.Array(Report), nextCursor: Nullable(Type.String()) });

export const SendQuery = Type.Object(
  {
    asOf: Type.Optional(
      Type.String({
        format: 'date',
        description: 'The send date the tiles’ relative ranges end before; today in the report’s time zone',
      }),
    ),
  },
  { additionalProperties: false },
);

export const SendHeaders = Type.Object({
  'idempotency-key': Type.String({ minLength: 1, maxLength: 255, examples: ['send-2026-03-31'] }),
});

export const SendAccepted = Type.Object({
  reportId: Uuid,
  workflowId: Type.String({ description: 'The send’s workflow; its deliveries carry it as runId' }),
  asOf: Nullable(Type.String({ format: 'date' })),
});
export type SendAccepted = Static<typeof SendAccepted>;

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const;

export const Delivery = Type.Object({
  id: Uuid,
  runId: Type.String(),
  trigger: Type.Enum(['schedule', 'manual', 'marts_rebuilt']),
  recipientEmail: Type.String(),
  recipientTimeZone: Type.String(),
  status: Type.Enum(DELIVERY_STATUSES),
  skipReason: Nullable(Type.Enum(['unchanged', 'unsubscribed'])),
  attempts: Type.Integer({ minimum: 0 }),
  error: Nullable(Type.String({ description: 'The last attempt’s error' })),
  messageId: Nullable(Type.String({ description: 'Message-ID of the message the SMTP server accepted' })),
  dataHash: Nullable(Type.String()),
  createdAt: Instant,
  sentAt: Nullable(Instant),
});
export type Delivery = Static<typeof Delivery>;

export const DeliveryList = Type.Object({ items: Type.Array(Delivery), nextCursor: Nullable(Type.String()) });

export const UnsubscribeQuery = Type.Object(
  {
    // A token is at most about 510 characters (base64url of two ids and an email, and its signature). The bound keeps
    // every URL within it under the 16 KiB Node takes for a request line, even percent-encoded from 4-byte characters.
    token: Type.String({ minLength: 1, maxLength: 1024, description: 'From the link in the message' }),
  },
  { additionalProperties: false },
);
