{{ config(materialized='table') }}
{%- set early_days = var('fans_early_days') -%}
{%- set cap = var('fans_crowd_cap') -%}

with

engagements as (

    select * from {{ ref('int_fan_engagements_history') }}

),

classifier_users as (

    select * from {{ ref('int_fan_classifier_users') }}

),

windows as (

    {#- Only the users the classifier is about (int_fan_classifier_users):
        the pair counts below grow with users x posts x crowd cap, and a
        user whose label is already known needs no score. -#}
    select
        engagements.user_id,
        {{ dbt.dateadd('day', early_days, 'min(engagements.engaged_at)') }}
            as early_window_ends_at

    from engagements

    inner join classifier_users
        on engagements.user_id = classifier_users.user_id

    where classifier_users.is_in_scope

    group by engagements.user_id

),

post_members as (

    {#- Each user's first engagement with each post: when they joined the
        post's crowd. -#}
    select
        post_id,
        user_id,
        min(engaged_at) as joined_at

    from engagements

    group by post_id, user_id

),

early_posts as (

    {#- The posts a user joined in their own early window, in order. -#}
    select
        post_members.user_id,
        post_members.post_id,
        windows.early_window_ends_at,
        row_number() over (
            partition by post_members.user_id
            order by post_members.joined_at, post_members.post_id
        ) as post_order,
        count(*) over (partition by post_members.user_id) as early_post_count

    from post_members

    inner join windows
        on post_members.user_id = windows.user_id

    where post_members.joined_at < windows.early_window_ends_at

),

crowd_timeline as (

    {#- A post's crowd at the end of a user's early window, exactly and
        without a self-join: members and "questions" in one timeline per
        post; at a question, the running count of members who joined
        strictly before it (a question sorts before a member at the same
        time). -#}
    select
        post_id,
        joined_at as event_at,
        0 as is_question,
        cast(null as {{ dbt.type_bigint() }}) as user_id

    from post_members

    union all

    select
        post_id,
        early_window_ends_at as event_at,
        1 as is_question,
        user_id

    from early_posts

),

crowd_counts as (

    select
        user_id,
        post_id,
        sum(1 - is_question) over (
            partition by post_id
            order by event_at asc, is_question desc
            rows between unbounded preceding and current row
        ) - 1 as crowd_size

    from crowd_timeline

),

post_crowds as (

    {#- Other users on the post by the end of the user's early window (the
        user is among the members counted, hence - 1). -#}
    select
        user_id,
        post_id,
        crowd_size

    from crowd_counts

    where user_id is not null

),

members_ranked as (

    select
        *,
        cast(row_number() over (
            partition by post_id order by joined_at, user_id
        ) as {{ dbt.type_bigint() }}) as member_rank

    from post_members

),

capped_members as (

    {#- Bounded: the first fans_crowd_cap members of each post stand for its
        crowd in the pair counts below, so a viral post costs at most that
        many pairs per user. -#}
    select
        post_id,
        user_id,
        joined_at

    from members_ranked

    where member_rank <= {{ cap }}

),

shared_posts as (

    {#- (user, other user, post): the other user had joined one of the
        user's early posts before the user's early window ended. Unique on
        all three (a user joins a post once, a member is listed once per
        post), so counting rows counts posts. -#}
    select
        early_posts.user_id,
        capped_members.user_id as other_user_id,
        early_posts.post_id,
        early_posts.post_order,
        early_posts.early_post_count

    from early_posts

    inner join capped_members
        on
            early_posts.post_id = capped_members.post_id
            and early_posts.user_id != capped_members.user_id
            and early_posts.early_window_ends_at > capped_members.joined_at

),

first_posts_crowds as (

    select
        user_id,
        count(distinct other_user_id) as first_posts_crowd

    from shared_posts

    where post_order <= 2

    group by user_id

),

co_engagement_pairs as (

    {#- Pairs sharing two or more posts; a user with one early post has
        none, so only users with two or more are paired. -#}
    select
        user_id,
        other_user_id

    from shared_posts

    where early_post_count >= 2

    group by user_id, other_user_id

    having count(*) >= 2

),

degrees as (

    select
        user_id,
        count(*) as co_engagement_degree

    from co_engagement_pairs

    group by user_id

),

mean_crowds as (

    select
        user_id,
        {{ exact_avg('crowd_size') }} as mean_post_crowd

    from post_crowds

    group by user_id

),

network_features as (

    select
        windows.user_id,
        coalesce(first_posts_crowds.first_posts_crowd, 0)
            as feature_first_posts_crowd,
        coalesce(mean_crowds.mean_post_crowd, 0) as feature_mean_post_crowd,
        coalesce(degrees.co_engagement_degree, 0)
            as feature_co_engagement_degree

    from windows

    left join first_posts_crowds
        on windows.user_id = first_posts_crowds.user_id

    left join mean_crowds
        on windows.user_id = mean_crowds.user_id

    left join degrees
        on windows.user_id = degrees.user_id

)

select * from network_features
