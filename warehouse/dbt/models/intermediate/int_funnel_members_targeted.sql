{#- One row per tenant × campaign × audience member: the campaign funnel's steps as times (NULL where not reached),
    in its cohort (the campaign). Entering and earning are member_campaigns' entered_at and first response, so the
    funnel and the campaign marts count the same members at each step. Incremental by member
    (macros/changed_members.sql): a run rebuilds the members whose member_campaigns rows were rebuilt (changed_in),
    who left an audience, or who have ledger entries synced since its last run inside some campaign's reach
    (macros/campaign_reach.sql), and every member when a campaign changes. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        order_by='(tenant_id, member_id, cohort_key)',
        meta={
            'changed_by': ['campaign_members', 'ledger_entries'],
            'rebuilt_by': ['campaigns'],
            'changed_in': ['member_campaigns'],
            'reach': 'campaigns',
        },
        pre_hook=["{{ changed_members_gather() }}", "{{ changed_members_delete() }}"],
        post_hook="{{ changed_members_drop() }}",
    )
}}

-- depends_on: {{ ref('stg_monet__campaigns') }}

{#- Rendered once: each rendering asks ClickHouse whether every member is rebuilt. -#}
{%- set changed_members = changed_members_filter() %}

with

campaigns as (

    select tenant_id, campaign_id, program_id, starts_at, ends_at from {{ ref('stg_monet__campaigns') }}

),

audience as (

    select
        member_campaigns.tenant_id as tenant_id,
        member_campaigns.campaign_id as campaign_id,
        member_campaigns.member_id as member_id,
        member_campaigns.entered_at as entered_at,
        member_campaigns.first_response_at as earned_at,
        campaigns.program_id as program_id,
        campaigns.starts_at as starts_at,
        campaigns.ends_at as ends_at

    from (select * from {{ ref('member_campaigns') }} where {{ changed_members }}) as member_campaigns
    inner join campaigns
        on member_campaigns.tenant_id = campaigns.tenant_id
        and member_campaigns.campaign_id = campaigns.campaign_id

),

redemptions as (

    select tenant_id, member_id, program_id, effective_at from {{ ref('stg_monet__ledger_entries') }}
    where entry_kind = 'redemption' and effective_at < {{ as_of_end() }}
      and {{ changed_members }}

),

-- Redeeming is the first redemption in the campaign's program from the member's first earning until 30 days after
-- the window closes.
campaign_redeemed as (

    select
        audience.tenant_id as tenant_id,
        audience.campaign_id as campaign_id,
        audience.member_id as member_id,
        min(redemptions.effective_at) as redeemed_at

    from redemptions
    inner join audience
        on redemptions.tenant_id = audience.tenant_id
        and redemptions.member_id = audience.member_id
        and redemptions.program_id = audience.program_id
    where audience.earned_at is not null
      and redemptions.effective_at >= audience.earned_at
      and redemptions.effective_at < audience.ends_at + interval 30 day
    group by audience.tenant_id, audience.campaign_id, audience.member_id

),

final as (

    select
        audience.tenant_id as tenant_id,
        audience.member_id as member_id,
        'campaign' as funnel,
        toString(audience.campaign_id) as cohort_key,
        toDate(audience.starts_at) as cohort_start,
        [
            toNullable(audience.entered_at),
            toNullable(audience.earned_at),
            toNullable(campaign_redeemed.redeemed_at)
        ] as step_times,
        {{ as_of_date() }} as built_as_of,
        {{ run_started() }} as built_at

    from audience
    left join campaign_redeemed
        on audience.tenant_id = campaign_redeemed.tenant_id
        and audience.campaign_id = campaign_redeemed.campaign_id
        and audience.member_id = campaign_redeemed.member_id

)

select * from final
