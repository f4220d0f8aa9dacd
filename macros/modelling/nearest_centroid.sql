{#- A select of (key, cluster_key, distance_to_centroid): each row of
    `points` with its nearest centroid of `centroids` (fitted KMeans
    parameters, see squared_distance) and the distance in standardised
    units; ties go to the smaller cluster id. The one SQL cluster
    assignment every domain uses. -#}
{% macro nearest_centroid(points, key, centroids, cluster_key, features) %}
    select
        {{ key }},
        {{ cluster_key }},
        sqrt(distance_squared) as distance_to_centroid

    from (

        select
            *,
            row_number() over (
                partition by {{ key }}
                order by distance_squared, {{ cluster_key }}
            ) as distance_rank

        from (

            select
                points.{{ key }},
                centroids.{{ cluster_key }},
                {{ squared_distance(features, 'points', 'centroids') }}
                as distance_squared

            from {{ points }} as points

            cross join {{ centroids }} as centroids

        ) as distances

    ) as ranked

    where distance_rank = 1
{% endmacro %}
