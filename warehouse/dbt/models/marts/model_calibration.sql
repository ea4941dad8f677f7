{{ config(order_by='(tenant_id, run_id, bin)') }}

-- Each judged scoring run's calibration: members binned by predicted churn probability in tenths.
with

observed as (

    select * from {{ ref('int_member_scores_observed') }}

),

final as (

    select
        tenant_id,
        run_id,
        toUInt8(least(floor(churn_probability * 10), 9)) as bin,
        any(as_of_date) as as_of_date,
        toUInt64(count()) as members,
        avg(churn_probability) as mean_churn_probability,
        avg(churned) as churn_rate

    from observed
    group by tenant_id, run_id, bin

)

select * from final
