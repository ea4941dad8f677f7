import { type Static, type TSchema, Type } from 'typebox';
import { PageQuery } from '../../infra/pagination.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Count = (description: string) => Type.Integer({ minimum: 0, description });

export const IMPORT_FORMATS = ['csv', 'ndjson', 'parquet'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The fields of each file, as Monet names them; the mapping names the file's column for each. */
export const MEMBER_FIELDS = ['externalId', 'email', 'firstName', 'lastName', 'enrolledAt'] as const;
export const ORDER_FIELDS = [
  'externalId',
  'memberExternalId',
  'type',
  'occurredAt',
  'amountMinor',
  'currency',
  'channel',
  'refundOf',
] as const;

const ColumnName = Type.String({ minLength: 1, maxLength: 128, description: "A column of the file (a field's key)" });
const fieldMap = (fields: readonly string[], description: string) =>
  Type.Object(Object.fromEntries(fields.map((f) => [f, Type.Optional(ColumnName)])), {
    additionalProperties: false,
    description,
  });

export const ImportFile = Type.Object(
  {
    format: Type.Enum(IMPORT_FORMATS, {
      description: 'csv (with a header row), ndjson (a JSON object a line) or parquet',
    }),
    content: Type.Optional(
      Type.String({
        maxLength: 1_073_741_824,
        description: 'The file itself: text for csv and ndjson, base64 for parquet (or when encoding is base64)',
      }),
    ),
    encoding: Type.Optional(Type.Enum(['utf8', 'base64'], { description: 'How content is written; utf8 by default' })),
    url: Type.Optional(
      Type.String({
        format: 'uri',
        maxLength: 2048,
        description:
          'Where the api fetches the file instead: https to a public address, as for webhooks (loopback only under ' +
          'the development setting WEBHOOK_ALLOW_LOOPBACK); no redirects',
      }),
    ),
  },
  { additionalProperties: false, description: 'One file: its content or a URL, not both' },
);
export type ImportFile = Static<typeof ImportFile>;

export const ImportMapping = Type.Object(
  {
    members: Type.Optional(fieldMap(MEMBER_FIELDS, "Members file: Monet's field → the file's column")),
    orders: Type.Optional(fieldMap(ORDER_FIELDS, "Orders file: Monet's field → the file's column")),
  },
  {
    additionalProperties: false,
    description: 'Column names for the fields; a field left out is read from the column of its own name',
  },
);
export type ImportMapping = Static<typeof ImportMapping>;

export const CreateImport = Type.Object(
  {
    programId: Type.Optional(
      Type.String({ format: 'uuid', description: "The program; the tenant's only active one when left out" }),
    ),
    members: Type.Optional(ImportFile),
    orders: Type.Optional(ImportFile),
    mapping: Type.Optional(ImportMapping),
    dryRun: Type.Optional(Type.Boolean({ description: 'Report what the import would write, and write nothing' })),
    skipBadRows: Type.Optional(
      Type.Boolean({ description: 'Leave malformed rows out (and report them) instead of refusing the import' }),
    ),
    sendWebhooks: Type.Optional(
      Type.Boolean({ description: 'Send webhooks for the historical entries too (off: history is written quietly)' }),
    ),
  },
  { additionalProperties: false },
);
export type CreateImport = Static<typeof CreateImport>;

export const ImportParams = Type.Object({ importId: Type.String({ format: 'uuid' }) });

export const BadRow = Type.Object({
  file: Type.Enum(['members', 'orders']),
  line: Type.Integer({ minimum: 1, description: 'Line of the file (csv, ndjson) or row number (parquet), from 1' }),
  column: Nullable(Type.String({ description: 'The column at fault, when one is' })),
  message: Type.String(),
});
export type BadRow = Static<typeof BadRow>;

export const ImportSummary = Type.Object(
  {
    members: Type.Object({
      created: Count('Members the import enrols, at their real enrolment date'),
      merged: Count('Members already in Monet, without history, whose history the import writes'),
    }),
    events: Type.Object({ purchases: Count('Purchases'), refunds: Count('Refunds') }),
    points: Type.Object({
      issued: Count('Points credited (accruals and bonuses)'),
      reversed: Count('Points taken back by refunds'),
      shortfall: Count('Points refunds could not take back (already spent)'),
      expired: Count('Points expired before now'),
      outstanding: Count('Points the members hold now'),
    }),
    liability: Type.Object({
      amountMinor: Count("The outstanding points' value in minor units, at the program's value per 1,000 points"),
      currency: Type.String(),
    }),
    tiers: Type.Array(
      Type.Object({
        tierId: Type.String({ format: 'uuid' }),
        name: Type.String(),
        members: Count('Members in it now'),
      }),
      { description: 'Members in each tier at the end of their history' },
    ),
  },
  { description: 'What the import writes (or would write, for a dry run)' },
);
export type ImportSummary = Static<typeof ImportSummary>;

export const Import = Type.Object({
  id: Nullable(Type.String({ format: 'uuid', description: 'Null for a dry run, which records nothing' })),
  programId: Type.String({ format: 'uuid' }),
  status: Type.Enum(['dry_run', 'running', 'succeeded', 'failed']),
  dryRun: Type.Boolean(),
  sendWebhooks: Type.Boolean(),
  fileHash: Type.String({ description: 'sha256 of the files, mapping and options: the same import has the same' }),
  progress: Type.Object({
    membersTotal: Count('Members the import writes'),
    membersDone: Count('Members written so far (the cursor an interrupted import resumes from)'),
    eventsTotal: Count('Events the import writes'),
    eventsDone: Count('Events written so far'),
  }),
  summary: ImportSummary,
  skipped: Type.Array(BadRow, { description: 'Rows left out (skipBadRows), the first 500' }),
  skippedCount: Count('Rows left out in all'),
  error: Nullable(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
});
export type Import = Static<typeof Import>;

export const ImportList = Type.Object({
  data: Type.Array(Import),
  nextCursor: Nullable(Type.String({ description: 'Pass as cursor for the next page; null on the last page' })),
});

export const ListImportsQuery = Type.Object(PageQuery, { additionalProperties: false });
export type ListImportsQuery = Static<typeof ListImportsQuery>;
