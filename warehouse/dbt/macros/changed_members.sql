{#-
    Member-keyed incremental marts. A mart whose rows each belong to one member (and depend on no other member's)
    rebuilds on an incremental run only the members whose inputs changed since its last run:

        {{ config(
            materialized='incremental',
            incremental_strategy='append',
            meta={'changed_by': ['tier_changes'], 'rebuilt_by': ['tiers']},
            pre_hook=["{{ changed_members_gather() }}", "{{ changed_members_delete() }}"],
            post_hook="{{ changed_members_drop() }}",
        ) }}
        ...
        from members
        where {{ changed_members_filter() }}

    and carries `{{ as_of_date() }} as built_as_of` and `{{ run_started() }} as built_at` (the watermark).

    The first pre-hook gathers the changed members once into `<mart>__changed`, so that the members deleted and the
    members written are the same set; the second deletes their rows. A member is changed when their gathered days were
    written after the mart's last run, or when they have a row synced since then (less the same margin as the daily
    facts, `sync_margin_minutes`, for inserts still in flight) in one of the raw tables named by `changed_by`, or when a
    member-keyed model named by `changed_in` (one it reads) rebuilt their rows since then. A member deleted from the
    source is in the set and gets no new rows.

    A model whose rows change only through campaign windows (meta `reach: campaigns`) names the raw events, ledger
    entries and redemptions in `changed_by` instead of reading the gathered days, and takes only their rows inside
    some campaign's reach (macros/campaign_reach.sql): an order outside every campaign changes none of its members.

    A model of dated snapshots (`as_of_date`; member_features) names how far after its date a snapshot reads
    (meta `snapshot_lookahead_days`): the members changed through their purchase or ledger days (the daily facts
    synced since the last run, instead of the gathered days) are then rebuilt from the first snapshot the run's
    earliest changed day reaches (`from_day`: that day less the lookahead), and the members changed any other way
    from their first snapshot. The older snapshots keep their rows.

    The enrolment funnel's steps (meta `reach: enrolment funnel`) end at a member's first redemption after their second
    purchase, so a later purchase or redemption changes nothing: it takes the raw purchases and redemptions synced
    since, only those before the member's second purchase or first redemption step as its table has them (or
    deleted), instead of the gathered days.

    The as-of date and the watermark are the run's start, so the model and its hooks, rendered one after another,
    decide alike whether every member is rebuilt. Every member is rebuilt (the second pre-hook empties the mart)
    when the as-of date has moved since the last run, since every window moved with it (once a day on the 15-minute
    schedule), or when a raw table named by `rebuilt_by` has rows synced since then (a tier's rank or a campaign's
    window reaches members with no row of their own). A full refresh builds the same rows.

    Readers see the changed members' rows missing between the delete and the insert (one statement each, so a
    fraction of a second at a 1 % change): ClickHouse has no transaction across the two. A mart with a projection
    (member_360) stays a table rebuilt whole: reads through a projection still found the deleted rows.
-#}

{% macro changed_members_relation() -%}
    {{ this.incorporate(path={"identifier": this.identifier ~ '__changed'}) }}
{%- endmacro %}

