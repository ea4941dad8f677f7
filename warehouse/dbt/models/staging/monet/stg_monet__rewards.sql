with

source as (

    select * from {{ source('monet', 'rewards') }} final
    where _deleted = 0

),

renamed as (

    select
        id as reward_id,
        tenant_id,
        program_id,
        name as reward_name,
        toString(kind) as reward_kind,
        toInt64(cost_points) as cost_points,
        toInt64(cost_minor) as cost_minor,
        toString(status) as reward_status,
        created_at,
        updated_at

    from source

)

select * from renamed
