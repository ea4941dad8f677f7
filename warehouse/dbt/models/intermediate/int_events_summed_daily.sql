-- Purchases and refunds per member, program and UTC day: the fact the revenue marts start from. Events are
-- append-only, so a run recomputes only the days that received rows since the last run, copies the rest of their
-- months from this table, and swaps those months' partitions in whole (REPLACE PARTITION): late-arriving, backdated
-- and replayed rows stay exact, and nothing is deleted row by row.
{{
    config(
        materialized='incremental',
        incremental_strategy='insert_overwrite',
        partition_by='toYYYYMM(day)',
        order_by='(tenant_id, program_id, day, member_id)',
    )
}}

with

{% if is_incremental() %}
days as (

    {{ days_synced_since_last_run(source('monet', 'events'), 'toDate(occurred_at)') }}

),
{% endif %}

events as (

    select * from {{ ref('stg_monet__events') }}
    where event_type in ('purchase', 'refund')
    {% if is_incremental() %}
      and toDate(occurred_at) in (select day from days)
    {% endif %}

),

programs as (

    select tenant_id, program_id, currency_code from {{ ref('stg_monet__programs') }}

),

-- Revenue counts only events in the program's earning currency: Monet does not convert currencies.
priced as (

    select
        events.tenant_id as tenant_id,
        events.program_id as program_id,
        events.member_id as member_id,
        events.event_type as event_type,
        events.occurred_at as occurred_at,
        if(events.currency_code = programs.currency_code, events.amount_minor, 0) as revenue_minor,
        events.synced_at as synced_at

    from events
    inner join programs
        on events.tenant_id = programs.tenant_id
        and events.program_id = programs.program_id

),

final as (

    select
        tenant_id,
        program_id,
        member_id,
        toDate(occurred_at) as day,
        toUInt32(countIf(event_type = 'purchase')) as purchases,
        toUInt32(countIf(event_type = 'refund')) as refunds,
        toInt64(sumIf(revenue_minor, event_type = 'purchase') - sumIf(revenue_minor, event_type = 'refund'))
            as net_revenue_minor,
        minIf(toNullable(occurred_at), event_type = 'purchase') as first_purchase_at,
        maxIf(toNullable(occurred_at), event_type = 'purchase') as last_purchase_at,
        max(synced_at) as synced_through

    from priced
    group by tenant_id, program_id, member_id, day

)

select * from final
{% if is_incremental() %}
union all
{{ rest_of_recomputed_months() }}
{% endif %}
