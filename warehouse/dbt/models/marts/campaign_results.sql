-- Each arm of each started campaign as the sufficient statistics of its members (n, Σ, Σ², Σ of products), so the
-- api's experiments module compares arms without pulling members. A member's figures, all 0 when they did nothing:
--   y  revenue in the window: purchases less refunds that happened from the start to the end, or to the as-of date
--      while the campaign runs, in the program's earning currency, minor units;
--   x  pre-period revenue, the same rule over the campaign's full planned length just before its start (fixed before
--      assignment and unchanged from one build to the next, as CUPED needs);
--   p  points cost: the bonus ledger entries naming the campaign, plus the rewards it granted at their cost in points.
-- Bonuses and rewards naming the campaign that went to members outside its audience (a member seated after the start,
-- a correction, an import) belong to no arm: they are counted once per campaign in the outside_audience_* columns,
-- repeated on each of its rows, so that arms plus outside reconcile with the ledger.
{{ config(order_by='(tenant_id, campaign_id, arm)') }}

with

campaigns as (

    select
        tenant_id,
        campaign_id,
        program_id,
        campaign_status,
        starts_at,
        ends_at,
        least(ends_at, {{ as_of_end() }}) as window_end,
        starts_at - toIntervalMillisecond(dateDiff('millisecond', starts_at, ends_at)) as pre_starts_at

    from {{ ref('stg_monet__campaigns') }}
    where starts_at < {{ as_of_end() }}

),

audiences as (

    select * from {{ ref('stg_monet__campaign_members') }}

),

programs as (

    select tenant_id, program_id, currency_code from {{ ref('stg_monet__programs') }}

),

events as (

    select tenant_id, program_id, member_id, event_type, occurred_at, amount_minor, currency_code
    from {{ ref('stg_monet__events') }}
    where event_type in ('purchase', 'refund') and occurred_at < {{ as_of_end() }}

),

bonus_entries as (

    select tenant_id, assumeNotNull(campaign_id) as campaign_id, member_id, points
    from {{ ref('stg_monet__ledger_entries') }}
    where entry_kind = 'bonus' and campaign_id is not null and effective_at < {{ as_of_end() }}

),

redemptions as (

    select * from {{ ref('stg_monet__redemptions') }}
    where created_at < {{ as_of_end() }}

),

rewards as (

    select tenant_id, reward_id, cost_points from {{ ref('stg_monet__rewards') }}

),

-- The population: every member seated when the campaign started, with their arm.
campaign_audience as (

    select
        audiences.tenant_id as tenant_id,
        audiences.campaign_id as campaign_id,
        audiences.member_id as member_id,
        audiences.variant as arm,
        campaigns.program_id as program_id,
        campaigns.starts_at as starts_at,
        campaigns.window_end as window_end,
        campaigns.pre_starts_at as pre_starts_at

    from audiences
    inner join campaigns
        on audiences.tenant_id = campaigns.tenant_id
        and audiences.campaign_id = campaigns.campaign_id

),

-- Purchases and refunds of the campaign's program, signed, in its earning currency (Monet does not convert).
priced_events as (

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

),

member_revenue as (

    select
        campaign_audience.tenant_id as tenant_id,
        campaign_audience.campaign_id as campaign_id,
        campaign_audience.member_id as member_id,
        sumIf(
            priced_events.signed_revenue_minor,
            priced_events.occurred_at >= campaign_audience.starts_at
        ) as revenue_minor,
        sumIf(
            priced_events.signed_revenue_minor,
            priced_events.occurred_at < campaign_audience.starts_at
        ) as pre_revenue_minor,
        countIf(
            priced_events.event_type = 'purchase' and priced_events.occurred_at >= campaign_audience.starts_at
        ) as purchases

    from campaign_audience
    inner join priced_events
        on campaign_audience.tenant_id = priced_events.tenant_id
        and campaign_audience.member_id = priced_events.member_id
        and campaign_audience.program_id = priced_events.program_id
    where priced_events.occurred_at >= campaign_audience.pre_starts_at
      and priced_events.occurred_at < campaign_audience.window_end
    group by campaign_audience.tenant_id, campaign_audience.campaign_id, campaign_audience.member_id

),

member_bonuses as (

    select tenant_id, campaign_id, member_id, sum(points) as bonus_points
    from bonus_entries
    group by tenant_id, campaign_id, member_id

),

