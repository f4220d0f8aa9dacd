{#- Regular expressions and SHA-256 for the customer-list normalisation,
    one call per dialect: `pattern` is an RE2 / Java regular expression
    (both engines read the classes used here: [^a-z], \p{L}, \s). -#}

{#- `value` with every match of `pattern` replaced by `replacement`. -#}
{% macro regex_replace_all(value, pattern, replacement) -%}
    {{ return(adapter.dispatch('regex_replace_all', 'audience_warehouse')(
        value, pattern, replacement)) }}
{%- endmacro %}

{% macro default__regex_replace_all(value, pattern, replacement) -%}
    regexp_replace({{ value }}, '{{ pattern }}', '{{ replacement }}')
{%- endmacro %}

{#- Spark reads backslash escapes in string literals ('\(' would reach the
    regular expression as a bare '('): the pattern goes through
    spark_literal, which escapes them. -#}
{% macro spark__regex_replace_all(value, pattern, replacement) -%}
    regexp_replace(
        {{ value }}, {{ spark_literal(pattern) }}, {{ spark_literal(replacement) }}
    )
{%- endmacro %}

{% macro duckdb__regex_replace_all(value, pattern, replacement) -%}
    regexp_replace({{ value }}, '{{ pattern }}', '{{ replacement }}', 'g')
{%- endmacro %}

{#- True when the whole of `value` matches `pattern`. -#}
{% macro regex_full_match(value, pattern) -%}
    {{ return(adapter.dispatch('regex_full_match', 'audience_warehouse')(
        value, pattern)) }}
{%- endmacro %}

{% macro default__regex_full_match(value, pattern) -%}
    ({{ value }} rlike '^(?:{{ pattern }})$')
{%- endmacro %}

{% macro spark__regex_full_match(value, pattern) -%}
    ({{ value }} rlike {{ spark_literal('^(?:' ~ pattern ~ ')$') }})
{%- endmacro %}

{% macro duckdb__regex_full_match(value, pattern) -%}
    regexp_full_match({{ value }}, '{{ pattern }}')
{%- endmacro %}

{#- SHA-256 of the UTF-8 text `value` as 64 lower-case hex digits. -#}
{% macro sha256_hex(value) -%}
    {{ return(adapter.dispatch('sha256_hex', 'audience_warehouse')(value)) }}
{%- endmacro %}

{% macro default__sha256_hex(value) -%}
    sha2({{ value }}, 256)
{%- endmacro %}

{% macro duckdb__sha256_hex(value) -%}
    sha256({{ value }})
{%- endmacro %}

{#- Personal text as typed, made comparable: composed to Unicode NFC (a
    decomposed `é`, e plus a combining accent, becomes one letter, so the
    accent survives the normalisation that keeps letters only), and
    trimmed of all white space at both ends (tabs, line breaks, no-break
    and zero-width spaces too, not only spaces). Spark SQL has no Unicode normalisation function: there
    the text is only trimmed (a decomposed accent is dropped, as before). -#}
{% macro personal_text(value) -%}
    {{ return(adapter.dispatch('personal_text', 'audience_warehouse')(value)) }}
{%- endmacro %}

{#- White space at either end: ASCII white space, every Unicode space
    separator (a no-break space, U+00A0, from a web page or a spreadsheet)
    and the zero-width space and byte-order mark. -#}
{% macro personal_text_ends() -%}
    {%- set space = '[\\s\\p{Z}\\x{200B}\\x{FEFF}]+' -%}
    {{ return('^' ~ space ~ '|' ~ space ~ '$') }}
{%- endmacro %}

{% macro default__personal_text(value) -%}
    {{ regex_replace_all(value, personal_text_ends(), '') }}
{%- endmacro %}

{% macro duckdb__personal_text(value) -%}
    {{ regex_replace_all(
        'nfc_normalize(' ~ value ~ ')', personal_text_ends(), ''
    ) }}
{%- endmacro %}
