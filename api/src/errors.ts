/**
 * Errors the services throw. Each names its HTTP status and a stable problem type; one handler
 * (plugins/problem-details.ts) turns them into RFC 9457 problem+json, so services never speak HTTP.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, 'not-found', 'Not Found', `${what} was not found`);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super(503, 'service-unavailable', 'Service Unavailable', detail, extensions);
  }
}

export class UnauthorizedError extends AppError {
  constructor(detail: string) {
    super(401, 'unauthorized', 'Unauthorized', detail);
  }
}

export class ForbiddenError extends AppError {
  constructor(detail: string) {
    super(403, 'forbidden', 'Forbidden', detail);
  }
}

export class ConflictError extends AppError {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super(409, 'conflict', 'Conflict', detail, extensions);
  }
}

/** The request is well-formed but cannot be carried out as asked (RFC 9110 §15.5.21). */
export class UnprocessableError extends AppError {
  constructor(type: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(422, type, 'Unprocessable Content', detail, extensions);
  }
}

/** A field-level problem found by a service rather than by the route schema; same shape as schema errors. */
export class InvalidRequestError extends AppError {
  constructor(errors: { path: string; message: string }[]) {
    super(400, 'validation', 'Invalid request', 'The request does not match the schema; see errors.', { errors });
  }
}

export class TooManyRequestsError extends AppError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'rate-limited', 'Too Many Requests', detail, { retryAfterSeconds });
  }
}
