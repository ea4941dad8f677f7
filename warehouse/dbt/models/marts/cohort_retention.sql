{{ config(order_by='(tenant_id, cohort_grain, cohort_start, period_index)') }}

with

members as (

    select tenant_id, member_id, enrolled_at from {{ ref('stg_monet__members') }}
    where toDate(enrolled_at) <= {{ as_of_date() }}

),

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
        toInt64(ifNull(period_activity.revenue_minor, 0)) as revenue_minor

    from periods
    left join period_activity
        on periods.tenant_id = period_activity.tenant_id
        and periods.cohort_grain = period_activity.cohort_grain
        and periods.cohort_start = period_activity.cohort_start
        and periods.period_index = period_activity.period_index

)

select * from final
