import type { RuleVersion } from '@loyaltystudio/prisma';
import type { RuleDefinition } from '../../domain/rules/index.ts';
import type { Tx } from '../../infra/tenant-tx.ts';

/** A stored rule version in the engine's shape. */
export function toRuleDefinition(v: RuleVersion): RuleDefinition {
  return {
    id: v.ruleId,
    versionId: v.id,
    version: v.version,
    name: v.name,
    priority: v.priority,
    stacking: v.stacking,
    ...(v.activeFrom && { activeFrom: v.activeFrom.toISOString() }),
    ...(v.activeTo && { activeTo: v.activeTo.toISOString() }),
    conditions: v.conditions as RuleDefinition['conditions'],
    effects: v.effects as RuleDefinition['effects'],
  };
}

/**
 * The current versions of the program's rules that are in force at `at`: not archived, not disabled, and
 * activeFrom ≤ at < activeTo. Ordered by rule id; the engine sorts by priority itself.
 */
export async function activeRuleVersions(
  tx: Tx,
  tenantId: string,
  programId: string,
  at: Date,
): Promise<RuleDefinition[]> {
  const versions = await tx.$queryRaw<RuleVersion[]>`
    SELECT rv.id, rv.tenant_id AS "tenantId", rv.rule_id AS "ruleId", rv.version, rv.name, rv.priority,
      rv.stacking::text AS stacking, rv.conditions, rv.effects, rv.active_from AS "activeFrom",
      rv.active_to AS "activeTo", rv.created_by AS "createdBy", rv.created_at AS "createdAt"
    FROM rules r JOIN rule_versions rv ON rv.rule_id = r.id AND rv.version = r.current_version
    WHERE r.tenant_id = ${tenantId}::uuid AND r.program_id = ${programId}::uuid AND r.archived_at IS NULL
      AND (rv.active_from IS NULL OR rv.active_from <= ${at})
      AND (rv.active_to IS NULL OR rv.active_to > ${at})
    ORDER BY r.id`;
  return versions.map(toRuleDefinition);
}
