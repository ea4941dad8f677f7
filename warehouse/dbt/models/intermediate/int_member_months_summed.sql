-- Purchases and revenue per member, program and calendar month: int_events_summed_daily summed over each month's days,
-- what program_roi counts active members and their revenue from. Incremental by month (the facts are kept by day): a
-- run recomputes the months with a member-day group synced since the last run (the facts' synced_through after this
-- table's highest, less the same margin) and swaps those partitions in whole, so a full refresh gives the same rows.
-- Whole months, independent of the as-of date: program_roi reads the as-of date's own month from the daily facts.
{{
    config(
        materialized='incremental',
        incremental_strategy='insert_overwrite',
        partition_by='toYYYYMM(month)',
        order_by='(tenant_id, program_id, month, member_id)',
    )
}}

with

days as (

    select * from {{ ref('int_events_summed_daily') }}
    {% if is_incremental() %}
    where toYYYYMM(day) in {{ months_synced_since_last_run(ref('int_events_summed_daily')) }}
    {% endif %}

),

final as (

    select
        tenant_id,
        program_id,
        member_id,
        toStartOfMonth(day) as month,
        toUInt64(sum(purchases)) as purchases,
        toInt64(sum(net_revenue_minor)) as net_revenue_minor,
        max(synced_through) as synced_through

    from days
    group by tenant_id, program_id, member_id, month

)

select * from final
