{{ config(order_by='(tenant_id, member_id)') }}

-- Each member's purchase days as one sorted array: the overview counts the members active in any range by testing
-- each member's array, instead of a distinct count over every member-day of the range. Read from the members'
-- gathered days (one row per member, already sorted by day and program).
with

gathered as (

    select tenant_id, member_id, activity_days, activity_programs, day_purchases
    from {{ ref('int_member_days_gathered') }} final

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

select tenant_id, member_id, purchase_days, purchase_programs from final
where notEmpty(purchase_days)
