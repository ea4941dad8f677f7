with

source as (

    select * from {{ source('monet', 'guest_purchases') }} final
    where _deleted = 0

),

renamed as (

    select
        id as guest_purchase_id,
        tenant_id,
        program_id,
        external_id as order_external_id,
        customer_ref,
        occurred_at,
        toInt64(amount_minor) as amount_minor,
        toString(currency) as currency_code,
        channel,
        created_at

    from source

)

select * from renamed
