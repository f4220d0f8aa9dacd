{#- The held-out part a cross-validation fold belongs to: odd-numbered
    folds are the validation part (a method is chosen there), even-numbered
    folds the test part (every method is reported there, nothing chosen).
    The folds are seeded, so the parts are too. -#}
{% macro cv_evaluation_part(fold_number) -%}
    case
        when mod({{ fold_number }}, 2) = 1 then 'validation'
        else 'test'
    end
{%- endmacro %}
