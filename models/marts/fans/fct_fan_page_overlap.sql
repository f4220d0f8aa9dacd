{%- set min_users = var('fans_overlap_min_page_users') -%}

with

engagements as (

    select * from {{ ref('int_fan_engagements_in_scope') }}

),

page_users as (

    select distinct
        page_id,
        user_id

    from engagements

),

page_audience as (

    select
        page_id,
        count(*) as user_count

    from page_users

    group by page_id

),

shared_users as (

    {#- Every ordered pair of pages with at least one user in common. -#}
    select
        page_users.page_id,
        other_page_users.page_id as other_page_id,
        count(*) as shared_user_count

    from page_users

    inner join page_users as other_page_users
        on
            page_users.user_id = other_page_users.user_id
            and page_users.page_id != other_page_users.page_id

    group by page_users.page_id, other_page_users.page_id

),

pairs as (

    select
        shared_users.page_id,
        shared_users.other_page_id,
        page_audience.user_count,
        other_page_audience.user_count as other_user_count,
        shared_users.shared_user_count,
        page_audience.user_count >= {{ min_users }}
        and other_page_audience.user_count >= {{ min_users }}
            as is_reported

    from shared_users

    inner join page_audience
        on shared_users.page_id = page_audience.page_id

    inner join page_audience as other_page_audience
        on shared_users.other_page_id = other_page_audience.page_id

),

overlap as (

    {#- Pages of a handful of users overlap by chance (five users on both
        pages is a Jaccard index of 1.0): a pair with a page under var
        fans_overlap_min_page_users users keeps its counts, and its shares
        are null with the reason in overlap_status. -#}
    select
        page_id,
        other_page_id,
        user_count,
        other_user_count,
        shared_user_count,
        case
            when is_reported
                then {{ safe_divide('shared_user_count', 'user_count') }}
        end as share_of_users_also_on_other_page,
        case
            when is_reported
                then {{ safe_divide(
                    'shared_user_count',
                    'user_count + other_user_count - shared_user_count'
                ) }}
        end as jaccard_index,
        case
            when is_reported then 'reported'
            else 'not reported: a page under {{ min_users }} users'
        end as overlap_status

    from pairs

)

select * from overlap
