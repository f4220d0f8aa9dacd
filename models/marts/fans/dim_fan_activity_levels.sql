with

fans as (

    select * from {{ ref('dim_fans') }}

),

k_selection as (

    select * from {{ ref('int_fan_activity_k_selection') }}

),

levels as (

    select
        activity_level_rank,
        activity_level,
        count(*) as user_count,
        avg(engagement_count) as mean_engagement_count,
        avg(active_day_count) as mean_active_day_count,
        avg(distinct_page_count) as mean_distinct_page_count,
        {{ exact_avg('comment_share') }} as mean_comment_share,
        {{ exact_avg('share_share') }} as mean_share_share,
        cast(sum(engagement_count) as bigint) as engagement_count,
        count(case when is_superfan then 1 end) as superfan_count

    from fans

    group by activity_level_rank, activity_level

),

final as (

    select
        levels.*,
        cast(levels.user_count as double) / sum(levels.user_count) over ()
            as share_of_users,
        cast(levels.engagement_count as double)
        / sum(levels.engagement_count) over ()
            as share_of_engagements,
        k_selection.fit_status

    from levels

    inner join k_selection
        on k_selection.is_chosen

)

select * from final
