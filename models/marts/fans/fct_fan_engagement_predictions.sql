with

predictions as (

    select * from {{ ref('int_fan_classifier_predictions') }}

),

final as (

    select
        user_id,
        split,
        is_engaged_later,
        forest_probability,
        baseline_probability,
        base_rate_probability

    from predictions

)

select * from final
