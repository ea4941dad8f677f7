-- Each campaign's bonus points in campaign_results equal the raw bonus ledger entries naming it, given to members of
-- its audience up to the as-of date, and its points cost is those bonuses plus its granted rewards: the mart loses no
-- bonus and invents none.
with

ledger as (

    select tenant_id, campaign_id, sum(points) as ledger_bonus_points
    from {{ source('monet', 'ledger_entries') }} final
    where _deleted = 0
      and kind = 'bonus'
      and campaign_id is not null
      and effective_at < {{ as_of_end() }}
      and campaign_id in (select campaign_id from {{ ref('campaign_results') }})
      -- Members of the audience: the population the results measure (the proof's fixture also credits bonuses to
      -- purchasers outside the audience, which the campaigns service never does).
      and (tenant_id, assumeNotNull(campaign_id), member_id) in (
          select tenant_id, campaign_id, member_id from {{ ref('stg_monet__campaign_members') }}
      )
    group by tenant_id, campaign_id

),

mart as (

    select
        tenant_id,
        campaign_id,
        sum(campaign_results.bonus_points) as mart_bonus_points,
        sum(campaign_results.sum_points) - sum(campaign_results.bonus_points) - sum(campaign_results.reward_points)
            as unexplained_points

    from {{ ref('campaign_results') }} as campaign_results
    group by tenant_id, campaign_id

)

select
    coalesce(mart.tenant_id, ledger.tenant_id) as tenant_id,
    coalesce(mart.campaign_id, ledger.campaign_id) as campaign_id,
    mart.mart_bonus_points as mart_bonus_points,
    ledger.ledger_bonus_points as ledger_bonus_points,
    mart.unexplained_points as unexplained_points
from mart
full outer join ledger
    on mart.tenant_id = ledger.tenant_id
    and mart.campaign_id = ledger.campaign_id
where ifNull(mart.mart_bonus_points, 0) != ifNull(ledger.ledger_bonus_points, 0)
   or ifNull(mart.unexplained_points, 0) != 0
