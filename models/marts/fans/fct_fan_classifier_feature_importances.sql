with

importances as (

    select * from {{ ref('int_fan_classifier_feature_importances') }}

),

published as (

    select
        cast(feature_name as {{ dbt.type_string() }}) as feature_name,
        cast(impurity_importance as double) as impurity_importance,
        cast(permutation_importance as double) as permutation_importance,
        cast(permutation_importance_std as double)
            as permutation_importance_std,
        cast(importance_rank as bigint) as importance_rank,
        cast(model_status as {{ dbt.type_string() }}) as model_status

    from importances

)

select * from published
