{#- One row per tenant × enrolled member: the enrolment funnel's steps as times (NULL where not reached), in its
    cohort (the enrolment month). Ephemeral: funnels counts the steps. -#}
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

final as (

    select
        enrolment_steps.tenant_id as tenant_id,
        enrolment_steps.member_id as member_id,
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

)

select * from final
