import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate } from 'node:timers/promises';
import { compileRules, evaluate, generateRedemptionCode } from '@loyaltystudio/api/core';
import type { PrismaClient } from '@loyaltystudio/prisma';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { BONUS_REASON } from './campaign-bonus.ts';
import { audienceRows } from './campaign-rows.ts';
import { treatmentAt } from './campaigns.ts';
import { CsvRows } from './csv.ts';
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

function tables() {
  const t = (table: string, columns: string) => new CsvRows(table, columns.split(' '));
  // In foreign-key order: a table comes after those it references.
  return {
    members: t('members', 'id tenant_id external_id email first_name last_name enrolled_at created_at updated_at'),
    campaignMembers: t('campaign_members', 'tenant_id campaign_id member_id variant added_at'),
    redemptions: t(
      'redemptions',
      'id tenant_id member_id program_id reward_id points status hold_expires_at code created_at fulfilled_at',
    ),
    events: t(
      'events',
      'id tenant_id program_id member_id external_id type occurred_at amount_minor currency channel line_items refund_of_event_id points_by_rule created_at',
    ),
    ledger: t(
      'ledger_entries',
      'id tenant_id member_id program_id seq kind points event_id redemption_id rule_version_ids campaign_id reason shortfall_points created_at',
    ),
    lots: t('point_lots', 'id tenant_id member_id program_id ledger_entry_id earned_at points remaining'),
    allocations: t('lot_allocations', 'id tenant_id lot_id ledger_entry_id points'),
    balances: t(
      'balances',
      'tenant_id member_id program_id available lifetime_earned redeemed tier_id tier_since seq updated_at',
    ),
    tierChanges: t('tier_changes', 'id tenant_id member_id program_id from_tier_id to_tier_id reason created_at'),
    guestPurchases: t(
      'guest_purchases',
      'id tenant_id program_id external_id customer_ref occurred_at amount_minor currency channel created_at',
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

interface Lot {
  id: string;
  entryId: string;
  earnedAt: Date;
  points: number;
  remaining: number;
}

/**
 * One member's history replayed in memory with the semantics of the services: the rules engine's points with the
 * tier multiplier, double points as a bonus entry (and lot) in a treatment window, FIFO lots, reversals of
 * refunded purchases (spent points become the shortfall), redemptions only when the balance covers them, tier
 * upgrades on lifetime points. Also the member's campaign seats and pre-enrolment guest orders.
 */
function replayMember(setup: Setup, ruleSet: ReturnType<typeof compileRules>, m: SeedMember, out: Tables) {
  const { members, redemptions, events, ledger, lots, allocations, balances, tierChanges } = out;
  const { tenantId } = setup.auth;
  const { programId } = setup;
  const memberId = randomUUID();
  members.push(
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
  const balance = {
    available: 0,
    lifetimeEarned: 0,
    redeemed: 0,
    seq: 0,
    tierId: null as string | null,
    tierSince: null as Date | null,
    tierPct: 100,
    tierRank: 0,
  };
  const memberLots: Lot[] = [];
  const open: Lot[] = [];
  /** What each purchase earned (rules and bonus) and the lots holding it, for its refund. */
  const purchases = new Map<string, { id: string; points: number; versionIds: string[]; lots: Lot[] }>();
  let priorPurchases = 0;

  const entry = (
    kind: string,
    points: number,
    at: Date,
    refs: {
      eventId?: string;
      redemptionId?: string;
      versionIds?: string[];
      campaignId?: string;
      reason?: string;
      shortfall?: number;
    },
  ) => {
    const id = randomUUID();
    balance.seq++;
    balance.available += points;
    ledger.push(
      id,
      tenantId,
      memberId,
      programId,
      balance.seq,
      kind,
      points,
      refs.eventId,
      refs.redemptionId,
      refs.versionIds ?? [],
      refs.campaignId,
      refs.reason,
      refs.shortfall ?? 0,
      at,
    );
    return id;
  };
  /** Takes points from `own` (a refunded purchase's lots) first, then the oldest lots, recording who gave what. */
  const consume = (entryId: string, points: number, own: Lot[] = []) => {
    let left = points;
    for (const lot of [...own, ...open.filter((l) => !own.includes(l))]) {
      if (left === 0) break;
      const take = Math.min(left, lot.remaining);
      if (take === 0) continue;
      lot.remaining -= take;
      left -= take;
      allocations.push(randomUUID(), tenantId, lot.id, entryId, take);
    }
    open.splice(0, open.length, ...open.filter((lot) => lot.remaining > 0));
  };
  const reevaluateTier = (at: Date) => {
    const tier = setup.tiers.filter((t) => t.threshold <= balance.lifetimeEarned).sort((a, b) => b.rank - a.rank)[0];
    if (!tier || tier.rank <= balance.tierRank) return;
    tierChanges.push(randomUUID(), tenantId, memberId, programId, balance.tierId, tier.id, 'upgrade', at);
    Object.assign(balance, { tierId: tier.id, tierSince: at, tierPct: tier.earnMultiplierPct, tierRank: tier.rank });
  };

  for (const a of m.activities) {
    if (a.type === 'redeem') {
      const reward = setup.rewards[a.reward]!;
      if (balance.available < reward.costPoints) continue;
      const redemptionId = randomUUID();
      const held = new Date(a.at.getTime() + 15 * 60_000);
      redemptions.push(
        redemptionId,
        tenantId,
        memberId,
        programId,
        reward.id,
        reward.costPoints,
        'fulfilled',
        held,
        generateRedemptionCode(),
        a.at,
        a.at,
      );
      consume(entry('redemption', -reward.costPoints, a.at, { redemptionId }), reward.costPoints);
      balance.redeemed += reward.costPoints;
      continue;
    }
    const eventId = randomUUID();
    if (a.type === 'refund') {
      const purchase = purchases.get(a.refundOf)!;
      events.push(
        eventId,
        tenantId,
        programId,
        memberId,
        a.externalId,
        'refund',
        a.at,
        a.amountMinor,
        'EUR',
        null,
        '[]',
        purchase.id,
        '{}',
        a.at,
      );
      if (purchase.points > 0) {
        const taken = Math.min(purchase.points, balance.available);
        const reason = `refund of ${purchase.id}`;
        const id = entry('reversal', -taken, a.at, {
          eventId,
          versionIds: purchase.versionIds,
          reason,
          shortfall: purchase.points - taken,
        });
        consume(id, taken, purchase.lots);
        // A reversal takes the whole of what the purchase earned out of lifetime points, shortfall included.
        balance.lifetimeEarned -= purchase.points;
      }
      reevaluateTier(a.at);
      continue;
    }
    const lineItems = a.type === 'purchase' ? a.lineItems : [];
    const evaluation = evaluate(ruleSet, {
      program: PROGRAM_SETTINGS,
      event: {
        type: a.type,
        occurredAt: a.at.toISOString(),
        amountMinor: a.type === 'purchase' ? a.amountMinor : null,
        currency: a.type === 'purchase' ? 'EUR' : null,
        channel: a.type === 'purchase' ? 'store' : null,
        lineItems: lineItems.map((l) => ({ ...l, amountMinor: l.quantity * l.unitAmountMinor })),
        attributes: {},
      },
      member: {
        tierId: balance.tierId,
        tierMultiplierPct: balance.tierPct,
        attributes: {},
        tags: [],
        enrolledAt: m.enrolledAt.toISOString(),
        priorPurchaseCount: priorPurchases,
        earnedThisPeriodByRule: {},
      },
      timeZone: DEMO_TENANT.timeZone,
    });
    const pointsByRule: Record<string, number> = {};
    for (const line of evaluation.lines) pointsByRule[line.ruleId] = (pointsByRule[line.ruleId] ?? 0) + line.points;
    const isPurchase = a.type === 'purchase';
    events.push(
      eventId,
      tenantId,
      programId,
      memberId,
      a.externalId,
      a.type,
      a.at,
      isPurchase ? a.amountMinor : null,
      isPurchase ? 'EUR' : null,
      isPurchase ? 'store' : null,
      JSON.stringify(lineItems),
      null,
      JSON.stringify(pointsByRule),
      a.at,
    );
    const versionIds = evaluation.lines.filter((l) => l.points > 0).map((l) => l.versionId);
    const points = evaluation.totalPoints;
    const earned: Lot[] = [];
    const credit = (
      kind: 'accrual' | 'bonus',
      refs: { versionIds?: string[]; campaignId?: string; reason?: string },
    ) => {
      const id = entry(kind, points, a.at, { eventId, ...refs });
      const lot = { id: randomUUID(), entryId: id, earnedAt: a.at, points, remaining: points };
      open.push(lot);
      memberLots.push(lot);
      earned.push(lot);
      balance.lifetimeEarned += points;
    };
    if (points > 0) credit('accrual', { versionIds });
    const campaign = isPurchase && points > 0 ? treatmentAt(m.seats, setup.campaigns, a.at.getTime()) : undefined;
    if (campaign) credit('bonus', { campaignId: setup.campaignIds[campaign.index], reason: BONUS_REASON });
    if (isPurchase) {
      priorPurchases++;
      purchases.set(a.externalId, { id: eventId, points: points * earned.length, versionIds, lots: earned });
    }
    reevaluateTier(a.at);
  }
  // Lots are written last: what remains of them is known once the whole history has run.
  for (const lot of memberLots) {
    lots.push(lot.id, tenantId, memberId, programId, lot.entryId, lot.earnedAt, lot.points, lot.remaining);
  }
  const last = m.activities.at(-1)!.at;
  balances.push(
    tenantId,
    memberId,
    programId,
    balance.available,
    balance.lifetimeEarned,
    balance.redeemed,
    balance.tierId,
    balance.tierSince,
    balance.seq,
    last,
  );
}

async function copyChunk(client: pg.Client, out: Tables): Promise<void> {
  await client.query('BEGIN');
  for (const rows of Object.values(out)) {
    if (rows.count === 0) continue;
    const sql = `COPY ${rows.table} (${rows.columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`;
    await pipeline(Readable.from([rows.take()]), client.query(copyFrom(sql)));
  }
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
  const ruleSet = compileRules(setup.rules);
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
      replayMember(setup, ruleSet, member, out);
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
