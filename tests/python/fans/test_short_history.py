"""The fans domain on histories too short or sparse to fit a model: every
mart builds, and the model steps say why in data, not in a traceback.

Files written here: a one-day log of 20 users with only likes, on a page
and (five of them) on a second page (no label window has ended, nobody is
active on enough days to be a superfan, and the two pages are too small to
compare; ids negative 64-bit integers and times in epoch milliseconds, as in
a real public engagement log), and a two-month log where every user
engaged once (labels observable, nobody engaged later, and every user has
the same activity, so there is nothing to cluster). Beside the hand-written
one-day log, our generator's (``history_days=1``: 300 users, 3,000 events
on one day, many pages and posts) must get the same status words.
"""

from __future__ import annotations

import pandas as pd
import pytest

from audience_warehouse.io.files import write_fans

from ..conftest import Warehouse

pytestmark = pytest.mark.dbt

MARTS = [
    "dim_fans",
    "dim_superfans",
    "dim_fan_activity_levels",
    "dim_fan_pages",
    "dim_fan_posts",
    "fct_fan_daily_engagement",
    "fct_fan_page_overlap",
    "fct_superfan_pages",
    "fct_fan_activity_k_selection",
    "fct_fan_engagement_predictions",
    "fct_fan_classifier_metrics",
    "fct_fan_classifier_calibration",
    "fct_fan_classifier_feature_importances",
    "fct_fan_result_notes",
]


def one_day(directory):
    (directory / "pages.csv").write_text(
        "page_id,page_name,page_kind\n1,Main,show\n2,Small,show\n"
    )
    (directory / "posts.csv").write_text(
        "post_id,page_id,posted_at\n1,1,2026-01-05 08:00:00\n"
        "2,1,2026-01-05 09:00:00\n3,2,2026-01-05 09:30:00\n"
    )
    lines = ["user_id,page_id,post_id,engagement_type,engaged_at"]
    start_ms = 1767607200000  # 2026-01-05 10:00 UTC
    for user in range(1, 21):
        user_id = -(2**63) + 1000 + user * 7_919_000_000_000
        for event in range(1 + user % 4):
            at = start_ms + (event * 3600 + user * 60) * 1000
            lines.append(f"{user_id},1,{1 + event % 2},like,{at}")
        if user <= 5:  # five users on both pages (of 20 and 5 users)
            lines.append(f"{user_id},2,3,like,{start_ms + 5 * 3600 * 1000}")
    (directory / "engagements.csv").write_text("\n".join(lines) + "\n")
    return 20, "history of 1 day; the early window plus label window need 37"


def once_each(directory):
    (directory / "pages.csv").write_text("page_id,page_name,page_kind\n1,A,show\n")
    (directory / "posts.csv").write_text("post_id,page_id,posted_at\n1,1,1767225600\n")
    lines = ["user_id,page_id,post_id,engagement_type,engaged_at"]
    for user in range(1, 61):
        lines.append(f"{user},1,1,like,2026-01-{1 + user % 28:02d} 12:00:00")
    # Two months after the rest: out of line with them, so it cannot move
    # "now" by itself (int_fan_as_of); the test sets the as-of date instead
    # (AS_OF), so every user's label window is complete.
    lines.append("61,1,1,like,2026-03-31 12:00:00")
    (directory / "engagements.csv").write_text("\n".join(lines) + "\n")
    return 61, "one class only: 0 of 60 labelled users positive"


def generated_one_day(directory):
    write_fans(directory, 300, 3000, 11, "csv", 0.0, history_days=1)
    return 300, "history of 1 day; the early window plus label window need 37"


ONE_DAY = (one_day, generated_one_day)
AS_OF = {once_each: "2026-04-01"}


