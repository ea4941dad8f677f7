import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { AppError } from '../errors.ts';

const PROBLEM_BASE = 'https://monet.dev/problems/';

/** RFC 9457 problem details, as every error leaves the api. */
export const Problem = Type.Object(
  {
    type: Type.String({ format: 'uri' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String(),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details (application/problem+json)' },
);

/**
 * The error answers every authenticated route may give, for its OpenAPI description; 429 for an API key over its
 * rate limit, which is checked before anything else on every authenticated route.
 */
export const problemResponses = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem } as const;

export interface InvalidParam {
  path: string;
  message: string;
}

function invalidParams(error: FastifyError): InvalidParam[] {
  return (
    (error.validation ?? [])
      // A bad key has its own errors (with `propertyName`); this one only says "property name must be valid".
      .filter((v) => v.keyword !== 'propertyNames')
      .map((v) => {
        const { missingProperty: missing, additionalProperty: extra } = v.params as {
          missingProperty?: string;
          additionalProperty?: string;
        };
        const key = (v as { propertyName?: string }).propertyName;
        const base = `${error.validationContext ?? ''}${v.instancePath.replaceAll('/', '.')}`;
        const field = missing ?? extra ?? key;
        const message = extra
          ? 'is not a known field'
          : key !== undefined
            ? `is not an allowed key: it ${v.message}`
            : (v.message ?? 'is invalid');
        return { path: field !== undefined ? `${base}.${field}` : base, message };
      })
  );
}

/**
 * Fastify's own client errors as Monet's problem types, so that no framework code (FST_…) ever reaches a client.
 * Another 4xx from the framework is named after its status (`bad-request`, with the reason phrase as its title).
 */
export const FRAMEWORK_PROBLEMS: Record<string, { type: string; title: string; detail: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    type: 'unsupported-media-type',
    title: 'Unsupported Media Type',
    detail: 'This route does not take a body of this content type; JSON bodies are sent as application/json.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    type: 'body-too-large',
    title: 'Body Too Large',
    detail: 'The body is larger than the limit.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    type: 'malformed-json',
    title: 'Malformed JSON',
    detail: 'The body is not valid JSON.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    type: 'empty-body',
    title: 'Empty Body',
    detail: 'The content type is application/json but the body is empty.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    type: 'invalid-content-length',
    title: 'Invalid Content-Length',
    detail: 'The size of the body does not match its Content-Length header.',
  },
  FST_ERR_BAD_URL: {
    type: 'malformed-url',
    title: 'Malformed URL',
    detail: 'A segment of the path is not valid percent-encoded UTF-8.',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    type: 'uri-too-long',
    title: 'URI Too Long',
    detail: 'A path parameter is longer than any identifier the api knows.',
  },
};

interface ProblemFields {
  status: number;
  type: string;
  title: string;
  detail: string;
  [extension: string]: unknown;
}

function problemOf(error: FastifyError, request: FastifyRequest): ProblemFields {
  if (error instanceof AppError) {
    // Extensions add fields; they never replace the standard ones.
    return { ...error.extensions, status: error.status, type: error.type, title: error.title, detail: error.message };
  }
  if (error.validation) {
    return {
      status: 400,
      type: 'validation',
      title: 'Invalid request',
      detail: 'The request does not match the schema; see errors.',
      errors: invalidParams(error),
    };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    const known = error.code ? FRAMEWORK_PROBLEMS[error.code] : undefined;
    if (known) return { status, ...known };
    const title = STATUS_CODES[status] ?? 'Client Error';
    return { status, type: title.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-'), title, detail: error.message };
  }
  // Prisma's P2028: no pooled connection came free within the transaction's wait, or the transaction ran past its
  // time and was rolled back. Either way nothing was written and the same request may be sent again.
  if (error.code === 'P2028') {
    return {
      status: 503,
      type: 'service-unavailable',
      title: 'Service Unavailable',
      detail: 'The database was too busy to finish this request in time, so nothing was written: send it again.',
    };
  }
  request.log.error({ err: error }, 'unhandled error');
  return { status: 500, type: 'internal', title: 'Internal Server Error', detail: 'An unexpected error occurred.' };
}

/** Sends any error as application/problem+json (RFC 9457) with the request id, never as a stack trace. */
export function sendProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const { status, type, title, detail, ...extensions } = problemOf(error, request);
  // A 503 is the api shedding load: nothing was done, and a second later is a fair time to try again.
  if (status === 503 && !reply.hasHeader('retry-after')) reply.header('retry-after', '1');
  reply
    .status(status)
    .type('application/problem+json')
    .send({
      type: PROBLEM_BASE + type,
      title,
      status,
      detail,
      instance: request.url,
      requestId: request.id,
      ...extensions,
    });
}

/**
 * What Node's HTTP parser refuses before Fastify sees a request (the server's `clientError`), answered as
 * problem+json on the raw connection, which is then closed (Fastify's `clientErrorHandler`, set in app.ts): a request
 * line and headers larger than the server takes (431), a request that took too long to arrive (408), anything else
 * that is not HTTP (400). Fastify's own handler answers these as plain JSON.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'The request line and headers are larger than the api takes; send long values in a body.']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'The request did not arrive in time.']
        : [400, 'The request is not valid HTTP.'];
  const title = STATUS_CODES[status]!;
  const body = JSON.stringify({
    type: PROBLEM_BASE + title.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-'),
    title,
    status,
    detail,
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/**
 * Every error leaves as problem+json: those of routes and hooks here; those Fastify meets before it finds a route
 * (a malformed URL) through its `frameworkErrors` option, which app.ts points at `sendProblem`.
 */
export default fp(async function problemDetails(app: FastifyInstance) {
  app.setErrorHandler(sendProblem);

  app.setNotFoundHandler((request, reply) => {
    reply
      .status(404)
      .type('application/problem+json')
      .send({
        type: `${PROBLEM_BASE}not-found`,
        title: 'Not Found',
        status: 404,
        detail: `No route for ${request.method} ${request.url.split('?')[0]}`,
        instance: request.url,
        requestId: request.id,
      });
  });
});
