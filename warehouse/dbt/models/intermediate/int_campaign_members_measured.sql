{#- One row per tenant × started campaign × member of its audience, or member it gave a bonus or a reward outside its
    audience: the member's figures the campaign marts read (member_campaigns copies the audience's rows,
    campaign_results sums them by arm), so that one model reads raw history, and only the changed members'.
    Incremental by member (macros/changed_members.sql): a run rebuilds the members whose audiences changed or who
    have events, ledger entries or redemptions synced since its last run inside some campaign's reach (an order
    outside every campaign's windows changes none of their figures: macros/campaign_reach.sql), and every member
    when a campaign or a program (its currency) changes. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        order_by='(tenant_id, member_id, campaign_id)',
        meta={
            'changed_by': ['campaign_members', 'events', 'ledger_entries', 'redemptions'],
            'reach': 'campaigns',
            'rebuilt_by': ['campaigns', 'programs'],
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

    select tenant_id, campaign_id, program_id, starts_at, ends_at, window_end, pre_starts_at
    from {{ ref('int_campaigns_windowed') }}

),

audiences as (

    select tenant_id, campaign_id, member_id, variant, added_at from {{ ref('stg_monet__campaign_members') }}
    where {{ changed_members }}

),

programs as (

    select tenant_id, program_id, currency_code from {{ ref('stg_monet__programs') }}

),

-- The ledger, events and redemptions are read from their raw tables as their staging views read them (the latest
-- version of each row, unless deleted; the same renames), with the changed members picked before FINAL collapses the
-- versions (PREWHERE), which halves the cost of each read on an incremental run: all versions of a row belong to one
-- member, so the rows are the same.
earnings as (

    select
        tenant_id,
        member_id,
        program_id,
        campaign_id,
        toString(kind) as entry_kind,
        toInt64(points) as points,
        effective_at
    from {{ source('monet', 'ledger_entries') }} final
    prewhere {{ changed_members }}
    where _deleted = 0 and kind in ('accrual', 'bonus') and effective_at < {{ as_of_end() }}

),

events as (

    select
        tenant_id,
        program_id,
        member_id,
        toString(type) as event_type,
        occurred_at,
        toInt64(ifNull(amount_minor, 0)) as amount_minor,
        toString(ifNull(currency, '')) as currency_code
    from {{ source('monet', 'events') }} final
    prewhere {{ changed_members }}
    where _deleted = 0 and type in ('purchase', 'refund') and occurred_at < {{ as_of_end() }}

),

redemptions as (

    select tenant_id, member_id, program_id, reward_id, campaign_id, toString(status) as redemption_status, created_at
    from {{ source('monet', 'redemptions') }} final
    prewhere {{ changed_members }}
    where _deleted = 0 and created_at < {{ as_of_end() }}

),

-- The audience enters at the later of being added and the campaign's start, as in the campaign funnel.
campaign_audience as (

    select
        audiences.tenant_id as tenant_id,
        audiences.campaign_id as campaign_id,
        audiences.member_id as member_id,
        audiences.variant as variant,
        audiences.added_at as added_at,
        greatest(audiences.added_at, campaigns.starts_at) as entered_at,
        campaigns.program_id as program_id,
        campaigns.starts_at as starts_at,
        campaigns.ends_at as ends_at,
        campaigns.window_end as window_end,
        campaigns.pre_starts_at as pre_starts_at

    from audiences
    inner join campaigns
        on audiences.tenant_id = campaigns.tenant_id
        and audiences.campaign_id = campaigns.campaign_id

),

-- A response is the funnel's "earned" step: the first accrual or bonus in the campaign's program within its window,
-- from the member's entry. Control members respond too (they earn without the offer), which is what lift compares.
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

