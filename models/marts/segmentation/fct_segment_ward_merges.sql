with

ward_merges as (

    select * from {{ ref('int_customer_ward_merges') }}

),

published as (

    select
        cast(merge_id as bigint) as merge_id,
        cast(left_node_id as bigint) as left_node_id,
        cast(right_node_id as bigint) as right_node_id,
        cast(merge_height as double) as merge_height,
        cast(node_size as bigint) as node_size

    from ward_merges

)

select * from published
