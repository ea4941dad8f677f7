'use server';

import { revalidatePath } from 'next/cache';
import { load, monet } from '../../lib/monet.ts';
import type { RuleBody } from './rule-draft.ts';

// The program pages' writes: tiers, rewards and their voucher pools, rules and their simulation. Every refusal
// carries the api's field errors (paths into the body) so the forms can show them at their fields.

export type FieldError = { path: string; message: string };
export type FormResult = { ok: boolean; message?: string; errors?: FieldError[] };

type Call<T> = Promise<{ data?: T; error?: unknown; response: Response }>;

async function attempt<T>(call: Call<T>, back: string): Promise<{ ok: true; data: T } | (FormResult & { ok: false })> {
  const result = await load(call, back);
  if (result.ok) return result;
  const body = (await call).error as { errors?: FieldError[] } | undefined;
  const errors = Array.isArray(body?.errors) ? body.errors : [];
  return { ok: false, message: `${result.problem.title}. ${result.problem.detail}`, errors };
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
/** A whole number as typed; text that is not one is sent as typed, for the api to name the field. */
const whole = (form: FormData, name: string): number | undefined => {
  const t = text(form, name);
  if (t === '') return undefined;
  return (Number.isFinite(Number(t)) ? Number(t) : t) as number;
};
const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export async function saveTier(_previous: FormResult | undefined, form: FormData): Promise<FormResult> {
  const programId = text(form, 'programId');
  const tierId = text(form, 'tierId');
  const back = `/program/tiers?programId=${programId}`;
  const body = defined({
    name: text(form, 'name'),
    rank: whole(form, 'rank'),
    qualification: text(form, 'qualification') as 'lifetime_points',
    threshold: whole(form, 'threshold'),
    earnMultiplierPct: whole(form, 'earnMultiplierPct'),
    graceDays: whole(form, 'graceDays'),
    benefits: text(form, 'benefits')
      .split('\n')
      .map((b) => b.trim())
      .filter(Boolean),
  });
  const api = await monet();
  const result = await attempt(
    tierId
      ? api.PATCH('/v1/programs/{programId}/tiers/{tierId}', { params: { path: { programId, tierId } }, body })
      : api.POST('/v1/programs/{programId}/tiers', { params: { path: { programId } }, body: body as never }),
    back,
  );
  if (!result.ok) return result;
  revalidatePath('/program/tiers');
  return { ok: true, message: tierId ? `Saved ${result.data.name}.` : `Added ${result.data.name}.` };
}

export async function createReward(_previous: FormResult | undefined, form: FormData): Promise<FormResult> {
  const programId = text(form, 'programId');
  const kind = text(form, 'kind');
  const body = defined({
    name: text(form, 'name'),
    kind: kind as 'voucher',
    costPoints: whole(form, 'costPoints'),
    description: text(form, 'description') || undefined,
    discountAmountMinor: kind === 'discount_amount' ? whole(form, 'discountAmountMinor') : undefined,
    currency: kind === 'discount_amount' ? text(form, 'currency') : undefined,
    discountPercent: kind === 'discount_percent' ? whole(form, 'discountPercent') : undefined,
    sku: kind === 'free_item' ? text(form, 'sku') || undefined : undefined,
    inventory: whole(form, 'inventory'),
    perMemberLimit: whole(form, 'perMemberLimit'),
    costMinor: whole(form, 'costMinor'),
  });
  const result = await attempt(
    (await monet()).POST('/v1/programs/{programId}/rewards', { params: { path: { programId } }, body: body as never }),
    `/program/rewards?programId=${programId}`,
  );
  if (!result.ok) return result;
  revalidatePath('/program/rewards');
  return { ok: true, message: `Added ${result.data.name}.` };
}

export async function setRewardStatus(form: FormData): Promise<void> {
  const programId = text(form, 'programId');
  const rewardId = text(form, 'rewardId');
  const status = text(form, 'status') === 'archived' ? 'archived' : 'active';
  await load(
    (await monet()).PATCH('/v1/programs/{programId}/rewards/{rewardId}', {
      params: { path: { programId, rewardId } },
      body: { status },
    }),
    `/program/rewards?programId=${programId}`,
  );
  revalidatePath('/program/rewards');
}

/** Adds voucher codes, one per line (or separated by commas), to a reward's pool. */
export async function uploadCodes(_previous: FormResult | undefined, form: FormData): Promise<FormResult> {
  const rewardId = text(form, 'rewardId');
  const codes = text(form, 'codes')
    .split(/[\n,]+/)
    .map((c) => c.trim())
    .filter(Boolean);
  if (!codes.length) return { ok: false, message: 'Paste at least one code.' };
  const result = await attempt(
    (await monet()).POST('/v1/rewards/{rewardId}/codes', { params: { path: { rewardId } }, body: codes }),
    '/program/rewards',
  );
  if (!result.ok) return result;
  revalidatePath('/program/rewards');
  const { accepted, duplicates } = result.data;
  return { ok: true, message: `${accepted} added to the pool${duplicates ? `, ${duplicates} already there` : ''}.` };
}

export type SaveRuleResult = { ok: true; id: string } | (FormResult & { ok: false });

/** Creates a rule, or appends a version to it. */
export async function saveRule(input: { programId: string; ruleId?: string; body: RuleBody }): Promise<SaveRuleResult> {
  const api = await monet();
  const result = await attempt(
    input.ruleId
      ? api.PUT('/v1/rules/{ruleId}', { params: { path: { ruleId: input.ruleId } }, body: input.body as never })
      : api.POST('/v1/programs/{programId}/rules', {
          params: { path: { programId: input.programId } },
          body: input.body as never,
        }),
    '/program/rules',
  );
  if (!result.ok) return result;
  revalidatePath('/program/rules');
  return { ok: true, id: result.data.id };
}

export async function setRuleEnabled(form: FormData): Promise<void> {
  const ruleId = text(form, 'ruleId');
  const api = await monet();
  const params = { params: { path: { ruleId } } };
  await load(
    text(form, 'enabled') === 'true'
      ? api.POST('/v1/rules/{ruleId}:enable', params)
      : api.POST('/v1/rules/{ruleId}:disable', params),
    `/program/rules/${ruleId}`,
  );
  revalidatePath(`/program/rules/${ruleId}`);
}

export type Simulation = Awaited<ReturnType<typeof simulate>>;

async function simulate(programId: string, body: unknown) {
  return attempt(
    (await monet()).POST('/v1/programs/{programId}/rules:simulate', {
      params: { path: { programId } },
      body: body as never,
    }),
    '/program/rules',
  );
}

/**
 * Backtests a rule set on the program's most recent events: the rules in force, with the draft in place of the rule
 * it edits (or added to them), so the comparison with what was credited lines up rule by rule. The draft goes first,
 * so the api's errors about it are under `body.rules[0]`.
 */
export async function simulateDraft(input: {
  programId: string;
  ruleId?: string;
  draft: RuleBody;
  lastEvents: number;
}): Promise<Simulation> {
  const api = await monet();
  const inForce = await load(
    api.GET('/v1/programs/{programId}/rules', {
      params: { path: { programId: input.programId }, query: { limit: 200 } },
    }),
    '/program/rules',
  );
  if (!inForce.ok) return { ok: false, message: `${inForce.problem.title}. ${inForce.problem.detail}`, errors: [] };
  const others = inForce.data.items
    .filter((r) => r.status === 'active' && r.id !== input.ruleId)
    .map((r) => {
      const v = r.version;
      return defined({
        id: r.id,
        name: v.name,
        priority: v.priority,
        stacking: v.stacking,
        activeFrom: v.activeFrom ?? undefined,
        activeTo: v.activeTo ?? undefined,
        conditions: v.conditions,
        effects: v.effects,
      });
    });
  const draft = { ...(input.ruleId ? { id: input.ruleId } : {}), ...input.draft };
  return simulate(input.programId, { rules: [draft, ...others], backtest: { lastEvents: input.lastEvents } });
}
