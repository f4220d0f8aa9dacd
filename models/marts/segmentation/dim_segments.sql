{%- set region_keys = seed_column_values(
    'segmentation_regions', 'region_key'
) -%}
{%- set channel_keys = seed_column_values(
    'segmentation_channels', 'channel_key'
) -%}
{%- set dominant = var('segmentation_dominant_share') -%}

with

customers as (

    select * from {{ ref('int_customers_segmented') }}

),

regions as (

    select * from {{ ref('segmentation_regions') }}

),

channels as (

    select * from {{ ref('segmentation_channels') }}

),

overall as (

    select
        avg(minutes_watched) as mean_minutes_watched,
        avg(customer_lifetime_value) as mean_customer_lifetime_value

    from customers

),

segment_totals as (

    select
        segment_id,
        count(*) as customer_count,
        avg(minutes_watched) as mean_minutes_watched,
        avg(customer_lifetime_value) as mean_customer_lifetime_value,
        avg(case when is_minutes_watched_imputed then 1.0 else 0.0 end)
            as share_minutes_imputed,
        avg(distance_to_centroid) as mean_distance_to_centroid

    from customers

    group by segment_id

),

region_counts as (

    select
        customers.segment_id,
        regions.region_key,
        regions.region_name,
        count(*) as customer_count

    from customers

    inner join regions
        on customers.region_code = regions.region_code

    group by
        customers.segment_id, regions.region_key, regions.region_name

),

channel_counts as (

    select
        customers.segment_id,
        channels.channel_key,
        channels.channel_name,
        count(*) as customer_count

    from customers

    inner join channels
        on customers.channel_code = channels.channel_code

    group by
        customers.segment_id, channels.channel_key, channels.channel_name

),

region_shares as (

    select
        segment_id,
        {% for key in region_keys -%}
            sum(
                case
                    when region_key = '{{ key }}' then customer_count else 0
                end
            )
            * 1.0 / sum(customer_count) as share_region_{{ key }}
            {%- if not loop.last %},{% endif %}
        {% endfor %}

    from region_counts

    group by segment_id

),

channel_shares as (

    select
        segment_id,
        {% for key in channel_keys -%}
            sum(
                case
                    when channel_key = '{{ key }}' then customer_count else 0
                end
            )
            * 1.0 / sum(customer_count) as share_channel_{{ key }}
            {%- if not loop.last %},{% endif %}
        {% endfor %}

    from channel_counts

    group by segment_id

),

dominant_region as (

    select
        segment_id,
        region_name,
        customer_count * 1.0
        / sum(customer_count) over (partition by segment_id) as region_share,
        row_number() over (
            partition by segment_id
            order by customer_count desc, region_name asc
        ) as region_rank

    from region_counts

),

dominant_channel as (

    select
        segment_id,
        channel_name,
        customer_count * 1.0
        / sum(customer_count) over (partition by segment_id) as channel_share,
        row_number() over (
            partition by segment_id
            order by customer_count desc, channel_name asc
        ) as channel_rank

    from channel_counts

),

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
        segment_id,
        case
            when count(*) over (partition by base_name) > 1
                then {{ dbt.concat([
                    'base_name', "' #'",
                    dbt.safe_cast('segment_id', dbt.type_string()),
                ]) }}
            else base_name
        end as segment_name

    from base_names

),

segments as (

    select
        segment_totals.segment_id,
        segment_names.segment_name,
        segment_totals.customer_count,
        segment_totals.customer_count * 1.0
        / sum(segment_totals.customer_count) over () as share_of_customers,
        segment_totals.mean_minutes_watched,
        segment_totals.mean_customer_lifetime_value,
        segment_totals.share_minutes_imputed,
        dominant_region.region_name as dominant_region_name,
        dominant_region.region_share as dominant_region_share,
        dominant_channel.channel_name as dominant_channel_name,
        dominant_channel.channel_share as dominant_channel_share,
        {% for key in region_keys -%}
            region_shares.share_region_{{ key }},
        {% endfor -%}
        {% for key in channel_keys -%}
            channel_shares.share_channel_{{ key }},
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
