with

centroids as (

    select * from {{ ref('int_customer_segment_parameters') }}

),

k_selection as (

    select * from {{ ref('int_customer_segment_k_selection') }}

),

fit as (

    select
        count(*) as segment_count,
        max(fit_row_count) as fit_row_count,
        max(fit_n_init) as fit_n_init,
        max(fit_inertia) as fit_inertia,
        max(stability_runs) as stability_runs,
        max(stability_mean_adjusted_rand_index)
            as stability_mean_adjusted_rand_index,
        max(stability_min_adjusted_rand_index)
            as stability_min_adjusted_rand_index,
        max(parameter_source) as parameter_source

    from centroids

),

final as (

    select
        fit.*,
        {#- Frozen parameters keep the k they were fitted with, whatever
            this build's k selection would choose. -#}
        case
            when fit.parameter_source like 'frozen:%' then 'frozen parameters'
            else k_selection.selection_rule
        end as selection_rule

    from fit

    cross join k_selection

    where k_selection.is_chosen

)

select * from final
