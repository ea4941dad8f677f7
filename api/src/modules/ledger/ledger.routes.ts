import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authOf } from '../../plugins/authenticate.ts';
import { Problem, problemResponses } from '../../plugins/problem-details.ts';
import { IdempotencyHeaders } from '../events/events.schemas.ts';
import { Adjustment, AdjustmentResult, BalanceList, LedgerPage, LedgerQuery, MemberParams } from './ledger.schemas.ts';
import type { LedgerService } from './ledger.service.ts';

export const ledgerRoutes: FastifyPluginAsyncTypebox<{ ledger: LedgerService }> = async (app, { ledger }) => {
  app.get(
    '/v1/members/:memberId/ledger',
    {
      config: { permission: 'ledger:read' },
      schema: {
        tags: ['ledger'],
        summary: "A member's ledger entries, newest first",
        params: MemberParams,
        querystring: LedgerQuery,
        response: { 200: LedgerPage, ...problemResponses },
      },
    },
    async (request) => ledger.entries(authOf(request), request.params.memberId, request.query),
  );

  app.get(
    '/v1/members/:memberId/balances',
    {
      config: { permission: 'ledger:read' },
      schema: {
        tags: ['ledger'],
        summary: "A member's balance in each program",
        params: MemberParams,
        response: { 200: BalanceList, ...problemResponses },
      },
    },
    async (request) => ledger.balances(authOf(request), request.params.memberId),
  );

  app.post(
    '/v1/members/:memberId/adjustments',
    {
      config: { permission: 'ledger:adjust' },
      schema: {
        tags: ['ledger'],
        summary: 'Adjust a member’s points by hand, with a reason',
        description:
          'Audited with the balance before and after. A debit beyond the available balance is refused (422).',
        params: MemberParams,
        headers: IdempotencyHeaders,
        body: Adjustment,
        response: { 201: AdjustmentResult, 422: Problem, ...problemResponses },
      },
    },
    async (request, reply) => {
      const done = await ledger.adjust(
        authOf(request),
        request.params.memberId,
        request.body,
        request.headers['idempotency-key'],
      );
      if (done.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(done.status as 201).send(done.body);
    },
  );
};
