import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import { ModelCatalog, ScoringAccepted, ScoringHeaders } from './models.schemas.ts';
import type { ModelsService } from './models.service.ts';

const tags = ['models'];

export const modelRoutes: FastifyPluginAsyncTypebox<{ models: ModelsService }> = async (app, { models }) => {
  app.get(
    '/v1/models',
    {
      config: { permission: 'models:read' },
      schema: {
        tags,
        summary: 'List the churn and lifetime-value models with their cards and realised quality',
        description:
          'Every version the tenant can be scored with, newest first: its own (trained on its history with ' +
          '`npm run ml:train`) and the ones shipped with Monet, the current one marked. A churn version carries its ' +
          'model card (training data, validation metrics beside the logistic baseline, calibration, features) and ' +
          'its realised quality: each of the tenant’s scoring runs with it whose horizon has passed, judged on what ' +
          'members did (marts.model_quality, model_calibration). A lifetime-value version carries its BG/NBD and ' +
          'Gamma-Gamma parameters. 503 when the warehouse does not answer or the marts are not built.',
        response: { 200: ModelCatalog, ...problemResponses, 503: Problem, 504: Problem },
      },
    },
    async (request) => models.list(authOf(request)),
  );

  app.post(
    '/v1/models/scoring-runs',
    {
      config: { permission: 'models:write' },
      schema: {
        tags,
        summary: 'Score the tenant’s members now',
        description:
          'Starts a churn-scoring run of the tenant on the worker (the schedule runs one daily): churn risk and ' +
          'lifetime value of every member at the marts’ as-of date, with the current models, then the scores on ' +
          'members in Postgres. Requires an Idempotency-Key: the same key answers the same run ' +
          '(Idempotent-Replayed: true), whether it is still running or finished. 503 when Temporal does not answer.',
        headers: ScoringHeaders,
        response: { 202: ScoringAccepted, ...problemResponses, 503: Problem },
      },
    },
    async (request, reply) => {
      const { replayed, ...body } = await models.scoreNow(authOf(request), request.headers['idempotency-key']);
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(202).send(body);
    },
  );
};
