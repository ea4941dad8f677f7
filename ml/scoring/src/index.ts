// The public entry of @loyaltystudio/ml: the Node side of Monet's models (ml/README.md).
export { latestVersion, type ModelKind, type ResolvedModel, resolveModel, SHIPPED_ARTIFACTS } from './artifacts.ts';
export {
  type BgNbdParams,
  type ClvColumns,
  type ClvParams,
  type ClvPrediction,
  clvColumnPredictor,
  clvColumns,
  clvPredictor,
  expectedPurchases,
  expectedSpendPerPurchase,
  type GammaGammaParams,
  hyp2f1,
  type PurchaseHistory,
  parseClvParams,
  predictClv,
  probabilityAlive,
} from './clv.ts';
export {
  type FeatureSpec,
  type FeatureSpecFeature,
  FeatureSpecMismatchError,
  parseFeatureSpec,
  SUPPORTED_SPEC_VERSIONS,
  specDifferences,
  toInput,
} from './feature-spec.ts';
export { type ChurnModel, type LoadOptions, loadChurnModel, loadClvModel, SCORE_CHUNK } from './model.ts';
export { RISK_BAND_CUTOFFS, type RiskBand, riskBand } from './risk-band.ts';
