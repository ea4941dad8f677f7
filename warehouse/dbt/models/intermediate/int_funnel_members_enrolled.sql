{#- One row per tenant × enrolled member: the enrolment funnel's steps as times (NULL where not reached), in its
    cohort (the enrolment month). Incremental by member (macros/changed_members.sql): a run rebuilds the members
    whose profile changed, and those with a purchase or a redemption synced since its last run that comes before
    the step it could move (macros/changed_members.sql, enrolment_funnel_changes): a member past their redemption
    step is rebuilt by neither their later orders nor their later redemptions. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        order_by='(tenant_id, member_id)',
        meta={'changed_by': ['members', 'events', 'ledger_entries'], 'rebuilt_by': [], 'reach': 'enrolment funnel'},
        pre_hook=["{{ changed_members_gather() }}", "{{ changed_members_delete() }}"],
        post_hook="{{ changed_members_drop() }}",
    )
}}

{#- Rendered once: each rendering asks ClickHouse whether every member is rebuilt. -#}
{%- set changed_members = changed_members_filter() %}

with

members as (

    select tenant_id, member_id, enrolled_at from {{ ref('stg_monet__members') }}
    where toDate(enrolled_at) <= {{ as_of_date() }}
      and {{ changed_members }}

),

-- Purchases and redemptions in one pass, each row marked with its kind: a member's times are gathered by one GROUP BY.
activity as (

    select tenant_id, member_id, occurred_at as at, true as is_purchase from {{ ref('stg_monet__events') }}
    where event_type = 'purchase' and occurred_at < {{ as_of_end() }}
      and {{ changed_members }}

    union all

    select tenant_id, member_id, effective_at as at, false as is_purchase from {{ ref('stg_monet__ledger_entries') }}
    where entry_kind = 'redemption' and effective_at < {{ as_of_end() }}
      and {{ changed_members }}

),

-- Each member's purchase and redemption times, grouped before the join to the members: the join then matches one
-- row per member instead of one per event or entry.
member_activity as (

    select
        tenant_id,
        member_id,
        groupArrayIf(at, is_purchase) as purchases,
        groupArrayIf(at, not is_purchase) as redemptions

    from activity
    group by tenant_id, member_id

),

-- Enrolment funnel: signing up, the first and the second purchase at or after enrolment (purchases at the same
-- instant each count), then the first redemption at or after the second purchase.
final as (

    select
        members.tenant_id as tenant_id,
        members.member_id as member_id,
        'enrolment' as funnel,
        toString(toStartOfMonth(members.enrolled_at)) as cohort_key,
        toStartOfMonth(members.enrolled_at) as cohort_start,
        arraySort(arrayFilter(t -> t >= members.enrolled_at, member_activity.purchases)) as enrolled_purchases,
        arrayFilter(
            t -> length(enrolled_purchases) >= 2 and t >= enrolled_purchases[2],
            member_activity.redemptions
        ) as repeat_redemptions,
        [
            toNullable(members.enrolled_at),
            if(length(enrolled_purchases) >= 1, toNullable(enrolled_purchases[1]), null),
            if(length(enrolled_purchases) >= 2, toNullable(enrolled_purchases[2]), null),
            if(empty(repeat_redemptions), null, toNullable(arrayMin(repeat_redemptions)))
        ] as step_times,
        {{ as_of_date() }} as built_as_of,
        {{ run_started() }} as built_at

    from members
    left join member_activity
        on members.tenant_id = member_activity.tenant_id
        and members.member_id = member_activity.member_id

)

select tenant_id, member_id, funnel, cohort_key, cohort_start, step_times, built_as_of, built_at from final
