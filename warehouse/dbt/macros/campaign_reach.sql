{#-
    True for a row of the raw `table` (events, ledger entries, redemptions) that can change a campaign's figures: one
    dated inside some started campaign's reach in its tenant and program, one naming a campaign (a bonus, a granted
    reward), or a delete (whose row may carry nothing but its key). Other tables' rows all count.

    The reach runs from the campaign's pre-period (as long as the campaign, before its start: the baseline revenue) to
    30 days after its end (the campaign funnel's redemption step), by whole UTC days, which covers every window the
    campaign models measure (models/intermediate/int_campaigns_windowed.sql, int_funnel_members_targeted.sql). The
    times of events, ledger entries and redemptions do not change once written, so a row's current version tells
    whether it was ever in reach. A campaign's own change rebuilds every member (`rebuilt_by: campaigns`), and so does
    the as-of date moving, when a campaign may start.
-#}
{% macro in_campaign_reach(table) -%}
    {%- set dated_by = {'events': 'occurred_at', 'ledger_entries': 'effective_at', 'redemptions': 'created_at'} -%}
    {%- if table not in dated_by -%}
        true
    {%- else -%}
        (_deleted = 1
        {%- if table != 'events' %} or campaign_id is not null{% endif %}
        or (tenant_id, program_id, toDate({{ dated_by[table] }})) in (
            select
                tenant_id,
                program_id,
                arrayJoin(arrayMap(
                    i -> first_day + i,
                    range(toUInt32(greatest(0, dateDiff('day', first_day, toDate(ends_at) + 30)) + 1))
                ))
            from (
                select
                    tenant_id,
                    program_id,
                    ends_at,
                    toDate(starts_at - toIntervalMillisecond(dateDiff('millisecond', starts_at, ends_at))) as first_day
                from {{ ref('stg_monet__campaigns') }}
                where starts_at < {{ as_of_end() }}
            )
        ))
    {%- endif -%}
{%- endmacro %}
