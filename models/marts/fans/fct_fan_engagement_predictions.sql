with

scores as (

    select * from {{ ref('int_fan_engagement_scores') }}

),

final as (

    select
        user_id,
        split,
        is_engaged_later,
        is_early_window_complete,
        prediction_status,
        forest_probability,
        baseline_probability,
        base_rate_probability,
        prediction_model,
        engaged_later_probability,
        is_predicted_engaged

    from scores

)

select * from final
