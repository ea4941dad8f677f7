{{ config(order_by='(tenant_id, day, program_id, member_id)') }}

with

days as (

    select * from {{ ref('int_events_summed_daily') }}
    where day <= {{ as_of_date() }}

),

final as (

    select
        tenant_id,
        program_id,
        member_id,
        day,
        purchases,
        refunds,
        net_revenue_minor

    from days

)

select * from final
