{{ config(materialized='table') }}
{#- A readable name per cluster from its mean shares
    (int_interest_cluster_shares: the mean over its users of each user's
    share of likes): `<top> fans` when the top category's mean share is at
    least 0.5; `<top> & <second>` when the two add up to at least 0.6; else
    `mixed interests`. A name a larger cluster already has gets
    ` #<cluster_id>`. Only when the data show clear clusters (core select_k:
    fitted, or a k forced by a var); otherwise `cluster <cluster_id>`. -#}

with

cluster_shares as (

    select * from {{ ref('int_interest_cluster_shares') }}

),

k_selection as (

    select * from {{ ref('int_interest_cluster_k_selection') }}

),

fit_status as (

    select
        fit_status,
        fit_status in ('fitted', 'forced k') as is_named

    from k_selection

    where is_chosen

),

tops as (

    select
        cluster_id,
        max(case when category_rank = 1 then category end) as top_category,
        max(case when category_rank = 1 then mean_share end)
            as top_category_share,
        max(case when category_rank = 2 then category end) as second_category,
        max(case when category_rank = 2 then mean_share end)
            as second_category_share

    from cluster_shares

    group by cluster_id

),

named as (

    select
        *,
        case
            when top_category_share >= 0.5
                then {{ dbt.concat(['top_category', "' fans'"]) }}
            when top_category_share + coalesce(second_category_share, 0) >= 0.6
                then {{ dbt.concat([
                    'top_category', "' & '", 'second_category'
                ]) }}
            else 'mixed interests'
        end as base_name

    from tops

),

numbered as (

    select
        *,
        row_number() over (partition by base_name order by cluster_id)
            as name_number

    from named

),

final as (

    select
        numbered.cluster_id,
        case
            when not fit_status.is_named
                then {{ dbt.concat([
                    "'cluster '",
                    dbt.safe_cast('numbered.cluster_id', dbt.type_string()),
                ]) }}
            when numbered.name_number = 1 then numbered.base_name
            else {{ dbt.concat([
                'numbered.base_name', "' #'",
                dbt.safe_cast('numbered.cluster_id', dbt.type_string()),
            ]) }}
        end as cluster_name,
        fit_status.fit_status,
        numbered.top_category,
        numbered.top_category_share,
        numbered.second_category,
        numbered.second_category_share

    from numbered

    cross join fit_status

)

select * from final
