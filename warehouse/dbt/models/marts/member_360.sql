{#- A second copy ordered by RFM segment (a projection ClickHouse picks by itself): segment previews and counts that
    test the RFM segment, as most marketers' segments do, read that segment's range of the tenant instead of all of
    its members. Member pages and id streams keep reading in member id order. -#}
{{ config(
    order_by='(tenant_id, member_id)',
    projections=[{'name': 'by_rfm_segment', 'query': 'SELECT * ORDER BY tenant_id, rfm_segment, member_id'}],
) }}

with

members as (

    select * from {{ ref('stg_monet__members') }}
    where toDate(enrolled_at) <= {{ as_of_date() }}

),

balances as (

    select * from {{ ref('stg_monet__balances') }}

),

tiers as (

    select tenant_id, tier_id, tier_name, tier_rank from {{ ref('stg_monet__tiers') }}

),

-- Each member's gathered days (one compact row per member), read up to the as-of date.
gathered as (

    select
        tenant_id,
        member_id,
        arrayMap(d -> d <= {{ as_of_date() }}, activity_days) as activity_seen,
        day_purchases,
        day_revenue,
        day_first_purchase_at,
        day_last_purchase_at,
        arrayMap(d -> d <= {{ as_of_date() }}, ledger_days) as ledger_seen,
        day_redemptions,
        day_last_redemption_at

    from {{ ref('int_member_days_gathered') }} final

),

rfm as (

    select * from {{ ref('member_rfm') }}

),

-- Sums over the member's balances in every program; the tier shown is the highest-ranked one they hold.
member_balances as (

    select
        balances.tenant_id as tenant_id,
        balances.member_id as member_id,
        sum(balances.points_available) as points_available,
        sum(balances.points_pending) as points_pending,
        sum(balances.lifetime_earned_points) as lifetime_earned_points,
        sum(balances.redeemed_points) as redeemed_points,
        sum(balances.expired_points) as expired_points,
        argMaxIf(tiers.tier_id, tiers.tier_rank, tiers.tier_id is not null) as tier_id,
        argMaxIf(tiers.tier_name, tiers.tier_rank, tiers.tier_id is not null) as tier_name,
        maxIf(tiers.tier_rank, tiers.tier_id is not null) as tier_rank

    from balances
    left join tiers
        on balances.tenant_id = tiers.tenant_id
        and balances.tier_id = tiers.tier_id
    group by balances.tenant_id, balances.member_id

),

-- Purchases and redemptions up to the as-of date, in one pass over the gathered days; NULL where the member has
-- none of that kind yet (as a left join to a member with no such days would give).
member_days as (

    select
        tenant_id,
        member_id,
        arrayReduce('sumIf', day_purchases, activity_seen) as purchases,
        arrayReduce('sumIf', day_revenue, activity_seen) as revenue_minor,
        if(arrayExists(x -> x, activity_seen), arrayReduce('minIf', day_first_purchase_at, activity_seen), null)
            as first_purchase_at,
        if(arrayExists(x -> x, activity_seen), arrayReduce('maxIf', day_last_purchase_at, activity_seen), null)
            as last_purchase_at,
        arrayReduce('sumIf', day_redemptions, ledger_seen) as redemptions,
        if(arrayExists(x -> x, ledger_seen), arrayReduce('maxIf', day_last_redemption_at, ledger_seen), null)
            as last_redemption_at

    from gathered

),

final as (

    select
        members.tenant_id as tenant_id,
        members.member_id as member_id,
        members.external_id as external_id,
        members.member_status as status,
        members.enrolled_at as enrolled_at,
        toStartOfMonth(members.enrolled_at) as cohort_month,
        members.tags as tags,
        toInt64(ifNull(member_balances.points_available, 0)) as points_available,
        toInt64(ifNull(member_balances.points_pending, 0)) as points_pending,
        toInt64(ifNull(member_balances.lifetime_earned_points, 0)) as lifetime_earned_points,
        toInt64(ifNull(member_balances.redeemed_points, 0)) as redeemed_points,
        toInt64(ifNull(member_balances.expired_points, 0)) as expired_points,
        member_balances.tier_id as tier_id,
        member_balances.tier_name as tier_name,
        toInt32(ifNull(member_balances.tier_rank, 0)) as tier_rank,
        toUInt64(ifNull(member_days.purchases, 0)) as purchases,
        toInt64(ifNull(member_days.revenue_minor, 0)) as revenue_minor,
        member_days.first_purchase_at as first_purchase_at,
        member_days.last_purchase_at as last_purchase_at,
        toUInt64(ifNull(member_days.redemptions, 0)) as redemptions,
        member_days.last_redemption_at as last_redemption_at,
        rfm.recency_days as recency_days,
        toUInt32(ifNull(rfm.frequency, 0)) as frequency,
        toInt64(ifNull(rfm.monetary_minor, 0)) as monetary_minor,
        toUInt8(ifNull(rfm.r_score, 1)) as r_score,
        toUInt8(ifNull(rfm.f_score, 1)) as f_score,
        toUInt8(ifNull(rfm.m_score, 1)) as m_score,
        ifNull(rfm.rfm_segment, 'Lost') as rfm_segment,
        toInt32(dateDiff('day', toDate(members.enrolled_at), {{ as_of_date() }})) as tenure_days

    from members
    left join member_balances
        on members.tenant_id = member_balances.tenant_id
        and members.member_id = member_balances.member_id
    left join member_days
        on members.tenant_id = member_days.tenant_id
        and members.member_id = member_days.member_id
    left join rfm
        on members.tenant_id = rfm.tenant_id
        and members.member_id = rfm.member_id

)

select * from final
