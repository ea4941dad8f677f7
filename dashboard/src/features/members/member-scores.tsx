import type { paths } from '@loyaltystudio/api-client';
import { formatInstant, formatValue } from '../../lib/format.ts';

type MemberScores = paths['/v1/members/{memberId}']['get']['responses'][200]['content']['application/json']['scores'];

const BANDS = { low: 'Low', medium: 'Medium', high: 'High' } as const;

/**
 * The member's churn risk and predicted lifetime value, from the tenant's latest completed scoring run (the api's
 * `scores`); until the models have scored the member, says so.
 */
export function MemberScoresPanel({ scores }: { scores: MemberScores }) {
  return (
    <section className="panel" aria-labelledby="scores-title" data-section="scores">
      <h2 id="scores-title">Churn risk and lifetime value</h2>
      {!scores ? (
        <p className="muted" data-field="scores-state">
          Not scored yet: the models score members daily, after the marts are built.
        </p>
      ) : (
        <>
          <dl className="facts">
            <dt>Churn risk</dt>
            <dd data-field="churn-risk-band" data-value={scores.churnRiskBand}>
              {BANDS[scores.churnRiskBand]}
            </dd>
            <dt>Churn probability</dt>
            <dd data-field="churn-probability" data-value={scores.churnProbability}>
              {formatValue(scores.churnProbability, 'percent')} of no purchase in the next {scores.churnHorizonDays}{' '}
              days
            </dd>
            <dt>Predicted lifetime value</dt>
            <dd data-field="predicted-clv" data-value={scores.predictedClvMinor}>
              {formatValue(scores.predictedClvMinor, 'money', scores.currency)} over the next {scores.clvHorizonDays}{' '}
              days ({formatValue(scores.expectedPurchases, 'ratio')} purchases expected)
            </dd>
          </dl>
          <p className="muted small">
            Features as of {scores.asOfDate}, scored {formatInstant(scores.scoredAt)} by churn model{' '}
            {scores.churnModelVersion} and lifetime-value model {scores.clvModelVersion}.
          </p>
        </>
      )}
    </section>
  );
}
