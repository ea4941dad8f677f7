{#-
    The date the marts describe: the `as_of_date` var when set (fixtures, backfills), else the UTC day the dbt
    invocation started, so that every model of a run that crosses midnight describes the same day.
    Windows "before the as-of date" include it: the 365-day window is (as_of_date − 365 days, as_of_date].
-#}
{% macro as_of_date() -%}
    {%- set as_of = var('as_of_date', none) -%}
    {%- if as_of -%} toDate('{{ as_of }}') {%- else -%} toDate('{{ run_started_at.strftime("%Y-%m-%d") }}') {%- endif -%}
{%- endmacro %}

{#- The first instant after the as-of date: rows are in the marts' view when their timestamp is before it. -#}
{% macro as_of_end() -%}
    toDateTime64({{ as_of_date() }} + 1, 3, 'UTC')
{%- endmacro %}

{#-
    The instant the dbt invocation started (UTC): the watermark of a run's incremental rows. Rows synced after it are
    taken by the next run, whose margin reaches back before it.
-#}
{% macro run_started(scale=3) -%}
    toDateTime64('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}', {{ scale }}, 'UTC')
{%- endmacro %}
