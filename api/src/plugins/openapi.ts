import swagger from '@fastify/swagger';
import scalar from '@scalar/fastify-api-reference';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Problem } from './problem-details.ts';

/** One tag per module, in the order the reference lists them. */
export const TAGS = [
  { name: 'system', description: 'Health, readiness and the status of the platform' },
  { name: 'auth', description: 'Sign-in with email and password, access and refresh tokens, sessions' },
  { name: 'tenants', description: 'The merchant: name, time zone, currency' },
  { name: 'users', description: 'Dashboard users and their roles' },
  { name: 'api-keys', description: "Scoped keys for merchants' servers, shown once and stored hashed" },
  { name: 'audit', description: 'Every administrative change: who, what, before and after' },
  { name: 'programs', description: 'Loyalty programs: points name, earning currency, rounding, expiry' },
  { name: 'rules', description: 'Versioned earning rules, validation and simulation' },
  { name: 'members', description: 'Members, their attributes, tags and consent; export and erasure' },
  { name: 'events', description: 'Purchases, refunds, sign-ups and custom events that earn points' },
  { name: 'guest purchases', description: 'Orders of customers who are not members, for revenue share and ROI' },
  { name: 'ledger', description: 'Immutable ledger entries, balances and manual adjustments' },
  { name: 'rewards', description: 'The reward catalog and voucher code pools' },
  { name: 'redemptions', description: 'Reserve, fulfil and cancel redemptions' },
  { name: 'tiers', description: 'Tiers, their qualification and benefits, and tier history' },
  { name: 'webhooks', description: 'Endpoints that receive signed events, their deliveries and every attempt' },
  {
    name: 'analytics',
    description: 'Reads of the marts: overview, cohorts, RFM, funnels, points economy, tiers, members',
  },
  { name: 'exports', description: "A mart's rows of the tenant as CSV, Parquet or XLSX, written in the background" },
  {
    name: 'imports',
    description:
      "A merchant's history from another platform (CSV, NDJSON, Parquet), replayed as if Monet had been there",
  },
  {
    name: 'segments',
    description: "Marketers' sets of members over the marts: versioned definitions, previews, members, snapshots",
  },
  {
    name: 'campaigns',
    description: 'Campaigns run by Temporal: audience, arms and holdout, schedule, budget; launch, pause, cancel',
  },
  {
    name: 'reports',
    description: 'Scheduled reports: analytics tiles mailed as PDF, CSV or XLSX on a schedule; send now, deliveries',
  },
  {
    name: 'models',
    description: 'Churn risk and lifetime-value models: versions, model cards, realised quality; scoring on demand',
  },
] as const;

const SECURITY_SCHEMES = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: "A dashboard user's access token from /v1/auth; an API key (mk_…) is also accepted here",
  },
  apiKey: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Api-Key',
    description: "A merchant server's API key (mk_…); it holds the permissions of its scopes",
  },
} as const;

const PROBLEM_JSON = JSON.stringify(Problem);
const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const PROBLEM_EXAMPLE = {
  type: 'https://monet.dev/problems/validation',
  title: 'Invalid request',
  status: 400,
  detail: 'The request does not match the schema; see errors.',
  instance: '/v1/programs',
  requestId: '3f0c9a52-8f5e-4f0e-9d7b-2b1c6f4a9e10',
  errors: [{ path: 'body.earningCurrency', message: 'must match pattern "^[A-Z]{3}$"' }],
};

const STATUS_MEANING: Record<string, string> = {
  '400': 'Invalid request: `errors` names each bad field by its path',
  '401': 'No valid access token or API key',
  '403': 'The caller lacks the permission this operation needs',
  '404': "Not found, or another tenant's",
  '409': 'Conflicts with the current state',
  '413': 'The body is larger than the limit',
  '422': 'Well-formed but cannot be carried out; `type` says why',
  '429': 'Too many requests; retry after `retryAfterSeconds`',
};

type Operation = {
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
};

/**
 * Error answers as they leave the api: application/problem+json with one shared Problem schema, instead of a copy
 * of it under application/json in every operation.
 */
function shareProblemSchema(doc: Record<string, unknown>) {
  const paths = doc.paths as Record<string, Record<string, Operation>>;
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        const schema = response.content?.['application/json']?.schema;
        if (JSON.stringify(schema) !== PROBLEM_JSON) continue;
        operation.responses![status] = {
          description: STATUS_MEANING[status] ?? 'Problem details',
          content: { 'application/problem+json': { schema: PROBLEM_REF } },
        };
      }
    }
  }
  const components = doc.components as { schemas?: Record<string, unknown> };
  components.schemas = { ...components.schemas, Problem: { ...JSON.parse(PROBLEM_JSON), examples: [PROBLEM_EXAMPLE] } };
  return doc;
}

/**
 * OpenAPI 3.1 generated from the route schemas, at /openapi.json, with Scalar's reference at /docs. Routes under
 * /v1 need a token or a key unless they say `public: true`; each operation names the permission it needs.
 */
export default fp(async function openapi(app: FastifyInstance, opts: { version: string }) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Monet API',
        version: opts.version,
        description:
          'Loyalty programs and their analytics. Errors are RFC 9457 problem+json with the path of each bad field. ' +
          'Request bodies are JSON holding the types their schema names: nothing is coerced (`"10"` is not 10, ' +
          '`null` is not `false`). No text may contain the NUL character (U+0000): a string, an object key, a query ' +
          'or a path parameter holding one is refused with 400, its path in `errors`. ' +
          'Amounts are integers in minor units with an ISO 4217 currency, points are integers, times are ISO 8601 ' +
          'UTC. POSTs that move points need an `Idempotency-Key` header.',
      },
      servers: [{ url: '/', description: 'This Monet api' }],
      tags: [...TAGS],
      components: { securitySchemes: SECURITY_SCHEMES },
      security: [{ bearerAuth: [] }, { apiKey: [] }],
    },
    transform({ schema, url, route }) {
      if (!schema || schema.hide) return { schema, url };
      const config = route.config as { public?: boolean; signedIn?: boolean; permission?: string } | undefined;
      if (config?.public || !url.startsWith('/v1/')) return { schema: { ...schema, security: [] }, url };
      const needs = config?.permission
        ? `Needs the \`${config.permission}\` permission.`
        : config?.signedIn
          ? 'Needs a signed-in dashboard user, whatever the role; API keys are refused.'
          : null;
      if (!needs) return { schema, url };
      const description = schema.description ? `${schema.description}\n\n${needs}` : needs;
      const security = config?.signedIn ? [{ bearerAuth: [] }] : undefined;
      return { schema: { ...schema, description, ...(security && { security }) }, url };
    },
    transformObject: (doc) =>
      'openapiObject' in doc ? shareProblemSchema(doc.openapiObject as Record<string, unknown>) : doc.swaggerObject,
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(scalar, { routePrefix: '/docs', configuration: { url: '/openapi.json' } });
});
