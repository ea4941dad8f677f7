-- Every bonus point naming a campaign that started by the as-of date is in campaign_results: in one of its arms, or
-- outside its audience (outside_audience_bonus_points, once per campaign), and its points cost is its arms' bonuses
-- plus its granted rewards: the mart loses no bonus and invents none. A started campaign with bonuses and no row in
-- the mart (no audience) shows as missing.
with

started as (

    select tenant_id, campaign_id from {{ ref('stg_monet__campaigns') }}
    where starts_at < {{ as_of_end() }}

),

ledger as (

    select tenant_id, assumeNotNull(campaign_id) as campaign_id, sum(points) as ledger_bonus_points
    from {{ source('monet', 'ledger_entries') }} final
    where _deleted = 0
      and kind = 'bonus'
      and campaign_id is not null
      and created_at < {{ as_of_end() }}
      and (tenant_id, assumeNotNull(campaign_id)) in (select tenant_id, campaign_id from started)
    group by tenant_id, campaign_id

),

mart as (

    select
        tenant_id,
        campaign_id,
        sum(campaign_results.bonus_points) + any(campaign_results.outside_audience_bonus_points) as mart_bonus_points,
        sum(campaign_results.sum_points) - sum(campaign_results.bonus_points) - sum(campaign_results.reward_points)
            as unexplained_points,
        -- Repeated on each row of a campaign, so every row holds the same value.
        uniqExact(campaign_results.outside_audience_bonus_points) as outside_values

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
   or ifNull(mart.outside_values, 1) != 1
