-- Current tenants: the highest `_version` of each id, without deleted ones. ReplacingMergeTree merges in the
-- background, so a read must collapse versions itself; argMax does that without FINAL's merge-on-read.
with

source as (

    select * from {{ source('monet', 'tenants') }}

),

latest as (

    select
        id,
        argMax(slug, _version) as slug,
        argMax(name, _version) as name,
        argMax(time_zone, _version) as time_zone,
        argMax(currency, _version) as currency,
        argMax(created_at, _version) as created_at,
        argMax(updated_at, _version) as updated_at,
        argMax(_deleted, _version) as is_deleted

    from source
    group by id

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

    from latest
    where is_deleted = 0

)

select * from renamed
