{{ config(order_by='(tenant_id, program_id, day)') }}

with

-- Points flows per program and day, summed over members by an incremental model (by month).
program_days as (

    select
        tenant_id,
        program_id,
        day,
        issued_points,
        redeemed_points,
        expired_points,
        reversed_points,
        adjusted_points,
        net_change_points

    from {{ ref('int_program_points_summed_daily') }}
    where day <= {{ as_of_date() }}

),

programs as (

    select tenant_id, program_id, money_value_per_1000_points from {{ ref('stg_monet__programs') }}

),

-- Every day from the program's first ledger entry to the as-of date, quiet days included.
spine as (

    select
        tenant_id,
        program_id,
        first_day + offset as day

    from (
        select tenant_id, program_id, min(day) as first_day
        from program_days
        group by tenant_id, program_id
    )
    array join range(toUInt32(dateDiff('day', first_day, {{ as_of_date() }}) + 1)) as offset

),

daily as (

    select
        spine.tenant_id as tenant_id,
        spine.program_id as program_id,
        spine.day as day,
        toInt64(ifNull(program_days.issued_points, 0)) as issued_points,
        toInt64(ifNull(program_days.redeemed_points, 0)) as redeemed_points,
        toInt64(ifNull(program_days.expired_points, 0)) as expired_points,
        toInt64(ifNull(program_days.reversed_points, 0)) as reversed_points,
        toInt64(ifNull(program_days.adjusted_points, 0)) as adjusted_points,
        toInt64(ifNull(program_days.net_change_points, 0)) as net_change_points

    from spine
    left join program_days
        on spine.tenant_id = program_days.tenant_id
        and spine.program_id = program_days.program_id
        and spine.day = program_days.day

),

running as (

    select
        *,
        toInt64(sum(net_change_points) over program_to_date) as outstanding_points,
        toInt64(sum(issued_points) over program_to_date) as cumulative_issued_points,
        toInt64(sum(expired_points) over program_to_date) as cumulative_expired_points

    from daily
    window program_to_date as (
        partition by tenant_id, program_id order by day rows between unbounded preceding and current row
    )

),

final as (

    select
        running.tenant_id as tenant_id,
        running.program_id as program_id,
        running.day as day,
        running.issued_points as issued_points,
        running.redeemed_points as redeemed_points,
        running.expired_points as expired_points,
        running.reversed_points as reversed_points,
        running.adjusted_points as adjusted_points,
        running.net_change_points as net_change_points,
        running.outstanding_points as outstanding_points,
        toInt64(intDiv(running.outstanding_points * programs.money_value_per_1000_points, 1000))
            as outstanding_liability_minor,
        running.cumulative_issued_points as cumulative_issued_points,
        running.cumulative_expired_points as cumulative_expired_points,
        if(
            running.cumulative_issued_points = 0,
            null,
            toNullable(running.cumulative_expired_points / running.cumulative_issued_points)
        ) as breakage_rate

    from running
    inner join programs
        on running.tenant_id = programs.tenant_id
        and running.program_id = programs.program_id

)

select * from final
