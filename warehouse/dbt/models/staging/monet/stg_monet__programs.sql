with

source as (

    select * from {{ source('monet', 'programs') }} final
    where _deleted = 0

),

renamed as (

    select
        id as program_id,
        tenant_id,
        name as program_name,
        points_name,
        toString(earning_currency) as currency_code,
        toInt64(money_value_per_1000_points) as money_value_per_1000_points,
        toString(expiry_policy) as expiry_policy,
        expiry_value,
        toString(status) as program_status,
        created_at,
        updated_at

    from source

)

select * from renamed