-- Rewards the campaign granted (a redemption of 0 points naming it), at the reward's cost in points.
member_rewards as (

    select
        redemptions.tenant_id as tenant_id,
        assumeNotNull(redemptions.campaign_id) as campaign_id,
        redemptions.member_id as member_id,
        count() as rewards_granted,
        sum(rewards.cost_points) as reward_points

    from redemptions
    inner join rewards
        on redemptions.tenant_id = rewards.tenant_id
        and redemptions.reward_id = rewards.reward_id
    where redemptions.campaign_id is not null
      and redemptions.redemption_status not in ('cancelled', 'expired')
    group by redemptions.tenant_id, redemptions.campaign_id, redemptions.member_id

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

-- What the campaign gave members who are not in its audience.
outside_audience as (

    select
        given.tenant_id as tenant_id,
        given.campaign_id as campaign_id,
        toInt64(uniqExact(given.member_id)) as outside_audience_members,
        toInt64(sum(given.bonus_points)) as outside_audience_bonus_points,
        toInt64(sum(given.reward_points)) as outside_audience_reward_points

    from (
        select tenant_id, campaign_id, member_id, toInt64(bonus_points) as bonus_points, toInt64(0) as reward_points
        from member_bonuses
        union all
        select tenant_id, campaign_id, member_id, toInt64(0) as bonus_points, toInt64(reward_points) as reward_points
        from member_rewards
    ) as given
    where (given.tenant_id, given.campaign_id, given.member_id) not in (
        select tenant_id, campaign_id, member_id from audiences
    )
    group by given.tenant_id, given.campaign_id

),

members as (

    select
        campaign_audience.tenant_id as tenant_id,
        campaign_audience.campaign_id as campaign_id,
        campaign_audience.member_id as member_id,
        campaign_audience.arm as arm,
        toInt64(ifNull(member_revenue.revenue_minor, 0)) as y,
        toInt64(ifNull(member_revenue.pre_revenue_minor, 0)) as x,
        toInt64(ifNull(member_bonuses.bonus_points, 0)) as bonus,
        toInt64(ifNull(member_rewards.reward_points, 0)) as reward_cost,
        toInt64(ifNull(member_rewards.rewards_granted, 0)) as rewards,
        toInt64(ifNull(member_bonuses.bonus_points, 0) + ifNull(member_rewards.reward_points, 0)) as p,
        toUInt8(ifNull(member_revenue.purchases, 0) > 0) as participated,
        toInt64(ifNull(member_redemptions.redemptions, 0)) as redeemed

    from campaign_audience
    left join member_revenue
        on campaign_audience.tenant_id = member_revenue.tenant_id
        and campaign_audience.campaign_id = member_revenue.campaign_id
        and campaign_audience.member_id = member_revenue.member_id
    left join member_bonuses
        on campaign_audience.tenant_id = member_bonuses.tenant_id
        and campaign_audience.campaign_id = member_bonuses.campaign_id
        and campaign_audience.member_id = member_bonuses.member_id
    left join member_rewards
        on campaign_audience.tenant_id = member_rewards.tenant_id
        and campaign_audience.campaign_id = member_rewards.campaign_id
        and campaign_audience.member_id = member_rewards.member_id
    left join member_redemptions
        on campaign_audience.tenant_id = member_redemptions.tenant_id
        and campaign_audience.campaign_id = member_redemptions.campaign_id
        and campaign_audience.member_id = member_redemptions.member_id

),

arms as (

    select
        tenant_id,
        campaign_id,
        arm,
        toInt64(count()) as members,
        toInt64(sum(participated)) as participants,
        toInt64(countIf(redeemed > 0)) as redeemers,
        toInt64(sum(redeemed)) as redemptions,
        toInt64(sum(y)) as sum_revenue,
        sum(toInt128(y) * y) as sum_revenue_squared,
        sum(toInt128(y) * x) as sum_revenue_times_pre,
        toInt64(sum(x)) as sum_pre,
        sum(toInt128(x) * x) as sum_pre_squared,
        toInt64(sum(p)) as sum_points,
        sum(toInt128(p) * p) as sum_points_squared,
        sum(toInt128(p) * x) as sum_points_times_pre,
        toInt64(sum(bonus)) as bonus_points,
        toInt64(sum(reward_cost)) as reward_points,
        toInt64(sum(rewards)) as rewards_granted

    from members
    group by tenant_id, campaign_id, arm

),

final as (

    select
        arms.tenant_id as tenant_id,
        arms.campaign_id as campaign_id,
        arms.arm as arm,
        campaigns.program_id as program_id,
        campaigns.campaign_status as campaign_status,
        campaigns.starts_at as starts_at,
        campaigns.ends_at as ends_at,
        campaigns.window_end as window_end,
        campaigns.pre_starts_at as pre_starts_at,
        arms.members as members,
        arms.participants as participants,
        arms.redeemers as redeemers,
        arms.redemptions as redemptions,
        arms.sum_revenue as sum_revenue,
        arms.sum_revenue_squared as sum_revenue_squared,
        arms.sum_revenue_times_pre as sum_revenue_times_pre,
        arms.sum_pre as sum_pre,
        arms.sum_pre_squared as sum_pre_squared,
        arms.sum_points as sum_points,
        arms.sum_points_squared as sum_points_squared,
        arms.sum_points_times_pre as sum_points_times_pre,
        arms.bonus_points as bonus_points,
        arms.reward_points as reward_points,
        arms.rewards_granted as rewards_granted,
        ifNull(outside_audience.outside_audience_members, 0) as outside_audience_members,
        ifNull(outside_audience.outside_audience_bonus_points, 0) as outside_audience_bonus_points,
        ifNull(outside_audience.outside_audience_reward_points, 0) as outside_audience_reward_points,
        {{ as_of_date() }} as as_of_date,
        {{ run_started() }} as built_at

    from arms
    inner join campaigns
        on arms.tenant_id = campaigns.tenant_id
        and arms.campaign_id = campaigns.campaign_id
    left join outside_audience
        on arms.tenant_id = outside_audience.tenant_id
        and arms.campaign_id = outside_audience.campaign_id

)

select * from final
