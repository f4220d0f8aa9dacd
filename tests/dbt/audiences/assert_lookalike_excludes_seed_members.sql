{#- A lookalike never holds a member of its seed audience: returns every
    lookalike person who is in the seed audience. -#}

select lookalike.person_id

from {{ ref('fct_lookalike_audience') }} as lookalike

inner join {{ ref('fct_audience_memberships') }} as memberships
    on
        lookalike.person_id = memberships.person_id
        and lookalike.seed_audience_key = memberships.audience_key
