"""Absurd numbers in the newest sources are rejected with a reason, never a
crash, an infinity or a lost digit (as in the older sources).

A like count of 1e300 or 2^63 is `implausible_value` (above var
interests_like_count_max), and one of 9007199254740993 (2^53 + 1, raised
limit) keeps its last digit; a video length or watch time of 1e300 is
`implausible_value` (above var audiences_video_max_seconds), and a watch
time of 10.5 s stays 10.5 in a double. One build for both domains."""

from __future__ import annotations

import pytest

from ..conftest import ROOT, Warehouse

pytestmark = pytest.mark.dbt

SAMPLE = ROOT / "seeds" / "sample"


def _sample_plus(seed: str, lines: list[str], path) -> None:
    text = (SAMPLE / f"{seed}.csv").read_text()
    path.write_text(
        text + ("" if text.endswith("\n") else "\n") + "\n".join(lines) + "\n"
    )


def test_absurd_numbers_of_the_new_sources_are_rejected_and_exact_ones_kept(
    dbt_runner, tmp_path
) -> None:
    likes, views = tmp_path / "likes.csv", tmp_path / "video_views.csv"
    _sample_plus(
        "sample_interest_likes",
        [
            "1,zz_huge,1e300",
            "1,zz_int64,9223372036854775808",
            "1,zz_exact,9007199254740993",
        ],
        likes,
    )
    _sample_plus(
        "sample_audience_video_views",
        [
            "2786,6,1e300,120,2026-01-01 02:42:59",
            "2786,6,10,1e300,2026-01-01 02:43:00",
            "2786,6,10.5,120,2026-01-01 02:43:01",
        ],
        views,
    )
    database = tmp_path / "huge.duckdb"
    result = dbt_runner(
        database, "build",
        "--select", "+int_interest_likes_validated", "+int_audience_events_validated",
        "--resource-type", "seed", "--resource-type", "model",
        vars_={
            "interest_likes_path": str(likes),
            "video_views_path": str(views),
            "interests_like_count_max": 10**16,
        },
    )  # fmt: skip
    assert result.returncode == 0, result.output[-4000:]
    built = Warehouse(database)

    added = built.query(
        "select interest, like_count, reject_reason from"
        " main_intermediate.int_interest_likes_validated"
        " where interest like 'zz_%' order by interest"
    ).set_index("interest")
    assert added.reject_reason.fillna("clean").to_dict() == {
        "zz_exact": "clean",
        "zz_huge": "implausible_value",
        "zz_int64": "implausible_value",
    }
    assert int(added.like_count["zz_exact"]) == 9007199254740993

    events = built.query(
        "select seconds_watched, video_length_seconds, reject_reason,"
        " typeof(seconds_watched) as seconds_type"
        " from main_intermediate.int_audience_events_validated"
        " where event_source = 'video' and person_id = 2786"
        " and event_at between timestamp '2026-01-01 02:42:59'"
        " and timestamp '2026-01-01 02:43:01' order by event_at"
    )
    assert events.reject_reason.fillna("clean").tolist() == [
        "implausible_value",
        "implausible_value",
        "clean",
    ]
    assert events.seconds_watched.iloc[2] == 10.5
    assert (events.seconds_type == "DOUBLE").all()
