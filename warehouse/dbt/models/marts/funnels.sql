{{ config(order_by='(tenant_id, funnel, cohort_start, cohort_key, step_index)') }}

with

-- Each member's steps, one funnel per intermediate model: the enrolment funnel (first and second purchase after
-- enrolment, then a redemption) and the campaign funnel (audience, earning in the window, redeeming).
funnel_members as (

    select tenant_id, funnel, cohort_key, cohort_start, step_times from {{ ref('int_funnel_members_enrolled') }}
    union all
    select tenant_id, funnel, cohort_key, cohort_start, step_times from {{ ref('int_funnel_members_targeted') }}

),

-- One row per member and step reached, with the seconds since the previous step.
member_steps as (

    select
        tenant_id,
        funnel,
        cohort_key,
        cohort_start,
        toUInt8(step_index) as step_index,
        step_times[step_index] is not null as reached,
        if(
            step_index = 1,
            null,
            dateDiff('millisecond', step_times[step_index - 1], step_times[step_index]) / 1000
        ) as seconds_from_previous

    from funnel_members
    array join arrayEnumerate(step_times) as step_index

),

step_counts as (

    select
        tenant_id,
        funnel,
        cohort_key,
        cohort_start,
        step_index,
        toUInt64(countIf(reached)) as members,
        if(members = 0, null, quantileExactInclusiveIf(0.5)(seconds_from_previous, reached)) as median_seconds

    from member_steps
    group by tenant_id, funnel, cohort_key, cohort_start, step_index

),

final as (

    select
        tenant_id,
        funnel,
        cohort_key,
        cohort_start,
        step_index,
        if(funnel = 'enrolment',
            ['signed_up', 'first_purchase', 'second_purchase', 'first_redemption'],
            ['audience', 'earned_in_window', 'redeemed']
        )[step_index] as step,
        members,
        if(
            step_index = 1,
            null,
            members / nullIf(
                any(members) over (
                    partition by tenant_id, funnel, cohort_key order by step_index
                    rows between 1 preceding and 1 preceding
                ),
                0
            )
        ) as conversion_from_previous,
        toFloat64(
            members / first_value(members) over (partition by tenant_id, funnel, cohort_key order by step_index)
        ) as conversion_from_start,
        if(step_index = 1, null, toNullable(toFloat64(median_seconds))) as median_seconds_from_previous

    from step_counts

)

select * from final
