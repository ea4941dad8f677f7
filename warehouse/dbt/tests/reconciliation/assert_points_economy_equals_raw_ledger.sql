-- On the as-of date, each program's outstanding points equal the sum of its raw ledger up to then, and every flow
-- summed over the days equals the matching raw entries: the mart loses and invents no points.
with

raw_ledger as (

    select
        tenant_id,
        program_id,
        sum(points) as total_points,
        sumIf(points, kind in ('accrual', 'bonus')) as issued,
        -sumIf(points, kind = 'expiry') as expired

    from {{ source('monet', 'ledger_entries') }} final
    where _deleted = 0 and effective_at < {{ as_of_end() }}
    group by tenant_id, program_id

),

mart as (

    select
        tenant_id,
        program_id,
        argMax(outstanding_points, day) as total_points,
        sum(issued_points) as issued,
        sum(expired_points) as expired,
        sum(net_change_points) as net

    from {{ ref('points_economy') }}
    group by tenant_id, program_id

)

select *
from raw_ledger
full outer join mart
    on raw_ledger.tenant_id = mart.tenant_id
    and raw_ledger.program_id = mart.program_id
where raw_ledger.total_points is null
   or mart.total_points is null
   or raw_ledger.total_points != mart.total_points
   or raw_ledger.total_points != mart.net
   or raw_ledger.issued != mart.issued
   or raw_ledger.expired != mart.expired
