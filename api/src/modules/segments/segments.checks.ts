// What a segment request must pass before any SQL is built: its definition node by node, the campaigns and tiers
// it names (the tenant's own), and a stored definition compiled again under today's allow-list.
import { armsOf, type Split } from '../../domain/campaigns/index.ts';
import {
  type CompiledSegment,
  compileDefinition,
  InvalidDefinitionError,
} from '../../domain/segments/compile-definition.ts';
import type { SegmentDefinition } from '../../domain/segments/segment-definition.ts';
import { type SegmentReferences, validateDefinition } from '../../domain/segments/validate-definition.ts';
import { InvalidRequestError, UnprocessableError } from '../../errors.ts';
import type { Tx } from '../../infra/tenant-tx.ts';
import { segmentsRepository as repo } from './segments.repository.ts';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The definition checked node by node; every problem names its path under `path`. */
export function checkDefinition(
  value: unknown,
  path: string,
): { definition: SegmentDefinition; references: SegmentReferences } {
  const result = validateDefinition(value, path);
  if (!result.ok) throw new InvalidRequestError(result.errors);
  return result;
}

/** Campaigns and tiers a definition names must be the tenant's: 400 naming the path of each that is not. */
export async function checkReferences(tx: Tx, tenantId: string, refs: SegmentReferences): Promise<void> {
  const errors: { path: string; message: string }[] = [];
  if (refs.campaigns.length > 0) {
    const campaigns = await repo.existingCampaigns(tx, tenantId, [...new Set(refs.campaigns.map((r) => r.id))]);
    const known = new Map(
      campaigns.map((c) => [c.id, armsOf({ ...c, variants: c.variants as unknown as Split['variants'] })] as const),
    );
    for (const r of refs.campaigns) {
      const arms = known.get(r.id);
      if (!arms) errors.push({ path: r.path, message: 'is not a campaign of the tenant' });
      else if (r.variant && !arms.includes(r.variant.key)) {
        errors.push({ path: r.variant.path, message: `is not an arm of the campaign; its arms: ${arms.join(', ')}` });
      }
    }
  }
  if (refs.tiers.length > 0) {
    const known = await repo.existingTiers(tx, tenantId, [...new Set(refs.tiers.map((r) => r.id))]);
    for (const r of refs.tiers)
      if (!known.has(r.id)) errors.push({ path: r.path, message: 'is not a tier of the tenant' });
  }
  if (errors.length > 0) throw new InvalidRequestError(errors);
}

/** A stored definition compiled; one the allow-list no longer accepts cannot be read (422, never SQL). */
export function compileStored(definition: unknown, tenantId: string, segmentId: string): CompiledSegment {
  try {
    return compileDefinition(definition, tenantId);
  } catch (err) {
    if (!(err instanceof InvalidDefinitionError)) throw err;
    throw new UnprocessableError(
      'segment-definition-invalid',
      `A version of segment ${segmentId} no longer passes validation; save a new version.`,
      { errors: err.errors },
    );
  }
}
