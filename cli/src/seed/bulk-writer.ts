import { randomUUID } from 'node:crypto';
import { setImmediate } from 'node:timers/promises';
import {
  CsvRows,
  compileRules,
  copyRows,
  generateRedemptionCode,
  pushReplay,
  type ReplayActivity,
  type ReplayProgram,
  replayMember,
  replayTables,
} from '@loyaltystudio/api/core';
import type { PrismaClient } from '@loyaltystudio/prisma';
import pg from 'pg';
import { BONUS_REASON } from './campaign-bonus.ts';
import { audienceRows } from './campaign-rows.ts';
import { treatmentAt } from './campaigns.ts';
import { guestCounts, type SeedMember, type SeedParams, seedGuests, seedMembers, seedPeriod } from './generate.ts';
import type { GuestOrder } from './guests.ts';
import { DEMO_PROGRAM, DEMO_TENANT } from './merchant.ts';
import { progressBar } from './progress.ts';
import { createProgram, endSession, type SeedSummary, type Setup, seedServices } from './service-writer.ts';
import { createDemoTenant, type DemoOwner } from './tenant.ts';

const PROGRAM_SETTINGS = {
  rounding: DEMO_PROGRAM.rounding ?? 'floor',
  maxPointsPerEvent: DEMO_PROGRAM.maxPointsPerEvent ?? null,
  earningCurrency: DEMO_PROGRAM.earningCurrency,
};

/**
 * Members per COPY round: large enough to amortise a round, small enough to keep memory flat, and a few rounds
 * for a small seed too, so that building overlaps copying and the progress bar moves.
 */
const chunkOf = (members: number) => Math.min(5_000, Math.max(250, Math.ceil(members / 4)));
/** Guest orders per COPY round. */
const GUEST_CHUNK = 50_000;

/** The replay's tables, with the seed's own (campaign seats after members, guests' orders last). */
function tables() {
  const { members, ...replayed } = replayTables();
  return {
    members,
    campaignMembers: new CsvRows('campaign_members', ['tenant_id', 'campaign_id', 'member_id', 'variant', 'added_at']),
    ...replayed,
    guestPurchases: new CsvRows(
      'guest_purchases',
      'id tenant_id program_id external_id customer_ref occurred_at amount_minor currency channel created_at'.split(
        ' ',
      ),
    ),
  };
}
type Tables = ReturnType<typeof tables>;

function pushGuestOrder(out: Tables, setup: Setup, o: GuestOrder): void {
  const { tenantId } = setup.auth;
  out.guestPurchases.push(
    randomUUID(),
    tenantId,
    setup.programId,
    o.externalId,
    o.customerRef,
    o.at,
    o.amountMinor,
    'EUR',
    o.channel,
    o.at,
  );
}

/** The demo program as the shared replay takes it: its settings, compiled rules and tiers (no expiry, no caps). */
function replayProgram(setup: Setup): ReplayProgram {
  const prepared = compileRules(setup.rules);
  return {
    settings: PROGRAM_SETTINGS,
    timeZone: DEMO_TENANT.timeZone,
    expiry: { policy: 'never', value: null },
    rules: prepared,
    periods: [],
    tiers: setup.tiers,
  };
}

/** A member's model activities as the replay's (purchases and sign-ups earn, refunds reverse, wishes redeem). */
function activitiesOf(setup: Setup, m: SeedMember): ReplayActivity[] {
  return m.activities.map((a): ReplayActivity => {
    if (a.type === 'redeem') {
      return { kind: 'redeem', at: a.at, redemptionId: randomUUID(), points: setup.rewards[a.reward]!.costPoints };
    }
    if (a.type === 'refund') {
      return {
        kind: 'refund',
        externalId: a.externalId,
        at: a.at,
        refundOf: a.refundOf,
        amountMinor: a.amountMinor,
        currency: 'EUR',
        channel: null,
      };
    }
    const isPurchase = a.type === 'purchase';
    return {
      kind: 'earn',
      externalId: a.externalId,
      type: a.type,
      at: a.at,
      amountMinor: isPurchase ? a.amountMinor : null,
      currency: isPurchase ? 'EUR' : null,
      channel: isPurchase ? 'store' : null,
      lineItems: isPurchase ? a.lineItems : [],
      attributes: {},
    };
  });
}

/**
 * One member's history: the shared in-memory replay (the import's, with the services' semantics: rules with the
 * tier multiplier, FIFO lots, refunds with the shortfall policy, tier moves) plus what only the seed has: a
 * campaign bonus for a purchase in a treatment window, the member's campaign seats, granted redemptions and
 * pre-enrolment guest orders. History is recorded as if written live, at the time each row took effect.
 */
