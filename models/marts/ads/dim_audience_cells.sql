{%- set features = var('ads_cluster_features') -%}

with

cells as (

    select * from {{ ref('int_audience_cells_aggregated') }}

),

centroids as (

    select * from {{ ref('int_audience_cluster_centroids') }}

),

cell_distances as (

    {#- Assignment in SQL from the fitted parameters: squared distance in
        scaled units to every centroid (the fit itself ran on a bounded
        sample in Python). -#}
    select
        cells.audience_cell_id,
        centroids.cluster_id,
        {{ squared_distance(features, 'cells', 'centroids') }}
            as distance_squared

    from cells

    cross join centroids

),

nearest_cluster as (

    select
        audience_cell_id,
        cluster_id,
        sqrt(distance_squared) as distance_to_centroid,
        row_number() over (
            partition by audience_cell_id
            order by distance_squared, cluster_id
        ) as distance_rank

    from cell_distances

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

    where nearest_cluster.distance_rank = 1

)

select * from cells_clustered
