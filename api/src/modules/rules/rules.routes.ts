import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { InvalidRequestError } from '../../errors.ts';
import { PageQuery } from '../../infra/pagination.ts';
import { authOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import {
  ProgramRulesParams,
  Rule,
  RuleBody,
  RuleList,
  RuleParams,
  RuleQuery,
  RuleVersionList,
  SimulateBody,
  SimulateResult,
} from './rules.schemas.ts';
import type { RulesService } from './rules.service.ts';
import { draftRuleSet, ruleBodyIssues } from './rules.validation.ts';

/**
 * Rules are checked by the rules engine before the route schema: it names the exact bad node
 * (`body.conditions.all[1].hours.from`), where a schema union would only say "matches no alternative".
 */
async function engineChecksRule(request: FastifyRequest) {
  const issues = ruleBodyIssues(request.body);
  if (issues.length) throw new InvalidRequestError(issues);
}

async function engineChecksDraft(request: FastifyRequest) {
  const rules = (request.body as { rules?: unknown } | null)?.rules;
  if (rules === undefined) return;
  const draft = draftRuleSet(rules);
  if (!draft.ok) throw new InvalidRequestError(draft.errors);
}

const ruleResponses = { ...problemResponses, 422: Problem } as const;

export const ruleRoutes: FastifyPluginAsyncTypebox<{ rules: RulesService }> = async (app, { rules }) => {
  app.post(
    '/v1/programs/:programId/rules',
    {
      config: { permission: 'programs:write' },
      preValidation: engineChecksRule,
      schema: {
        tags: ['rules'],
        summary: 'Create a rule with its first version',
        params: ProgramRulesParams,
        body: RuleBody,
        response: { 201: Rule, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await rules.create(authOf(request), request.params.programId, request.body)),
  );

  app.get(
    '/v1/programs/:programId/rules',
    {
      config: { permission: 'programs:read' },
      schema: {
        tags: ['rules'],
        summary: "List a program's rules, each with its latest version",
        params: ProgramRulesParams,
        querystring: Type.Object(
          {
            ...PageQuery,
            includeArchived: Type.Optional(Type.Boolean({ default: false, description: 'Also list archived rules' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: RuleList, ...problemResponses },
      },
    },
    async (request) => rules.list(authOf(request), request.params.programId, request.query),
  );

  app.post(
    '/v1/programs/:programId/rules::simulate',
    {
      config: { permission: 'programs:read' },
      preValidation: engineChecksDraft,
      schema: {
        tags: ['rules'],
        summary: 'Simulate a draft rule set on a sample event and on recent events',
        description:
          'Runs the draft (or the rules in force) on a sample event and replays it over the program’s last N events, ' +
          'with the points and money it would cost next to what the rules in force gave. Writes nothing.',
        params: ProgramRulesParams,
        body: SimulateBody,
        response: { 200: SimulateResult, ...problemResponses },
      },
    },
    async (request) => rules.simulate(authOf(request), request.params.programId, request.body),
  );

  app.get(
    '/v1/rules/:ruleId',
    {
      config: { permission: 'programs:read' },
      schema: {
        tags: ['rules'],
        summary: 'Get a rule with its latest version, or with a past one',
        params: RuleParams,
        querystring: RuleQuery,
        response: { 200: Rule, ...problemResponses },
      },
    },
    async (request) => rules.get(authOf(request), request.params.ruleId, request.query.version),
  );

  app.get(
    '/v1/rules/:ruleId/versions',
    {
      config: { permission: 'programs:read' },
      schema: {
        tags: ['rules'],
        summary: "List a rule's versions, oldest first",
        params: RuleParams,
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: RuleVersionList, ...problemResponses },
      },
    },
    async (request) => rules.versions(authOf(request), request.params.ruleId, request.query),
  );

  app.put(
    '/v1/rules/:ruleId',
    {
      config: { permission: 'programs:write' },
      preValidation: engineChecksRule,
      schema: {
        tags: ['rules'],
        summary: 'Edit a rule: a new immutable version',
        description:
          'Appends a version and makes it current; a disabled rule stays disabled until enabled. Past versions never change.',
        params: RuleParams,
        body: RuleBody,
        response: { 200: Rule, ...ruleResponses },
      },
    },
    async (request) => rules.update(authOf(request), request.params.ruleId, request.body),
  );

  app.post(
    '/v1/rules/:ruleId(^[^:]+)::disable',
    {
      config: { permission: 'programs:write' },
      schema: {
        tags: ['rules'],
        summary: 'Disable a rule: no version is in force',
        params: RuleParams,
        response: { 200: Rule, ...ruleResponses },
      },
    },
    async (request) => rules.disable(authOf(request), request.params.ruleId),
  );

  app.post(
    '/v1/rules/:ruleId(^[^:]+)::enable',
    {
      config: { permission: 'programs:write' },
      schema: {
        tags: ['rules'],
        summary: 'Enable a rule: its latest version is in force',
        params: RuleParams,
        response: { 200: Rule, ...ruleResponses },
      },
    },
    async (request) => rules.enable(authOf(request), request.params.ruleId),
  );

  app.delete(
    '/v1/rules/:ruleId',
    {
      config: { permission: 'programs:write' },
      schema: {
        tags: ['rules'],
        summary: 'Archive a rule; its versions are kept',
        params: RuleParams,
        response: { 200: Rule, ...problemResponses },
      },
    },
    async (request) => rules.archive(authOf(request), request.params.ruleId),
  );
};
