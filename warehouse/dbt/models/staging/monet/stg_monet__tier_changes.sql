with

source as (

    select * from {{ source('monet', 'tier_changes') }} final
    where _deleted = 0

),

renamed as (

    select
        id as tier_change_id,
        tenant_id,
        member_id,
        program_id,
        from_tier_id,
        to_tier_id,
        reason,
        effective_at,
        created_at

    from source

)

select * from renamed
