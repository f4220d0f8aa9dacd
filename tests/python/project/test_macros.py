"""Our own dbt macros (no dbt_utils here), run on fixtures in one dbt call.

Each generic test is run on a fixture where it must find a known number of
failing rows (and 0 on the passing part), so a test macro that asserts
nothing would fail here.
"""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.dbt

INLINE = """
with fixture as (
    select * from (values
        (1, -1.0, 0.5, 'a', 4),
        (2, 2.0, 1.5, 'a', 4),
        (3, 3.0, 0.25, 'b', 5),
        (3, 0.0, 0.75, 'b', 5)
    ) as rows (id, x, share, grp, y)
),
passing as (select * from fixture where id = 3)
select 'non_negative' as check_name, count(*) as failures
    from ({{ test_non_negative('fixture', 'x') }}) as r
union all select 'non_negative_pass', count(*)
    from ({{ test_non_negative('passing', 'x') }}) as r
union all select 'value_between', count(*)
    from ({{ test_value_between('fixture', 'share', 0, 1) }}) as r
union all select 'sums_to_grouped', count(*)
    from ({{ test_sums_to('fixture', 'share', total=1, group_by=['grp']) }}) as r
union all select 'sums_to_pass', count(*)
    from ({{ test_sums_to('passing', 'share', total=1) }}) as r
union all select 'expression_is_true', count(*)
    from ({{ test_expression_is_true('fixture', 'x >= 0') }}) as r
union all select 'unique_combination', count(*)
    from ({{ test_unique_combination('fixture', ['id', 'grp']) }}) as r
union all select 'unique_combination_pass', count(*)
    from ({{ test_unique_combination('fixture', ['id', 'x']) }}) as r
union all select 'row_share_below', count(*)
    from ({{ test_row_share_below('passing', 'fixture', 0.4) }}) as r
union all select 'row_share_below_pass', count(*)
    from ({{ test_row_share_below('passing', 'fixture', 0.5) }}) as r
union all select 'rows_reconcile', count(*)
    from ({{ test_rows_reconcile('fixture', 'passing', 'fixture') }}) as r
union all select 'rows_reconcile_pass', count(*)
    from ({{ test_rows_reconcile('fixture', 'passing', 'passing') }}) as r
union all select 'safe_divide_by_zero', count(*)
    from (select {{ safe_divide('1', '0') }} as v) as r where v is null
union all select 'safe_divide', count(*)
    from (select {{ safe_divide('1', '4') }} as v) as r where v = 0.25
union all select 'poisson_median', count(*)
    from (values (0.0, 0), (0.5, 0), (1.0, 1), (2.0, 2), (3.7, 4)) as m (mu, median)
    where {{ poisson_median('mu') }} = median
union all select 'safe_cast_bad_value', count(*)
    from (select {{ dbt.safe_cast("'lots'", 'bigint') }} as v) as r where v is null
union all select 'safe_cast_fraction_to_integer', count(*)
    from (select {{ dbt.safe_cast("'1.5'", 'bigint') }} as v) as r where v is null
union all select 'safe_cast_whole_number', count(*)
    from (select {{ dbt.safe_cast("'12.0'", 'bigint') }} as v) as r where v = 12
union all select 'safe_cast_nan_and_infinity', count(*)
    from (values ('nan'), ('inf'), ('-infinity')) as t (x)
    where {{ dbt.safe_cast('x', 'double') }} is null
union all select 'parse_timestamp', count(*)
    from (values
        ('2026-01-05 10:16:29', timestamp '2026-01-05 10:16:29'),
        ('2026-01-05T10:16:29', timestamp '2026-01-05 10:16:29'),
        ('2026-01-05T10:16:29+02:00', timestamp '2026-01-05 08:16:29'),
        ('2026-01-05 10:16:29Z', timestamp '2026-01-05 10:16:29'),
        ('1767608189000', timestamp '2026-01-05 10:16:29'),
        ('2026-01-05 10:16:29z', timestamp '2026-01-05 10:16:29'),
        ('2026-01-05 11:16:29 Europe/Vaduz', timestamp '2026-01-05 10:16:29'),
        ('99999999999', timestamp '5138-11-16 09:46:39'),
        ('100000000000', timestamp '1973-03-03 09:46:40'),
        ('253402300799999', timestamp '9999-12-31 23:59:59.999')
    ) as t (raw, expected)
    where {{ parse_timestamp('raw') }} = expected
union all select 'parse_timestamp_invalid', count(*)
    from (values
        ('yesterday'), (''), ('2026-02-30 10:00:00'), ('2026-01-05 25:00:00'),
        ('2026-01-05 10:00:00 Mars/Olympus'), ('2026-01-05 10:00:00 UTC+02:00'),
        ('253402300800000')
    ) as t (raw)
    where {{ parse_timestamp('raw') }} is null
union all select 'parse_timestamp_typed', count(*)
    from (
        select {{ parse_timestamp('raw') }} = timestamp '2026-01-05 10:16:29' as ok
        from (select cast(1767608189000 as bigint) as raw) as ms
        union all
        select {{ parse_timestamp('raw') }} = timestamp '2026-01-05 10:16:29'
        from (select cast(1767608189 as integer) as raw) as seconds
        union all
        select {{ parse_timestamp('raw') }} = timestamp '2026-01-05 10:16:29'
        from (select timestamp '2026-01-05 10:16:29' as raw) as ts
        union all
        select {{ parse_timestamp('raw') }} = timestamp '2026-01-05'
        from (select date '2026-01-05' as raw) as d
        union all
        select {{ parse_timestamp('raw') }} is null
        from (select cast(-5 as bigint) as raw) as negative
        union all
        select {{ parse_timestamp('raw') }} is null
        from (select cast(253402300800000 as bigint) as raw) as past_9999
    ) as typed
    where ok
union all select 'safe_cast_double', count(*)
    from (select {{ dbt.safe_cast("'2.5'", 'double') }} as v) as r where v = 2.5
union all select 'value_percent_ranks', count(*)
    from (
        select v, percent_rank() over (order by v) as expected
        from (values (3), (1), (3), (7), (1), (1), (4)) as t (v)
    ) as w
    inner join ({{ value_percent_ranks(
        '(values (3), (1), (3), (7), (1), (1), (4)) as t (v)', 'v'
    ) }}) as r on w.v = r.ranked_value
    where w.expected = r.percent_rank
union all select 'value_percent_ranks_single_row', count(*)
    from ({{ value_percent_ranks('(values (5)) as t (v)', 'v') }}) as r
    where r.percent_rank = 0
union all select 'input_path_home', count(*)
    from (select '{{ input_path("~/x.csv") }}' as p) as r
    where p = '{{ env_var("HOME") }}/x.csv'
union all select 'input_path_absolute', count(*)
    from (select '{{ input_path("/data/x.csv") }}' as p) as r where p = '/data/x.csv'
"""

