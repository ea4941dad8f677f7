with

source as (

    select * from {{ source('monet', 'campaign_members') }} final
    where _deleted = 0

),

renamed as (

    select
        tenant_id,
        campaign_id,
        member_id,
        toString(variant) as variant,
        added_at

    from source

)

select * from renamed
