with

source as (

    select * from {{ source('models', 'scoring_runs') }} final

),

renamed as (

    select
        tenant_id,
        run_id,
        workflow_id,
        as_of_date,
        started_at,
        completed_at,
        churn_model_version,
        toString(churn_model_source) as churn_model_source,
        churn_horizon_days,
        clv_model_version,
        clv_horizon_days,
        members_scored,
        members_refused

    from source

)

select * from renamed
