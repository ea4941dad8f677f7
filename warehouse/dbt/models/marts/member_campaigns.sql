{#- The audience's rows of int_campaign_members_measured. Incremental by member (macros/changed_members.sql): a run
    rebuilds the members whose rows there were rebuilt since this table's last run (changed_in, so that a run of this
    table alone is caught up by the next), or who left an audience, and every member when a campaign changes. -#}
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        order_by='(tenant_id, campaign_id, member_id)',
        meta={
            'changed_by': ['campaign_members'],
            'rebuilt_by': ['campaigns'],
            'changed_in': ['int_campaign_members_measured'],
            'reach': 'campaigns',
        },
        pre_hook=["{{ changed_members_gather() }}", "{{ changed_members_delete() }}"],
        post_hook="{{ changed_members_drop() }}",
    )
}}

with

measured as (

    select * from {{ ref('int_campaign_members_measured') }}
    where variant is not null and {{ changed_members_filter() }}

),

final as (

    select
        tenant_id,
        campaign_id,
        member_id,
        toLowCardinality(assumeNotNull(variant)) as variant,
        assumeNotNull(added_at) as added_at,
        assumeNotNull(entered_at) as entered_at,
        toUInt8(first_response_at is not null) as responded,
        first_response_at,
        bonus_points,
        {{ as_of_date() }} as built_as_of,
        {{ run_started() }} as built_at

    from measured

)

select * from final
