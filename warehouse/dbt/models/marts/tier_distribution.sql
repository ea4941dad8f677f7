{{ config(order_by='(tenant_id, program_id, month, tier_rank)') }}

with

tiers as (

    select tenant_id, program_id, tier_id, tier_name, tier_rank from {{ ref('stg_monet__tiers') }}

),

tier_changes as (

    select * from {{ ref('stg_monet__tier_changes') }}
    where effective_at < {{ as_of_end() }}

),

-- A program's members at a month's end: those with a ledger entry in it by then, counted by the month they joined.
joined as (

    select tenant_id, program_id, month, members from {{ ref('int_program_members_joined') }}

),

months as (

    select
        tenant_id,
        program_id,
        addMonths(first_month, offset) as month

    from (
        select tenant_id, program_id, min(month) as first_month
        from joined
        group by tenant_id, program_id
    )
    array join range(toUInt32(dateDiff('month', first_month, toStartOfMonth({{ as_of_date() }})) + 1)) as offset

),

-- The tier each member holds at the end of each month they changed tier in, and the next month they changed again.
month_end_tiers as (

    select
        tenant_id,
        program_id,
        member_id,
        month,
        tier_id,
        leadInFrame(toNullable(month)) over (
            partition by tenant_id, program_id, member_id order by month
            rows between unbounded preceding and unbounded following
        ) as next_change_month

    from (
        select
            tenant_id,
            program_id,
            member_id,
            toStartOfMonth(effective_at) as month,
            -- Wrapped in a tuple: argMax skips NULL values, and NULL (the tier lost) is an answer here.
            argMax(tuple(to_tier_id), (effective_at, tier_change_id)).1 as tier_id
        from tier_changes
        group by tenant_id, program_id, member_id, month
    )

),

-- Holding a tier is a +1 from the month it was reached and a −1 from the month it was left; a running sum of these
-- over the months counts holders without a row per member and month.
tier_deltas as (

    select tenant_id, program_id, tier_id, month, toInt64(1) as delta
    from month_end_tiers
    where tier_id is not null
    union all
    select tenant_id, program_id, tier_id, assumeNotNull(next_change_month) as month, toInt64(-1) as delta
    from month_end_tiers
    where tier_id is not null and next_change_month is not null

),

tier_months as (

    select
        months.tenant_id as tenant_id,
        months.program_id as program_id,
        months.month as month,
        tiers.tier_id as tier_id,
        tiers.tier_name as tier_name,
        tiers.tier_rank as tier_rank

    from months
    inner join tiers
        on months.tenant_id = tiers.tenant_id
        and months.program_id = tiers.program_id

),

tier_holders as (

    select
        tier_months.tenant_id as tenant_id,
        tier_months.program_id as program_id,
        tier_months.month as month,
        tier_months.tier_id as tier_id,
        tier_months.tier_name as tier_name,
        tier_months.tier_rank as tier_rank,
        toInt64(sum(ifNull(deltas.delta, 0)) over (
            partition by tier_months.tenant_id, tier_months.program_id, tier_months.tier_id
            order by tier_months.month
            rows between unbounded preceding and current row
        )) as members

    from tier_months
    left join (
        select tenant_id, program_id, tier_id, month, sum(delta) as delta
        from tier_deltas
        group by tenant_id, program_id, tier_id, month
    ) as deltas
        on tier_months.tenant_id = deltas.tenant_id
        and tier_months.program_id = deltas.program_id
        and tier_months.tier_id = deltas.tier_id
        and tier_months.month = deltas.month

),

program_members as (

    select
        months.tenant_id as tenant_id,
        months.program_id as program_id,
        months.month as month,
        toInt64(sum(ifNull(joined.members, 0)) over (
            partition by months.tenant_id, months.program_id
            order by months.month
            rows between unbounded preceding and current row
        )) as members

    from months
    left join joined
        on months.tenant_id = joined.tenant_id
        and months.program_id = joined.program_id
        and months.month = joined.month

),

tiered as (

    select
        tenant_id,
        program_id,
        toNullable(tier_id) as tier_id,
        tier_name,
        tier_rank,
        month,
        members
    from tier_holders

),

untiered as (

    select
        program_members.tenant_id as tenant_id,
        program_members.program_id as program_id,
        cast(null as Nullable(UUID)) as tier_id,
        'No tier' as tier_name,
        toInt32(0) as tier_rank,
        program_members.month as month,
        program_members.members - ifNull(held.members, 0) as members

    from program_members
    left join (
        select tenant_id, program_id, month, sum(members) as members
        from tier_holders
        group by tenant_id, program_id, month
    ) as held
        on program_members.tenant_id = held.tenant_id
        and program_members.program_id = held.program_id
        and program_members.month = held.month

),

final as (

    select
        holders.tenant_id as tenant_id,
        holders.program_id as program_id,
        holders.month as month,
        holders.tier_id as tier_id,
        holders.tier_name as tier_name,
        toInt32(holders.tier_rank) as tier_rank,
        toUInt64(greatest(holders.members, 0)) as members,
        toFloat64(if(program_members.members = 0, 0, holders.members / program_members.members)) as share

    from (select * from tiered union all select * from untiered) as holders
    inner join program_members
        on holders.tenant_id = program_members.tenant_id
        and holders.program_id = program_members.program_id
        and holders.month = program_members.month

)

select * from final
