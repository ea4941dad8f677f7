{{ config(order_by='(tenant_id, member_id)') }}

with

runs as (

    select * from {{ ref('stg_models__scoring_runs') }}

),

-- Each tenant's latest completed run.
latest_runs as (

    select tenant_id, argMax(run_id, (completed_at, run_id)) as run_id
    from runs
    group by tenant_id

),

scores as (

    select * from {{ ref('stg_models__member_scores') }}

),

members as (

    select tenant_id, member_id from {{ ref('stg_monet__members') }}

),

final as (

    select
        scores.tenant_id as tenant_id,
        scores.member_id as member_id,
        scores.run_id as run_id,
        scores.scored_at as scored_at,
        scores.as_of_date as as_of_date,
        scores.churn_model_version as churn_model_version,
        scores.churn_horizon_days as churn_horizon_days,
        scores.churn_probability as churn_probability,
        scores.churn_risk_band as churn_risk_band,
        scores.clv_model_version as clv_model_version,
        scores.clv_horizon_days as clv_horizon_days,
        scores.expected_purchases as expected_purchases,
        scores.probability_alive as probability_alive,
        scores.expected_spend_per_purchase_minor as expected_spend_per_purchase_minor,
        scores.predicted_clv_minor as predicted_clv_minor

    from scores
    inner join latest_runs
        on scores.tenant_id = latest_runs.tenant_id
        and scores.run_id = latest_runs.run_id
    inner join members
        on scores.tenant_id = members.tenant_id
        and scores.member_id = members.member_id

)

select * from final
