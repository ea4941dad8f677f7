import { Ajv, type Options } from 'ajv';
import ajvFormats from 'ajv-formats';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { InvalidRequestError } from '../errors.ts';
import type { InvalidParam } from './problem-details.ts';

// ajv-formats is CommonJS: its function is the module itself, typed only as its `default`.
const addFormats = ajvFormats.default;
// allErrors so that a 400 names every bad field at once.
const AJV_OPTIONS: Options = { removeAdditional: false, useDefaults: true, allErrors: true, allowUnionTypes: true };

/** What a value holding U+0000 is told; Postgres text and jsonb cannot store that character. */
export const NUL_MESSAGE = 'must not contain the NUL character (U+0000)';
export const NUL_KEY_MESSAGE = 'must not have a key containing the NUL character (U+0000)';

/** Each string holding U+0000, and each object with such a key, by its path in the style of schema errors. */
function nulPaths(value: unknown, path: string, found: InvalidParam[] = []): InvalidParam[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push({ path, message: NUL_MESSAGE });
  } else if (value !== null && typeof value === 'object') {
    // Arrays too: their entries are keyed by index, as in `body.tags.0`.
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) found.push({ path, message: NUL_KEY_MESSAGE });
      else nulPaths(item, `${path}.${key}`, found);
    }
  }
  return found;
}

/**
 * RFC 3339 allows a leap second (23:59:60), and so does ajv's date-time, but Date cannot read one: every date-time
 * the api takes must also be one Date reads, so no handler meets an Invalid Date.
 */
function readableDateTimes(ajv: Ajv): void {
  const rfc3339 = ajv.formats['date-time'];
  if (typeof rfc3339 !== 'object' || !('validate' in rfc3339) || typeof rfc3339.validate !== 'function') {
    throw new Error('ajv-formats no longer defines date-time as a function');
  }
  const valid = rfc3339.validate as (value: string) => boolean;
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (value: string) => valid(value) && !Number.isNaN(Date.parse(value)),
  });
}

async function refuseNul(request: FastifyRequest) {
  const found = [
    ...nulPaths(request.params, 'params'),
    ...nulPaths(request.query, 'querystring'),
    ...nulPaths(request.body, 'body'),
  ];
  if (found.length) throw new InvalidRequestError(found);
}

/**
 * How every request is checked before its handler, on every route:
 * - text holding U+0000 is refused with 400, wherever it is (body, query string, path), before the route schema;
 * - bodies are JSON and must hold the types their schema names: `false` is not the slug "false", `null` is not
 *   `false`, `[id]` is not `id`. Query strings, path parameters and headers arrive as text, so they are coerced
 *   (`?limit=10` is the number 10, and a lone `?tag=vip` is the array the schema wants).
 */
export default fp(async function requestValidation(app: FastifyInstance) {
  const strict = new Ajv({ ...AJV_OPTIONS, coerceTypes: false });
  const coercing = new Ajv({ ...AJV_OPTIONS, coerceTypes: 'array' });
  for (const ajv of [strict, coercing]) {
    addFormats(ajv);
    readableDateTimes(ajv);
  }
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
  app.addHook('preValidation', refuseNul);
});
