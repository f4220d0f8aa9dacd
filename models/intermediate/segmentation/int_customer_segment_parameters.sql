{%- set frozen_path = var('segmentation_parameters_path') -%}
{%- set required = ['segment_id'] -%}
{%- for feature in var('segmentation_features') -%}
    {%- do required.extend([
        feature ~ '__mean', feature ~ '__scale', feature ~ '__centroid'
    ]) -%}
{%- endfor -%}
{#- The segment parameters every customer is assigned with: this build's
    fit, or, with var segmentation_parameters_path, the rows of
    int_customer_segment_centroids kept from an earlier build (frozen), so
    that new customers are scored without moving anybody's coordinates. -#}

with

fitted as (

    select * from {{ ref('int_customer_segment_centroids') }}

),

{% if frozen_path %}
    {{ assert_input_shape(
        read_parameters_file(frozen_path), required, frozen_path
    ) }}
frozen as (

    select * from {{ read_parameters_file(frozen_path) }}

),

parameters as (

    select
        *,
        'frozen: {{ frozen_path | replace("'", "''") }}' as parameter_source

    from frozen

)
{% else %}
parameters as (

    select
        *,
        'fitted in this build' as parameter_source

    from fitted

)
{% endif %}

select * from parameters
