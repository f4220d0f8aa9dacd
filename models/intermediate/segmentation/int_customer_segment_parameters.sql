{{ config(materialized='table') }}
{#- The segment parameters every customer is assigned with: this build's
    fit, or, with var segmentation_parameters_path, the rows of
    int_customer_segment_centroids kept from an earlier build (frozen), so
    that new customers are scored without moving anybody's coordinates.
    ref() is always called, so the lineage stays the same either way. A
    table, so the build never depends on the file staying where it was. -#}
{%- set fitted = ref('int_customer_segment_centroids') -%}
{%- set frozen_path = input_path(var('segmentation_parameters_path')) -%}
{%- if frozen_path -%}
    {%- set required = ['segment_id'] -%}
    {%- for feature in var('segmentation_features') -%}
        {%- do required.extend([
            feature ~ '__mean', feature ~ '__scale', feature ~ '__centroid'
        ]) -%}
    {%- endfor -%}
    {%- do assert_input_shape(
        read_parameters_file(frozen_path), required, frozen_path
    ) -%}
    {%- set chosen = read_parameters_file(frozen_path) -%}
    {%- set parameter_source = 'frozen: ' ~ frozen_path -%}
{%- else -%}
    {%- set chosen = fitted -%}
    {%- set parameter_source = 'fitted in this build' -%}
{%- endif %}

with

parameters as (

    select * from {{ chosen }}

),

parameters_with_source as (

    select
        *,
        '{{ parameter_source | replace("'", "''") }}' as parameter_source

    from parameters

)

select * from parameters_with_source
