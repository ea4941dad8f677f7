-- Scores written by the churn-scoring workflow (workflows/src/churn-scoring), not by the change stream: one row per
-- tenant × scoring run × member. Every run keeps its rows, so marts can compare old predictions with what members did
-- later. A retried batch writes the same rows again under the same run id; the merge keeps one of them.
CREATE TABLE IF NOT EXISTS raw.member_scores
(
    tenant_id UUID,
    run_id UUID,
    member_id UUID,
    as_of_date Date,
    scored_at DateTime64(3, 'UTC'),
    churn_model_version String,
    churn_horizon_days UInt16,
    churn_probability Float32,
    churn_risk_band LowCardinality(String),
    clv_model_version String,
    clv_horizon_days UInt16,
    expected_purchases Float64,
    probability_alive Float64,
    expected_spend_per_purchase_minor Float64,
    predicted_clv_minor Float64
)
ENGINE = ReplacingMergeTree
ORDER BY (tenant_id, run_id, member_id);

-- One row per scoring run that completed, written after its last score: a run that stopped halfway has no row here,
-- so the marts keep showing the previous run's scores.
CREATE TABLE IF NOT EXISTS raw.scoring_runs
(
    tenant_id UUID,
    run_id UUID,
    workflow_id String,
    as_of_date Date,
    started_at DateTime64(3, 'UTC'),
    completed_at DateTime64(3, 'UTC'),
    churn_model_version String,
    churn_model_source LowCardinality(String),
    churn_horizon_days UInt16,
    clv_model_version String,
    clv_horizon_days UInt16,
    members_scored UInt64,
    members_refused UInt64
)
ENGINE = ReplacingMergeTree
ORDER BY (tenant_id, run_id);
