-- Incremental by month (the daily facts are kept by day): a run replaces the months whose facts were synced since its
-- last run, and the months from its latest day on (the as-of date's month, and the months a later as-of date reaches).
-- Days after the as-of date go first (macros/incremental.sql), for a run on an earlier date than the last.
{{
    config(
        materialized='incremental',
        incremental_strategy='insert_overwrite',
        partition_by='toYYYYMM(day)',
        order_by='(tenant_id, day, program_id, member_id)',
        pre_hook="{{ delete_after_as_of('day') }}",
    )
}}

with

days as (

    select * from {{ ref('int_events_summed_daily') }}
    where day <= {{ as_of_date() }}
    {% if is_incremental() and not lacks_column('synced_through') %}
      and (
          toYYYYMM(day) in {{ months_synced_since_last_run(ref('int_events_summed_daily')) }}
          or day >= toStartOfMonth((select max(day) from {{ this }}))
      )
    {% endif %}

),

final as (

    select
        tenant_id,
        program_id,
        member_id,
        day,
        purchases,
        refunds,
        net_revenue_minor,
        synced_through

    from days

)

select * from final
