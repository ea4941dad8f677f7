-- Members who joined each program per month, up to the as-of date: the month of a member's first ledger day in the
-- program (the first element of that program in the member's gathered ledger days, sorted by day). A table, not an
-- ephemeral CTE: tier_distribution reads it three times, and it is the one step there that reads every member.
{{ config(materialized='table', order_by='(tenant_id, program_id, month)') }}

with

member_first_months as (

    select
        tenant_id,
        program_id,
        toStartOfMonth(arrayFirst(
            (d, p) -> p = program_id and d <= {{ as_of_date() }}, ledger_days, ledger_programs
        )) as first_month

    from (
        select tenant_id, ledger_days, ledger_programs
        from {{ ref('int_member_days_gathered') }} final
    )
    array join arrayDistinct(arrayFilter((p, d) -> d <= {{ as_of_date() }}, ledger_programs, ledger_days)) as program_id

),

final as (

    select tenant_id, program_id, first_month as month, toUInt64(count()) as members
    from member_first_months
    group by tenant_id, program_id, month

)

select * from final
