-- Personal data (email, names, phone, birth date, attributes, consents) stops here: nothing downstream of staging
-- carries it, because marts are exported to BI tools.
with

source as (

    select * from {{ source('monet', 'members') }} final
    where _deleted = 0

),

renamed as (

    select
        id as member_id,
        tenant_id,
        external_id,
        tags,
        toString(status) as member_status,
        enrolled_at,
        erased_at,
        created_at,
        updated_at

    from source

)

select * from renamed
