-- One row per tenant × member: the member's daily facts (purchase days and ledger days, per program) gathered into
-- arrays sorted by day. It is the compact per-member state the member-level marts read instead of grouping the daily
-- facts again: a member's whole history is one row of a few short arrays.
--
-- Incremental by member: a run finds the members with a daily-fact group synced since the last run (a group's
-- synced_through after this table's highest, less the same margin as the facts, the var `sync_margin_minutes`), and
-- appends a new row for just those members: their elements on the facts' changed days read again from the facts, the
-- others taken from their last row. The table is a ReplacingMergeTree on (tenant_id, member_id) versioned by
-- gathered_at, so readers take it with FINAL and see each member's latest row. A member's row is the same whichever
-- run gathered it, so a full refresh gives the same rows. Nothing here depends on the as-of date: the marts apply it
-- to the arrays, so a new day with no new rows needs no run of this model.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        engine="ReplicatedReplacingMergeTree(gathered_at)" if env_var('CLICKHOUSE_CLUSTER', '')
            else 'ReplacingMergeTree(gathered_at)',
        order_by='(tenant_id, member_id)',
    )
}}

with

{% if is_incremental() %}
-- Fact groups synced since the last run, with their days: the members they belong to are gathered again.
recent as (

    select tenant_id, member_id, day from {{ ref('int_events_summed_daily') }}
    where {{ synced_since_last_run('synced_through', 'events_synced_through') }}
    union all
    select tenant_id, member_id, day from {{ ref('int_ledger_entries_summed_daily') }}
    where {{ synced_since_last_run('synced_through', 'ledger_synced_through') }}

),

touched as (

    select distinct tenant_id, member_id from recent

),

-- The facts' days that changed since the last run: a touched member's elements on them are read again from the
-- facts, and the member's other elements are taken from their last row (the facts on other days are as they were),
-- so only these days of the facts are read (the facts are sorted by day within a program).
days as (

    select distinct day from recent

),
{% endif %}

-- Both facts in one pass, each row marked with the fact it comes from: a member's arrays are gathered by one
-- GROUP BY, with no join.
facts as (

    select
        tenant_id,
        member_id,
        true as is_purchase_fact,
        day,
        program_id,
        purchases,
        net_revenue_minor,
        first_purchase_at,
        last_purchase_at,
        toInt64(0) as net_change_points,
        toUInt32(0) as redemptions,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as last_redemption_at,
        synced_through

    from {{ ref('int_events_summed_daily') }}
    {% if is_incremental() %}
    where day in (select day from days)
      and (tenant_id, member_id) in (select tenant_id, member_id from touched)
    {% endif %}

    union all

    select
        tenant_id,
        member_id,
        false as is_purchase_fact,
        day,
        program_id,
        toUInt32(0) as purchases,
        toInt64(0) as net_revenue_minor,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as first_purchase_at,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as last_purchase_at,
        net_change_points,
        redemptions,
        last_redemption_at,
        synced_through

    from {{ ref('int_ledger_entries_summed_daily') }}
    {% if is_incremental() %}
    where day in (select day from days)
      and (tenant_id, member_id) in (select tenant_id, member_id from touched)
    {% endif %}

    {% if is_incremental() %}
    union all

    -- The touched members' purchase elements on other days, from their last row.
    select
        tenant_id,
        member_id,
        true as is_purchase_fact,
        element.1 as day,
        element.2 as program_id,
        element.3 as purchases,
        element.4 as net_revenue_minor,
        element.5 as first_purchase_at,
        element.6 as last_purchase_at,
        toInt64(0) as net_change_points,
        toUInt32(0) as redemptions,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as last_redemption_at,
        events_synced_through as synced_through

    from {{ this }} final
    array join arrayZip(
        activity_days, activity_programs, day_purchases, day_revenue, day_first_purchase_at, day_last_purchase_at
    ) as element
    where (tenant_id, member_id) in (select tenant_id, member_id from touched)
      and element.1 not in (select day from days)

    union all

    -- And their ledger elements on other days.
    select
        tenant_id,
        member_id,
        false as is_purchase_fact,
        element.1 as day,
        element.2 as program_id,
        toUInt32(0) as purchases,
        toInt64(0) as net_revenue_minor,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as first_purchase_at,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as last_purchase_at,
        element.3 as net_change_points,
        element.4 as redemptions,
        element.5 as last_redemption_at,
        ledger_synced_through as synced_through

    from {{ this }} final
    array join arrayZip(ledger_days, ledger_programs, day_points, day_redemptions, day_last_redemption_at) as element
    where (tenant_id, member_id) in (select tenant_id, member_id from touched)
      and element.1 not in (select day from days)
    {% endif %}

),

gathered as (

    select
        tenant_id,
        member_id,
        arraySort(groupArrayIf(
            (day, program_id, purchases, net_revenue_minor, first_purchase_at, last_purchase_at), is_purchase_fact
        )) as activity,
        arraySort(groupArrayIf(
            (day, program_id, net_change_points, redemptions, last_redemption_at), not is_purchase_fact
        )) as ledger,
        toDateTime64(maxIf(synced_through, is_purchase_fact), 3, 'UTC') as events_synced_through,
        toDateTime64(maxIf(synced_through, not is_purchase_fact), 3, 'UTC') as ledger_synced_through

    from facts
    group by tenant_id, member_id

),

final as (

    select
        tenant_id,
        member_id,
        -- Purchase facts: one element per program and day with a purchase or refund.
        arrayMap(x -> x.1, activity) as activity_days,
        arrayMap(x -> x.2, activity) as activity_programs,
        arrayMap(x -> x.3, activity) as day_purchases,
        arrayMap(x -> x.4, activity) as day_revenue,
        arrayMap(x -> x.5, activity) as day_first_purchase_at,
        arrayMap(x -> x.6, activity) as day_last_purchase_at,
        -- Points facts: one element per program and day with a ledger entry.
        arrayMap(x -> x.1, ledger) as ledger_days,
        arrayMap(x -> x.2, ledger) as ledger_programs,
        arrayMap(x -> x.3, ledger) as day_points,
        arrayMap(x -> x.4, ledger) as day_redemptions,
        arrayMap(x -> x.5, ledger) as day_last_redemption_at,
        events_synced_through,
        ledger_synced_through,
        {{ run_started(6) }} as gathered_at

    from gathered

)

select * from final
