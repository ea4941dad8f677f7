with

source as (

    select * from {{ source('monet', 'campaigns') }} final
    where _deleted = 0

),

renamed as (

    select
        id as campaign_id,
        tenant_id,
        program_id,
        name as campaign_name,
        toString(status) as campaign_status,
        starts_at,
        ends_at,
        created_at,
        updated_at

    from source

)

select * from renamed
