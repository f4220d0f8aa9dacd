{#- Every clean person's personal fields normalised as the platform's
    customer-list format specifies, each with a status: `valid`, `hashed`
    (already a SHA-256 hex digest: passed through unchanged), `missing`
    (blank) or `invalid_<field>` (dropped from this person's row, counted
    in the export summary). Personal data: schema pii. The rules, field by
    field, are in the docs block `audiences_normalisation`. -#}
{%- set hex64 = '[0-9a-f]{64}' -%}
{#- A phone extension at the end: `ext 12`, `ext. 12`, `ext: 12`, `extn 12`,
    `extension 12`, `x12`, `#12`, `;ext=12` (RFC 3966). A value that is
    nothing but one is kept as typed (then an invalid phone). -#}
{%- set extension = '[\\s,;]*(ext(ension|n)?|x|#)[\\s.:=]*[0-9]+' -%}
{%- set phone_typed = 'lower(' ~ personal_text('phone') ~ ')' -%}

with

people as (

    select * from {{ ref('int_audience_people_cleaned') }}

),

countries as (

    select * from {{ ref('audiences_countries') }}

),

{# Every way a country is written that we read: ISO 3166-1 alpha-2 and
    alpha-3 codes, names, and common other names (`UK`, `England`). #}
country_names as (

    select
        lower(country_name) as country_key,
        lower(country_code) as country_code

    from {{ ref('audiences_country_names') }}

),

as_of as (

    select * from {{ ref('int_audience_as_of') }}

),

{# Text as typed, composed (NFC) and trimmed of all white space; a phone
    without its extension (the platform takes the number only) and
    without the `.0` a spreadsheet or a Parquet DOUBLE
    column gives a number (16505551212.0). #}
typed as (

    select
        person_id,
        {{ personal_text('email') }} as email,
        case
            when {{ regex_full_match(phone_typed, extension) }}
                then {{ phone_typed }}
            else {{ regex_replace_all(phone_typed, extension ~ '$', '') }}
        end as phone,
        {{ personal_text('first_name') }} as first_name,
        {{ personal_text('last_name') }} as last_name,
        {{ personal_text('city') }} as city,
        {{ personal_text('country') }} as country,
        {{ personal_text('zip_code') }} as zip_code,
        {{ personal_text('gender') }} as gender,
        {{ personal_text('date_of_birth') }} as date_of_birth

    from people

),

phones as (

    select
        person_id,
        email,
        case
            when {{ regex_full_match('phone', '[+]?[0-9]+[.]0+') }}
                then {{ regex_replace_all('phone', '[.]0+$', '') }}
            else phone
        end as phone,
        first_name,
        last_name,
        city,
        country,
        zip_code,
        gender,
        date_of_birth

    from typed

),

prepared as (

    select
        phones.person_id,
        lower(coalesce(phones.email, '')) as email_text,
        coalesce(phones.phone, '') as phone_text,
        lower(coalesce(phones.first_name, '')) as first_name_text,
        lower(coalesce(phones.last_name, '')) as last_name_text,
        lower(coalesce(phones.city, '')) as city_text,
        lower(coalesce(phones.country, '')) as country_text,
        {{ regex_replace_all(
            "lower(coalesce(phones.zip_code, ''))", '\\s', ''
        ) }} as zip_text,
        lower(coalesce(phones.gender, '')) as gender_text,
        coalesce(phones.date_of_birth, '') as birth_text,
        {{ dbt.safe_cast('phones.date_of_birth', 'date') }} as date_of_birth,
        country_names.country_code as known_country_code,
        extract(year from as_of.as_of_at) as as_of_year,
        countries.calling_code,
        countries.national_number_digits,
        countries.trunk_prefix,
        {{ regex_replace_all(
            regex_replace_all("coalesce(phones.phone, '')", '\\(0\\)', ''),
            '[^0-9]', '',
        ) }} as phone_digits

    from phones

    cross join as_of

    left join country_names
        on
            {{ regex_replace_all(
                'lower(phones.country)', '[\\s\\p{Z}]+', ' '
            ) }} = country_names.country_key

    left join countries
        on country_names.country_code = lower(countries.country_code)

),

normalised as (

    select
        person_id,
        email_text,
        phone_text,
        first_name_text,
        last_name_text,
        city_text,
        country_text,
        zip_text,
        gender_text,
        birth_text,
        date_of_birth,
        known_country_code,
        national_number_digits,
        email_text as email_normalised,
        case
            when phone_digits = '' then null
            {# International (+ or 00): digits, leading zeros dropped. #}
            when phone_text like '+%' or phone_digits like '00%'
                then {{ regex_replace_all('phone_digits', '^0+', '') }}
            when calling_code is null then null
            {# National with the trunk prefix: prefix -> country code. #}
            when
                coalesce(trunk_prefix, '') != ''
                and phone_digits like trunk_prefix || '%'
                then
                    calling_code
                    || substr(phone_digits, length(trunk_prefix) + 1)
            {# Already starts with the country code at full length. #}
            when
                phone_digits like calling_code || '%'
                and length(phone_digits)
                = length(calling_code) + national_number_digits
                then phone_digits
            else
                calling_code
                || {{ regex_replace_all('phone_digits', '^0+', '') }}
        end as phone_normalised,
        (phone_text like '+%' or phone_digits like '00%')
            as is_international_phone,
        calling_code,
        {{ regex_replace_all('first_name_text', '[^\\p{L}]', '') }}
            as first_name_normalised,
        {{ regex_replace_all('last_name_text', '[^\\p{L}]', '') }}
            as last_name_normalised,
        {{ regex_replace_all('city_text', '[^a-z]', '') }} as city_normalised,
        coalesce(known_country_code, country_text) as country_normalised,
        case
            when
                known_country_code = 'us'
                and {{ regex_full_match('zip_text', '[0-9]{5}(-?[0-9]{4})?') }}
                then substr(zip_text, 1, 5)
            {# UK: area, district and sector (the outward code and the
                first digit of the inward code). #}
            when
                known_country_code = 'gb'
                and {{ regex_full_match(
                    'zip_text', '[a-z]{1,2}[0-9][a-z0-9]?[0-9][a-z]{2}'
                ) }}
                then substr(zip_text, 1, length(zip_text) - 2)
            when
                coalesce(known_country_code, '') not in ('us', 'gb')
                and {{ regex_full_match('zip_text', '[a-z0-9-]{3,10}') }}
                then {{ regex_replace_all('zip_text', '-', '') }}
        end as zip_normalised,
        case
            when gender_text in ('m', 'male') then 'm'
            when gender_text in ('f', 'female') then 'f'
        end as gender_normalised,
        cast(extract(year from date_of_birth) as {{ dbt.type_int() }})
            as birth_year,
        as_of_year

    from prepared

),

with_status as (

    select
        person_id,
        {# email #}
        case
            when {{ regex_full_match('email_text', hex64) }} then email_text
            else email_normalised
        end as email_normalised,
        case
            when email_text = '' then 'missing'
            when {{ regex_full_match('email_text', hex64) }} then 'hashed'
            when {{ regex_full_match(
                'email_text', '[^@\\s]+@[^@\\s]+\\.[a-z]{2,}'
            ) }} then 'valid'
            else 'invalid_email'
        end as email_status,
        {# phone: 8 to 15 digits (E.164); a national number of a known
            country must have that country's length #}
        case
            when {{ regex_full_match('lower(phone_text)', hex64) }}
                then lower(phone_text)
            else phone_normalised
        end as phone_normalised,
        case
            when phone_text = '' then 'missing'
            when {{ regex_full_match('lower(phone_text)', hex64) }}
                then 'hashed'
            when phone_normalised is null then 'invalid_phone'
            when length(phone_normalised) not between 8 and 15
                then 'invalid_phone'
            when
                not is_international_phone
                and national_number_digits is not null
                and length(phone_normalised)
                != length(calling_code) + national_number_digits
                then 'invalid_phone'
            else 'valid'
        end as phone_status,
        {# names #}
        first_name_normalised,
        case
            when first_name_text = '' then 'missing'
            when first_name_normalised = '' then 'invalid_first_name'
            else 'valid'
        end as first_name_status,
        last_name_normalised,
        case
            when last_name_text = '' then 'missing'
            when last_name_normalised = '' then 'invalid_last_name'
            else 'valid'
        end as last_name_status,
        {# city, country, zip #}
        city_normalised,
        case
            when city_text = '' then 'missing'
            when city_normalised = '' then 'invalid_city'
            else 'valid'
        end as city_status,
        country_normalised,
        case
            when country_text = '' then 'missing'
            when known_country_code is not null then 'valid'
            else 'invalid_country'
        end as country_status,
        zip_normalised,
        case
            when zip_text = '' then 'missing'
            when zip_normalised is null or zip_normalised = ''
                then 'invalid_zip'
            else 'valid'
        end as zip_status,
        {# gender, birth date #}
        gender_normalised,
        case
            when gender_text = '' then 'missing'
            when gender_normalised is null then 'invalid_gender'
            else 'valid'
        end as gender_status,
        date_of_birth,
        birth_year,
        case
            when birth_text = '' then 'missing'
            when date_of_birth is null then 'invalid_date_of_birth'
            when birth_year not between 1900 and as_of_year
                then 'invalid_date_of_birth'
            else 'valid'
        end as date_of_birth_status

    from normalised

)

select * from with_status
