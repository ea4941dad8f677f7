import type { RuleVersion } from '@loyaltystudio/prisma';
import { type CompiledRuleSet, compileRules, type Period, type RuleDefinition } from '../../domain/rules/index.ts';
import { toRuleDefinition } from '../rules/rules.repository.ts';

/** A compiled rule set and what the accrual path must load for it. */
export interface PreparedRules {
  compiled: CompiledRuleSet;
  /** Some rule tests the first or nth purchase: count the member's earlier purchases. */
  needsPurchaseCount: boolean;
  /** Some rule caps points per period: sum what each rule gave the member in those periods. */
  periods: Period[];
}

function mentions(node: unknown, names: ReadonlySet<string>): boolean {
  if (Array.isArray(node)) return node.some((n) => mentions(n, names));
  if (node === null || typeof node !== 'object') return false;
  return Object.entries(node).some(([key, value]) => names.has(key) || mentions(value, names));
}

const PURCHASE_COUNT = new Set(['firstPurchase', 'purchaseNumber']);

export function prepareRules(definitions: RuleDefinition[]): PreparedRules {
  const periods = new Set<Period>();
  for (const d of definitions) {
    for (const effect of d.effects) if ('capPerPeriod' in effect) periods.add(effect.capPerPeriod.period);
  }
  return {
    compiled: compileRules(definitions),
    needsPurchaseCount: definitions.some((d) => mentions(d.conditions, PURCHASE_COUNT)),
    periods: [...periods],
  };
}

/**
 * Compiled rule sets by program and the exact set of versions in force: an edit makes new versions, hence a new
 * key, so an entry never goes stale. Oldest entries are dropped past `capacity`.
 */
export function createRuleCache(capacity = 500) {
  const entries = new Map<string, PreparedRules>();
  return {
    async get(programId: string, versionIds: string[], load: () => Promise<RuleVersion[]>): Promise<PreparedRules> {
      const key = `${programId}:${versionIds.join(',')}`;
      const hit = entries.get(key);
      if (hit) return hit;
      const prepared = prepareRules((await load()).map(toRuleDefinition));
      entries.set(key, prepared);
      if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
      return prepared;
    },
  };
}

export type RuleCache = ReturnType<typeof createRuleCache>;
