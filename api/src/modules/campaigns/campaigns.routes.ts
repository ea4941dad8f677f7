import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import {
  Campaign,
  CampaignList,
  CampaignListQuery,
  CampaignParams,
  CreateCampaign,
  UpdateCampaign,
} from './campaigns.schemas.ts';
import type { CampaignsService } from './campaigns.service.ts';

/** Lifecycle answers: the campaign as it is now, or why the change is refused, or Temporal being unreachable. */
const lifecycleResponses = { 200: Campaign, ...problemResponses, 409: Problem, 422: Problem, 503: Problem } as const;

export const campaignRoutes: FastifyPluginAsyncTypebox<{ campaigns: CampaignsService }> = async (
  app,
  { campaigns },
) => {
  app.post(
    '/v1/campaigns',
    {
      config: { permission: 'campaigns:write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Create a campaign (a draft)',
        description:
          'Nothing runs until it is launched. Refused with the path of each bad field: a config that is not its ' +
          'type’s, arms not adding up to 100%, a window that ends before it starts, a budget below 1, a program, ' +
          'segment version or reward that is not the tenant’s.',
        body: CreateCampaign,
        response: { 201: Campaign, ...problemResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await campaigns.create(authOf(request), request.body)),
  );

  app.get(
    '/v1/campaigns',
    {
      config: { permission: 'campaigns:read' },
      schema: {
        tags: ['campaigns'],
        summary: 'List campaigns, newest first',
        querystring: CampaignListQuery,
        response: { 200: CampaignList, ...problemResponses },
      },
    },
    async (request) => campaigns.list(authOf(request), request.query),
  );

  app.get(
    '/v1/campaigns/:campaignId',
    {
      config: { permission: 'campaigns:read' },
      schema: {
        tags: ['campaigns'],
        summary: 'Get a campaign',
        params: CampaignParams,
        response: { 200: Campaign, ...problemResponses },
      },
    },
    async (request) => campaigns.get(authOf(request), request.params.campaignId),
  );

  app.patch(
    '/v1/campaigns/:campaignId',
    {
      config: { permission: 'campaigns:write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Change a campaign',
        description:
          'Draft and scheduled campaigns take any change. A running or paused one takes a name, a description or ' +
          'a larger budget: changing its audience, arms, type, config or schedule answers 409 `campaign-running` ' +
          'with the reason. A completed or cancelled one answers 409 `campaign-ended`.',
        params: CampaignParams,
        body: UpdateCampaign,
        response: { 200: Campaign, ...problemResponses, 409: Problem, 503: Problem },
      },
    },
    async (request) => campaigns.update(authOf(request), request.params.campaignId, request.body),
  );

  app.post(
    '/v1/campaigns/:campaignId/launch',
    {
      config: { permission: 'campaigns:write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Launch a draft campaign',
        description:
          'Draft → scheduled, and its Temporal workflow (`campaign:<tenant>:<id>`) started: at its start the ' +
          'workflow assigns the audience to the arms and the campaign runs. Launching a scheduled campaign again ' +
          'answers it as it is. 422 when its window is over or its program archived; 503 when Temporal does not ' +
          'answer (nothing changes).',
        params: CampaignParams,
        response: lifecycleResponses,
      },
    },
    async (request) => campaigns.launch(authOf(request), request.params.campaignId),
  );

  app.post(
    '/v1/campaigns/:campaignId/pause',
    {
      config: { permission: 'campaigns:write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Pause a running campaign',
        description: 'Accruals stop crediting it at once. Pausing a paused campaign answers it as it is.',
        params: CampaignParams,
        response: lifecycleResponses,
      },
    },
    async (request) => campaigns.pause(authOf(request), request.params.campaignId),
  );

  app.post(
    '/v1/campaigns/:campaignId/resume',
    {
      config: { permission: 'campaigns:write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Resume a paused campaign',
        description: 'Resuming a running campaign answers it as it is.',
        params: CampaignParams,
        response: lifecycleResponses,
      },
    },
    async (request) => campaigns.resume(authOf(request), request.params.campaignId),
  );

  app.post(
    '/v1/campaigns/:campaignId/cancel',
    {
      config: { permission: 'campaigns:write' },
      schema: {
        tags: ['campaigns'],
        summary: 'Cancel a campaign',
        description:
          'From any status but completed: it stops crediting at once and its workflow ends. Cancelling a cancelled ' +
          'campaign answers it as it is.',
        params: CampaignParams,
        response: lifecycleResponses,
      },
    },
    async (request) => campaigns.cancel(authOf(request), request.params.campaignId),
  );
};
