import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { authOf } from '../../plugins/authenticate.ts';
import { problemResponses } from '../../plugins/problem-details.ts';
import { AuditPage, AuditQuery } from './audit.schemas.ts';
import type { AuditService } from './audit.service.ts';

export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditService }> = async (app, { audit }) => {
  app.get(
    '/v1/audit-log',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'Read the audit log',
        description: 'Every administrative change, newest first: who, what, and the entity before and after.',
        querystring: AuditQuery,
        response: { 200: AuditPage, ...problemResponses },
      },
    },
    async (request) => audit.list(authOf(request), request.query),
  );
};
