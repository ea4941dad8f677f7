{#- Incremental by member (macros/changed_members.sql): a run rebuilds the members whose history changed. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        order_by='(tenant_id, as_of_date, member_id)',
        meta={
            'changed_by': ['members', 'tier_changes', 'campaign_members'],
            'changed_in': ['int_campaign_members_measured'],
            'rebuilt_by': ['tiers', 'campaigns'],
            'snapshot_lookahead_days': 90,
        },
        pre_hook=["{{ changed_members_gather() }}", "{{ changed_members_delete() }}"],
        post_hook="{{ changed_members_drop() }}",
    )
}}

{#- Snapshot dates: the first day of each of the last `feature_months` months, and the as-of date itself. -#}
{%- set feature_months = var('feature_months', 12) %}

-- Each member's history is gathered once into arrays (days with purchases, ledger days, tier changes, campaign
-- responses); every snapshot date is then computed from the member's own few elements, instead of joining every
-- history row to every date.
-- depends_on: {{ ref('int_events_summed_daily') }}, {{ ref('int_ledger_entries_summed_daily') }}

{#- Rendered once: each rendering asks ClickHouse whether every member is rebuilt. -#}
{%- set changed_members = changed_members_filter() %}
{%- set some_members = is_incremental() and not rebuilds_whole() %}

with

-- A changed member's snapshots from their from_day (macros/changed_members.sql: the first one their changed days
-- reach, a snapshot reading purchases up to 90 days after its date); every snapshot otherwise.
members as (

    select
        members.tenant_id as tenant_id,
        members.member_id as member_id,
        members.enrolled_at as enrolled_at,
        {{ 'changed.from_day' if some_members else "toDate('1970-01-01')" }} as from_day
    from {{ ref('stg_monet__members') }} as members
    {%- if some_members %}
    inner join {{ changed_members_relation() }} as changed
        on members.tenant_id = changed.tenant_id
        and members.member_id = changed.member_id
    {%- endif %}
    where {{ changed_members }}

),

-- Purchase and ledger days up to the as-of date, from each member's gathered days (one compact row per member).
gathered as (

    select
        tenant_id,
        member_id,
        arrayFilter(d -> d <= {{ as_of_date() }}, all_activity_days) as activity_days,
        arrayFilter((p, d) -> d <= {{ as_of_date() }}, all_day_purchases, all_activity_days) as day_purchases,
        arrayFilter((r, d) -> d <= {{ as_of_date() }}, all_day_revenue, all_activity_days) as day_revenue,
        arrayFilter(d -> d <= {{ as_of_date() }}, all_ledger_days) as ledger_days,
        arrayFilter((p, d) -> d <= {{ as_of_date() }}, all_day_points, all_ledger_days) as day_points,
        arrayFilter((r, d) -> d <= {{ as_of_date() }}, all_day_redemptions, all_ledger_days) as day_redemptions

    from (
        select
            tenant_id,
            member_id,
            activity_days as all_activity_days,
            day_purchases as all_day_purchases,
            day_revenue as all_day_revenue,
            ledger_days as all_ledger_days,
            day_points as all_day_points,
            day_redemptions as all_day_redemptions
        from {{ ref('int_member_days_gathered') }} final
        where {{ changed_members }}
    )

),

-- Tier changes in time order (ties broken by id), with the rank each one leads to (0: no tier).
member_tiers as (

    select
        tenant_id,
        member_id,
        arraySort(groupArray((tier_changes.effective_at, tier_changes.tier_change_id, tier_changes.program_id,
            toInt32(ifNull(tiers.tier_rank, 0))))) as changes

    from (select * from {{ ref('stg_monet__tier_changes') }} where {{ changed_members }}) as tier_changes
    left join {{ ref('stg_monet__tiers') }} as tiers
        on tier_changes.tenant_id = tiers.tenant_id
        and tier_changes.to_tier_id = tiers.tier_id
    group by tenant_id, member_id

),

