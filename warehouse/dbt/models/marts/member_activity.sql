{#- Incremental by member (macros/changed_members.sql): a run rebuilds the members whose history changed. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        order_by='(tenant_id, member_id)',
        meta={'changed_by': []},
        pre_hook=["{{ changed_members_gather() }}", "{{ changed_members_delete() }}"],
        post_hook="{{ changed_members_drop() }}",
    )
}}

-- Each member's purchase days as one sorted array: the overview counts the members active in any range by testing
-- each member's array, instead of a distinct count over every member-day of the range. Read from the members'
-- gathered days (one row per member, already sorted by day and program).
with

gathered as (

    select tenant_id, member_id, activity_days, activity_programs, day_purchases
    from {{ ref('int_member_days_gathered') }} final
    where {{ changed_members_filter() }}

),

final as (

    select
        tenant_id,
        member_id,
        arrayFilter((d, n) -> n > 0 and d <= {{ as_of_date() }}, activity_days, day_purchases) as purchase_days,
        arrayFilter(
            (p, d, n) -> n > 0 and d <= {{ as_of_date() }}, activity_programs, activity_days, day_purchases
        ) as purchase_programs

    from gathered

)

select
    tenant_id,
    member_id,
    purchase_days,
    purchase_programs,
    {{ as_of_date() }} as built_as_of,
    {{ run_started() }} as built_at
from final
where notEmpty(purchase_days)
