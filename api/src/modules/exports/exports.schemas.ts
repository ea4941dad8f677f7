import { type Static, type TSchema, Type } from 'typebox';
import { PageQuery } from '../../infra/pagination.ts';
import { EXPORT_FORMATS, MART_NAMES } from './exports.marts.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const IsoDate = (description: string, example: string) =>
  Type.String({ format: 'date', description, examples: [example] });

export const CreateExport = Type.Object(
  {
    mart: Type.Enum(MART_NAMES, { description: 'A mart of docs/metrics.md' }),
    format: Type.Enum(EXPORT_FORMATS, {
      description: 'csv (ClickHouse CSVWithNames), parquet (ClickHouse Parquet, snappy) or xlsx (one sheet)',
    }),
    columns: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 64 }), {
        minItems: 1,
        maxItems: 64,
        description: 'Columns of the mart, in file order; every column in documented order when left out',
        examples: [['member_id', 'rfm_segment', 'monetary_minor']],
      }),
    ),
    filters: Type.Optional(
      Type.Object(
        {
          from: IsoDate("First day (UTC) of the mart's date column, included", '2026-01-01'),
          to: IsoDate('Last day (UTC), included', '2026-03-31'),
        },
        { additionalProperties: false, description: "A range of the mart's date column (marts that have one)" },
      ),
    ),
    segment: Type.Optional(
      Type.Object(
        {
          id: Type.String({ format: 'uuid', description: 'A segment of the tenant' }),
          version: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'A version; the current one by default' }),
          ),
        },
        {
          additionalProperties: false,
          description:
            "Only the rows of this segment's members (marts with a member_id column): a dynamic segment as the " +
            'marts select it now, a static one as its snapshot',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type CreateExport = Static<typeof CreateExport>;

export const ExportParams = Type.Object({ exportId: Type.String({ format: 'uuid' }) });

export const DownloadQuery = Type.Object(
  {
    expires: Type.Integer({ minimum: 0, description: 'When the link expires, in seconds since the epoch' }),
    signature: Type.String({ minLength: 1, maxLength: 128, description: 'HMAC-SHA256 of the link, base64url' }),
  },
  { additionalProperties: false },
);
export type DownloadQuery = Static<typeof DownloadQuery>;

const STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;

export const ExportsQuery = Type.Object(
  { ...PageQuery, status: Type.Optional(Type.Enum(STATUSES, { description: 'Only the exports in this state' })) },
  { additionalProperties: false },
);
export type ExportsQuery = Static<typeof ExportsQuery>;

export const Export = Type.Object({
  id: Type.String({ format: 'uuid' }),
  mart: Type.String(),
  format: Type.String(),
  columns: Type.Array(Type.String()),
  filters: Nullable(Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) })),
  segmentVersionId: Nullable(
    Type.String({ format: 'uuid', description: 'The segment version whose members it holds' }),
  ),
  status: Type.Enum(STATUSES),
  rowsTotal: Nullable(Type.Integer({ description: 'Rows of the mart the export covers, counted when created' })),
  rowsWritten: Type.Integer({ description: 'Rows in the file so far (Parquet: when done)' }),
  bytesWritten: Type.Integer({ description: 'Bytes in the file so far' }),
  error: Nullable(Type.String()),
  createdBy: Type.Object(
    {
      type: Type.Enum(['user', 'api_key']),
      id: Type.String(),
      name: Nullable(Type.String({ description: "The user's or API key's name; null once it is deleted" })),
    },
    { description: 'Who asked for the export' },
  ),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Nullable(Type.String({ format: 'date-time' })),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
  download: Nullable(
    Type.Object(
      {
        url: Type.String({ description: 'Path of the file under the api, signed; send the usual credentials too' }),
        expiresAt: Type.String({ format: 'date-time' }),
      },
      { description: 'When the export succeeded: a signed link that expires (ask again for a fresh one)' },
    ),
  ),
});
export type Export = Static<typeof Export>;

export const ExportPage = Type.Object({
  items: Type.Array(Export, { description: 'Newest first' }),
  nextCursor: Nullable(Type.String()),
});
