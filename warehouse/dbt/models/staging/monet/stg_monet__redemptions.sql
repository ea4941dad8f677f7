with

source as (

    select * from {{ source('monet', 'redemptions') }} final
    where _deleted = 0

),

renamed as (

    select
        id as redemption_id,
        tenant_id,
        member_id,
        program_id,
        reward_id,
        campaign_id,
        toInt64(points) as points,
        toString(status) as redemption_status,
        created_at,
        fulfilled_at,
        cancelled_at

    from source

)

select * from renamed
