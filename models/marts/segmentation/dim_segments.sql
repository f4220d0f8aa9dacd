{#- Region and channel are handled alike: counts, shares (one column per
    seed key) and the dominant value per segment, generated for each. -#}
{%- set dimensions = ['region', 'channel'] -%}
{%- set keys = {} -%}
{%- for dimension in dimensions -%}
    {%- do keys.update({dimension: seed_column_values(
        'segmentation_' ~ dimension ~ 's', dimension ~ '_key'
    )}) -%}
{%- endfor -%}
{%- set dominant = var('segmentation_dominant_share') -%}

with

customers as (

    select * from {{ ref('int_customers_segmented') }}

),

k_selection as (

    select * from {{ ref('int_customer_segment_k_selection') }}

),

parameters as (

    select * from {{ ref('int_customer_segment_parameters') }}

),

frozen as (

    select max(parameter_source) like 'frozen:%' as is_frozen

    from parameters

),

fit_status as (

    {#- Segments are described only when the data show clear clusters (the
        rule in int_customer_segment_k_selection) or the parameters are
        frozen from an earlier build; otherwise `segment N`. -#}
    select
        k_selection.fit_status in ('fitted', 'forced k')
        or frozen.is_frozen as is_named

    from k_selection

    cross join frozen

    where k_selection.is_chosen

),

regions as (

    select * from {{ ref('segmentation_regions') }}

),

channels as (

    select * from {{ ref('segmentation_channels') }}

),

overall as (

    select
        {{ exact_avg('minutes_watched') }} as mean_minutes_watched,
        {{ exact_avg('customer_lifetime_value') }}
            as mean_customer_lifetime_value

    from customers

),

segment_totals as (

    select
        segment_id,
        count(*) as customer_count,
        {{ exact_avg('minutes_watched') }} as mean_minutes_watched,
        {{ exact_avg('customer_lifetime_value') }}
            as mean_customer_lifetime_value,
        {{ exact_avg(
            'case when is_minutes_watched_imputed then 1.0 else 0.0 end'
        ) }}
            as share_minutes_imputed,
        {{ exact_avg('distance_to_centroid') }} as mean_distance_to_centroid

    from customers

    group by segment_id

),

{% for dimension in dimensions %}

    {{ dimension }}_counts as (

        select
            customers.segment_id,
            {{ dimension }}s.{{ dimension }}_key,
            {{ dimension }}s.{{ dimension }}_name,
            count(*) as customer_count

        from customers

        inner join {{ dimension }}s
            on
                customers.{{ dimension }}_code
                = {{ dimension }}s.{{ dimension }}_code

        group by
            customers.segment_id,
            {{ dimension }}s.{{ dimension }}_key,
            {{ dimension }}s.{{ dimension }}_name

    ),

    {{ dimension }}_shares as (

        select
            segment_id,
            {% for key in keys[dimension] -%}
                sum(
                    case
                        when {{ dimension }}_key = '{{ key }}'
                            then customer_count
                        else 0
                    end
                )
                / cast(sum(customer_count) as double)
                    as share_{{ dimension }}_{{ key }}
                {%- if not loop.last %},{% endif %}
            {% endfor %}

        from {{ dimension }}_counts

        group by segment_id

    ),

    dominant_{{ dimension }} as (

        select
            segment_id,
            {{ dimension }}_name,
            cast(customer_count as double)
            / sum(customer_count) over (partition by segment_id)
                as {{ dimension }}_share,
            cast(row_number() over (
                partition by segment_id
                order by customer_count desc, {{ dimension }}_name asc
            ) as {{ dbt.type_bigint() }}) as {{ dimension }}_rank

        from {{ dimension }}_counts

    ),

{% endfor %}

name_parts as (

    {#- The naming rule: the channel that holds at least
        `segmentation_dominant_share` of the segment, else "Multi-channel";
        the same for region, else "Mixed regions"; then "high value" / "low
        value" when mean CLV is at least 25% above / below the overall mean,
        and "heavy watchers" / "light watchers" when mean minutes are at
        least 50% above / below it. -#}
    select
        segment_totals.segment_id,
        case
            when dominant_channel.channel_share >= {{ dominant }}
                then dominant_channel.channel_name
            else 'Multi-channel'
        end as channel_part,
        case
            when dominant_region.region_share >= {{ dominant }}
                then dominant_region.region_name
            else 'Mixed regions'
        end as region_part,
        case
            when
                segment_totals.mean_customer_lifetime_value
                >= 1.25 * overall.mean_customer_lifetime_value
                then ' / high value'
            when
                segment_totals.mean_customer_lifetime_value
                <= 0.75 * overall.mean_customer_lifetime_value
                then ' / low value'
            else ''
        end as value_part,
        case
            when
                segment_totals.mean_minutes_watched
                >= 1.5 * overall.mean_minutes_watched
                then ' / heavy watchers'
            when
                segment_totals.mean_minutes_watched
                <= 0.5 * overall.mean_minutes_watched
                then ' / light watchers'
            else ''
        end as watching_part

    from segment_totals

    cross join overall

    inner join dominant_region
        on
            segment_totals.segment_id = dominant_region.segment_id
            and dominant_region.region_rank = 1

    inner join dominant_channel
        on
            segment_totals.segment_id = dominant_channel.segment_id
            and dominant_channel.channel_rank = 1

),

base_names as (

    select
        segment_id,
        {{ dbt.concat([
            'channel_part', "' / '", 'region_part', 'value_part',
            'watching_part',
        ]) }} as base_name

    from name_parts

),

segment_names as (

    {#- Two segments can share a description: the id makes them unique. -#}
    select
        base_names.segment_id,
        case
            when not fit_status.is_named
                then {{ dbt.concat([
                    "'segment '",
                    dbt.safe_cast('base_names.segment_id', dbt.type_string()),
                ]) }}
            when count(*) over (partition by base_names.base_name) > 1
                then {{ dbt.concat([
                    'base_names.base_name', "' #'",
                    dbt.safe_cast('base_names.segment_id', dbt.type_string()),
                ]) }}
            else base_names.base_name
        end as segment_name

    from base_names

    cross join fit_status

),

segments as (

    select
        segment_totals.segment_id,
        segment_names.segment_name,
        segment_totals.customer_count,
        cast(segment_totals.customer_count as double)
        / sum(segment_totals.customer_count) over () as share_of_customers,
        segment_totals.mean_minutes_watched,
        segment_totals.mean_customer_lifetime_value,
        segment_totals.share_minutes_imputed,
        dominant_region.region_name as dominant_region_name,
        dominant_region.region_share as dominant_region_share,
        dominant_channel.channel_name as dominant_channel_name,
        dominant_channel.channel_share as dominant_channel_share,
        {% for dimension in dimensions -%}
            {% for key in keys[dimension] -%}
                {{ dimension }}_shares.share_{{ dimension }}_{{ key }},
            {% endfor -%}
        {% endfor -%}
        segment_totals.mean_distance_to_centroid

    from segment_totals

    inner join segment_names
        on segment_totals.segment_id = segment_names.segment_id

    inner join region_shares
        on segment_totals.segment_id = region_shares.segment_id

    inner join channel_shares
        on segment_totals.segment_id = channel_shares.segment_id

    inner join dominant_region
        on
            segment_totals.segment_id = dominant_region.segment_id
            and dominant_region.region_rank = 1

    inner join dominant_channel
        on
            segment_totals.segment_id = dominant_channel.segment_id
            and dominant_channel.channel_rank = 1

)

select * from segments
