-- member_campaigns and the campaign funnel count the same audience and the same responders per campaign: the
-- funnel's first step (entered) and second step (earned).
with

campaigns as (

    select
        tenant_id,
        toString(campaign_id) as cohort_key,
        count() as audience,
        countIf(responded = 1) as responders

    from {{ ref('member_campaigns') }}
    group by tenant_id, campaign_id

),

funnel as (

    select
        tenant_id,
        cohort_key,
        sumIf(members, step_index = 1) as audience,
        sumIf(members, step_index = 2) as responders

    from {{ ref('funnels') }}
    where funnel = 'campaign'
    group by tenant_id, cohort_key

)

select
    coalesce(campaigns.tenant_id, funnel.tenant_id) as tenant_id,
    coalesce(campaigns.cohort_key, funnel.cohort_key) as cohort_key,
    campaigns.audience as mart_audience,
    funnel.audience as funnel_audience,
    campaigns.responders as mart_responders,
    funnel.responders as funnel_responders
from campaigns
full outer join funnel
    on campaigns.tenant_id = funnel.tenant_id
    and campaigns.cohort_key = funnel.cohort_key
where campaigns.cohort_key is null
   or funnel.cohort_key is null
   or campaigns.audience != funnel.audience
   or campaigns.responders != funnel.responders
