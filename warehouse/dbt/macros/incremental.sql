{#- What the incremental models share: their margin and watermarks, the days and months they recompute, whether a
    run rebuilds a model whole, and tables built before a column was added. -#}

{#-
    Rows synced since the model's last run: their `column` (a source's `_synced_at`, a fact's `synced_through`)
    after the highest `watermark` of this table (the `synced_through` its rows carry, or the `built_at` of the run
    that built them), less the margin for inserts still in flight then (the var `sync_margin_minutes`).
-#}
{% macro synced_since_last_run(column='_synced_at', watermark='synced_through') -%}
    {{ column }} > (select max({{ watermark }}) from {{ this }})
        - interval {{ var('sync_margin_minutes') | int }} minute
{%- endmacro %}

{#-
    The months of `facts` (a table of daily rows with `day` and `synced_through`) holding a row synced since the
    model's last run: what a model kept by month recomputes.
-#}
{% macro months_synced_since_last_run(facts) -%}
    (select distinct toYYYYMM(day) from {{ facts }} where {{ synced_since_last_run('synced_through') }})
{%- endmacro %}

{#-
    The UTC days (`day_expression` of the rows of `relation`, an append-only source) holding a row synced since the
    model's last run: what a model kept by day recomputes. The body of a CTE with one column, `day`.
-#}
{% macro days_synced_since_last_run(relation, day_expression) -%}
    select distinct {{ day_expression }} as day from {{ relation }} where {{ synced_since_last_run() }}
{%- endmacro %}

{#-
    A model kept by day recomputes only the days in the CTE `days` and swaps their months in whole (REPLACE
    PARTITION, partitions by month): the rest of those months comes unchanged from the table itself.
-#}
{% macro rest_of_recomputed_months(days='days') -%}
    select * from {{ this }}
    where toYYYYMM(day) in (select toYYYYMM(day) from {{ days }})
      and day not in (select day from {{ days }})
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

{% macro model_meta(key, default=[]) -%}
    {{- return((config.get('meta') or {}).get(key, default)) -}}
{%- endmacro %}

{#-
    True on an incremental run of a model that keeps `built_as_of` and `built_at` and must rebuild all its rows:
    built before it kept them, the as-of date moved since its last run (every window moved with it), or a raw table
    named by its meta `rebuilt_by` has rows synced since then. Asked when executing, by the model and its hooks; the
    as-of date and the watermark are the invocation's start, so they decide alike.
-#}
{% macro rebuilds_whole() -%}
    {%- if not execute or not is_incremental() -%}
        {{- return(false) -}}
    {%- endif -%}
    {%- if lacks_column('built_as_of') -%}
        {{- return(true) -}}
    {%- endif -%}
    {%- set query -%}
        select toUInt8(
            toString((select max(built_as_of) from {{ this }})) != toString({{ as_of_date() }})
            {%- for table in model_meta('rebuilt_by') %}
            or exists (
                select 1 from {{ source('monet', table) }}
                where {{ synced_since_last_run(watermark='built_at') }} and _synced_at <= {{ run_started() }}
            )
            {%- endfor %}
        )
    {%- endset -%}
    {{- return(run_query(query).columns[0].values()[0] | int == 1) -}}
{%- endmacro %}

{#- cohort_retention's cohorts holding a member synced since its last run (an enrolment, a change, a deletion, whose
    row keeps the enrolment time): one row per grain and cohort start. -#}
{% macro cohorts_changed() -%}
    select distinct grain.1 as cohort_grain, grain.2 as cohort_start
    from {{ source('monet', 'members') }}
    array join [('month', toStartOfMonth(enrolled_at)), ('week', toMonday(enrolled_at))] as grain
    where {{ synced_since_last_run(watermark='built_at') }}
{%- endmacro %}

{#- cohort_retention's pre-hook: the changed cohorts' rows go, so that a cohort left without members leaves none. -#}
{% macro cohorts_delete_changed() -%}
    {{ rebuilt_rows_delete('(cohort_grain, cohort_start) in (' ~ cohorts_changed() ~ ')') }}
{%- endmacro %}

{#-
    The pre-hook that clears what an incremental run rebuilds: every row when it rebuilds the model whole, else the
    rows `condition` selects, waited for, so that the insert never lands beside rows still to be deleted.
-#}
{% macro rebuilt_rows_delete(condition) -%}
    {%- if not is_incremental() -%}
        select 1
    {%- elif rebuilds_whole() -%}
        truncate table {{ this }}
    {%- else -%}
        delete from {{ this }} where {{ condition }}
        settings mutations_sync = 2, lightweight_deletes_sync = 2
    {%- endif -%}
{%- endmacro %}
