-- Kept by period: a run recomputes the periods (months and weeks) holding purchase facts synced since its last run,
-- for every cohort, and every period of the cohorts holding a member synced since then (an enrolment, a deletion),
-- reading the daily facts of those periods and members rather than every member's gathered days. Their rows are
-- replaced (delete+insert on the cell; the changed cohorts' rows go first, so that a cohort left without members
-- leaves no rows). Everything is rebuilt when the as-of date moved (every cohort gains the period holding it).
{{
    config(
        materialized='incremental',
        incremental_strategy='delete+insert',
        unique_key=['tenant_id', 'cohort_grain', 'cohort_start', 'period_index'],
        query_settings={'mutations_sync': 2, 'lightweight_deletes_sync': 2},
        order_by='(tenant_id, cohort_grain, cohort_start, period_index)',
        pre_hook="{{ cohorts_delete_changed() }}",
    )
}}

-- depends_on: {{ ref('int_events_summed_daily') }}

{%- set some_cells = is_incremental() and not rebuilds_whole() %}

with

{% if some_cells %}
-- The periods of purchase facts synced since the last run, and the cohorts of members synced since then.
changed_periods as (

    select distinct grain.1 as cohort_grain, grain.2 as period_start
    from {{ ref('int_events_summed_daily') }}
    array join [('month', toStartOfMonth(day)), ('week', toMonday(day))] as grain
    where {{ synced_since_last_run('synced_through', 'built_at') }} and day <= {{ as_of_date() }}

),

changed_cohorts as (

    {{ cohorts_changed() }}

),
{% endif %}

members as (

    select tenant_id, member_id, enrolled_at from {{ ref('stg_monet__members') }}
    where toDate(enrolled_at) <= {{ as_of_date() }}

),

{% if some_cells %}
-- The members of the changed cohorts: every day of theirs is read again.
cohort_members as (

    select tenant_id, member_id from members
    where (toStartOfMonth(enrolled_at) in (select cohort_start from changed_cohorts where cohort_grain = 'month'))
       or (toMonday(enrolled_at) in (select cohort_start from changed_cohorts where cohort_grain = 'week'))

),

-- The purchase facts of the changed periods (any member) and of the changed cohorts' members (any day), as each
-- member's days: the same elements as the gathered days hold.
gathered as (

    select
        tenant_id,
        member_id,
        groupArray(day) as days,
        groupArray(purchases) as purchases,
        groupArray(net_revenue_minor) as revenues

    from {{ ref('int_events_summed_daily') }}
    where day <= {{ as_of_date() }}
      and (toStartOfMonth(day) in (select period_start from changed_periods where cohort_grain = 'month')
        or toMonday(day) in (select period_start from changed_periods where cohort_grain = 'week')
        or (tenant_id, member_id) in (select tenant_id, member_id from cohort_members))
    group by tenant_id, member_id

),
{% else %}
-- Each member's purchase days up to the as-of date, from the members' gathered days (one compact row per member).
gathered as (

    select
        tenant_id,
        member_id,
        arrayFilter(d -> d <= {{ as_of_date() }}, activity_days) as days,
        arrayFilter((n, d) -> d <= {{ as_of_date() }}, day_purchases, activity_days) as purchases,
        arrayFilter((r, d) -> d <= {{ as_of_date() }}, day_revenue, activity_days) as revenues

    from {{ ref('int_member_days_gathered') }} final

),
{% endif %}

-- Each member once per grain, with the start of their enrolment period.
member_cohorts as (

    select
        tenant_id,
        member_id,
        grain.1 as cohort_grain,
        grain.2 as cohort_start

    from members
    array join [
        ('month', toStartOfMonth(enrolled_at)),
        ('week', toMonday(enrolled_at))
    ] as grain

),

cohorts as (

    select
        tenant_id,
        cohort_grain,
        cohort_start,
        toUInt64(count()) as cohort_size

    from member_cohorts
    group by tenant_id, cohort_grain, cohort_start

),

-- Every period from the enrolment period to the one holding the as-of date, active or not.
periods as (

    select
        tenant_id,
        cohort_grain,
        cohort_start,
        cohort_size,
        toUInt32(period_index) as period_index,
        if(cohort_grain = 'month', addMonths(cohort_start, period_index), addWeeks(cohort_start, period_index))
            as period_start

    from cohorts
    array join range(toUInt32(
        if(
            cohort_grain = 'month',
            dateDiff('month', cohort_start, toStartOfMonth({{ as_of_date() }})),
            intDiv(dateDiff('day', cohort_start, toMonday({{ as_of_date() }})), 7)
        ) + 1
    )) as period_index
    {% if some_cells %}
    where (cohort_grain, period_start) in (select cohort_grain, period_start from changed_periods)
       or (cohort_grain, cohort_start) in (select cohort_grain, cohort_start from changed_cohorts)
    {% endif %}

),

-- Each member's days as periods of their cohort, one member row per grain: the member's periods with activity are
-- unpacked once each (active when a day of it had a purchase), rather than joining every member-day to the cohorts.
member_periods as (

    select
        member_cohorts.tenant_id as tenant_id,
        member_cohorts.cohort_grain as cohort_grain,
        member_cohorts.cohort_start as cohort_start,
        arrayMap(
            d -> if(
                member_cohorts.cohort_grain = 'month',
                dateDiff('month', member_cohorts.cohort_start, toStartOfMonth(d)),
                intDiv(dateDiff('day', member_cohorts.cohort_start, toMonday(d)), 7)
            ),
            gathered.days
        ) as periods,
        gathered.purchases as purchases,
        gathered.revenues as revenues

    from gathered
    inner join member_cohorts
        on gathered.tenant_id = member_cohorts.tenant_id
        and gathered.member_id = member_cohorts.member_id

),

-- Activity before enrolment (a negative period) belongs to no period.
period_activity as (

    select
        tenant_id,
        cohort_grain,
        cohort_start,
        toUInt32(period.1) as period_index,
        toUInt64(countIf(period.2)) as active_members,
        toInt64(sum(period.3)) as revenue_minor

    from member_periods
    array join arrayMap(
        p -> (
            p,
            arrayExists((q, n) -> q = p and n > 0, periods, purchases),
            arraySum(arrayMap((q, r) -> if(q = p, r, 0), periods, revenues))
        ),
        arrayDistinct(arrayFilter(p -> p >= 0, periods))
    ) as period
    group by tenant_id, cohort_grain, cohort_start, period_index

),

final as (

    select
        periods.tenant_id as tenant_id,
        periods.cohort_grain as cohort_grain,
        periods.cohort_start as cohort_start,
        periods.period_index as period_index,
        periods.period_start as period_start,
        periods.cohort_size as cohort_size,
        toUInt64(ifNull(period_activity.active_members, 0)) as active_members,
        toFloat64(active_members / periods.cohort_size) as retention_rate,
        toInt64(ifNull(period_activity.revenue_minor, 0)) as revenue_minor,
        {{ as_of_date() }} as built_as_of,
        {{ run_started() }} as built_at

    from periods
    left join period_activity
        on periods.tenant_id = period_activity.tenant_id
        and periods.cohort_grain = period_activity.cohort_grain
        and periods.cohort_start = period_activity.cohort_start
        and periods.period_index = period_activity.period_index

)

select * from final
