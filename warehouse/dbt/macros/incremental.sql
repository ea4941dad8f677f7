{#- What the incremental models share: their watermarks, the months they recompute, and tables built before a
    column was added. -#}

{#- Rows of an append-only source synced since the model's last run (with a margin for inserts still in flight). -#}
{% macro synced_since_last_run() -%}
    _synced_at > (select max(synced_through) from {{ this }}) - interval 10 minute
{%- endmacro %}

{#-
    The months of `facts` (a table of daily rows with `day` and `synced_through`) holding a row synced since the
    model's last run, less the same margin: what a model kept by month recomputes.
-#}
{% macro months_synced_since_last_run(facts) -%}
    (
        select distinct toYYYYMM(day) from {{ facts }}
        where synced_through > (select max(synced_through) from {{ this }}) - interval 10 minute
    )
{%- endmacro %}

{#-
    Pre-hook of an incremental mart kept by month: its rows after the as-of date go, so that a run on an earlier date
    than the last (a re-run for a past day) leaves none behind. Nothing is sent when there are none.
-#}
{% macro delete_after_as_of(day_column) -%}
    {%- if execute and is_incremental() -%}
        {%- set query -%}
            select count() from {{ this }} where {{ day_column }} > {{ as_of_date() }}
        {%- endset -%}
        {%- if run_query(query).columns[0].values()[0] | int > 0 -%}
            delete from {{ this }} where {{ day_column }} > {{ as_of_date() }}
        {%- else -%}
            select 1
        {%- endif -%}
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#-
    True when executing an incremental run against a table without `column`: one built by an earlier version of the
    model, which dbt brings up to date (on_schema_change: sync_all_columns) before it inserts, and which the model then
    rebuilds whole rather than trusting a watermark it never kept.
-#}
{% macro lacks_column(column) -%}
    {%- if not execute or not is_incremental() -%}
        {{- return(false) -}}
    {%- endif -%}
    {%- set query -%}
        select count() from system.columns
        where database = '{{ this.schema }}' and table = '{{ this.identifier }}' and name = '{{ column }}'
    {%- endset -%}
    {{- return(run_query(query).columns[0].values()[0] | int == 0) -}}
{%- endmacro %}
