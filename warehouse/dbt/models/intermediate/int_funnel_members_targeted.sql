{#- One row per tenant × campaign × audience member: the campaign funnel's steps as times (NULL where not reached),
    in its cohort (the campaign). Ephemeral: funnels counts the steps. -#}
with

campaigns as (

    select * from {{ ref('stg_monet__campaigns') }}
    where toDate(starts_at) <= {{ as_of_date() }}

),

audiences as (

    select * from {{ ref('stg_monet__campaign_members') }}

),

earnings as (

    select tenant_id, member_id, program_id, effective_at from {{ ref('stg_monet__ledger_entries') }}
    where entry_kind in ('accrual', 'bonus') and effective_at < {{ as_of_end() }}

),

redemptions as (

    select tenant_id, member_id, program_id, effective_at from {{ ref('stg_monet__ledger_entries') }}
    where entry_kind = 'redemption' and effective_at < {{ as_of_end() }}

),

-- Campaign funnel: the audience enters at the later of being added and the campaign's start; earning is the first
-- accrual or bonus in the campaign's program within its window; redeeming is the first redemption in that program
-- from then until 30 days after the window closes.
campaign_audience as (

    select
        audiences.tenant_id as tenant_id,
        audiences.member_id as member_id,
        campaigns.campaign_id as campaign_id,
        campaigns.program_id as program_id,
        campaigns.starts_at as starts_at,
        campaigns.ends_at as ends_at,
        greatest(audiences.added_at, campaigns.starts_at) as entered_at

    from audiences
    inner join campaigns
        on audiences.tenant_id = campaigns.tenant_id
        and audiences.campaign_id = campaigns.campaign_id

),

campaign_earned as (

    select
        campaign_audience.tenant_id as tenant_id,
        campaign_audience.campaign_id as campaign_id,
        campaign_audience.member_id as member_id,
        min(earnings.effective_at) as earned_at

    from earnings
    inner join campaign_audience
        on earnings.tenant_id = campaign_audience.tenant_id
        and earnings.member_id = campaign_audience.member_id
        and earnings.program_id = campaign_audience.program_id
    where earnings.effective_at >= campaign_audience.entered_at
      and earnings.effective_at < campaign_audience.ends_at
    group by campaign_audience.tenant_id, campaign_audience.campaign_id, campaign_audience.member_id

),

campaign_redeemed as (

    select
        earners.tenant_id as tenant_id,
        earners.campaign_id as campaign_id,
        earners.member_id as member_id,
        min(redemptions.effective_at) as redeemed_at

    from redemptions
    inner join (
        select
            campaign_audience.tenant_id as tenant_id,
            campaign_audience.campaign_id as campaign_id,
            campaign_audience.member_id as member_id,
            campaign_audience.program_id as program_id,
            campaign_audience.ends_at as ends_at,
            campaign_earned.earned_at as earned_at
        from campaign_audience
        inner join campaign_earned
            on campaign_audience.tenant_id = campaign_earned.tenant_id
            and campaign_audience.campaign_id = campaign_earned.campaign_id
            and campaign_audience.member_id = campaign_earned.member_id
    ) as earners
        on redemptions.tenant_id = earners.tenant_id
        and redemptions.member_id = earners.member_id
        and redemptions.program_id = earners.program_id
    where redemptions.effective_at >= earners.earned_at
      and redemptions.effective_at < earners.ends_at + interval 30 day
    group by earners.tenant_id, earners.campaign_id, earners.member_id

),

final as (

    select
        campaign_audience.tenant_id as tenant_id,
        campaign_audience.member_id as member_id,
        'campaign' as funnel,
        toString(campaign_audience.campaign_id) as cohort_key,
        toDate(campaign_audience.starts_at) as cohort_start,
        [
            toNullable(campaign_audience.entered_at),
            toNullable(campaign_earned.earned_at),
            toNullable(campaign_redeemed.redeemed_at)
        ] as step_times

    from campaign_audience
    left join campaign_earned
        on campaign_audience.tenant_id = campaign_earned.tenant_id
        and campaign_audience.campaign_id = campaign_earned.campaign_id
        and campaign_audience.member_id = campaign_earned.member_id
    left join campaign_redeemed
        on campaign_audience.tenant_id = campaign_redeemed.tenant_id
        and campaign_audience.campaign_id = campaign_redeemed.campaign_id
        and campaign_audience.member_id = campaign_redeemed.member_id

)

select * from final
