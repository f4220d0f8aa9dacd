"""An input's column names that would make us read the wrong column fail
with one message naming the file: a column given twice (letter case aside:
SQL names are not case sensitive, so the first would be used silently) and
a column named like one of our bookkeeping columns (it would shadow the row
number or the reason of an unreadable line). CSV and Parquet, one run."""

from __future__ import annotations

import duckdb
import pytest

pytestmark = pytest.mark.dbt


def test_a_column_twice_or_named_like_ours_fails_naming_the_file(dbt_runner, tmp_path):
    twice = tmp_path / "website.csv"
    twice.write_text(
        "person_id,page_type,visited_at,PAGE_TYPE\n1,menu,2026-01-01 10:00:00,home\n",
        encoding="utf-8",
    )
    ours = tmp_path / "engagements.csv"
    ours.write_text(
        "user_id,page_id,post_id,engagement_type,engaged_at,source_row_number\n"
        "5,1,1,like,2026-02-01 10:00:00,77\n",
        encoding="utf-8",
    )
    # A column that merely ends in digits is the input's own: read.
    digits = tmp_path / "instagram.csv"
    digits.write_text(
        "person_id,action_type,acted_at,action_type_1,Malformed_Reason_2\n"
        "1,ad_saved,2026-01-01 10:00:00,x,y\n",
        encoding="utf-8",
    )
    parquet = tmp_path / "facebook.parquet"
    duckdb.sql(
        "copy (select 1 as person_id, 'like' as action_type,"
        " '2026-01-01 10:00:00' as acted_at, 'x' as malformed_reason)"
        f" to '{parquet}' (format parquet)"
    )
    database = tmp_path / "columns.duckdb"
    result = dbt_runner(
        database, "run", "--select",
        "stg_restaurant__website_events", "stg_facebook_pages__engagements",
        "stg_restaurant__facebook_actions", "stg_restaurant__instagram_actions",
        vars_={
            "instagram_actions_path": str(digits),
            "website_events_path": str(twice),
            "engagements_path": str(ours),
            "facebook_actions_path": str(parquet),
        },
    )  # fmt: skip
    output = " ".join(result.output.split())
    assert result.returncode != 0
    assert (
        f"Input '{twice}' has more than one column named 'page_type' (letter case"
        " aside): keep one, or rename the others." in output
    ), output[-3000:]
    for path, column in [(ours, "source_row_number"), (parquet, "malformed_reason")]:
        assert (
            f"Input '{path}' has a column named '{column}', a name the warehouse"
            " gives its own bookkeeping column: rename that column in the input"
            " (or drop it)." in output
        ), output[-3000:]
    with duckdb.connect(str(database)) as connection:
        read = connection.sql(
            "select person_id, action_type"
            " from main_staging.stg_restaurant__instagram_actions"
        ).fetchall()
    assert read == [(1, "ad_saved")]
