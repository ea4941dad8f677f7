-- Members' attributes (the merchant's flat profile values), kept for segment predicates only: the api's segment
-- compiler reads this view (api/src/domain/segments). They are personal data, so no mart reads it: BI users and
-- exports see marts only. Values are text, as JSON wrote them: strings unquoted, numbers and booleans as written.
with

source as (

    select * from {{ source('monet', 'members') }} final
    where _deleted = 0

),

renamed as (

    select
        tenant_id,
        id as member_id,
        JSONExtract(attributes, 'Map(String, String)') as attributes

    from source

)

select * from renamed
