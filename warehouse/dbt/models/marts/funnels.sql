{{ config(order_by='(tenant_id, funnel, cohort_start, cohort_key, step_index)') }}

with

members as (

    select tenant_id, member_id, enrolled_at from {{ ref('stg_monet__members') }}
    where toDate(enrolled_at) <= {{ as_of_date() }}

),

purchases as (

    select tenant_id, member_id, event_id, occurred_at from {{ ref('stg_monet__events') }}
    where event_type = 'purchase' and occurred_at < {{ as_of_end() }}

),

redemptions as (

    select tenant_id, member_id, program_id, effective_at from {{ ref('stg_monet__ledger_entries') }}
    where entry_kind = 'redemption' and effective_at < {{ as_of_end() }}

),

earnings as (

    select tenant_id, member_id, program_id, effective_at from {{ ref('stg_monet__ledger_entries') }}
    where entry_kind in ('accrual', 'bonus') and effective_at < {{ as_of_end() }}

),

campaigns as (

    select * from {{ ref('stg_monet__campaigns') }}
    where toDate(starts_at) <= {{ as_of_date() }}

),

audiences as (

    select * from {{ ref('stg_monet__campaign_members') }}

),

-- Enrolment funnel: the first and second purchase at or after enrolment (ties in time broken by event id), then the
-- first redemption at or after the second purchase. Joins put the large side (events, ledger) on the left: ClickHouse
-- builds its hash table from the right.
member_purchases as (

    select
        purchases.tenant_id as tenant_id,
        purchases.member_id as member_id,
        arraySort(
            groupArrayIf((purchases.occurred_at, purchases.event_id), purchases.occurred_at >= members.enrolled_at)
        ) as ordered

    from purchases
    inner join members
        on purchases.tenant_id = members.tenant_id
        and purchases.member_id = members.member_id
    group by purchases.tenant_id, purchases.member_id

),

enrolment_steps as (

    select
        members.tenant_id as tenant_id,
        members.member_id as member_id,
        members.enrolled_at as signed_up_at,
        if(length(member_purchases.ordered) >= 1, toNullable(member_purchases.ordered[1].1), null) as first_purchase_at,
        if(length(member_purchases.ordered) >= 2, toNullable(member_purchases.ordered[2].1), null) as second_purchase_at

    from members
    left join member_purchases
        on members.tenant_id = member_purchases.tenant_id
        and members.member_id = member_purchases.member_id

),

enrolment_redemptions as (

    select
        redemptions.tenant_id as tenant_id,
        redemptions.member_id as member_id,
        min(redemptions.effective_at) as first_redemption_at

    from redemptions
    inner join (
        -- Its own name: an alias reusing the column's would be the one the WHERE clause reads.
        select tenant_id, member_id, assumeNotNull(second_purchase_at) as repeat_at
        from enrolment_steps
        where second_purchase_at is not null
    ) as repeat_buyers
        on redemptions.tenant_id = repeat_buyers.tenant_id
        and redemptions.member_id = repeat_buyers.member_id
    where redemptions.effective_at >= repeat_buyers.repeat_at
    group by redemptions.tenant_id, redemptions.member_id

),

enrolment_members as (

    select
        enrolment_steps.tenant_id as tenant_id,
        'enrolment' as funnel,
        toString(toStartOfMonth(enrolment_steps.signed_up_at)) as cohort_key,
        toStartOfMonth(enrolment_steps.signed_up_at) as cohort_start,
        [
            toNullable(enrolment_steps.signed_up_at),
            enrolment_steps.first_purchase_at,
            enrolment_steps.second_purchase_at,
            if(enrolment_redemptions.member_id is null, null, toNullable(enrolment_redemptions.first_redemption_at))
        ] as step_times

    from enrolment_steps
    left join enrolment_redemptions
        on enrolment_steps.tenant_id = enrolment_redemptions.tenant_id
        and enrolment_steps.member_id = enrolment_redemptions.member_id

),

-- Campaign funnel: the audience enters at the later of being added and the campaign's start; earning is the first
-- accrual or bonus in the campaign's program within its window; redeeming is the first redemption in that program
-- from then until 30 days after the window closes.
campaign_audience as (

    select
        audiences.tenant_id as tenant_id,
        audiences.member_id as member_id,
        campaigns.campaign_id as campaign_id,
        campaigns.program_id as program_id,
        campaigns.starts_at as starts_at,
        campaigns.ends_at as ends_at,
        greatest(audiences.added_at, campaigns.starts_at) as entered_at

    from audiences
    inner join campaigns
        on audiences.tenant_id = campaigns.tenant_id
        and audiences.campaign_id = campaigns.campaign_id

),

campaign_earned as (

    select
        campaign_audience.tenant_id as tenant_id,
        campaign_audience.campaign_id as campaign_id,
        campaign_audience.member_id as member_id,
        min(earnings.effective_at) as earned_at

    from earnings
    inner join campaign_audience
        on earnings.tenant_id = campaign_audience.tenant_id
        and earnings.member_id = campaign_audience.member_id
        and earnings.program_id = campaign_audience.program_id
    where earnings.effective_at >= campaign_audience.entered_at
      and earnings.effective_at < campaign_audience.ends_at
    group by campaign_audience.tenant_id, campaign_audience.campaign_id, campaign_audience.member_id

),

campaign_redeemed as (

    select
        earners.tenant_id as tenant_id,
        earners.campaign_id as campaign_id,
        earners.member_id as member_id,
        min(redemptions.effective_at) as redeemed_at

    from redemptions
    inner join (
        select
            campaign_audience.tenant_id as tenant_id,
            campaign_audience.campaign_id as campaign_id,
            campaign_audience.member_id as member_id,
            campaign_audience.program_id as program_id,
            campaign_audience.ends_at as ends_at,
            campaign_earned.earned_at as earned_at
        from campaign_audience
        inner join campaign_earned
            on campaign_audience.tenant_id = campaign_earned.tenant_id
            and campaign_audience.campaign_id = campaign_earned.campaign_id
            and campaign_audience.member_id = campaign_earned.member_id
    ) as earners
        on redemptions.tenant_id = earners.tenant_id
        and redemptions.member_id = earners.member_id
        and redemptions.program_id = earners.program_id
    where redemptions.effective_at >= earners.earned_at
      and redemptions.effective_at < earners.ends_at + interval 30 day
    group by earners.tenant_id, earners.campaign_id, earners.member_id

),

campaign_members as (

    select
        campaign_audience.tenant_id as tenant_id,
        'campaign' as funnel,
        toString(campaign_audience.campaign_id) as cohort_key,
        toDate(campaign_audience.starts_at) as cohort_start,
        [
            toNullable(campaign_audience.entered_at),
            toNullable(campaign_earned.earned_at),
            toNullable(campaign_redeemed.redeemed_at)
        ] as step_times

    from campaign_audience
    left join campaign_earned
        on campaign_audience.tenant_id = campaign_earned.tenant_id
        and campaign_audience.campaign_id = campaign_earned.campaign_id
        and campaign_audience.member_id = campaign_earned.member_id
    left join campaign_redeemed
        on campaign_audience.tenant_id = campaign_redeemed.tenant_id
        and campaign_audience.campaign_id = campaign_redeemed.campaign_id
        and campaign_audience.member_id = campaign_redeemed.member_id

),

funnel_members as (

    select * from enrolment_members
    union all
    select * from campaign_members

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
