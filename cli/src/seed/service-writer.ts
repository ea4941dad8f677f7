import { randomBytes } from 'node:crypto';
import type { AuthContext, RecordGuestPurchase, RuleDefinition } from '@loyaltystudio/api/core';
import {
  createAccessTokens,
  createEventsService,
  createServices,
  type EventsService,
  type Services,
  webhookSettings,
  webhookVars,
} from '@loyaltystudio/api/core';
import { readEnv } from '@loyaltystudio/config';
import type { PrismaClient } from '@loyaltystudio/prisma';
import { doublePoints } from './campaign-bonus.ts';
import { audienceRows, type CampaignIds, insertCampaigns } from './campaign-rows.ts';
import type { SeedCampaign } from './campaigns.ts';
import {
  campaignsOf,
  guestCounts,
  type SeedMember,
  type SeedParams,
  seedGuests,
  seedMembers,
  seedPeriod,
} from './generate.ts';
import type { GuestOrder } from './guests.ts';
import { DEMO_PROGRAM, DEMO_REWARDS, DEMO_TIERS, demoRules } from './merchant.ts';
import { progressBar } from './progress.ts';
import { createDemoTenant, type DemoOwner } from './tenant.ts';

export interface SeedSummary {
  tenantId: string;
  members: number;
  events: number;
  redemptions: number;
  guestPurchases: number;
  campaigns: number;
}

export interface Setup {
  auth: AuthContext;
  programId: string;
  rewards: { id: string; costPoints: number }[];
  /** The rules as created, for the bulk path's own evaluation. */
  rules: RuleDefinition[];
  tiers: {
    id: string;
    rank: number;
    qualification:
      | 'lifetime_points'
      | 'points_rolling_12_months'
      | 'spend_rolling_12_months'
      | 'orders_rolling_12_months';
    threshold: number;
    earnMultiplierPct: number;
    graceDays: number;
  }[];
  campaigns: SeedCampaign[];
  campaignIds: CampaignIds;
}

/**
 * The merchant's program, rules, tiers and rewards, created through the services as its owner would, then its
 * campaigns (no service creates those yet).
 */
export async function createProgram(
  prisma: PrismaClient,
  services: Services,
  auth: AuthContext,
  params: SeedParams,
): Promise<Setup> {
  const { start } = seedPeriod(params);
  const program = await services.programs.create(auth, DEMO_PROGRAM);
  const rules: RuleDefinition[] = [];
  for (const body of demoRules(start.toISOString())) {
    // The route's body type is TypeBox's static view of a cyclic schema, wider than the engine's own RuleBody.
    const rule = await services.rules.create(auth, program.id, body as Parameters<Services['rules']['create']>[2]);
    rules.push({ ...body, id: rule.id, versionId: rule.version.id, version: rule.version.version });
  }
  const tiers = [];
  for (const tier of DEMO_TIERS) tiers.push(await services.tiers.create(auth, program.id, tier));
  const rewards = [];
  for (const reward of DEMO_REWARDS) rewards.push(await services.rewards.create(auth, program.id, reward));
  const campaigns = campaignsOf(params);
  const key = { tenantId: auth.tenantId, programId: program.id };
  const campaignIds = await insertCampaigns(prisma, key, campaigns, params.until);
  return { auth, programId: program.id, rewards, rules, tiers, campaigns, campaignIds };
}

/** A guest order as `POST /v1/guest-purchases` takes it. */
export function guestPurchaseInput(order: GuestOrder, programId: string): RecordGuestPurchase {
  return {
    externalId: order.externalId,
    programId,
    customerRef: order.customerRef,
    occurredAt: order.at.toISOString(),
    amountMinor: order.amountMinor,
    currency: 'EUR',
    channel: order.channel,
  };
}

