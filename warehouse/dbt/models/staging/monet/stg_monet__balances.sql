with

source as (

    select * from {{ source('monet', 'balances') }} final
    where _deleted = 0

),

renamed as (

    select
        tenant_id,
        member_id,
        program_id,
        toInt64(available) as points_available,
        toInt64(pending) as points_pending,
        toInt64(lifetime_earned) as lifetime_earned_points,
        toInt64(redeemed) as redeemed_points,
        toInt64(expired) as expired_points,
        tier_id,
        tier_since,
        updated_at

    from source

)

select * from renamed
