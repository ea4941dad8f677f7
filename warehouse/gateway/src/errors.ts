/** The ClickHouse error codes the gateway raises itself (numbers as in ClickHouse's ErrorCodes.cpp). */
export const ErrorCode = {
  SYNTAX_ERROR: 62,
  UNKNOWN_SETTING: 115,
  READONLY: 164,
  UNKNOWN_COMPRESSION_METHOD: 89,
  BAD_ARGUMENTS: 36,
  NOT_IMPLEMENTED: 48,
  QUERY_IS_TOO_LARGE: 229,
  SESSION_NOT_FOUND: 372,
  SESSION_IS_LOCKED: 373,
  QUERY_WAS_CANCELLED: 394,
  ACCESS_DENIED: 497,
  AUTHENTICATION_FAILED: 516,
  STD_EXCEPTION: 1001,
} as const;

/** An error as ClickHouse reports it: a code and the text `Code: N. DB::Exception: ... (NAME)`. */
export class ClickHouseError extends Error {
  override name = 'ClickHouseError';
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** An error the gateway raises itself, worded the way ClickHouse words its own. */
export function gatewayError(code: keyof typeof ErrorCode, text: string): ClickHouseError {
  return new ClickHouseError(ErrorCode[code], `Code: ${ErrorCode[code]}. DB::Exception: ${text}. (${code})`);
}

/** Any thrown value as a ClickHouse error: engine errors keep their code and text, anything else is code 1001. */
export function toClickHouseError(err: unknown): ClickHouseError {
  if (err instanceof ClickHouseError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const engineCode = (err as { clickhouseCode?: unknown } | null)?.clickhouseCode;
  const code = typeof engineCode === 'number' ? engineCode : Number(/^Code: (\d+)\./.exec(message)?.[1]);
  if (Number.isInteger(code) && code > 0) return new ClickHouseError(code, message);
  return new ClickHouseError(
    ErrorCode.STD_EXCEPTION,
    `Code: ${ErrorCode.STD_EXCEPTION}. DB::Exception: ${message}. (STD_EXCEPTION)`,
  );
}

// ClickHouse's own mapping (src/Server/HTTP/exceptionCodeToHTTPStatus.cpp); anything else is 500.
const STATUS_BY_CODE = new Map<number, number>([
  [194, 401], // REQUIRED_PASSWORD
  ...[192, 193, 516, 512, 497].map((c) => [c, 403] as [number, number]), // UNKNOWN_USER, WRONG_PASSWORD, AUTHENTICATION_FAILED, SET_NON_GRANTED_ROLE, ACCESS_DENIED
  // BAD_ARGUMENTS, CANNOT_COMPILE_REGEXP, CANNOT_PARSE_*, DUPLICATE_COLUMN, ILLEGAL_COLUMN, *_AST, THERE_IS_NO_COLUMN,
  // SYNTAX_ERROR, INCORRECT_DATA, TYPE_MISMATCH, VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
  ...[36, 427, 6, 25, 26, 38, 41, 72, 441, 675, 676, 27, 376, 15, 44, 37, 123, 8, 167, 168, 223, 62, 117, 53, 321].map(
    (c) => [c, 400] as [number, number],
  ),
  // UNKNOWN_TABLE, _FUNCTION, _IDENTIFIER, _TYPE, _STORAGE, _DATABASE, _SETTING, _DIRECTION_OF_SORTING,
  // _AGGREGATE_FUNCTION, _FORMAT, _DATABASE_ENGINE, _TYPE_OF_QUERY, _ROLE
  ...[60, 46, 47, 50, 56, 81, 115, 152, 63, 73, 336, 78, 511].map((c) => [c, 404] as [number, number]),
  [229, 413], // QUERY_IS_TOO_LARGE
  [48, 501], // NOT_IMPLEMENTED
  [209, 503], // SOCKET_TIMEOUT
  [76, 503], // CANNOT_OPEN_FILE
  [381, 411], // HTTP_LENGTH_REQUIRED
  [159, 408], // TIMEOUT_EXCEEDED
  [439, 503], // CANNOT_SCHEDULE_TASK
  [779, 415], // UNSUPPORTED_MEDIA_TYPE
]);

export function httpStatusFor(code: number): number {
  return STATUS_BY_CODE.get(code) ?? 500;
}
