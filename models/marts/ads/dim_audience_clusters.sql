{%- set features = var('ads_cluster_features') -%}

with

cells as (

    select * from {{ ref('dim_audience_cells') }}

),

centroids as (

    select * from {{ ref('int_audience_cluster_centroids') }}

),

feature_labels as (

    select * from {{ ref('ads_cluster_feature_labels') }}

),

k_selection as (

    select * from {{ ref('int_audience_cluster_k_selection') }}

),

fit_status as (

    {#- Clusters are named only when the data show clear ones (core
        select_k: fitted, or a k forced by a var). -#}
    select
        fit_status,
        fit_status in ('fitted', 'forced k') as is_named

    from k_selection

    where is_chosen

),

cluster_totals as (

    select
        cluster_id,
        count(*) as audience_cell_count,
        cast(sum(ad_count) as bigint) as ad_count,
        cast(sum(impressions) as bigint) as impressions,
        cast(sum(clicks) as bigint) as clicks,
        {{ exact_sum('spend') }} as spend,
        cast(sum(total_conversions) as bigint) as total_conversions,
        cast(sum(approved_conversions) as bigint) as approved_conversions,
        {% for feature in features -%}
            {{ exact_avg(feature) }} as mean_{{ feature }},
        {% endfor -%}
        {{ exact_avg('distance_to_centroid') }} as mean_distance_to_centroid

    from cells

    group by cluster_id

),

centroid_scores as (

    {#- One row per (cluster, feature): the centroid in standard deviations
        from the mean cell, used to name the cluster. -#}
    {% for feature in features -%}
        select
            cluster_id,
            '{{ feature }}' as feature_name,
            {{ feature }}__centroid as centroid_score
        from centroids
        {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

ranked_features as (

    select
        centroid_scores.cluster_id,
        case
            when centroid_scores.centroid_score >= 0
                then feature_labels.high_label
            else feature_labels.low_label
        end as feature_label,
        cast(row_number() over (
            partition by centroid_scores.cluster_id
            order by
                abs(centroid_scores.centroid_score) desc,
                centroid_scores.feature_name
        ) as {{ dbt.type_bigint() }}) as distinctiveness_rank

    from centroid_scores

    inner join feature_labels
        on centroid_scores.feature_name = feature_labels.feature_name

),

cluster_names as (

    select
        cluster_id,
        max(case when distinctiveness_rank = 1 then feature_label end)
            as first_label,
        max(case when distinctiveness_rank = 2 then feature_label end)
            as second_label

    from ranked_features

    group by cluster_id

),

cluster_profiles as (

    select
        cluster_totals.cluster_id,
        case
            when fit_status.is_named
                then {{ dbt.concat([
                    "'Cluster '",
                    dbt.safe_cast(
                        'cluster_totals.cluster_id', dbt.type_string()
                    ),
                    "': '", 'cluster_names.first_label',
                    "', '", 'lower(cluster_names.second_label)',
                ]) }}
            else {{ dbt.concat([
                "'Cluster '",
                dbt.safe_cast('cluster_totals.cluster_id', dbt.type_string()),
            ]) }}
        end as cluster_name,
        fit_status.fit_status,
        cluster_totals.audience_cell_count,
        cast(cluster_totals.audience_cell_count as double)
        / sum(cluster_totals.audience_cell_count) over ()
            as share_of_cells,
        cluster_totals.ad_count,
        cluster_totals.impressions,
        cluster_totals.clicks,
        cluster_totals.spend,
        cluster_totals.total_conversions,
        cluster_totals.approved_conversions,
        {{ safe_divide(
            'cluster_totals.spend', 'sum(cluster_totals.spend) over ()'
        ) }} as share_of_spend,
        {{ ad_kpi_columns(
            'cluster_totals.impressions', 'cluster_totals.clicks',
            'cluster_totals.spend', 'cluster_totals.total_conversions',
            'cluster_totals.approved_conversions'
        ) }},
        {% for feature in features -%}
            cluster_totals.mean_{{ feature }},
        {% endfor -%}
        cluster_totals.mean_distance_to_centroid

    from cluster_totals

    inner join cluster_names
        on cluster_totals.cluster_id = cluster_names.cluster_id

    cross join fit_status

)

select * from cluster_profiles
