{{ config(order_by='(tenant_id, member_id)') }}

-- What the lifetime-value model (BG/NBD + Gamma-Gamma, ml/training/monet_ml/ltv.py) reads for each member: repeat
-- purchase days, the day of the last one and the days observed, all counted from the first purchase day.
with

members as (

    select tenant_id, member_id, toDate(enrolled_at) as enrolled_on from {{ ref('stg_monet__members') }}
    where toDate(enrolled_at) <= {{ as_of_date() }}

),

activity as (

    select tenant_id, member_id, day, purchases, net_revenue_minor from {{ ref('int_events_summed_daily') }}
    where day <= {{ as_of_date() }}

),

-- Programs summed: one row per member and day.
days as (

    select tenant_id, member_id, day, sum(purchases) as purchases, sum(net_revenue_minor) as net_revenue_minor
    from activity
    group by tenant_id, member_id, day

),

histories as (

    select
        tenant_id,
        member_id,
        minIf(day, purchases > 0) as first_purchase_on,
        maxIf(day, purchases > 0) as last_purchase_on,
        toUInt32(countIf(purchases > 0)) as purchase_days

    from days
    group by tenant_id, member_id
    having purchase_days > 0

),

repeat_revenue as (

    select days.tenant_id as tenant_id, days.member_id as member_id, toInt64(sum(days.net_revenue_minor)) as revenue
    from days
    inner join histories
        on days.tenant_id = histories.tenant_id
        and days.member_id = histories.member_id
    where days.day > histories.first_purchase_on
    group by tenant_id, member_id

),

final as (

    select
        members.tenant_id as tenant_id,
        members.member_id as member_id,
        {{ as_of_date() }} as as_of_date,
        members.enrolled_on as enrolled_on,
        histories.first_purchase_on as first_purchase_on,
        toUInt32(ifNull(histories.purchase_days, 0)) as purchase_days,
        toUInt32(greatest(ifNull(histories.purchase_days, 0), 1) - 1) as repeat_purchase_days,
        toInt32(ifNull(dateDiff('day', histories.first_purchase_on, histories.last_purchase_on), 0))
            as last_purchase_day,
        toInt32(dateDiff('day', ifNull(histories.first_purchase_on, members.enrolled_on), {{ as_of_date() }}))
            as observed_days,
        toInt64(ifNull(repeat_revenue.revenue, 0)) as repeat_revenue_minor,
        if(
            ifNull(histories.purchase_days, 0) > 1,
            toNullable(ifNull(repeat_revenue.revenue, 0) / (histories.purchase_days - 1)),
            null
        ) as mean_repeat_value_minor

    from members
    left join histories
        on members.tenant_id = histories.tenant_id
        and members.member_id = histories.member_id
    left join repeat_revenue
        on members.tenant_id = repeat_revenue.tenant_id
        and members.member_id = repeat_revenue.member_id

)

select * from final
