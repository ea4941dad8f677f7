with

source as (

    select * from {{ source('models', 'member_scores') }} final

),

renamed as (

    select
        tenant_id,
        run_id,
        member_id,
        as_of_date,
        scored_at,
        churn_model_version,
        churn_horizon_days,
        toFloat64(churn_probability) as churn_probability,
        toString(churn_risk_band) as churn_risk_band,
        clv_model_version,
        clv_horizon_days,
        expected_purchases,
        probability_alive,
        expected_spend_per_purchase_minor,
        predicted_clv_minor

    from source

)

select * from renamed
