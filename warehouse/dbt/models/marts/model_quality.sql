{{ config(order_by='(tenant_id, as_of_date, run_id)') }}

-- Each scoring run judged on what members did afterwards, once its churn horizon has passed.
with

observed as (

    select * from {{ ref('int_member_scores_observed') }}

),

final as (

    select
        tenant_id,
        run_id,
        any(as_of_date) as as_of_date,
        any(churn_model_version) as churn_model_version,
        any(churn_horizon_days) as churn_horizon_days,
        toUInt64(count()) as members,
        toUInt64(sum(churned)) as churned_members,
        avg(churned) as churn_rate,
        avg(churn_probability) as mean_churn_probability,
        if(
            churned_members > 0 and churned_members < members,
            toNullable(arrayAUC(groupArray(churn_probability), groupArray(churned))),
            null
        ) as roc_auc,
        avg(pow(churn_probability - churned, 2)) as brier_score,
        -- The churn rate of the tenth of members with the highest probabilities, over the churn rate of all.
        if(
            churn_rate > 0,
            toNullable(arrayAvg(arrayMap(
                s -> s.2,
                arraySlice(
                    arrayReverseSort(groupArray((churn_probability, churned))),
                    1,
                    toUInt64(greatest(ceil(members / 10), 1))
                )
            )) / churn_rate),
            null
        ) as top_decile_lift,
        any(clv_horizon_days) as clv_horizon_days,
        sum(predicted_clv_minor) as predicted_revenue_minor,
        if(countIf(actual_revenue_minor is null) = 0, toNullable(sum(ifNull(actual_revenue_minor, 0))), null)
            as actual_revenue_minor

    from observed
    group by tenant_id, run_id

)

select * from final
