import type { PrismaClient } from '@loyaltystudio/prisma';
import { createMembersService } from './modules/members/members.service.ts';
import { createProgramsService } from './modules/programs/programs.service.ts';
import { createTiersService } from './modules/tiers/tiers.service.ts';

/** Every service of the api, built once from its dependencies; routes and workflows call these. */
export function createServices(deps: { prisma: PrismaClient }) {
  return {
    members: createMembersService(deps.prisma),
    programs: createProgramsService(deps.prisma),
    tiers: createTiersService(deps.prisma),
  };
}

export type Services = ReturnType<typeof createServices>;
