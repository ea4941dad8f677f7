import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import { CampaignResults } from './campaigns.results.schemas.ts';
import type { CampaignResultsService } from './campaigns.results.ts';
import { CampaignParams } from './campaigns.schemas.ts';

export const campaignResultsRoutes: FastifyPluginAsyncTypebox<{ results: CampaignResultsService }> = async (
  app,
  { results },
) => {
  app.get(
    '/v1/campaigns/:campaignId/results',
    {
      config: { permission: 'campaigns:read' },
      schema: {
        tags: ['campaigns'],
        summary: 'Read a campaign’s results: each arm against the holdout',
        description:
          'From the `campaign_results` mart as of its last build (`asOf`): per arm, members, participation, ' +
          'revenue, points cost and redemption rate per member, and against the holdout the incremental revenue ' +
          'and points cost per member with 95% intervals (Welch, CUPED on pre-period revenue, always-valid), the ' +
          'return on points spent, whether the difference is established, and the sample ratio check. ' +
          '409 `campaign-not-started` before the campaign starts, `campaign-without-holdout` when it holds no one ' +
          'out, `campaign-results-not-built` when the marts were built before it started; 503 when the warehouse ' +
          'does not answer or the marts are not built.',
        params: CampaignParams,
        response: { 200: CampaignResults, ...problemResponses, 409: Problem, 422: Problem, 503: Problem, 504: Problem },
      },
    },
    async (request) => results.results(authOf(request), request.params.campaignId),
  );
};
