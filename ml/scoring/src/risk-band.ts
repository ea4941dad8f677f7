/** Churn risk bands by probability: low below 0.3, medium from 0.3 to below 0.6, high from 0.6 (ml/README.md). */
export const RISK_BAND_CUTOFFS = { medium: 0.3, high: 0.6 } as const;

export type RiskBand = 'low' | 'medium' | 'high';

export function riskBand(probability: number): RiskBand {
  if (probability >= RISK_BAND_CUTOFFS.high) return 'high';
  if (probability >= RISK_BAND_CUTOFFS.medium) return 'medium';
  return 'low';
}
