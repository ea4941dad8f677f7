-- A date spine: every day of the span set by the calendar_* vars, with the calendar attributes reports group by.
-- Marts join to it so that days without activity still appear as zero rows.
with

days as (

    select
        toDate('{{ var("calendar_start_date") }}') + number as date_day

    from numbers(
        toUInt64(dateDiff('day', toDate('{{ var("calendar_start_date") }}'), toDate('{{ var("calendar_end_date") }}')) + 1)
    )

),

final as (

    select
        date_day,
        toMonday(date_day) as week_start_date,
        toStartOfMonth(date_day) as month_start_date,
        toStartOfQuarter(date_day) as quarter_start_date,
        toStartOfYear(date_day) as year_start_date,
        toYear(date_day) as calendar_year,
        toQuarter(date_day) as calendar_quarter,
        toMonth(date_day) as calendar_month,
        toISOWeek(date_day) as iso_week,
        toDayOfWeek(date_day) as iso_day_of_week,
        cast(toDayOfWeek(date_day) >= 6 as Bool) as is_weekend

    from days

)

select * from final