/** Guest orders through the guest-purchases service, a batch of up to 1,000 per call; every one must be stored. */
async function recordGuests(services: Services, setup: Setup, key: string, orders: GuestOrder[]): Promise<void> {
  for (let i = 0; i < orders.length; i += 1_000) {
    const items = orders.slice(i, i + 1_000).map((o) => guestPurchaseInput(o, setup.programId));
    const done = await services.guestPurchases.recordBatch(setup.auth, items, `${key}-${i}`);
    const failed = done.body.items.find((item) => item.status >= 300);
    if (failed) throw new Error(`guest purchase ${items[failed.index]?.externalId}: ${failed.problem?.detail}`);
  }
}

/** The api's services over this Prisma client, as the server builds them. */
export function seedServices(prisma: PrismaClient): Services {
  return createServices({
    prisma,
    webhooks: webhookSettings(readEnv(webhookVars)),
    accessTokens: createAccessTokens(randomBytes(32).toString('hex'), 900),
    refreshTokenTtlSeconds: 900,
    authCacheMs: 0,
  });
}

/** The seeding owner's session is closed once the seed is written. */
export async function endSession(prisma: PrismaClient, auth: AuthContext): Promise<void> {
  if (auth.actor.type !== 'user') return;
  await prisma.session.update({
    where: { id: auth.actor.sessionId },
    data: { revokedAt: new Date(), revokedReason: 'seeded' },
  });
}

interface Writers {
  prisma: PrismaClient;
  services: Services;
  /** The accrual path with the demo's double-points campaigns plugged into its campaign seam. */
  events: EventsService;
}

/**
 * One member's history through the same service calls as the routes; redeems only when the balance allows. Their
 * campaign seats are inserted first (no service writes audiences yet), so the accrual path finds them.
 */
async function writeMember(
  { prisma, services, events: eventsService }: Writers,
  setup: Setup,
  seed: number,
  m: SeedMember,
) {
  const { auth } = setup;
  const member = await services.members.create(auth, {
    externalId: m.externalId,
    email: m.email,
    firstName: m.firstName,
    lastName: m.lastName,
  });
  const key = (id: string) => `seed-${seed}-${id}`;
  const seats = audienceRows(auth.tenantId, member.id, m.seats, setup.campaigns, setup.campaignIds);
  if (seats.length) await prisma.campaignMember.createMany({ data: seats });
  await recordGuests(services, setup, key(`pre-${m.index}`), m.guestOrders);
  const redemptions: { id: string; at: Date }[] = [];
  let available = 0;
  let events = 0;
  for (const a of m.activities) {
    const occurredAt = a.at.toISOString();
    if (a.type === 'redeem') {
      const reward = setup.rewards[a.reward]!;
      if (available < reward.costPoints) continue;
      const held = await services.redemptions.create(auth, key(a.key), { memberId: member.id, rewardId: reward.id });
      await services.redemptions.fulfil(auth, held.body.id);
      available -= reward.costPoints;
      redemptions.push({ id: held.body.id, at: a.at });
      continue;
    }
    const input =
      a.type === 'signup'
        ? { externalId: a.externalId, type: a.type, memberId: member.id, occurredAt }
        : a.type === 'purchase'
          ? {
              externalId: a.externalId,
              type: a.type,
              memberId: member.id,
              occurredAt,
              amountMinor: a.amountMinor,
              currency: 'EUR',
              channel: 'store',
              lineItems: a.lineItems,
            }
          : {
              externalId: a.externalId,
              type: a.type,
              memberId: member.id,
              occurredAt,
              amountMinor: a.amountMinor,
              currency: 'EUR',
              refundOfExternalId: a.refundOf,
            };
    const result = await eventsService.record(auth, input, key(a.externalId));
    available = result.body.balance.available;
    events++;
  }
  return { memberId: member.id, enrolledAt: m.enrolledAt, events, redemptions, guestPurchases: m.guestOrders.length };
}

/**
 * The service layer stamps rows with the clock; history is moved back to when it happened in the model:
 * enrolments, events and guest purchases, their ledger entries (bonuses included), redemptions and their debits.
 * Entries and tier moves caused by events already took effect at the event's time (the ledger dates them so); a
 * redemption's debit takes effect when the redemption happened, and every row is recorded when it took effect, as
 * the bulk writer records them.
 */
