import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import {
  Cohorts,
  CohortsQuery,
  FunnelParams,
  Funnels,
  FunnelsQuery,
  MemberPage,
  MembersQuery,
  Overview,
  OverviewQuery,
  PointsEconomy,
  ProgramRangeQuery,
  Rfm,
  RfmQuery,
  Tiers,
} from './analytics.schemas.ts';
import type { AnalyticsService } from './analytics.service.ts';

/** Answers of every analytics route beyond the usual ones: the warehouse is down, slow, or the result too large. */
const warehouseResponses = { ...problemResponses, 422: Problem, 503: Problem, 504: Problem } as const;
const tags = ['analytics'];
const config = { permission: 'analytics:read' } as const;

export const analyticsRoutes: FastifyPluginAsyncTypebox<{ analytics: AnalyticsService }> = async (
  app,
  { analytics },
) => {
  app.get(
    '/v1/analytics/overview',
    {
      config,
      schema: {
        tags,
        summary: 'Executive overview against the previous period',
        description:
          'Active members, revenue share of members, points liability, redemption rate and ROI over from–to, each ' +
          'with the same number of days just before, and the change. Monthly figures (revenue, cost, ROI) cover the ' +
          'months the range touches, and `monthly` gives them month by month (the trends). Without programId, every ' +
          'program of the tenant; 422 when they earn in several currencies.',
        querystring: OverviewQuery,
        response: { 200: Overview, ...warehouseResponses },
      },
    },
    async (request) => analytics.overview(authOf(request), request.query),
  );

  app.get(
    '/v1/analytics/cohorts',
    {
      config,
      schema: {
        tags,
        summary: 'Enrolment cohorts and their retention',
        description:
          'Cohorts whose month or week holds a day of from–to, with every period up to the marts’ as-of date.',
        querystring: CohortsQuery,
        response: { 200: Cohorts, ...warehouseResponses },
      },
    },
    async (request) => analytics.cohorts(authOf(request), request.query),
  );

  app.get(
    '/v1/analytics/rfm',
    {
      config,
      schema: {
        tags,
        summary: 'RFM segment sizes and the 5×5 R×F grid',
        description:
          'As of the marts’ as-of date: members per segment and per R×F cell, with their average monetary value.',
        querystring: RfmQuery,
        response: { 200: Rfm, ...warehouseResponses },
      },
    },
    async (request) => analytics.rfm(authOf(request)),
  );

  app.get(
    '/v1/analytics/funnels/:kind',
    {
      config,
      schema: {
        tags,
        summary: 'Enrolment or campaign funnel by cohort',
        description: 'One cohort (cohort), or the cohorts starting in from–to, newest first, each with its steps.',
        params: FunnelParams,
        querystring: FunnelsQuery,
        response: { 200: Funnels, ...warehouseResponses },
      },
    },
    async (request) => analytics.funnels(authOf(request), request.params.kind, request.query),
  );

  app.get(
    '/v1/analytics/points-economy',
    {
      config,
      schema: {
        tags,
        summary: "A program's points economy by day",
        description:
          'Points issued, redeemed, expired, reversed and adjusted per day, the outstanding liability and breakage.',
        querystring: ProgramRangeQuery,
        response: { 200: PointsEconomy, ...warehouseResponses },
      },
    },
    async (request) => analytics.pointsEconomy(authOf(request), request.query),
  );

  app.get(
    '/v1/analytics/tiers',
    {
      config,
      schema: {
        tags,
        summary: "A program's tier distribution and movements by month",
        description:
          'Members per tier at the end of each month the range touches, and the tier changes of those months.',
        querystring: ProgramRangeQuery,
        response: { 200: Tiers, ...warehouseResponses },
      },
    },
    async (request) => analytics.tiers(authOf(request), request.query),
  );

  app.get(
    '/v1/analytics/members',
    {
      config,
      schema: {
        tags,
        summary: 'Members with their 360° figures',
        description: 'Filtered, sorted by a whitelisted column, paged by cursor (at most 200 per page).',
        querystring: MembersQuery,
        response: { 200: MemberPage, ...warehouseResponses },
      },
    },
    async (request) => analytics.members(authOf(request), request.query),
  );
};
