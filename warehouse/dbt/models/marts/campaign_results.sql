-- Each arm of each started campaign as the sufficient statistics of its members (n, Σ, Σ², Σ of products), so the
-- api's experiments module compares arms without pulling members. A member's figures, all 0 when they did nothing:
--   y  revenue in the window: purchases less refunds that happened from the start to the end, or to the as-of date
--      while the campaign runs, in the program's earning currency, minor units;
--   x  pre-period revenue, the same rule over the campaign's full planned length just before its start (fixed before
--      assignment and unchanged from one build to the next, as CUPED needs);
--   p  points cost: the bonus ledger entries naming the campaign, plus the rewards it granted at their cost in points.
-- Bonuses and rewards naming the campaign that went to members outside its audience (a member seated after the start,
-- a correction, an import) belong to no arm: they are counted once per campaign in the outside_audience_* columns,
-- repeated on each of its rows, so that arms plus outside reconcile with the ledger. The members' figures come from
-- int_campaign_members_measured, which a run updates for the changed members only; this table sums them again.
{{ config(order_by='(tenant_id, campaign_id, arm)') }}

with

campaigns as (

    select * from {{ ref('int_campaigns_windowed') }}

),

measured as (

    select * from {{ ref('int_campaign_members_measured') }}

),

rewards as (

    select tenant_id, reward_id, cost_points from {{ ref('stg_monet__rewards') }}

),

-- Rewards the campaign granted the member, at the reward's cost in points today.
member_rewards as (

    select
        granted.tenant_id as tenant_id,
        granted.campaign_id as campaign_id,
        granted.member_id as member_id,
        count() as rewards_granted,
        sum(rewards.cost_points) as reward_points

    from (
        select tenant_id, campaign_id, member_id, arrayJoin(granted_reward_ids) as reward_id
        from measured
        where notEmpty(granted_reward_ids)
    ) as granted
    inner join rewards
        on granted.tenant_id = rewards.tenant_id
        and granted.reward_id = rewards.reward_id
    group by granted.tenant_id, granted.campaign_id, granted.member_id

),

given as (

    select
        measured.tenant_id as tenant_id,
        measured.campaign_id as campaign_id,
        measured.member_id as member_id,
        measured.variant as variant,
        measured.revenue_minor as y,
        measured.pre_revenue_minor as x,
        measured.bonus_points as bonus,
        toInt64(ifNull(member_rewards.reward_points, 0)) as reward_cost,
        toInt64(ifNull(member_rewards.rewards_granted, 0)) as rewards,
        measured.bonus_points + toInt64(ifNull(member_rewards.reward_points, 0)) as p,
        toUInt8(measured.purchases > 0) as participated,
        measured.redemptions as redeemed

    from measured
    left join member_rewards
        on measured.tenant_id = member_rewards.tenant_id
        and measured.campaign_id = member_rewards.campaign_id
        and measured.member_id = member_rewards.member_id

),

-- The population: every member seated when the campaign started, with their arm.
members as (

    select * except (variant), toLowCardinality(assumeNotNull(variant)) as arm from given where variant is not null

),

-- What the campaign gave members who are not in its audience.
outside_audience as (

    select
        tenant_id,
        campaign_id,
        toInt64(uniqExact(member_id)) as outside_audience_members,
        toInt64(sum(bonus)) as outside_audience_bonus_points,
        toInt64(sum(reward_cost)) as outside_audience_reward_points

    from given
    where variant is null
    group by tenant_id, campaign_id

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
