{#- Every non-null value of the column has exactly `length` characters (e.g. ISO 4217 currency codes: 3). -#}
{% test exact_length(model, column_name, length) %}
select {{ column_name }}
from {{ model }}
where {{ column_name }} is not null
  and lengthUTF8({{ column_name }}) != {{ length }}
{% endtest %}
