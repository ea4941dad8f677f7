// The raw tables' ClickHouse column types, each mapped to how rowbinary.ts writes its values.

/** How a column's value is encoded. */
export const STRING = 0;
export const UUID = 1;
export const DATETIME64 = 2;
export const DATETIME = 3;
export const DATE = 4;
export const DATE32 = 5;
export const INT8 = 6;
export const INT16 = 7;
export const INT32 = 8;
export const INT64 = 9;
export const UINT8 = 10;
export const UINT16 = 11;
export const UINT32 = 12;
export const UINT64 = 13;
export const FLOAT32 = 14;
export const FLOAT64 = 15;
export const DECIMAL = 16;
export const ARRAY = 17;
export const FIXED_STRING = 18;

/** What one raw column is written as. */
export interface ColumnEncoder {
  /** The ClickHouse type it was made from, for messages. */
  type: string;
  kind: number;
  nullable: boolean;
  /** DateTime64's ticks per second (10^precision); Decimal's scale; FixedString's length. */
  scale: number;
  /** Decimal's width in bytes (4, 8, 16, 32). */
  bytes: number;
  /** An array's element. */
  element: ColumnEncoder | undefined;
}

const SIMPLE: Record<string, [kind: number, bytes: number]> = {
  String: [STRING, 0],
  UUID: [UUID, 16],
  Date: [DATE, 2],
  Date32: [DATE32, 4],
  DateTime: [DATETIME, 4],
  Int8: [INT8, 1],
  Int16: [INT16, 2],
  Int32: [INT32, 4],
  Int64: [INT64, 8],
  UInt8: [UINT8, 1],
  Bool: [UINT8, 1],
  UInt16: [UINT16, 2],
  UInt32: [UINT32, 4],
  UInt64: [UINT64, 8],
  Float32: [FLOAT32, 4],
  Float64: [FLOAT64, 8],
};

/**
 * The encoder for a ClickHouse column type as `system.columns` spells it (`Nullable(DateTime64(3, 'UTC'))`,
 * `LowCardinality(String)`, `Array(String)`, `Decimal(18, 2)`…). Throws on a type it cannot encode.
 */
export function columnEncoder(type: string): ColumnEncoder {
  const encoder = encoderOf(type.trim(), false);
  if (!encoder) throw new Error(`no RowBinary encoding from Postgres text for the ClickHouse type ${type}`);
  return encoder;
}

function encoderOf(type: string, nullable: boolean): ColumnEncoder | undefined {
  const make = (kind: number, scale = 0, bytes = 0, element?: ColumnEncoder): ColumnEncoder => ({
    type,
    kind,
    nullable,
    scale,
    bytes,
    element,
  });
  const wrapped = /^(\w+)\((.*)\)$/s.exec(type);
  if (!wrapped) {
    const simple = SIMPLE[type];
    return simple ? make(simple[0], 0, simple[1]) : undefined;
  }
  const [, name, args] = wrapped as unknown as [string, string, string];
  switch (name) {
    case 'Nullable':
      return nullable ? undefined : encoderOf(args.trim(), true);
    case 'LowCardinality': {
      // Written as its inner type; the dictionary is ClickHouse's business.
      const inner = encoderOf(args.trim(), nullable);
      return inner && { ...inner, type };
    }
    case 'Array': {
      const element = encoderOf(args.trim(), false);
      return element && !nullable ? make(ARRAY, 0, 0, element) : undefined;
    }
    case 'DateTime':
      return make(DATETIME, 0, 4);
    case 'DateTime64': {
      const precision = Number(args.split(',')[0]);
      return Number.isInteger(precision) && precision >= 0 && precision <= 9
        ? make(DATETIME64, 10 ** precision, 8)
        : undefined;
    }
    case 'FixedString': {
      const length = Number(args);
      return Number.isInteger(length) && length > 0 ? make(FIXED_STRING, length) : undefined;
    }
    case 'Decimal': {
      const [precision, scale] = args.split(',').map(Number) as [number, number];
      return decimal(make, precision, scale ?? 0);
    }
    case 'Decimal32':
      return decimal(make, 9, Number(args));
    case 'Decimal64':
      return decimal(make, 18, Number(args));
    case 'Decimal128':
      return decimal(make, 38, Number(args));
    case 'Decimal256':
      return decimal(make, 76, Number(args));
    default:
      return undefined;
  }
}

function decimal(
  make: (kind: number, scale: number, bytes: number) => ColumnEncoder,
  precision: number,
  scale: number,
): ColumnEncoder | undefined {
  if (!Number.isInteger(precision) || !Number.isInteger(scale) || precision < 1 || precision > 76) return undefined;
  return make(DECIMAL, scale, precision <= 9 ? 4 : precision <= 18 ? 8 : precision <= 38 ? 16 : 32);
}

/** Bytes of each fixed-width kind. */
export const SIMPLE_BYTES: Record<number, number> = {
  [UUID]: 16,
  [DATETIME64]: 8,
  [DATETIME]: 4,
  [DATE]: 2,
  [DATE32]: 4,
  [INT8]: 1,
  [INT16]: 2,
  [INT32]: 4,
  [INT64]: 8,
  [UINT8]: 1,
  [UINT16]: 2,
  [UINT32]: 4,
  [UINT64]: 8,
  [FLOAT32]: 4,
  [FLOAT64]: 8,
};
