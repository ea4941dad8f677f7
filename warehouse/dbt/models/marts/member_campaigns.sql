{{ config(order_by='(tenant_id, campaign_id, member_id)') }}

with

campaigns as (

    select * from {{ ref('stg_monet__campaigns') }}
    where toDate(starts_at) <= {{ as_of_date() }}

),

audiences as (

    select * from {{ ref('stg_monet__campaign_members') }}

),

earnings as (

    select tenant_id, member_id, program_id, campaign_id, entry_kind, points, effective_at
    from {{ ref('stg_monet__ledger_entries') }}
    where entry_kind in ('accrual', 'bonus') and effective_at < {{ as_of_end() }}

),

-- The audience enters at the later of being added and the campaign's start, as in the campaign funnel.
campaign_audience as (

    select
        audiences.tenant_id as tenant_id,
        audiences.campaign_id as campaign_id,
        audiences.member_id as member_id,
        audiences.variant as variant,
        audiences.added_at as added_at,
        campaigns.program_id as program_id,
        campaigns.ends_at as ends_at,
        greatest(audiences.added_at, campaigns.starts_at) as entered_at

    from audiences
    inner join campaigns
        on audiences.tenant_id = campaigns.tenant_id
        and audiences.campaign_id = campaigns.campaign_id

),

-- A response is the funnel's "earned" step: the first accrual or bonus in the campaign's program within its window.
-- Control members respond too (they earn without the offer), which is what lift compares.
responses as (

    select
        campaign_audience.tenant_id as tenant_id,
        campaign_audience.campaign_id as campaign_id,
        campaign_audience.member_id as member_id,
        min(earnings.effective_at) as first_response_at

    from earnings
    inner join campaign_audience
        on earnings.tenant_id = campaign_audience.tenant_id
        and earnings.member_id = campaign_audience.member_id
        and earnings.program_id = campaign_audience.program_id
    where earnings.effective_at >= campaign_audience.entered_at
      and earnings.effective_at < campaign_audience.ends_at
    group by campaign_audience.tenant_id, campaign_audience.campaign_id, campaign_audience.member_id

),

-- Bonus entries naming the campaign: what the offer itself gave the member.
bonuses as (

    select
        tenant_id,
        assumeNotNull(campaign_id) as campaign_id,
        member_id,
        sum(points) as bonus_points

    from earnings
    where entry_kind = 'bonus' and campaign_id is not null
    group by tenant_id, campaign_id, member_id

),

final as (

    select
        campaign_audience.tenant_id as tenant_id,
        campaign_audience.campaign_id as campaign_id,
        campaign_audience.member_id as member_id,
        campaign_audience.variant as variant,
        campaign_audience.added_at as added_at,
        campaign_audience.entered_at as entered_at,
        toUInt8(responses.member_id is not null) as responded,
        responses.first_response_at as first_response_at,
        toInt64(ifNull(bonuses.bonus_points, 0)) as bonus_points

    from campaign_audience
    left join responses
        on campaign_audience.tenant_id = responses.tenant_id
        and campaign_audience.campaign_id = responses.campaign_id
        and campaign_audience.member_id = responses.member_id
    left join bonuses
        on campaign_audience.tenant_id = bonuses.tenant_id
        and campaign_audience.campaign_id = bonuses.campaign_id
        and campaign_audience.member_id = bonuses.member_id

)

select * from final
