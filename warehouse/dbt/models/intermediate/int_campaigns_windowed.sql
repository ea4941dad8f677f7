{#- One row per campaign started by the as-of date, with the window its results measure: from its start to the
    earlier of its end and the as-of date, and a pre-period of the same length before the start (the baseline).
    Ephemeral: the campaign members' figures and campaign_results read the same windows. -#}
with

final as (

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

)

select * from final
