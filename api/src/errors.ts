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