-- What a campaign gave the member, in its audience or not: the bonus ledger entries naming it ... (campaign_id stays
-- Nullable until facts: ClickHouse's WHERE would test an assumeNotNull alias of the same name, not the column)
bonuses as (

    select tenant_id, campaign_id, member_id, points
    from earnings
    where entry_kind = 'bonus' and campaign_id is not null

),

-- ... and the rewards it granted (a redemption naming it, not cancelled or expired), priced by campaign_results.
grants as (

    select tenant_id, campaign_id, member_id, reward_id
    from redemptions
    where campaign_id is not null and redemption_status not in ('cancelled', 'expired')

),

-- The member's own fulfilled redemptions made in the window (campaign grants left out).
member_redemptions as (

    select
        campaign_audience.tenant_id as tenant_id,
        campaign_audience.campaign_id as campaign_id,
        campaign_audience.member_id as member_id,
        count() as redemptions

    from campaign_audience
    inner join redemptions
        on campaign_audience.tenant_id = redemptions.tenant_id
        and campaign_audience.member_id = redemptions.member_id
        and campaign_audience.program_id = redemptions.program_id
    where redemptions.campaign_id is null
      and redemptions.redemption_status = 'fulfilled'
      and redemptions.created_at >= campaign_audience.starts_at
      and redemptions.created_at < campaign_audience.window_end
    group by campaign_audience.tenant_id, campaign_audience.campaign_id, campaign_audience.member_id

),

-- Purchases and refunds of the campaign's program, signed, in its earning currency (Monet does not convert), from the
-- pre-period's start to the window's end.
member_revenue as (

    select
        campaign_audience.tenant_id as tenant_id,
        campaign_audience.campaign_id as campaign_id,
        campaign_audience.member_id as member_id,
        sumIf(priced_events.signed_revenue_minor, priced_events.occurred_at >= campaign_audience.starts_at)
            as revenue_minor,
        sumIf(priced_events.signed_revenue_minor, priced_events.occurred_at < campaign_audience.starts_at)
            as pre_revenue_minor,
        countIf(
            priced_events.event_type = 'purchase' and priced_events.occurred_at >= campaign_audience.starts_at
        ) as purchases

    from campaign_audience
    inner join (
        select
            events.tenant_id as tenant_id,
            events.program_id as program_id,
            events.member_id as member_id,
            events.event_type as event_type,
            events.occurred_at as occurred_at,
            if(events.currency_code = programs.currency_code, events.amount_minor, 0)
                * if(events.event_type = 'refund', -1, 1) as signed_revenue_minor
        from events
        inner join programs
            on events.tenant_id = programs.tenant_id
            and events.program_id = programs.program_id
    ) as priced_events
        on campaign_audience.tenant_id = priced_events.tenant_id
        and campaign_audience.member_id = priced_events.member_id
        and campaign_audience.program_id = priced_events.program_id
    where priced_events.occurred_at >= campaign_audience.pre_starts_at
      and priced_events.occurred_at < campaign_audience.window_end
    group by campaign_audience.tenant_id, campaign_audience.campaign_id, campaign_audience.member_id

),

-- Every fact about a member and a campaign, each with the others' columns empty: one GROUP BY gathers them, with no
-- join.
facts as (

    select
        campaign_audience.tenant_id as tenant_id,
        campaign_audience.campaign_id as campaign_id,
        campaign_audience.member_id as member_id,
        toNullable(campaign_audience.variant) as variant,
        toNullable(campaign_audience.added_at) as added_at,
        toNullable(campaign_audience.entered_at) as entered_at,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as response_at,
        toInt64(0) as bonus_points,
        cast(null as Nullable(UUID)) as reward_id,
        toInt64(ifNull(member_revenue.revenue_minor, 0)) as revenue_minor,
        toInt64(ifNull(member_revenue.pre_revenue_minor, 0)) as pre_revenue_minor,
        toInt64(ifNull(member_revenue.purchases, 0)) as purchases,
        toInt64(0) as redemptions
    from campaign_audience
    left join member_revenue
        on campaign_audience.tenant_id = member_revenue.tenant_id
        and campaign_audience.campaign_id = member_revenue.campaign_id
        and campaign_audience.member_id = member_revenue.member_id

    union all

    select
        tenant_id,
        campaign_id,
        member_id,
        cast(null as Nullable(String)) as variant,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as added_at,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as entered_at,
        toNullable(first_response_at) as response_at,
        toInt64(0) as bonus_points,
        cast(null as Nullable(UUID)) as reward_id,
        toInt64(0) as revenue_minor,
        toInt64(0) as pre_revenue_minor,
        toInt64(0) as purchases,
        toInt64(0) as redemptions
    from responses

    union all

    select
        tenant_id,
        assumeNotNull(campaign_id) as campaign_id,
        member_id,
        cast(null as Nullable(String)) as variant,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as added_at,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as entered_at,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as response_at,
        toInt64(points) as bonus_points,
        cast(null as Nullable(UUID)) as reward_id,
        toInt64(0) as revenue_minor,
        toInt64(0) as pre_revenue_minor,
        toInt64(0) as purchases,
        toInt64(0) as redemptions
    from bonuses

    union all

    select
        tenant_id,
        assumeNotNull(campaign_id) as campaign_id,
        member_id,
        cast(null as Nullable(String)) as variant,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as added_at,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as entered_at,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as response_at,
        toInt64(0) as bonus_points,
        toNullable(reward_id) as reward_id,
        toInt64(0) as revenue_minor,
        toInt64(0) as pre_revenue_minor,
        toInt64(0) as purchases,
        toInt64(0) as redemptions
    from grants

    union all

    select
        tenant_id,
        campaign_id,
        member_id,
        cast(null as Nullable(String)) as variant,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as added_at,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as entered_at,
        cast(null as Nullable(DateTime64(3, 'UTC'))) as response_at,
        toInt64(0) as bonus_points,
        cast(null as Nullable(UUID)) as reward_id,
        toInt64(0) as revenue_minor,
        toInt64(0) as pre_revenue_minor,
        toInt64(0) as purchases,
        toInt64(redemptions) as redemptions
    from member_redemptions

),

-- One row per seat, and per member outside the audience whom a started campaign gave a bonus or a reward.
final as (

    select
        tenant_id,
        campaign_id,
        member_id,
        -- NULL outside the audience: only the seat's fact carries them (any() passes over NULL).
        any(variant) as variant,
        any(added_at) as added_at,
        any(entered_at) as entered_at,
        min(response_at) as first_response_at,
        sum(bonus_points) as bonus_points,
        -- groupArray passes over the other facts' NULL reward.
        arraySort(groupArray(reward_id)) as granted_reward_ids,
        sum(revenue_minor) as revenue_minor,
        sum(pre_revenue_minor) as pre_revenue_minor,
        sum(purchases) as purchases,
        sum(redemptions) as redemptions,
        {{ as_of_date() }} as built_as_of,
        {{ run_started() }} as built_at

    from facts
    where (tenant_id, campaign_id) in (select tenant_id, campaign_id from campaigns)
    group by tenant_id, campaign_id, member_id

)

select * from final
