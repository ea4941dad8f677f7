with

source as (

    select * from {{ source('monet', 'ledger_entries') }} final
    where _deleted = 0

),

renamed as (

    select
        id as ledger_entry_id,
        tenant_id,
        member_id,
        program_id,
        seq,
        toString(kind) as entry_kind,
        toInt64(points) as points,
        event_id,
        redemption_id,
        campaign_id,
        effective_at,
        created_at,
        _synced_at as synced_at

    from source

)

select * from renamed
