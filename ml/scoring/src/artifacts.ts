import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The models shipped in the repository (trained on the demo merchant): every tenant's default. */
export const SHIPPED_ARTIFACTS = fileURLToPath(new URL('../../artifacts', import.meta.url));

export type ModelKind = 'churn' | 'clv';

export interface ResolvedModel {
  kind: ModelKind;
  dir: string;
  version: string;
  /** `tenant`: trained on the tenant's own history; `default`: the shipped model. */
  source: 'tenant' | 'default';
}

/** Versions sort by time (`YYYYMMDDTHHMMSSZ`): the latest is the greatest name. */
export function latestVersion(kindDir: string): string | null {
  if (!existsSync(kindDir)) return null;
  const versions = readdirSync(kindDir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^\d{8}T\d{6}Z$/.test(e.name))
    .map((e) => e.name)
    .sort();
  return versions.at(-1) ?? null;
}

/**
 * The model a tenant is scored with: its own latest version under `<modelsDir>/tenants/<tenant id>/<kind>/`, else
 * the latest shipped one.
 */
export function resolveModel(
  kind: ModelKind,
  opts: { tenantId: string; modelsDir?: string; shippedDir?: string },
): ResolvedModel {
  if (opts.modelsDir) {
    const own = join(opts.modelsDir, 'tenants', opts.tenantId, kind);
    const version = latestVersion(own);
    if (version) return { kind, dir: join(own, version), version, source: 'tenant' };
  }
  const shipped = join(opts.shippedDir ?? SHIPPED_ARTIFACTS, kind);
  const version = latestVersion(shipped);
  if (!version) throw new Error(`no ${kind} model in ${shipped}`);
  return { kind, dir: join(shipped, version), version, source: 'default' };
}
