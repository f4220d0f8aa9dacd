{{ config(
    materialized='table',
    post_hook="{{ fail_if_mostly_rejected(this, 'audience_people_path', 'sample_audience_people') }}",
) }}
{#- One row per raw person row with its reject reason (null = clean). Only
    the key decides: a bad email or phone is dropped from that field at
    export (int_audience_people_normalised), never the person. -#}

with

people as (

    select * from {{ ref('stg_restaurant__people') }}

),

people_numbered as (

    {#- copy_number > 1: an exact copy of an earlier row (a double load). -#}
    select
        *,
        row_number() over (
            partition by
                person_id, email, phone, first_name, last_name,
                date_of_birth, gender, city, country, zip_code,
                malformed_detail
            order by source_row_number
        ) as copy_number

    from people

),

person_id_counts as (

    {#- Different rows under one id: which is right is unknown, so every
        copy is rejected (as for pages). -#}
    select
        person_id,
        count(*) as row_count

    from people_numbered

    where person_id is not null and copy_number = 1

    group by person_id

),

people_checked as (

    select
        people.source_row_number,
        people.person_id,
        people.email,
        people.phone,
        people.first_name,
        people.last_name,
        people.date_of_birth,
        people.gender,
        people.city,
        people.country,
        people.zip_code,
        case
            when people.malformed_reason is not null
                then people.malformed_reason
            when people.copy_number > 1 then 'exact_duplicate'
            when people.person_id is null then 'null_person_id'
            when person_id_counts.row_count > 1 then 'conflicting_person_id'
        end as reject_reason,
        people.malformed_detail as reject_detail

    from people_numbered as people

    left join person_id_counts
        on people.person_id = person_id_counts.person_id

)

select * from people_checked
