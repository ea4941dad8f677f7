{{ config(order_by='(tenant_id, as_of_date, member_id)') }}

{#- Snapshot dates: the first day of each of the last `feature_months` months, and the as-of date itself. -#}
{%- set feature_months = var('feature_months', 12) %}

with

snapshot_dates as (

    select distinct snapshot_date
    from (
        select addMonths(toStartOfMonth({{ as_of_date() }}), -toInt32(number)) as snapshot_date
        from numbers({{ feature_months }})
        union all
        select {{ as_of_date() }} as snapshot_date
    )

),

members as (

    select tenant_id, member_id, enrolled_at from {{ ref('stg_monet__members') }}

),

member_dates as (

    select
        members.tenant_id as tenant_id,
        members.member_id as member_id,
        members.enrolled_at as enrolled_at,
        snapshot_dates.snapshot_date as as_of_date

    from members
    cross join snapshot_dates
    where toDate(members.enrolled_at) <= snapshot_dates.snapshot_date

),

activity as (

    select tenant_id, member_id, day, purchases, net_revenue_minor
    from {{ ref('int_events_summed_daily') }}
    where day <= {{ as_of_date() }}

),

ledger_days as (

    select tenant_id, member_id, day, net_change_points, redemptions
    from {{ ref('int_ledger_entries_summed_daily') }}
    where day <= {{ as_of_date() }}

),

-- Purchases looking back from each snapshot date, and the 90 days after it for the label.
activity_features as (

    select
        activity.tenant_id as tenant_id,
        activity.member_id as member_id,
        snapshot_dates.snapshot_date as as_of_date,
        maxIf(activity.day, activity.purchases > 0 and activity.day <= as_of_date) as last_purchase_day,
        countIf(activity.purchases > 0 and activity.day <= as_of_date) > 0 as has_purchased,
        sumIf(activity.purchases, activity.day between as_of_date - 89 and as_of_date) as frequency_90d,
        sumIf(activity.purchases, activity.day between as_of_date - 364 and as_of_date) as frequency_365d,
        sumIf(activity.net_revenue_minor, activity.day between as_of_date - 89 and as_of_date) as monetary_90d_minor,
        sumIf(activity.net_revenue_minor, activity.day between as_of_date - 179 and as_of_date - 90)
            as monetary_prior_90d_minor,
        sumIf(activity.net_revenue_minor, activity.day between as_of_date - 364 and as_of_date)
            as monetary_365d_minor,
        sumIf(activity.purchases, activity.day between as_of_date + 1 and as_of_date + 90) as purchases_next_90d

    from activity
    cross join snapshot_dates
    where activity.day <= snapshot_dates.snapshot_date + 90
    group by activity.tenant_id, activity.member_id, snapshot_dates.snapshot_date

),

ledger_features as (

    select
        ledger_days.tenant_id as tenant_id,
        ledger_days.member_id as member_id,
        snapshot_dates.snapshot_date as as_of_date,
        sum(ledger_days.net_change_points) as balance_points,
        sumIf(ledger_days.redemptions, ledger_days.day > as_of_date - 365) as redemptions_365d,
        maxIf(ledger_days.day, ledger_days.redemptions > 0) as last_redemption_day,
        countIf(ledger_days.redemptions > 0) > 0 as has_redeemed

    from ledger_days
    cross join snapshot_dates
    where ledger_days.day <= snapshot_dates.snapshot_date
    group by ledger_days.tenant_id, ledger_days.member_id, snapshot_dates.snapshot_date

),

-- The highest-ranked tier held on each date, over the member's programs.
tier_features as (

    select
        tenant_id,
        member_id,
        as_of_date,
        max(tier_rank) as tier_rank

    from (
        select
            tier_changes.tenant_id as tenant_id,
            tier_changes.member_id as member_id,
            tier_changes.program_id as program_id,
            snapshot_dates.snapshot_date as as_of_date,
            argMax(tier_changes.to_tier_id, (tier_changes.created_at, tier_changes.tier_change_id)) as tier_id
        from {{ ref('stg_monet__tier_changes') }} as tier_changes
        cross join snapshot_dates
        where toDate(tier_changes.created_at) <= snapshot_dates.snapshot_date
        group by tenant_id, member_id, program_id, as_of_date
    ) as held
    inner join {{ ref('stg_monet__tiers') }} as tiers
        on held.tenant_id = tiers.tenant_id
        and held.tier_id = tiers.tier_id
    group by tenant_id, member_id, as_of_date

),

-- Campaigns whose audience held the member and in whose window the member earned, by the earning's date.
campaign_responses as (

    select
        responses.tenant_id as tenant_id,
        responses.member_id as member_id,
        snapshot_dates.snapshot_date as as_of_date,
        uniqExact(responses.campaign_id) as campaign_responses_365d

    from (
        select
            audiences.tenant_id as tenant_id,
            audiences.member_id as member_id,
            audiences.campaign_id as campaign_id,
            toDate(min(earnings.created_at)) as responded_on
        from {{ ref('stg_monet__campaign_members') }} as audiences
        inner join {{ ref('stg_monet__campaigns') }} as campaigns
            on audiences.tenant_id = campaigns.tenant_id
            and audiences.campaign_id = campaigns.campaign_id
        inner join {{ ref('stg_monet__ledger_entries') }} as earnings
            on audiences.tenant_id = earnings.tenant_id
            and audiences.member_id = earnings.member_id
            and campaigns.program_id = earnings.program_id
        where earnings.entry_kind in ('accrual', 'bonus')
          and earnings.created_at >= campaigns.starts_at
          and earnings.created_at < campaigns.ends_at
        group by tenant_id, member_id, campaign_id
    ) as responses
    cross join snapshot_dates
    where responses.responded_on between snapshot_dates.snapshot_date - 364 and snapshot_dates.snapshot_date
    group by tenant_id, member_id, as_of_date

),

final as (

    select
        member_dates.tenant_id as tenant_id,
        member_dates.member_id as member_id,
        member_dates.as_of_date as as_of_date,
        toInt32(dateDiff('day', toDate(member_dates.enrolled_at), member_dates.as_of_date)) as tenure_days,
        if(
            ifNull(activity_features.has_purchased, false),
            toNullable(toInt32(dateDiff('day', activity_features.last_purchase_day, member_dates.as_of_date))),
            null
        ) as recency_days,
        toUInt32(ifNull(activity_features.frequency_90d, 0)) as frequency_90d,
        toUInt32(ifNull(activity_features.frequency_365d, 0)) as frequency_365d,
        toInt64(ifNull(activity_features.monetary_90d_minor, 0)) as monetary_90d_minor,
        toInt64(ifNull(activity_features.monetary_365d_minor, 0)) as monetary_365d_minor,
        if(frequency_365d = 0, null, toNullable(intDiv(monetary_365d_minor, frequency_365d))) as avg_order_minor,
        if(
            ifNull(activity_features.monetary_prior_90d_minor, 0) = 0,
            null,
            toNullable(monetary_90d_minor / activity_features.monetary_prior_90d_minor)
        ) as spend_trend,
        toInt64(ifNull(ledger_features.balance_points, 0)) as balance_points,
        toUInt32(ifNull(ledger_features.redemptions_365d, 0)) as redemptions_365d,
        if(
            ifNull(ledger_features.has_redeemed, false),
            toNullable(toInt32(dateDiff('day', ledger_features.last_redemption_day, member_dates.as_of_date))),
            null
        ) as days_since_last_redemption,
        toInt32(ifNull(tier_features.tier_rank, 0)) as tier_rank,
        toUInt32(ifNull(campaign_responses.campaign_responses_365d, 0)) as campaign_responses_365d,
        if(
            member_dates.as_of_date + 90 > {{ as_of_date() }},
            null,
            toNullable(toUInt8(ifNull(activity_features.purchases_next_90d, 0) = 0))
        ) as churned

    from member_dates
    left join activity_features
        on member_dates.tenant_id = activity_features.tenant_id
        and member_dates.member_id = activity_features.member_id
        and member_dates.as_of_date = activity_features.as_of_date
    left join ledger_features
        on member_dates.tenant_id = ledger_features.tenant_id
        and member_dates.member_id = ledger_features.member_id
        and member_dates.as_of_date = ledger_features.as_of_date
    left join tier_features
        on member_dates.tenant_id = tier_features.tenant_id
        and member_dates.member_id = tier_features.member_id
        and member_dates.as_of_date = tier_features.as_of_date
    left join campaign_responses
        on member_dates.tenant_id = campaign_responses.tenant_id
        and member_dates.member_id = campaign_responses.member_id
        and member_dates.as_of_date = campaign_responses.as_of_date

)

select * from final