function replaySeedMember(setup: Setup, program: ReplayProgram, until: Date, m: SeedMember, out: Tables) {
  const { tenantId } = setup.auth;
  const { programId } = setup;
  const memberId = randomUUID();
  out.members.push(
    memberId,
    tenantId,
    m.externalId,
    m.email,
    m.firstName,
    m.lastName,
    m.enrolledAt,
    m.enrolledAt,
    m.enrolledAt,
  );
  for (const seat of audienceRows(tenantId, memberId, m.seats, setup.campaigns, setup.campaignIds)) {
    out.campaignMembers.push(seat.tenantId, seat.campaignId, seat.memberId, seat.variant, seat.addedAt);
  }
  for (const order of m.guestOrders) pushGuestOrder(out, setup, order);
  const activities = activitiesOf(setup, m);
  const rewardOf = new Map(
    m.activities.flatMap((a, i) =>
      a.type === 'redeem' ? [[activities[i], setup.rewards[a.reward]!.id] as const] : [],
    ),
  );
  const replayed = replayMember(program, { enrolledAt: m.enrolledAt, attributes: {}, tags: [] }, activities, {
    until,
    // A treatment member's purchase in a campaign window earns its rule points again, as a bonus.
    bonus: (a, points) => {
      if (a.type !== 'purchase' || points === 0) return undefined;
      const campaign = treatmentAt(m.seats, setup.campaigns, a.at.getTime());
      return campaign && { campaignId: setup.campaignIds[campaign.index]!, reason: BONUS_REASON, points };
    },
  });
  for (const r of replayed.redeemed) {
    out.redemptions.push(
      r.redemptionId,
      tenantId,
      memberId,
      programId,
      rewardOf.get(r),
      r.points,
      'fulfilled',
      new Date(r.at.getTime() + 15 * 60_000),
      generateRedemptionCode(),
      r.at,
      r.at,
    );
  }
  pushReplay(out, { tenantId, memberId, programId }, replayed, { updatedAt: m.activities.at(-1)!.at });
}

async function copyChunk(client: pg.Client, out: Tables): Promise<void> {
  await client.query('BEGIN');
  await copyRows(client, Object.values(out));
  await client.query('COMMIT');
}

/**
 * Seeds the demo tenant by COPY: the merchant and its catalog through the services (a few rows), then every
 * member's history replayed in memory and streamed into the same tables the services write, a chunk of members
 * per transaction, then the guests' orders in chunks of the same size.
 */
export async function seedByCopy(
  prisma: PrismaClient,
  databaseUrl: string,
  params: SeedParams,
  options: DemoOwner = {},
): Promise<SeedSummary> {
  const { start } = seedPeriod(params);
  const auth = await createDemoTenant(prisma, start, options);
  const setup = await createProgram(prisma, seedServices(prisma), auth, params);
  const program = replayProgram(setup);
  const until = seedPeriod(params).end;
  const chunk = chunkOf(params.members);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { identified, anonymous } = guestCounts(params);
  let progress = progressBar('members', params.members);
  const summary: SeedSummary = {
    tenantId: auth.tenantId,
    members: 0,
    events: 0,
    redemptions: 0,
    guestPurchases: 0,
    campaigns: setup.campaigns.length,
  };
  // While one chunk streams into Postgres the next is built: the two sides run on separate cores.
  let copying: Promise<void> = Promise.resolve();
  try {
    let out = tables();
    let inChunk = 0;
    let guests = 0;
    /** Copies what `out` holds, then advances the bar by `done` (members or guests). */
    const flush = async (done: number) => {
      const [full, bar] = [out, progress];
      summary.events += full.events.count;
      summary.redemptions += full.redemptions.count;
      summary.guestPurchases += full.guestPurchases.count;
      out = tables();
      inChunk = 0;
      await copying;
      copying = copyChunk(client, full).then(() => bar.advance(done));
      // Awaited at the next flush; marked handled meanwhile so a failure is not reported as unhandled first.
      copying.catch(() => {});
    };
    for (const member of seedMembers(params)) {
      replaySeedMember(setup, program, until, member, out);
      summary.members++;
      if (++inChunk === chunk) await flush(inChunk);
      // Let the socket drain the chunk in flight.
      else if (inChunk % 100 === 0) await setImmediate();
    }
    if (inChunk > 0) await flush(inChunk);
    await copying;
    progress.finish();
    // Guests: a customer (or anonymous order) at a time, flushed at about the rows of a chunk of members.
    progress = progressBar('guests', identified + anonymous);
    for (const orders of seedGuests(params)) {
      for (const order of orders) pushGuestOrder(out, setup, order);
      guests++;
      if (out.guestPurchases.count >= GUEST_CHUNK) {
        await flush(guests);
        guests = 0;
      }
    }
    if (guests > 0) await flush(guests);
    await copying;
  } finally {
    await client.end();
  }
  progress.finish();
  await endSession(prisma, auth);
  return summary;
}