async function backdate(
  prisma: PrismaClient,
  tenantId: string,
  members: { id: string; at: Date }[],
  redemptions: { id: string; at: Date }[],
): Promise<void> {
  await prisma.$transaction([
    prisma.$executeRaw`UPDATE members m SET enrolled_at = v.at, created_at = v.at
      FROM unnest(${members.map((r) => r.id)}::uuid[], ${members.map((r) => r.at)}::timestamptz[]) AS v(id, at)
      WHERE m.id = v.id AND m.tenant_id = ${tenantId}::uuid`,
    prisma.$executeRaw`UPDATE events SET created_at = occurred_at WHERE tenant_id = ${tenantId}::uuid`,
    prisma.$executeRaw`UPDATE guest_purchases SET created_at = occurred_at WHERE tenant_id = ${tenantId}::uuid`,
    prisma.$executeRaw`UPDATE ledger_entries l SET created_at = e.occurred_at FROM events e
      WHERE l.event_id = e.id AND l.tenant_id = ${tenantId}::uuid AND e.tenant_id = ${tenantId}::uuid`,
    prisma.$executeRaw`UPDATE redemptions r
      SET created_at = v.at, fulfilled_at = v.at, hold_expires_at = v.at + interval '15 minutes'
      FROM unnest(${redemptions.map((r) => r.id)}::uuid[], ${redemptions.map((r) => r.at)}::timestamptz[]) AS v(id, at)
      WHERE r.id = v.id AND r.tenant_id = ${tenantId}::uuid`,
    prisma.$executeRaw`UPDATE ledger_entries l SET created_at = r.created_at, effective_at = r.created_at
      FROM redemptions r
      WHERE l.redemption_id = r.id AND l.tenant_id = ${tenantId}::uuid AND r.tenant_id = ${tenantId}::uuid`,
    prisma.$executeRaw`UPDATE tier_changes SET created_at = effective_at WHERE tenant_id = ${tenantId}::uuid`,
  ]);
}

/** How many members are written at once: members are independent, so their histories may interleave. */
const CONCURRENCY = 4;

/** Seeds the demo tenant through the api's services (the rules engine, tiers and ledger of real requests). */
export async function seedThroughServices(
  prisma: PrismaClient,
  params: SeedParams,
  options: DemoOwner = {},
): Promise<SeedSummary> {
  const services = seedServices(prisma);
  const writers = { prisma, services, events: createEventsService({ prisma, campaigns: doublePoints }) };
  const { start } = seedPeriod(params);
  const auth = await createDemoTenant(prisma, start, options);
  const setup = await createProgram(prisma, services, auth, params);
  const progress = progressBar('members', params.members);
  const members: { id: string; at: Date }[] = [];
  const redemptions: { id: string; at: Date }[] = [];
  let events = 0;
  let guestPurchases = 0;
  const source = seedMembers(params);
  const worker = async () => {
    for (let next = source.next(); !next.done; next = source.next()) {
      const written = await writeMember(writers, setup, params.seed, next.value);
      members.push({ id: written.memberId, at: written.enrolledAt });
      redemptions.push(...written.redemptions);
      events += written.events;
      guestPurchases += written.guestPurchases;
      progress.advance();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  progress.finish();
  const { identified, anonymous } = guestCounts(params);
  const guestProgress = progressBar('guests', identified + anonymous);
  let batch: GuestOrder[] = [];
  let customers = 0;
  const flush = async () => {
    await recordGuests(services, setup, `seed-${params.seed}-guests-${guestPurchases}`, batch);
    guestPurchases += batch.length;
    guestProgress.advance(customers);
    [batch, customers] = [[], 0];
  };
  for (const orders of seedGuests(params)) {
    batch.push(...orders);
    customers++;
    if (batch.length >= 1_000) await flush();
  }
  await flush();
  guestProgress.finish();
  await backdate(prisma, auth.tenantId, members, redemptions);
  await endSession(prisma, auth);
  return {
    tenantId: auth.tenantId,
    members: members.length,
    events,
    redemptions: redemptions.length,
    guestPurchases,
    campaigns: setup.campaigns.length,
  };
}