-- The day a member first earned inside each campaign window, from their entry into its audience (the campaign
-- members' figures, kept by member: no raw ledger is read here).
member_responses as (

    select tenant_id, member_id, groupArray(toDate(first_response_at)) as responded_on
    from {{ ref('int_campaign_members_measured') }}
    where first_response_at is not null and {{ changed_members }}
    group by tenant_id, member_id

),

histories as (

    select
        members.tenant_id as tenant_id,
        members.member_id as member_id,
        toDate(members.enrolled_at) as enrolled_on,
        members.from_day as from_day,
        gathered.activity_days as activity_days,
        gathered.day_purchases as day_purchases,
        gathered.day_revenue as day_revenue,
        gathered.ledger_days as ledger_days,
        gathered.day_points as day_points,
        gathered.day_redemptions as day_redemptions,
        member_tiers.changes as tier_changes,
        member_responses.responded_on as responded_on

    from members
    left join gathered
        on members.tenant_id = gathered.tenant_id
        and members.member_id = gathered.member_id
    left join member_tiers
        on members.tenant_id = member_tiers.tenant_id
        and members.member_id = member_tiers.member_id
    left join member_responses
        on members.tenant_id = member_responses.tenant_id
        and members.member_id = member_responses.member_id

),

snapshots as (

    select
        *,
        arrayJoin(arrayFilter(
            snapshot -> snapshot >= enrolled_on and snapshot >= from_day,
            arrayDistinct(arrayConcat(
                arrayMap(i -> addMonths(toStartOfMonth({{ as_of_date() }}), -toInt32(i)), range({{ feature_months }})),
                [{{ as_of_date() }}]
            ))
        )) as as_of_date

    from histories

),

-- Sums of a daily array over the days d with low ≤ d ≤ high.
measured as (

    select
        tenant_id,
        member_id,
        as_of_date,
        enrolled_on,
        arrayFilter((d, p) -> p > 0 and d <= as_of_date, activity_days, day_purchases) as purchase_days,
        arraySum(arrayMap((d, p) -> if(d between as_of_date - 89 and as_of_date, p, 0), activity_days, day_purchases))
            as frequency_90d,
        arraySum(arrayMap((d, p) -> if(d between as_of_date - 364 and as_of_date, p, 0), activity_days, day_purchases))
            as frequency_365d,
        arraySum(arrayMap((d, r) -> if(d between as_of_date - 89 and as_of_date, r, 0), activity_days, day_revenue))
            as monetary_90d_minor,
        arraySum(arrayMap((d, r) -> if(d between as_of_date - 179 and as_of_date - 90, r, 0), activity_days, day_revenue))
            as monetary_prior_90d_minor,
        arraySum(arrayMap((d, r) -> if(d between as_of_date - 364 and as_of_date, r, 0), activity_days, day_revenue))
            as monetary_365d_minor,
        arraySum(arrayMap((d, p) -> if(d between as_of_date + 1 and as_of_date + 90, p, 0), activity_days, day_purchases))
            as purchases_next_90d,
        arraySum(arrayMap((d, p) -> if(d <= as_of_date, p, 0), ledger_days, day_points)) as balance_points,
        arraySum(arrayMap((d, r) -> if(d between as_of_date - 364 and as_of_date, r, 0), ledger_days, day_redemptions))
            as redemptions_365d,
        arrayFilter((d, r) -> r > 0 and d <= as_of_date, ledger_days, day_redemptions) as redemption_days,
        -- Per program, the rank of the last change on or before the date; the highest over the programs.
        arrayFilter(change -> toDate(change.1) <= as_of_date, tier_changes) as past_changes,
        arrayMax(arrayConcat([toInt32(0)], arrayMap(
            program -> arrayLast(change -> change.3 = program, past_changes).4,
            arrayDistinct(arrayMap(change -> change.3, past_changes))
        ))) as tier_rank,
        arrayCount(d -> d between as_of_date - 364 and as_of_date, responded_on) as campaign_responses_365d

    from snapshots

),

final as (

    select
        tenant_id,
        member_id,
        as_of_date,
        toInt32(dateDiff('day', enrolled_on, as_of_date)) as tenure_days,
        if(
            empty(purchase_days),
            null,
            toNullable(toInt32(dateDiff('day', arrayMax(purchase_days), as_of_date)))
        ) as recency_days,
        toUInt32(frequency_90d) as frequency_90d,
        toUInt32(frequency_365d) as frequency_365d,
        toInt64(monetary_90d_minor) as monetary_90d_minor,
        toInt64(monetary_365d_minor) as monetary_365d_minor,
        if(frequency_365d = 0, null, toNullable(toInt64(intDiv(monetary_365d_minor, frequency_365d)))) as avg_order_minor,
        if(monetary_prior_90d_minor = 0, null, toNullable(monetary_90d_minor / monetary_prior_90d_minor)) as spend_trend,
        toInt64(balance_points) as balance_points,
        toUInt32(redemptions_365d) as redemptions_365d,
        if(
            empty(redemption_days),
            null,
            toNullable(toInt32(dateDiff('day', arrayMax(redemption_days), as_of_date)))
        ) as days_since_last_redemption,
        toInt32(tier_rank) as tier_rank,
        toUInt32(campaign_responses_365d) as campaign_responses_365d,
        if(
            as_of_date + 90 > {{ as_of_date() }},
            null,
            toNullable(toUInt8(purchases_next_90d = 0))
        ) as churned,
        {{ as_of_date() }} as built_as_of,
        {{ run_started() }} as built_at

    from measured

)

select * from final
