-- Each score of a completed scoring run whose churn horizon has passed by the as-of date, beside what the member did
-- after the run's as-of date: whether they purchased within the churn horizon, and their net revenue within the
-- lifetime-value horizon once that has passed too.
with

runs as (

    select * from {{ ref('stg_models__scoring_runs') }}
    where as_of_date + churn_horizon_days <= {{ as_of_date() }}

),

scores as (

    select
        scores.tenant_id as tenant_id,
        scores.run_id as run_id,
        scores.member_id as member_id,
        scores.as_of_date as as_of_date,
        scores.churn_model_version as churn_model_version,
        scores.churn_horizon_days as churn_horizon_days,
        scores.churn_probability as churn_probability,
        scores.clv_horizon_days as clv_horizon_days,
        scores.predicted_clv_minor as predicted_clv_minor

    from {{ ref('stg_models__member_scores') }} as scores
    inner join runs
        on scores.tenant_id = runs.tenant_id
        and scores.run_id = runs.run_id

),

-- The scored members' days with purchases or refunds (one element per program and day), from their gathered days:
-- every run tests the member's own few elements. Only days up to the mart's as-of date are ever counted, since a
-- run is judged only once its horizons have passed.
histories as (

    select tenant_id, member_id, activity_days as days, day_purchases, day_revenue
    from {{ ref('int_member_days_gathered') }} final
    where (tenant_id, member_id) in (select tenant_id, member_id from scores)

),

final as (

    select
        scores.tenant_id as tenant_id,
        scores.run_id as run_id,
        scores.member_id as member_id,
        scores.as_of_date as as_of_date,
        scores.churn_model_version as churn_model_version,
        scores.churn_horizon_days as churn_horizon_days,
        scores.churn_probability as churn_probability,
        toUInt8(arraySum(arrayMap(
            (d, p) -> if(d > scores.as_of_date and d <= scores.as_of_date + scores.churn_horizon_days, p, 0),
            ifNull(histories.days, []), ifNull(histories.day_purchases, [])
        )) = 0) as churned,
        scores.clv_horizon_days as clv_horizon_days,
        scores.predicted_clv_minor as predicted_clv_minor,
        if(
            scores.as_of_date + scores.clv_horizon_days <= {{ as_of_date() }},
            toNullable(toInt64(arraySum(arrayMap(
                (d, r) -> if(d > scores.as_of_date and d <= scores.as_of_date + scores.clv_horizon_days, r, 0),
                ifNull(histories.days, []), ifNull(histories.day_revenue, [])
            )))),
            null
        ) as actual_revenue_minor

    from scores
    left join histories
        on scores.tenant_id = histories.tenant_id
        and scores.member_id = histories.member_id

)

select * from final