EXPECTED = {
    "non_negative": 1,
    "non_negative_pass": 0,
    "value_between": 1,
    "sums_to_grouped": 1,
    "sums_to_pass": 0,
    "expression_is_true": 1,
    "unique_combination": 1,
    "unique_combination_pass": 0,
    "row_share_below": 1,
    "row_share_below_pass": 0,
    "rows_reconcile": 1,
    "rows_reconcile_pass": 0,
    "safe_divide_by_zero": 1,
    "safe_divide": 1,
    "poisson_median": 5,
    "safe_cast_bad_value": 1,
    "safe_cast_fraction_to_integer": 1,
    "safe_cast_whole_number": 1,
    "safe_cast_nan_and_infinity": 3,
    "parse_timestamp": 10,
    "parse_timestamp_invalid": 7,
    "parse_timestamp_typed": 6,
    "safe_cast_double": 1,
    "value_percent_ranks": 7,
    "value_percent_ranks_single_row": 1,
    "input_path_home": 1,
    "input_path_absolute": 1,
}


def test_macros_on_fixtures(dbt_runner, tmp_path):
    result = dbt_runner(
        tmp_path / "macros.duckdb", "show", "--inline", INLINE,
        "--output", "json", "--limit", "-1",
    )  # fmt: skip
    assert result.returncode == 0, result.output[-4000:]
    payload = re.search(r'\{\s*"show".*\}', result.output, re.DOTALL)
    assert payload, result.output[-2000:]
    rows = json.loads(payload.group(0))["show"]
    assert {row["check_name"]: row["failures"] for row in rows} == EXPECTED
