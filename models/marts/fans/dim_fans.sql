with

users as (

    select * from {{ ref('int_fan_user_features') }}

),

clusters as (

    select * from {{ ref('int_fans_clustered') }}

),

levels as (

    select * from {{ ref('fans_activity_levels') }}

),

k_selection as (

    select * from {{ ref('int_fan_activity_k_selection') }}

),

named_levels as (

    {#- Levels get words (casual, engaged, ...) only when the data show
        clear clusters (core select_k: fitted, or a k forced by a var);
        otherwise they stay `level N`, ordered by activity. -#}
    select levels.*

    from levels

    inner join k_selection
        on
            k_selection.is_chosen
            and k_selection.fit_status in ('fitted', 'forced k')

),

superfans as (

    select * from {{ ref('int_fan_superfan_scores') }}

),

predictions as (

    select * from {{ ref('int_fan_engagement_scores') }}

),

fans as (

    select
        users.user_id,
        users.engagement_count,
        users.like_count,
        users.comment_count,
        users.share_count,
        users.engagement_score,
        users.distinct_page_count,
        users.distinct_post_count,
        users.active_day_count,
        users.first_engaged_at,
        users.last_engaged_at,
        users.recency_days,
        users.tenure_days,
        users.mean_hours_between_engagements,
        users.hours_to_second_engagement,
        users.comment_share,
        users.share_share,
        clusters.cluster_id,
        clusters.level_rank as activity_level_rank,
        coalesce(
            named_levels.activity_level,
            {{ dbt.concat([
                "'level '",
                dbt.safe_cast('clusters.level_rank', dbt.type_string()),
            ]) }}
        ) as activity_level,
        superfans.score_percentile,
        superfans.is_superfan,
        predictions.prediction_model,
        predictions.engaged_later_probability,
        predictions.is_predicted_engaged,
        predictions.prediction_status,
        predictions.split as prediction_split

    from users

    inner join clusters
        on users.user_id = clusters.user_id

    left join named_levels
        on
            clusters.level_count = named_levels.level_count
            and clusters.level_rank = named_levels.level_rank

    inner join superfans
        on users.user_id = superfans.user_id

    left join predictions
        on users.user_id = predictions.user_id

)

select * from fans
