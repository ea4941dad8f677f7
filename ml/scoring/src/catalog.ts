// `@loyaltystudio/ml/catalog`: the model versions a tenant can see, read from their files without loading
// onnxruntime, for the api's model listing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ModelKind, resolveModel, SHIPPED_ARTIFACTS } from './artifacts.ts';

export { type ModelKind, resolveModel, SHIPPED_ARTIFACTS } from './artifacts.ts';
export { RISK_BAND_CUTOFFS, type RiskBand, riskBand } from './risk-band.ts';

export interface ModelVersionFiles {
  kind: ModelKind;
  version: string;
  /** `tenant`: trained on the tenant's own history; `default`: shipped with Monet. */
  source: 'tenant' | 'default';
  /** The one the tenant's next scoring run uses. */
  current: boolean;
  /** churn: model-card.json; clv: params.json. */
  card: Record<string, unknown>;
  /** churn: feature-spec.json; clv: none. */
  spec: Record<string, unknown> | null;
}

const VERSION = /^\d{8}T\d{6}Z$/;
const CARD_FILE: Record<ModelKind, string> = { churn: 'model-card.json', clv: 'params.json' };

/** Only the kind's own card file counts: a version directory still being written has none. */
function readVersions(kind: ModelKind, kindDir: string, source: 'tenant' | 'default', current: string | null) {
  return (existsSync(kindDir) ? readdirSync(kindDir, { withFileTypes: true }) : [])
    .filter((e) => e.isDirectory() && VERSION.test(e.name) && existsSync(join(kindDir, e.name, CARD_FILE[kind])))
    .map((e): ModelVersionFiles => {
      const dir = join(kindDir, e.name);
      const spec = join(dir, 'feature-spec.json');
      return {
        kind,
        version: e.name,
        source,
        current: e.name === current,
        card: JSON.parse(readFileSync(join(dir, CARD_FILE[kind]), 'utf8')),
        spec: kind === 'churn' && existsSync(spec) ? JSON.parse(readFileSync(spec, 'utf8')) : null,
      };
    });
}

/**
 * Every version of a kind a tenant can be scored with, newest first: the tenant's own (under
 * `<modelsDir>/tenants/<tenant id>/<kind>/`) and the shipped ones. Never another tenant's.
 */
export function listModelVersions(
  kind: ModelKind,
  opts: { tenantId: string; modelsDir?: string; shippedDir?: string },
): ModelVersionFiles[] {
  const current = resolveModel(kind, opts);
  const currentOf = (source: 'tenant' | 'default') => (current.source === source ? current.version : null);
  const own = opts.modelsDir
    ? readVersions(kind, join(opts.modelsDir, 'tenants', opts.tenantId, kind), 'tenant', currentOf('tenant'))
    : [];
  const shipped = readVersions(kind, join(opts.shippedDir ?? SHIPPED_ARTIFACTS, kind), 'default', currentOf('default'));
  return [...own, ...shipped].sort((a, b) => (a.version < b.version ? 1 : a.version > b.version ? -1 : 0));
}
