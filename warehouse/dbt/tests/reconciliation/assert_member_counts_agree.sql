-- Every member-level mart counts the same members per tenant: the members enrolled by the as-of date, each once in
-- member_360 and member_rfm, in one monthly and one weekly cohort, and in one enrolment funnel.
with

members as (

    select tenant_id, count() as members
    from {{ ref('stg_monet__members') }}
    where toDate(enrolled_at) <= {{ as_of_date() }}
    group by tenant_id

),

counts as (

    select tenant_id, 'member_360' as mart, count() as members from {{ ref('member_360') }} group by tenant_id
    union all
    select tenant_id, 'member_rfm', count() from {{ ref('member_rfm') }} group by tenant_id
    union all
    select tenant_id, concat('cohort_retention/', cohort_grain), sum(cohort_size)
    from {{ ref('cohort_retention') }}
    where period_index = 0
    group by tenant_id, cohort_grain
    union all
    select tenant_id, 'funnels/enrolment', sum(members)
    from {{ ref('funnels') }}
    where funnel = 'enrolment' and step_index = 1
    group by tenant_id
    union all
    select tenant_id, 'member_features', count()
    from {{ ref('member_features') }}
    where as_of_date = {{ as_of_date() }}
    group by tenant_id

)

select counts.tenant_id, counts.mart, counts.members, members.members as expected
from counts
left join members on counts.tenant_id = members.tenant_id
where members.members is null or counts.members != members.members
