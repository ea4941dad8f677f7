{{ config(order_by='(tenant_id, member_id)') }}

-- Each member's purchase days as one sorted array: the overview counts the members active in any range by testing
-- each member's array, instead of a distinct count over every member-day of the range.
with

activity as (

    select tenant_id, program_id, member_id, day from {{ ref('int_events_summed_daily') }}
    where day <= {{ as_of_date() }} and purchases > 0

),

final as (

    select
        tenant_id,
        member_id,
        arraySort(groupArray((day, program_id))) as purchases_by_day,
        arrayMap(p -> p.1, purchases_by_day) as purchase_days,
        arrayMap(p -> p.2, purchases_by_day) as purchase_programs

    from activity
    group by tenant_id, member_id

)

select tenant_id, member_id, purchase_days, purchase_programs from final
