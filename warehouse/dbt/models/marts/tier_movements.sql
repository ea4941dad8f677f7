{{ config(order_by='(tenant_id, program_id, month, from_tier_rank, to_tier_rank)') }}

with

tier_changes as (

    select * from {{ ref('stg_monet__tier_changes') }}
    where effective_at < {{ as_of_end() }}

),

tiers as (

    select tier_id, tenant_id, tier_name, tier_rank from {{ ref('stg_monet__tiers') }}

),

final as (

    select
        tier_changes.tenant_id as tenant_id,
        tier_changes.program_id as program_id,
        toStartOfMonth(tier_changes.effective_at) as month,
        tier_changes.from_tier_id as from_tier_id,
        ifNull(from_tiers.tier_name, 'No tier') as from_tier_name,
        toInt32(ifNull(from_tiers.tier_rank, 0)) as from_tier_rank,
        tier_changes.to_tier_id as to_tier_id,
        ifNull(to_tiers.tier_name, 'No tier') as to_tier_name,
        toInt32(ifNull(to_tiers.tier_rank, 0)) as to_tier_rank,
        if(to_tier_rank > from_tier_rank, 'upgrade', 'downgrade') as direction,
        toUInt64(count()) as changes

    from tier_changes
    left join tiers as from_tiers
        on tier_changes.tenant_id = from_tiers.tenant_id
        and tier_changes.from_tier_id = from_tiers.tier_id
    left join tiers as to_tiers
        on tier_changes.tenant_id = to_tiers.tenant_id
        and tier_changes.to_tier_id = to_tiers.tier_id
    group by
        tenant_id, program_id, month, from_tier_id, from_tier_name, from_tier_rank,
        to_tier_id, to_tier_name, to_tier_rank, direction

)

select * from final
