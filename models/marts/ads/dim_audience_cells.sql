{%- set features = var('ads_cluster_features') -%}

with

cells as (

    select * from {{ ref('int_audience_cells_aggregated') }}

),

centroids as (

    select * from {{ ref('int_audience_cluster_centroids') }}

),

nearest_cluster as (

    {#- Assignment in SQL from the fitted parameters (the fit itself ran in
        Python on a bounded sample). -#}
    {{ nearest_centroid(
        'cells', 'audience_cell_id', 'centroids', 'cluster_id', features
    ) }}

),

cells_clustered as (

    select
        cells.audience_cell_id,
        cells.age_band,
        cells.gender_code,
        cells.interest_code,
        nearest_cluster.cluster_id,
        nearest_cluster.distance_to_centroid,
        cells.ad_count,
        cast(cells.impressions as bigint) as impressions,
        cast(cells.clicks as bigint) as clicks,
        cells.spend,
        cast(cells.total_conversions as bigint) as total_conversions,
        cast(cells.approved_conversions as bigint) as approved_conversions,
        {{ ad_kpi_columns(
            'cells.impressions', 'cells.clicks', 'cells.spend',
            'cells.total_conversions', 'cells.approved_conversions'
        ) }},
        {% for feature in features -%}
            cells.{{ feature }}{% if not loop.last %},{% endif %}
        {% endfor %}

    from cells

    inner join nearest_cluster
        on cells.audience_cell_id = nearest_cluster.audience_cell_id

)

select * from cells_clustered
