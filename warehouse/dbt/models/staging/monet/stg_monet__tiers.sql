with

source as (

    select * from {{ source('monet', 'tiers') }} final
    where _deleted = 0

),

renamed as (

    select
        id as tier_id,
        tenant_id,
        program_id,
        name as tier_name,
        rank as tier_rank,
        toString(qualification) as qualification,
        threshold,
        created_at,
        updated_at

    from source

)

select * from renamed
