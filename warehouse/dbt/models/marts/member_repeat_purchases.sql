{#- Incremental by member (macros/changed_members.sql): a run rebuilds the members whose history changed. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        order_by='(tenant_id, member_id)',
        meta={'changed_by': ['members']},
        pre_hook=["{{ changed_members_gather() }}", "{{ changed_members_delete() }}"],
        post_hook="{{ changed_members_drop() }}",
    )
}}

-- What the lifetime-value model (BG/NBD + Gamma-Gamma, ml/training/monet_ml/ltv.py) reads for each member: repeat
-- purchase days, the day of the last one and the days observed, all counted from the first purchase day.
{#- Rendered once: each rendering asks ClickHouse whether every member is rebuilt. -#}
{%- set changed_members = changed_members_filter() %}

with

members as (

    select tenant_id, member_id, toDate(enrolled_at) as enrolled_on from {{ ref('stg_monet__members') }}
    where toDate(enrolled_at) <= {{ as_of_date() }} and {{ changed_members }}

),

-- Each member's gathered days (one compact row per member), read up to the as-of date: the days with a purchase in
-- any program (sorted, once each), and every day's revenue with programs summed.
gathered as (

    select
        tenant_id,
        member_id,
        arrayFilter(d -> d <= {{ as_of_date() }}, activity_days) as days,
        arrayFilter((r, d) -> d <= {{ as_of_date() }}, day_revenue, activity_days) as revenues,
        arrayDistinct(
            arrayFilter((d, n) -> n > 0 and d <= {{ as_of_date() }}, activity_days, day_purchases)
        ) as purchase_dates

    from {{ ref('int_member_days_gathered') }} final
    where {{ changed_members }}

),

histories as (

    select
        tenant_id,
        member_id,
        purchase_dates[1] as first_purchase_on,
        purchase_dates[-1] as last_purchase_on,
        toUInt32(length(purchase_dates)) as purchase_days,
        toInt64(arraySum(arrayMap((d, r) -> if(d > first_purchase_on, r, 0), days, revenues))) as repeat_revenue

    from gathered
    where notEmpty(purchase_dates)

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
        toInt64(ifNull(histories.repeat_revenue, 0)) as repeat_revenue_minor,
        if(
            ifNull(histories.purchase_days, 0) > 1,
            toNullable(ifNull(histories.repeat_revenue, 0) / (histories.purchase_days - 1)),
            null
        ) as mean_repeat_value_minor,
        {{ as_of_date() }} as built_as_of,
        {{ run_started() }} as built_at

    from members
    left join histories
        on members.tenant_id = histories.tenant_id
        and members.member_id = histories.member_id

)

select * from final
