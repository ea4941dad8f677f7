-- Points flows per member, program and UTC day, split the way points_economy reports them. The ledger is
-- append-only, so a run recomputes only the days that received entries since the last run, as
-- int_events_summed_daily does.
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

    {{ days_synced_since_last_run(source('monet', 'ledger_entries'), 'toDate(effective_at)') }}

),
{% endif %}

entries as (

    select * from {{ ref('stg_monet__ledger_entries') }}
    {% if is_incremental() %}
    where toDate(effective_at) in (select day from days)
    {% endif %}

),

final as (

    select
        tenant_id,
        program_id,
        member_id,
        toDate(effective_at) as day,
        toInt64(sumIf(points, entry_kind in ('accrual', 'bonus'))) as issued_points,
        toInt64(
            -sumIf(points, entry_kind = 'redemption')
            - sumIf(points, entry_kind = 'reversal' and redemption_id is not null)
        ) as redeemed_points,
        toInt64(-sumIf(points, entry_kind = 'expiry')) as expired_points,
        toInt64(-sumIf(points, entry_kind = 'reversal' and redemption_id is null)) as reversed_points,
        toInt64(sumIf(points, entry_kind = 'adjustment')) as adjusted_points,
        toInt64(sum(points)) as net_change_points,
        toUInt32(countIf(entry_kind = 'redemption')) as redemptions,
        minIf(toNullable(effective_at), entry_kind = 'redemption') as first_redemption_at,
        maxIf(toNullable(effective_at), entry_kind = 'redemption') as last_redemption_at,
        max(synced_at) as synced_through

    from entries
    group by tenant_id, program_id, member_id, day

)

select * from final
{% if is_incremental() %}
union all
{{ rest_of_recomputed_months() }}
{% endif %}
