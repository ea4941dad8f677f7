-- Members' net revenue is one number whichever mart reports it: daily_activity by day, program_roi by month and
-- member_360 by member (member_360 leaves out deleted members, as every member-level mart does).
with

by_day as (
    select tenant_id, sum(net_revenue_minor) as revenue, sum(purchases) as purchases
    from {{ ref('daily_activity') }}
    group by tenant_id
),

by_month as (
    select tenant_id, sum(member_revenue_minor) as revenue from {{ ref('program_roi') }} group by tenant_id
),

by_live_member as (
    select tenant_id, sum(net_revenue_minor) as revenue, sum(purchases) as purchases
    from {{ ref('daily_activity') }}
    where (tenant_id, member_id) in (
        select tenant_id, member_id from {{ ref('stg_monet__members') }}
        where toDate(enrolled_at) <= {{ as_of_date() }}
    )
    group by tenant_id
),

by_member as (
    select tenant_id, sum(revenue_minor) as revenue, sum(purchases) as purchases
    from {{ ref('member_360') }}
    group by tenant_id
)

select by_day.tenant_id
from by_day
left join by_month on by_day.tenant_id = by_month.tenant_id
left join by_live_member on by_day.tenant_id = by_live_member.tenant_id
left join by_member on by_day.tenant_id = by_member.tenant_id
where by_month.revenue is null
   or by_day.revenue != by_month.revenue
   or ifNull(by_live_member.revenue, 0) != ifNull(by_member.revenue, 0)
   or ifNull(by_live_member.purchases, 0) != ifNull(by_member.purchases, 0)