@pytest.mark.parametrize(
    "history", [one_day, once_each, generated_one_day], ids=lambda f: f.__name__
)
def test_every_fans_mart_builds_and_says_why_nothing_was_fitted(
    dbt_runner, tmp_path, history
):
    users, reason = history(tmp_path)
    result = dbt_runner(
        tmp_path / "short.duckdb",
        "build",
        "--select",
        "tag:fans",
        vars_={
            **{
                f"{name}_path": str(tmp_path / f"{name}.csv")
                for name in ["pages", "posts", "engagements"]
            },
            "fans_as_of_date": AS_OF.get(history),
        },
    )
    assert result.returncode == 0, result.output[-4000:]
    warehouse = Warehouse(tmp_path / "short.duckdb")
    for mart in MARTS:
        warehouse.query(f"select * from main.{mart}")  # exists
    fans = warehouse.query("select * from main.dim_fans")
    assert len(fans) == users
    assert fans.engaged_later_probability.isna().all()
    predictions = warehouse.query(
        "select * from main.fct_fan_engagement_predictions"
    ).set_index("user_id")
    status = fans.set_index("user_id").prediction_status
    incomplete = ~predictions.is_early_window_complete.reindex(status.index)
    # The user's own reason first: an early window not complete is said
    # before the model's reason (on the one-day log, for every user).
    assert (
        status[incomplete]
        .str.startswith(f"early window not complete; no model: {reason}")
        .all()
    )
    assert status[~incomplete].str.startswith(reason).all()
    if history in ONE_DAY:
        assert incomplete.all()
    assert fans.activity_level.notna().all()
    if history is one_day:  # negative 64-bit ids kept exactly
        assert fans.user_id.max() < 0 and fans.user_id.min() < -(2**62)
    metrics = warehouse.query("select * from main.fct_fan_classifier_metrics")
    assert len(metrics) == 7  # 3 models x 2 evaluations + the ablation
    random_split = metrics[metrics.evaluation == "random_split"]
    assert random_split.model_status.str.startswith(reason).all()
    if history in ONE_DAY:  # the out-of-time evaluation: the same shortfall
        assert metrics.model_status.str.startswith(reason).all()
    assert (metrics.model_status != "fitted").all()
    assert metrics.roc_auc.isna().all()
    # Nothing served, and the reason is the status.
    assert not metrics.is_served.any()
    assert metrics.served_reason.str.startswith(f"no model served: {reason}").all()
    assert fans.prediction_model.isna().all()
    importances = warehouse.query(
        "select * from main.fct_fan_classifier_feature_importances"
    )
    assert importances.model_status.str.startswith(reason).all()
    assert importances.importance_rank.isna().all()  # nothing to rank
    notes = warehouse.query("select * from main.fct_fan_result_notes").set_index(
        "result_name"
    )
    calibration = notes.loc["fct_fan_classifier_calibration"]
    assert calibration.is_empty
    assert calibration.note.startswith(f"no model fitted: {reason}")
    if history in ONE_DAY:
        # Users pass the score rule, nobody the active-days rule: said so.
        superfans = notes.loc["dim_superfans"]
        assert superfans.is_empty
        assert superfans.note.startswith(f"none of the {users} users passes all three")
        assert "0 the active-days rule (at least 5 active days)" in superfans.note
        assert "0 pass the score rule" not in superfans.note
        persistence = warehouse.query("select * from main.fct_superfan_persistence")
        assert (persistence.user_count == 0).all()
        assert persistence.note.str.startswith(
            "no user had engaged by the past date, 30 days before"
        ).all()
        assert notes.loc["fct_superfan_persistence"].note == persistence.note[0]
    if history is one_day:
        # Pages of 20 and 5 users: their overlap is not reported as a share.
        overlap = warehouse.query("select * from main.fct_fan_page_overlap")
        assert len(overlap) == 2 and (overlap.shared_user_count == 5).all()
        assert overlap.jaccard_index.isna().all()
        assert overlap.share_of_users_also_on_other_page.isna().all()
        assert (overlap.overlap_status == "not reported: a page under 20 users").all()
        assert notes.loc["fct_fan_page_overlap"].note.startswith(
            "2 of 2 page pairs not reported"
        )
    fitness = warehouse.query("select * from main.fct_fan_model_fitness")
    classifier = fitness.set_index("model_name").loc["early-activity classifier"]
    assert pd.isna(classifier.chosen) and pd.isna(classifier.quality_value)
    assert classifier.fit_note.startswith(f"no model served: {reason}")
    k_selection = warehouse.query("select * from main.fct_fan_activity_k_selection")
    assert k_selection.is_chosen.sum() == 1
    if history is generated_one_day:
        return  # users enough to cluster: test_ties covers a fit on ties
    # Too few distinct users (under var cluster_min_distinct_points, 20):
    # one cluster, said so in words, and no level named.
    chosen = k_selection[k_selection.is_chosen].iloc[0]
    assert chosen.k == 1 and chosen.fit_status == "one cluster"
    assert chosen.distinct_point_count < 20
    assert chosen.fit_note.startswith(f"{chosen.distinct_point_count} distinct point")
    assert k_selection[~k_selection.is_chosen].note.str.startswith("not tried").all()
    levels = warehouse.query("select distinct activity_level from main.dim_fans")
    assert levels.activity_level.tolist() == ["level 1"]
    assert set(fitness.fit_status) >= {"one cluster"}
