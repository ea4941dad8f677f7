{#-
    A layer's `+schema` is the ClickHouse database itself (staging, intermediate, marts), not dbt's default
    `<target schema>_<custom schema>`: ClickHouse has no schemas, and grants for BI users name the database.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ (custom_schema_name or target.schema) | trim }}
{%- endmacro %}
