import type { FastifyError, FastifyInstance } from 'fastify';
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

/** The error answers every authenticated route may give, for its OpenAPI description. */
export const problemResponses = { 400: Problem, 401: Problem, 403: Problem, 404: Problem } as const;

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

/** Every error leaves as application/problem+json (RFC 9457) with the request id, never as a stack trace. */
export default fp(async function problemDetails(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem: Record<string, unknown> = { instance: request.url, requestId: request.id };
    let status: number;
    if (error instanceof AppError) {
      status = error.status;
      Object.assign(
        problem,
        { type: PROBLEM_BASE + error.type, title: error.title, detail: error.message },
        error.extensions,
      );
    } else if (error.validation) {
      status = 400;
      Object.assign(problem, {
        type: `${PROBLEM_BASE}validation`,
        title: 'Invalid request',
        detail: 'The request does not match the schema; see errors.',
        errors: invalidParams(error),
      });
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      Object.assign(problem, {
        type: `${PROBLEM_BASE}${error.code ?? 'bad-request'}`,
        title: error.name,
        detail: error.message,
      });
    } else {
      status = 500;
      request.log.error({ err: error }, 'unhandled error');
      Object.assign(problem, {
        type: `${PROBLEM_BASE}internal`,
        title: 'Internal Server Error',
        detail: 'An unexpected error occurred.',
      });
    }
    problem.status = status;
    reply.status(status).type('application/problem+json').send(problem);
  });

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
