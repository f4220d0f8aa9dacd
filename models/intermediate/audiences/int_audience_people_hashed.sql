{#- Every clean person's customer-list fields under the platform's names,
    normalised (int_audience_people_normalised) and SHA-256 hashed, lower-
    case hex; a value already hashed passes through unchanged. A field whose
    value is missing or invalid is null here and its status says why. No
    raw personal data: this model may feed marts. -#}
{%- set fields = [
    ('email', 'email'),
    ('phone', 'phone'),
    ('fn', 'first_name'),
    ('ln', 'last_name'),
    ('ct', 'city'),
    ('country', 'country'),
    ('zip', 'zip'),
    ('gen', 'gender'),
] -%}

with

normalised as (

    select * from {{ ref('int_audience_people_normalised') }}

),

hashed as (

    select
        person_id,
        {%- for name, field in fields %}
            case
                when {{ field }}_status = 'valid'
                    then {{ sha256_hex(field ~ '_normalised') }}
                when {{ field }}_status = 'hashed' then {{ field }}_normalised
            end as {{ name }}_sha256,
            {{ field }}_status as {{ name }}_status,
        {%- endfor %}
        case
            when date_of_birth_status = 'valid'
                then {{ sha256_hex(
                    dbt.safe_cast('birth_year', dbt.type_string())
                ) }}
        end as doby_sha256,
        case
            when date_of_birth_status = 'valid'
                then {{ sha256_hex(
                    "lpad(" ~ dbt.safe_cast(
                        'extract(month from date_of_birth)', dbt.type_string()
                    ) ~ ", 2, '0')"
                ) }}
        end as dobm_sha256,
        case
            when date_of_birth_status = 'valid'
                then {{ sha256_hex(
                    "lpad(" ~ dbt.safe_cast(
                        'extract(day from date_of_birth)', dbt.type_string()
                    ) ~ ", 2, '0')"
                ) }}
        end as dobd_sha256,
        date_of_birth_status as dob_status

    from normalised

)

select * from hashed
