-- Current tenants. Every staging model collapses its raw table the same way: FINAL keeps the highest `_version` of
-- each key (ReplacingMergeTree merges in the background, so a read must collapse itself), then deleted keys go.
with

source as (

    select * from {{ source('monet', 'tenants') }} final
    where _deleted = 0

),

renamed as (

    select
        id as tenant_id,
        slug as tenant_slug,
        name as tenant_name,
        time_zone,
        toString(currency) as currency_code,
        created_at,
        updated_at

    from source

)

select * from renamed
