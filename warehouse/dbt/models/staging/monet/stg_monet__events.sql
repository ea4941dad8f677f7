-- The merchant's events without their JSON payloads (line items, attributes), which no mart reads.
with

source as (

    select * from {{ source('monet', 'events') }} final
    where _deleted = 0

),

renamed as (

    select
        id as event_id,
        tenant_id,
        program_id,
        member_id,
        external_id as event_external_id,
        toString(type) as event_type,
        custom_type,
        occurred_at,
        toInt64(ifNull(amount_minor, 0)) as amount_minor,
        toString(ifNull(currency, '')) as currency_code,
        channel,
        refund_of_event_id,
        created_at,
        _synced_at as synced_at

    from source

)

select * from renamed