{#- The members to build: every member on a first run, a full refresh or a rebuild, else the changed ones. -#}
{#- A model that filters several reads renders it once (`set`): each rendering asks whether every member is rebuilt. -#}
{% macro changed_members_filter() -%}
    {%- if is_incremental() and not rebuilds_whole() -%}
        {#- The member id alone first: on a large scan it rules out most rows for much less than the pair's test. -#}
        (member_id in (select member_id from {{ changed_members_relation() }})
        and (tenant_id, member_id) in (select tenant_id, member_id from {{ changed_members_relation() }}))
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}

{#-
    First pre-hook: the changed members, gathered once (nothing to gather when every member is rebuilt). A mart built
    before it kept members this way gains the watermark columns instead, last as the model selects them (dbt's
    on_schema_change does not run for an append without a unique key), and is rebuilt whole.
-#}
{% macro changed_members_gather() -%}
    {%- if lacks_column('built_as_of') -%}
        alter table {{ this }}
            add column if not exists built_as_of Date,
            add column if not exists built_at DateTime64(3, 'UTC')
    {%- elif is_incremental() and not rebuilds_whole() -%}
        create or replace table {{ changed_members_relation() }} engine = Memory as
        {%- set within_campaigns = model_meta('reach') == 'campaigns' %}
        {%- set within_funnel_steps = model_meta('reach') == 'enrolment funnel' %}
        {%- set lookahead = model_meta('snapshot_lookahead_days', none) %}
        {%- set any_day = "toDate('1970-01-01') as from_day" %}
        {%- set reads = [] %}
        {%- if lookahead is not none %}
            {%- for facts in ['int_events_summed_daily', 'int_ledger_entries_summed_daily'] %}
                {%- do reads.append("select tenant_id, member_id, day - " ~ lookahead ~ " as from_day from "
                    ~ ref(facts) ~ " where " ~ synced_since_last_run('synced_through', 'built_at')) %}
            {%- endfor %}
        {%- elif not within_campaigns and not within_funnel_steps %}
            {#- At the watermark's precision: the members gathered by the mart's own last run are not changed since. #}
            {%- do reads.append("select tenant_id, member_id, " ~ any_day ~ " from " ~ ref('int_member_days_gathered')
                ~ " where toDateTime64(gathered_at, 3, 'UTC') > (select max(built_at) from " ~ this ~ ")") %}
        {%- endif %}
        {%- for table in model_meta('changed_by') %}
            {%- if within_funnel_steps and table in ['events', 'ledger_entries'] %}
                {%- do reads.append(enrolment_funnel_changes(table)) %}
            {%- else %}
                {%- do reads.append("select tenant_id, " ~ ('id' if table == 'members' else 'member_id')
                    ~ " as member_id, " ~ any_day ~ " from " ~ source('monet', table)
                    ~ " where " ~ synced_since_last_run(watermark='built_at')
                    ~ ((" and " ~ in_campaign_reach(table)) if within_campaigns else "")) %}
            {%- endif %}
        {%- endfor %}
        {%- for model in model_meta('changed_in') %}
            {%- do reads.append("select tenant_id, member_id, " ~ any_day ~ " from " ~ ref(model)
                ~ " where built_at > (select max(built_at) from " ~ this ~ ")") %}
        {%- endfor %}
        with members as (
            select tenant_id, member_id, min(from_day) as from_day from (
                {{ reads | join('\n                union all\n                ') }}
            )
            group by tenant_id, member_id
        )
        {#- Two from_days only, every snapshot or those from the earliest changed day, so that the delete needs no
            join: a member's own earliest day would cost more to delete by than the snapshots it spares. #}
        select tenant_id, member_id, if(from_day = toDate('1970-01-01'), from_day,
            (select min(from_day) from members where from_day > toDate('1970-01-01'))) as from_day
        from members
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- Second pre-hook: the rows about to be rebuilt go. -#}
{% macro changed_members_delete() -%}
    {%- set changed = changed_members_relation() -%}
    {%- if model_meta('snapshot_lookahead_days', none) is not none -%}
        {#- Each member's snapshots from their from_day: every snapshot, or those from the one later from_day. -#}
        {%- set condition -%}
            (tenant_id, member_id) in (
                select tenant_id, member_id from {{ changed }} where from_day = toDate('1970-01-01'))
            or (as_of_date >= (select max(from_day) from {{ changed }})
                and (tenant_id, member_id) in (select tenant_id, member_id from {{ changed }}))
        {%- endset -%}
    {%- else -%}
        {%- set condition = '(tenant_id, member_id) in (select tenant_id, member_id from ' ~ changed ~ ')' -%}
    {%- endif -%}
    {{ rebuilt_rows_delete(condition) }}
{%- endmacro %}

{% macro changed_members_drop() -%}
    drop table if exists {{ changed_members_relation() }}
{%- endmacro %}

{#-
    The members of the enrolment funnel's steps (int_funnel_members_enrolled) that the raw `table`'s rows synced since
    its last run can change: a purchase before the member's second purchase step (or with fewer than two), a
    redemption before their redemption step (or with none yet), or a delete. A member without a row counts.
-#}
{% macro enrolment_funnel_changes(table) -%}
    {%- set at, kept = ('occurred_at', "type = 'purchase'") if table == 'events'
        else ('effective_at', "kind = 'redemption'") -%}
    {%- set step = 3 if table == 'events' else 4 -%}
    select changes.tenant_id as tenant_id, changes.member_id as member_id, toDate('1970-01-01') as from_day
    from {{ source('monet', table) }} as changes
    left join (select tenant_id, member_id, step_times[{{ step }}] as step_at from {{ this }}) as steps
        on changes.tenant_id = steps.tenant_id and changes.member_id = steps.member_id
    where {{ synced_since_last_run(watermark='built_at') }}
      and (changes._deleted = 1 or ({{ kept }} and (steps.step_at is null or changes.{{ at }} < steps.step_at)))
{%- endmacro %}
