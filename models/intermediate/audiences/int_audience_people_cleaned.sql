with

validated_people as (

    select * from {{ ref('int_audience_people_validated') }}

),

clean_people as (

    select
        person_id,
        email,
        phone,
        first_name,
        last_name,
        date_of_birth,
        gender,
        city,
        country,
        zip_code

    from validated_people

    where reject_reason is null

)

select * from clean_people
