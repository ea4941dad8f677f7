import type { PrismaClient } from '@loyaltystudio/prisma';
import { createMembersService } from './modules/members/members.service.ts';
import { createProgramsService } from './modules/programs/programs.service.ts';
import { createTiersService } from './modules/tiers/tiers.service.ts';
import { createWebhooksService } from './modules/webhooks/webhooks.service.ts';
import type { WebhookSettings } from './modules/webhooks/webhooks.settings.ts';

/** Every service of the api, built once from its dependencies; routes and workflows call these. */
export function createServices(deps: { prisma: PrismaClient; webhooks: WebhookSettings }) {
  return {
    members: createMembersService(deps.prisma),
    programs: createProgramsService(deps.prisma),
    webhooks: createWebhooksService(deps.prisma, deps.webhooks),
    tiers: createTiersService(deps.prisma),
  };
}

export type Services = ReturnType<typeof createServices>;
