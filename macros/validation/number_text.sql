{% macro number_text(column) %}
    {#- The text of a numeric input column, the same whichever type the
        source gave it: a whole number without a decimal part ('39' from the
        text '39' and from the double 39.0), other values as their text
        ('18.982', 'abc'). Validation parses it; rejects keep it. -#}
    {%- set number = dbt.safe_cast(column, 'double') -%}
    case
        when
            {{ number }} = floor({{ number }})
            and abs({{ number }}) < 1e15
            then cast(
                cast({{ number }} as {{ dbt.type_bigint() }})
                as {{ dbt.type_string() }}
            )
        else {{ dbt.safe_cast(column, dbt.type_string()) }}
    end
{% endmacro %}
