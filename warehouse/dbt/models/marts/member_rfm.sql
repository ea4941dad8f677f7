{#- The RFM page's counts kept beside the rows (an aggregate projection ClickHouse picks by itself): members and
    monetary totals per tenant, segment and R×F cell, so the page reads a few dozen rows rather than every member. -#}
{{ config(
    order_by='(tenant_id, member_id)',
    projections=[{
        'name': 'rfm_cells',
        'query': 'SELECT tenant_id, rfm_segment, r_score, f_score, count(), sum(monetary_minor), max(as_of_date)'
            ~ ' GROUP BY tenant_id, rfm_segment, r_score, f_score',
    }],
) }}

with

members as (

    select tenant_id, member_id from {{ ref('stg_monet__members') }}
    where toDate(enrolled_at) <= {{ as_of_date() }}

),

-- The 365-day window moves with the as-of date, so it is applied here, to each member's gathered days (one compact
-- row per member), rather than kept in an incremental table.
gathered as (

    select tenant_id, member_id, activity_days, day_purchases, day_revenue
    from {{ ref('int_member_days_gathered') }} final

),

measures as (

    select
        tenant_id,
        member_id,
        arrayMap(d -> d <= {{ as_of_date() }}, activity_days) as seen,
        arrayMap(d -> d > {{ as_of_date() }} - 365 and d <= {{ as_of_date() }}, activity_days) as in_window,
        arrayReduce('maxIf', activity_days, arrayMap((s, n) -> s and n > 0, seen, day_purchases))
            as last_purchase_day,
        arrayExists((s, n) -> s and n > 0, seen, day_purchases) as has_purchased,
        toUInt32(arraySum(arrayMap((w, n) -> if(w, n, 0), in_window, day_purchases))) as frequency,
        toInt64(arraySum(arrayMap((w, r) -> if(w, r, 0), in_window, day_revenue))) as monetary_minor

    from gathered

),

member_measures as (

    select
        members.tenant_id as tenant_id,
        members.member_id as member_id,
        if(
            measures.has_purchased,
            toInt32(dateDiff('day', measures.last_purchase_day, {{ as_of_date() }})),
            null
        ) as recency_days,
        toUInt32(ifNull(measures.frequency, 0)) as frequency,
        toInt64(ifNull(measures.monetary_minor, 0)) as monetary_minor

    from members
    left join measures
        on members.tenant_id = measures.tenant_id
        and members.member_id = measures.member_id

),

-- Score = 1 + intDiv(5 × w, n), w = scored members of the tenant with a strictly worse value; rank() − 1 counts
-- exactly those when the worst value sorts first. Members without purchases in the window are not scored (1, 1, 1):
-- they rank in a window of their own (partitioned by whether the member is scored), so every member is measured and
-- ranked in one pass, without joining the measures to their own scores.
scored as (

    select
        tenant_id,
        member_id,
        recency_days,
        frequency,
        monetary_minor,
        frequency > 0 as is_scored,
        count() over members_alike as scored_members,
        toUInt8(1 + intDiv(5 * (rank() over (partition by tenant_id, frequency > 0 order by recency_days desc) - 1),
            scored_members)) as recency_rank_score,
        toUInt8(1 + intDiv(5 * (rank() over (partition by tenant_id, frequency > 0 order by frequency asc) - 1),
            scored_members)) as frequency_rank_score,
        toUInt8(1 + intDiv(5 * (rank() over (partition by tenant_id, frequency > 0 order by monetary_minor asc) - 1),
            scored_members)) as monetary_rank_score

    from member_measures
    window members_alike as (partition by tenant_id, frequency > 0)

),

final as (

    select
        tenant_id,
        member_id,
        {{ as_of_date() }} as as_of_date,
        recency_days,
        frequency,
        monetary_minor,
        if(is_scored, recency_rank_score, toUInt8(1)) as r_score,
        if(is_scored, frequency_rank_score, toUInt8(1)) as f_score,
        if(is_scored, monetary_rank_score, toUInt8(1)) as m_score,
        multiIf(
            frequency = 0 or (r_score = 1 and f_score = 1), 'Lost',
            r_score = 5 and f_score >= 4, 'Champions',
            r_score between 3 and 4 and f_score >= 4, 'Loyal',
            r_score >= 4 and f_score between 2 and 3, 'Potential Loyalists',
            r_score = 5 and f_score = 1, 'New',
            r_score = 4 and f_score = 1, 'Promising',
            r_score = 3 and f_score = 3, 'Need Attention',
            r_score = 3 and f_score <= 2, 'About to Sleep',
            f_score = 5, 'Cannot Lose Them',
            f_score >= 3, 'At Risk',
            'Hibernating'
        ) as rfm_segment

    from scored

)

select * from final
