-- Kept by month: a run recomputes only the months with purchases, ledger entries or redemptions synced since its
-- last run, and replaces those months' rows (a lightweight delete, waited for, then an insert). Everything is
-- recomputed when the as-of date moved, or when members, guest purchases, rewards or programs changed (a member's
-- baseline or enrolment reaches every month they were active in). Months after the as-of date go first
-- (macros/incremental.sql), for a run on an earlier date than the last.
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['tenant_id', 'program_id', 'month'],
        query_settings={'mutations_sync': 2, 'lightweight_deletes_sync': 2},
        order_by='(tenant_id, program_id, month)',
        meta={'rebuilt_by': ['members', 'guest_purchases', 'rewards', 'programs']},
        pre_hook="{{ delete_after_as_of('month') }}",
    )
}}

{%- set some_months = is_incremental() and not rebuilds_whole() %}

with

{% if some_months %}
-- The months to recompute: those of member-days and program-days synced since the last run, and of redemptions
-- fulfilled (fulfilment is final: a fulfilled redemption's month is all a change to it reaches).
months as (

    select distinct toStartOfMonth(day) as month from {{ ref('int_events_summed_daily') }}
    where {{ synced_since_last_run('synced_through', 'built_at') }}
    union distinct
    select distinct toStartOfMonth(day) as month from {{ ref('int_program_points_summed_daily') }}
    where {{ synced_since_last_run('synced_through', 'built_at') }}
    union distinct
    select distinct toStartOfMonth(fulfilled_at) as month from {{ source('monet', 'redemptions') }}
    where {{ synced_since_last_run(watermark='built_at') }} and fulfilled_at is not null

),
{% endif %}

programs as (

    select * from {{ ref('stg_monet__programs') }}

),

members as (

    select tenant_id, member_id, external_id, enrolled_at from {{ ref('stg_monet__members') }}

),

-- The as-of date's own month, day by day up to the date; the months before it come whole from
-- int_member_months_summed.
as_of_month_days as (

    select * from {{ ref('int_events_summed_daily') }}
    where day between toStartOfMonth({{ as_of_date() }}) and {{ as_of_date() }}
    {% if some_months %}
      and toStartOfMonth(day) in (select month from months)
    {% endif %}

),

-- Guest purchases in the program's earning currency, as member revenue counts them.
guest_purchases as (

    select
        guest_purchases.tenant_id as tenant_id,
        guest_purchases.program_id as program_id,
        guest_purchases.customer_ref as customer_ref,
        guest_purchases.occurred_at as occurred_at,
        guest_purchases.amount_minor as amount_minor

    from {{ ref('stg_monet__guest_purchases') }} as guest_purchases
    inner join programs
        on guest_purchases.tenant_id = programs.tenant_id
        and guest_purchases.program_id = programs.program_id
    where guest_purchases.currency_code = programs.currency_code

),

redemptions as (

    select * from {{ ref('stg_monet__redemptions') }}
    where redemption_status = 'fulfilled' and fulfilled_at < {{ as_of_end() }}

),

rewards as (

    select tenant_id, reward_id, cost_minor from {{ ref('stg_monet__rewards') }}

),

events as (

    select tenant_id, program_id, occurred_at from {{ ref('stg_monet__events') }}
    where occurred_at < {{ as_of_end() }}

),

-- Every month from the program's first event or guest purchase to the as-of month.
spine as (

    select
        tenant_id,
        program_id,
        addMonths(first_month, offset) as month

    from (
        select tenant_id, program_id, min(toStartOfMonth(occurred_at)) as first_month
        from (
            select tenant_id, program_id, occurred_at from events
            union all
            select tenant_id, program_id, occurred_at from guest_purchases
            where occurred_at < {{ as_of_end() }}
        )
        group by tenant_id, program_id
    )
    array join range(toUInt32(dateDiff('month', first_month, toStartOfMonth({{ as_of_date() }})) + 1)) as offset
    {% if some_months %}
    where month in (select month from months)
    {% endif %}

),

member_months as (

    select tenant_id, program_id, member_id, month, purchases, net_revenue_minor
    from {{ ref('int_member_months_summed') }}
    where month < toStartOfMonth({{ as_of_date() }})
    {% if some_months %}
      and month in (select month from months)
    {% endif %}

    union all

    select
        tenant_id,
        program_id,
        member_id,
        toStartOfMonth(day) as month,
        toUInt64(sum(purchases)) as purchases,
        toInt64(sum(net_revenue_minor)) as net_revenue_minor

    from as_of_month_days
    group by tenant_id, program_id, member_id, month

),

-- A member's baseline: their guest spend in the program in the 365 days before enrolling, per month.
baselines as (

    select
        members.tenant_id as tenant_id,
        guest_purchases.program_id as program_id,
        members.member_id as member_id,
        intDiv(sum(guest_purchases.amount_minor), 12) as baseline_monthly_minor

    from guest_purchases
    inner join members
        on guest_purchases.tenant_id = members.tenant_id
        and guest_purchases.customer_ref = members.external_id
    where guest_purchases.occurred_at >= members.enrolled_at - interval 365 day
      and guest_purchases.occurred_at < members.enrolled_at
    group by members.tenant_id, guest_purchases.program_id, members.member_id

),

member_revenue as (

    select
        tenant_id,
        program_id,
        month,
        toInt64(sum(net_revenue_minor)) as member_revenue_minor,
        toUInt64(countIf(purchases > 0)) as active_members

    from member_months
    group by tenant_id, program_id, month

),

-- Active members with a baseline: what their month's revenue added over it. Only these member-months meet the
-- baselines, by an inner join (the join is the costly step: every other member-month stays out of it).
baseline_gains as (

    select
        member_months.tenant_id as tenant_id,
        member_months.program_id as program_id,
        member_months.month as month,
        toInt64(sum(member_months.net_revenue_minor - baselines.baseline_monthly_minor))
            as incremental_revenue_baseline_minor

    from member_months
    inner join baselines
        on member_months.tenant_id = baselines.tenant_id
        and member_months.program_id = baselines.program_id
        and member_months.member_id = baselines.member_id
    where member_months.purchases > 0
    group by member_months.tenant_id, member_months.program_id, member_months.month

),

guest_months as (

    select
        tenant_id,
        program_id,
        toStartOfMonth(occurred_at) as month,
        customer_ref,
        sum(amount_minor) as amount_minor

    from guest_purchases
    where occurred_at < {{ as_of_end() }}
    {% if some_months %}
      and toStartOfMonth(occurred_at) in (select month from months)
    {% endif %}
    group by tenant_id, program_id, month, customer_ref

),

-- Identified non-members: customer refs of the month's guest purchases that belong to no member enrolled by the
-- month's end.
non_members as (

    select
        guest_months.tenant_id as tenant_id,
        guest_months.program_id as program_id,
        guest_months.month as month,
        toUInt64(count()) as customers,
        toInt64(sum(guest_months.amount_minor)) as revenue_minor

    from guest_months
    left join members
        on guest_months.tenant_id = members.tenant_id
        and guest_months.customer_ref = members.external_id
    where guest_months.customer_ref is not null
      and (members.member_id is null or members.enrolled_at >= addMonths(guest_months.month, 1))
    group by guest_months.tenant_id, guest_months.program_id, guest_months.month

),

guest_revenue as (

    select tenant_id, program_id, month, toInt64(sum(amount_minor)) as guest_revenue_minor
    from guest_months
    group by tenant_id, program_id, month

),

points as (

    select tenant_id, program_id, toStartOfMonth(day) as month, toInt64(sum(redeemed_points)) as redeemed_points
    from {{ ref('int_program_points_summed_daily') }}
    where day <= {{ as_of_date() }}
    {% if some_months %}
      and toStartOfMonth(day) in (select month from months)
    {% endif %}
    group by tenant_id, program_id, month

),

reward_costs as (

    select
        redemptions.tenant_id as tenant_id,
        redemptions.program_id as program_id,
        toStartOfMonth(redemptions.fulfilled_at) as month,
        toInt64(sum(rewards.cost_minor)) as reward_cost_minor

    from redemptions
    inner join rewards
        on redemptions.tenant_id = rewards.tenant_id
        and redemptions.reward_id = rewards.reward_id
    {% if some_months %}
    where toStartOfMonth(redemptions.fulfilled_at) in (select month from months)
    {% endif %}
    group by tenant_id, program_id, month

),

final as (

    select
        spine.tenant_id as tenant_id,
        spine.program_id as program_id,
        spine.month as month,
        programs.currency_code as currency,
        toInt64(ifNull(member_revenue.member_revenue_minor, 0)) as member_revenue_minor,
        toInt64(ifNull(guest_revenue.guest_revenue_minor, 0)) as guest_revenue_minor,
        toUInt64(ifNull(member_revenue.active_members, 0)) as active_members,
        toInt64(ifNull(baseline_gains.incremental_revenue_baseline_minor, 0)) as incremental_revenue_baseline_minor,
        -- active × (members' revenue ÷ active − non-members' revenue ÷ their number), toward zero, in integers.
        toInt64(if(
            active_members = 0 or ifNull(non_members.customers, 0) = 0,
            0,
            intDiv(
                member_revenue_minor * toInt64(non_members.customers)
                    - toInt64(active_members) * non_members.revenue_minor,
                toInt64(non_members.customers)
            )
        )) as incremental_revenue_matched_minor,
        toInt64(ifNull(points.redeemed_points, 0)) as redeemed_points,
        toInt64(intDiv(redeemed_points * programs.money_value_per_1000_points, 1000)) as points_cost_minor,
        toInt64(ifNull(reward_costs.reward_cost_minor, 0)) as reward_cost_minor,
        toInt64(points_cost_minor + reward_cost_minor) as total_cost_minor,
        if(
            total_cost_minor = 0,
            null,
            toNullable((incremental_revenue_baseline_minor - total_cost_minor) / total_cost_minor)
        ) as roi,
        {{ as_of_date() }} as built_as_of,
        {{ run_started() }} as built_at

    from spine
    inner join programs
        on spine.tenant_id = programs.tenant_id
        and spine.program_id = programs.program_id
    left join member_revenue
        on spine.tenant_id = member_revenue.tenant_id
        and spine.program_id = member_revenue.program_id
        and spine.month = member_revenue.month
    left join baseline_gains
        on spine.tenant_id = baseline_gains.tenant_id
        and spine.program_id = baseline_gains.program_id
        and spine.month = baseline_gains.month
    left join guest_revenue
        on spine.tenant_id = guest_revenue.tenant_id
        and spine.program_id = guest_revenue.program_id
        and spine.month = guest_revenue.month
    left join non_members
        on spine.tenant_id = non_members.tenant_id
        and spine.program_id = non_members.program_id
        and spine.month = non_members.month
    left join points
        on spine.tenant_id = points.tenant_id
        and spine.program_id = points.program_id
        and spine.month = points.month
    left join reward_costs
        on spine.tenant_id = reward_costs.tenant_id
        and spine.program_id = reward_costs.program_id
        and spine.month = reward_costs.month

)

select * from final
