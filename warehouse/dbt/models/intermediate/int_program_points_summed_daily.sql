-- Points flows per program and UTC day: the members' daily ledger facts summed over members, what points_economy's
-- running totals start from. Incremental by month (the facts are kept by day): a run recomputes the months with a fact
-- group synced since the last run (the facts' synced_through after this table's highest, less the same margin) and
-- swaps those partitions in whole, so a full refresh gives the same rows. Independent of the as-of date.
{{
    config(
        materialized='incremental',
        incremental_strategy='insert_overwrite',
        partition_by='toYYYYMM(day)',
        order_by='(tenant_id, program_id, day)',
    )
}}

with

ledger_days as (

    select * from {{ ref('int_ledger_entries_summed_daily') }}
    {% if is_incremental() %}
    where toYYYYMM(day) in {{ months_synced_since_last_run(ref('int_ledger_entries_summed_daily')) }}
    {% endif %}

),

final as (

    select
        tenant_id,
        program_id,
        day,
        toInt64(sum(issued_points)) as issued_points,
        toInt64(sum(redeemed_points)) as redeemed_points,
        toInt64(sum(expired_points)) as expired_points,
        toInt64(sum(reversed_points)) as reversed_points,
        toInt64(sum(adjusted_points)) as adjusted_points,
        toInt64(sum(net_change_points)) as net_change_points,
        max(synced_through) as synced_through

    from ledger_days
    group by tenant_id, program_id, day

)

select * from final
