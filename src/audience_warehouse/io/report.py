# ruff: noqa: E501  (the chart captions below read best one per line)
"""One self-contained HTML report of the built warehouse:
``python3 warehouse.py report [--db FILE] [--out report.html]``.

A section per domain with its key tables and every picture of the domain
(the same drawing functions and mart queries as ``plots``, so nothing is
recomputed on the side), a sentence under each chart saying what to read in
it. Images are embedded as data URIs and the style is inline: the file
opens with no network. A domain whose marts are missing or empty says so
instead of failing.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import math
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
from pandas.api.types import is_numeric_dtype

from audience_warehouse.core.pictures import readable
from audience_warehouse.io.pictures import PICTURES, draw_picture
from audience_warehouse.io.warehouse import caller_path, default_database, read_only


@dataclass(frozen=True)
class Section:
    domain: str
    title: str
    question: str
    tables: list[tuple[str, str]]  # (caption, mart or a query of marts)


def mart_query(table: str) -> str:
    """A section's table as a query: a query as it is, a mart's name as all
    its rows in the order of their columns (a table has no order of its
    own: two reports of one warehouse list the rows alike)."""
    return (
        table
        if table.lstrip().lower().startswith("select")
        else f"select * from main.{table} order by all"
    )


def _columns(mart: str, columns: str, order: str = "") -> str:
    """The key columns of a wide mart (all of them are in the docs)."""
    return f"select {columns} from main.{mart}" + (
        f" order by {order}" if order else ""
    )


SECTIONS = [
    Section(
        "ads", "Ad campaigns",
        "What does each campaign and audience cell cost and return, which cells "
        "behave alike, and does the conversion model beat a constant?",
        [("Campaigns", _columns(
            "dim_campaigns",
            "campaign_id, ad_count, impressions, clicks, spend, approved_conversions, "
            "click_through_rate, cost_per_click, conversion_rate, "
            "cost_per_approved_conversion", "campaign_id")),
         ("Audience-cell clusters", _columns(
            "dim_audience_clusters",
            "cluster_name, audience_cell_count, share_of_cells, share_of_spend, "
            "click_through_rate, cost_per_mille, conversion_rate, "
            "cost_per_approved_conversion", "cluster_id")),
         ("Conversion model against baselines (served: best on validation)",
          _columns(
            "fct_ad_conversion_model_metrics",
            "target_name, model_name, validation_mean_absolute_error, "
            "test_mean_absolute_error, test_root_mean_squared_error, "
            "test_r_squared, is_served, served_reason",
            "target_name, simplicity_rank")),
         ("What the data support", _columns(
            "fct_ads_model_fitness",
            "model_name, fit_row_count, distinct_point_count, top_point_share, "
            "choices_tried, chosen, is_chosen_at_edge, quality_measure, "
            "quality_value, baseline_measure, baseline_value, fit_status, fit_note",
            "model_name"))],
    ),
    Section(
        "segmentation", "Customer segments",
        "How many segments do the customers form, and what is each like?",
        [("Segments", _columns(
            "dim_segments",
            "segment_name, customer_count, share_of_customers, mean_minutes_watched, "
            "mean_customer_lifetime_value, dominant_region_name, "
            "dominant_region_share, dominant_channel_name, dominant_channel_share",
            "customer_count desc, segment_name")),
         ("The fit", "fct_segment_model_fit"),
         ("What the data support", _columns(
            "fct_segment_model_fitness",
            "model_name, fit_row_count, distinct_point_count, top_point_share, "
            "choices_tried, chosen, is_chosen_at_edge, quality_measure, "
            "quality_value, baseline_measure, baseline_value, fit_status, fit_note",
            "model_name"))],
    ),
    Section(
        "fans", "Fans",
        "How engaged is the audience, who are the superfans, and who will stay "
        "engaged after the first week?",
        [("Activity levels", _columns(
            "dim_fan_activity_levels",
            "activity_level, user_count, share_of_users, share_of_engagements, "
            "mean_engagement_count, mean_active_day_count, mean_distinct_page_count, "
            "superfan_count", "activity_level_rank")),
         ("Superfans by page",
          "select page_name, count(*) as superfan_count, "
          "sum(engagement_count) as superfan_engagement_count, "
          "max(last_engaged_at) as last_engaged_at "
          "from main.fct_superfan_pages group by page_name "
          "order by superfan_count desc, page_name"),
         ("Early-activity classifier", _columns(
            "fct_fan_classifier_metrics",
            "model_name, evaluation, model_status, is_served, "
            "validation_user_count, validation_brier_score, user_count, "
            "base_rate, precision_score, recall_score, f1_score, roc_auc, "
            "brier_score")),
         ("What the data support", _columns(
            "fct_fan_model_fitness",
            "model_name, fit_row_count, distinct_point_count, top_point_share, "
            "choices_tried, chosen, is_chosen_at_edge, quality_measure, "
            "quality_value, baseline_measure, baseline_value, fit_status, fit_note",
            "model_name")),
         ("Empty or partial results, and why", "fct_fan_result_notes")],
    ),
    Section(
        "audiences", "Custom audiences",
        "Which audience to use for each objective, and how well does the "
        "lookalike find hidden members?",
        [("Best audience per objective (score_method chose; the other method's "
          "pick beside it; size_note and other_method_size_note flag a pick "
          "under 100 people or scored 0 for its size by bands; choice_status "
          "says why an objective has no pick)", _columns(
            "fct_audience_best_by_objective",
            "objective_kind, objective, score_method, choice_status, "
            "chosen_audience_key, chosen_quality_score, chosen_member_count, "
            "is_weak, size_note, other_method, other_method_audience_key, "
            "other_method_score, other_method_size_note, is_same_choice, "
            "runner_up_audience_key, runner_up_quality_score",
            "objective_kind, objective")),
         ("The weight table the scores used: each name, the audience family it "
          "stands for, and what became of it (an unknown name is listed, not "
          "dropped)", _columns(
            "dim_audience_weights", "*",
            "weight_status = 'used', source_row_number nulls last, audience_family")),
         ("Lookalike: the ranking served and why", _columns(
            "fct_lookalike_summary",
            "seed_audience_key, country_code, seed_member_count, validation_count, "
            "test_count, lookalike_status, lookalike_count, served_method, "
            "method_choice")),
         ("Lookalike against the most-active baseline", _columns(
            "fct_lookalike_evaluation", "*",
            "holdout_part desc, tier_percent, ranking_method desc")),
         ("What the data support", _columns(
            "fct_audience_model_fitness",
            "model_name, fit_row_count, distinct_point_count, top_point_share, "
            "choices_tried, chosen, is_chosen_at_edge, quality_measure, "
            "quality_value, baseline_measure, baseline_value, fit_status, fit_note",
            "model_name"))],
    ),
    Section(
        "interests", "Interests and ad choice",
        "What do users like, how do tastes cluster, and how often is the chosen "
        "ad category right on likes the rule never saw?",
        [("Clusters", _columns(
            "dim_interest_clusters",
            "cluster_name, user_count, user_share, mean_age, mean_mapped_likes, "
            "top_category, top_category_share, second_category, "
            "stability_min_adjusted_rand_index", "user_count desc, cluster_name")),
         ("Ad choice against baselines", "fct_interest_ad_choice_check"),
         ("Audience per ad category", _columns(
            "fct_interest_ad_audiences", "*", "user_count desc, ad_category")),
         ("What the data support", _columns(
            "fct_interest_model_fitness",
            "model_name, fit_row_count, distinct_point_count, top_point_share, "
            "choices_tried, chosen, is_chosen_at_edge, quality_measure, "
            "quality_value, baseline_measure, baseline_value, fit_status, fit_note",
            "model_name"))],
    ),
]  # fmt: skip

CAPTIONS = {
    "ads_k_selection.png": "Pick k where the silhouette peaks and the inertia stops falling fast.",
    "ads_cluster_profiles.png": "Each cluster's mean features in standard deviations from the average cell.",
    "ads_audience_cells.png": "Every targeting cell by spend and results, coloured by its cluster.",
    "ads_model_metrics.png": "Cross-validated errors of the model beside two constant baselines: lower is better.",
    "ads_predictions.png": "Predicted against actual conversions per ad, out of fold, beside the constant baseline (orange): the nearer the diagonal, the better; the legend gives each one's mean absolute error.",
    "ads_campaigns.png": "Spend per campaign, and what each approved conversion cost: a tall green bar is a campaign that pays much for each result.",
    "segmentation_dendrogram.png": "Ward's merges: the largest jump in height sets the number of segments.",
    "segmentation_k_selection.png": "KMeans inertia and silhouette per k on the same customers.",
    "segmentation_segments.png": "Segment sizes and profiles with their names.",
    "fans_k_selection.png": "Activity clusters: the chosen k has the highest silhouette.",
    "fans_activity_levels.png": "Users and engagements per activity level, from casual to most engaged.",
    "fans_daily_engagement.png": "Engagements per day by type: look for launches and decay.",
    "fans_page_overlap.png": "Jaccard index of two pages' fans (shared fans over fans of either): dark pairs are candidates for cross-promotion.",
    "fans_classifier.png": "Classifier metrics on a random and an out-of-time split, calibration and importances.",
    "audiences_sizes.png": "People per audience; below the dashed line an audience cannot be targeted.",
    "audiences_overlap.png": "Jaccard overlap of the largest audiences: dark pairs bid against each other.",
    "audiences_scores.png": "Score per audience and outcome objective by the served method (bands: 0-45, that system's \"good\" from 12; graded: 0-100); the chosen audience is marked.",
    "audiences_lookalike.png": "Hidden seed members found per lookalike tier, model against the baseline: the served method is chosen on the validation part (dotted) and reported on the test part (solid).",
    "interests_distributions.png": "Ages, liked posts (doubling bins) and liked posts against age.",
    "interests_age_groups.png": "Share of each age group by top category; the favourite is named above.",
    "interests_pca.png": "Variance per component, and users on the first two components by top category and cluster.",
    "interests_k_selection.png": "Interest clusters: the chosen k has the highest silhouette.",
    "interests_cluster_profiles.png": "Mean share of likes per category in each cluster: the names follow from it.",
    "interests_ad_check.png": "How often each method finds the top category of hidden likes, on the test half; the method served (green) is the one that won on the validation half.",
}  # fmt: skip

MAX_TABLE_ROWS = 25

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px;
       color: #222; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } h2 { border-bottom: 2px solid #ddd; margin-top: 2.5rem; }
nav a { margin-right: 1rem; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #ddd; padding: 0.2rem 0.5rem; text-align: right; }
th { background: #f3f3f3; } .text { text-align: left; }
figure { margin: 1rem 0 2rem; } figure img { max-width: 100%; border: 1px solid #eee; }
.wide { overflow-x: auto; }
figcaption { color: #555; font-size: 0.9rem; }
.empty { color: #8a6d3b; background: #fcf8e3; padding: 0.5rem 1rem; }
"""


def _readable(name: str) -> str:
    return name.replace("_", " ")


# Text columns whose values are our own codes (random_forest, out_of_time):
# shown as words. Named one by one: the data's own names (page_name, a
# cluster or segment name), keys (audience_key) and the platform's names
# (APP_INSTALLS) stay as they are, since a reader looks them up elsewhere.
CODE_COLUMNS = {
    "evaluation", "method", "model_name", "model_role", "model_status",
    "ranking_method", "target_name",
}  # fmt: skip

# Chart titles that are not the file name's words.
TITLES = {"interests_pca.png": "Principal components (PCA)"}


def chart_title(name: str) -> str:
    """``ads_k_selection.png`` -> ``K selection``."""
    default = _readable(name.removesuffix(".png").split("_", 1)[1]).capitalize()
    return TITLES.get(name, default)


def is_fraction(column: str) -> bool:
    """Rates and shares, held as fractions of one (click_through_rate,
    user_share, share_of_spend): shown as percentages."""
    return column.endswith(("_rate", "_share")) or column.startswith("share_of_")


def column_scale(values: list[object]) -> float | None:
    """The size a column's numbers are shown at (the median of their
    absolute values), so that one column has one precision: 83 and 131,
    not 82.63 and 131. None when it holds no floats."""
    sizes = [
        abs(value)
        for value in values
        if isinstance(value, float) and not math.isnan(value)
    ]
    return statistics.median(sizes) if sizes else None


def cell_text(
    column: str, value: object, scale: float | None = None
) -> tuple[str, str]:
    """A value as a reader wants it, and whether it is a number: keys as
    they are, counts with thousands separators (a count held as a float
    too), rates and shares as percentages, measures to three significant
    digits without exponents, at the column's ``scale`` when given
    (:func:`column_scale`), missing values blank."""
    if value is None or value is pd.NA or value is pd.NaT:
        return "", "text"
    if isinstance(value, float) and pd.isna(value):
        return "", "number"
    if isinstance(value, bool) or column.endswith("_id"):
        return str(value), "number" if not isinstance(value, bool) else "text"
    if isinstance(value, int):
        return f"{value:,}", "number"
    if isinstance(value, float):
        if column.endswith("_count") and value.is_integer():
            return f"{value:,.0f}", "number"
        size = abs(value) if scale is None else scale
        if is_fraction(column):  # as marketers read them: 29.2%, 0.0216%
            percent, size = 100 * value, 100 * size
            if size >= 10:
                return f"{percent:.1f}%", "number"
            if size >= 1:
                return f"{percent:.2f}%", "number"
            return f"{percent:.3g}%", "number"
        if size >= 100:
            return f"{value:,.0f}", "number"
        if size >= 1:
            return f"{value:,.2f}", "number"
        if size >= 0.01 or size == 0:
            return f"{value:.3f}", "number"
        return f"{value:.3g}", "number"
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.strftime("%Y-%m-%d"), "text"
    if isinstance(value, str) and column in CODE_COLUMNS:
        return readable(value), "text"
    return str(value), "text"


def table_html(frame: pd.DataFrame) -> str:
    """A small HTML table: readable headers, numbers rounded (one precision
    per column), text left; a table wider than the page scrolls sideways."""
    head = "".join(
        f'<th class="{"number" if is_numeric_dtype(frame[c]) else "text"}">'
        f"{html.escape(_readable(c))}</th>"
        for c in frame.columns
    )
    shown = frame.head(MAX_TABLE_ROWS)
    records = list(shown.itertuples(index=False))
    scales = [column_scale([r[i] for r in records]) for i in range(len(frame.columns))]
    rows = []
    for record in records:
        cells = []
        for column, value, scale in zip(frame.columns, record, scales, strict=True):
            text, kind = cell_text(column, value, scale)
            cells.append(f'<td class="{kind}">{html.escape(text)}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    more = (
        f"<p>First {MAX_TABLE_ROWS} of {len(frame):,} rows.</p>"
        if len(frame) > MAX_TABLE_ROWS
        else ""
    )
    return (
        f'<div class="wide"><table><tr>{head}</tr>{"".join(rows)}</table></div>{more}'
    )


def figure_uri(figure) -> str:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _empty(message: str) -> str:
    return f'<p class="empty">{html.escape(message)}</p>'


@dataclass
class Tally:
    """What the report holds, for the summary line."""

    tables: int = 0
    charts: int = 0
    missing: list[str] = field(default_factory=list)


def section_html(
    connection: duckdb.DuckDBPyConnection, section: Section, tally: Tally
) -> str:
    parts = [
        f'<section id="{section.domain}"><h2>{html.escape(section.title)}</h2>',
        f"<p>{html.escape(section.question)}</p>",
    ]
    for caption, table in section.tables:
        query = mart_query(table)
        mart = re.search(r"main\.(\w+)", query).group(1)
        parts.append(f"<h3>{html.escape(caption)}</h3>")
        try:
            frame = connection.sql(query).df()
            missing = (
                f"No data yet: {mart} is built but has no rows (its input gave "
                "nothing to show: see the domain's rejects tables and the "
                "build's log)."
                if frame.empty
                else None
            )
        except duckdb.CatalogException:
            missing = (
                f"No data yet: {mart} is not built. Build the domain with "
                f"`python3 warehouse.py build -s tag:{section.domain}`."
            )
        except duckdb.Error as error:  # built by another version, say
            missing = f"{mart} could not be read: {str(error).splitlines()[0]}"
        if missing:
            tally.missing.append(mart)
            parts.append(_empty(missing))
        else:
            tally.tables += 1
            parts.append(table_html(frame))
    for name in PICTURES:
        if not name.startswith(section.domain + "_"):
            continue
        title = chart_title(name)
        try:
            figure = draw_picture(connection, name)
        except (KeyError, IndexError, AttributeError, ValueError, TypeError) as error:
            # A mart with other columns than the drawing reads (one built by
            # another version): this chart says so, the report goes on.
            # Before LookupError: KeyError and IndexError are LookupErrors.
            tally.missing.append(name)
            parts.append(f"<h3>{html.escape(title)}</h3>")
            parts.append(
                _empty(f"{name} could not be drawn: {type(error).__name__} {error}")
            )
            continue
        except LookupError as why:  # not built, or empty (draw_picture)
            tally.missing.append(name)
            parts.append(f"<h3>{html.escape(title)}</h3>")
            parts.append(_empty(f"No data yet for this chart ({why.args[0]})."))
            continue
        tally.charts += 1
        parts.append(
            f'<figure data-chart="{name}"><img alt="{html.escape(title)}" '
            f'src="{figure_uri(figure)}"><figcaption><b>{html.escape(title)}.'
            f"</b> {html.escape(CAPTIONS.get(name, ''))}</figcaption></figure>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def render_report(
    database: Path, progress: Callable[[str], None] = lambda _: None
) -> str:
    """The whole report as one HTML string; ``progress`` hears of each
    section as it is done, then a summary."""
    nav = "".join(f'<a href="#{s.domain}">{html.escape(s.title)}</a>' for s in SECTIONS)
    tally = Tally()
    sections = []
    started = time.perf_counter()
    with read_only(database) as connection:
        for number, section in enumerate(SECTIONS, start=1):
            before = (tally.tables, tally.charts, len(tally.missing))
            sections.append(section_html(connection, section, tally))
            progress(
                f"[{number}/{len(SECTIONS)}] {section.domain}: "
                f"{tally.tables - before[0]} tables, {tally.charts - before[1]} "
                f"charts, {len(tally.missing) - before[2]} without data "
                f"({time.perf_counter() - started:.1f} s)"
            )
    progress(
        f"{tally.tables} tables and {tally.charts} charts in "
        f"{time.perf_counter() - started:.1f} s"
        + (f"; no data yet for {len(tally.missing)}" if tally.missing else "")
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>audience-warehouse report</title>"
        f"<style>{STYLE}</style></head><body>"
        "<h1>audience-warehouse report</h1>"
        f"<p>Drawn from the marts of {html.escape(Path(database).name)}.</p>"
        f"<nav>{nav}</nav>" + "\n".join(sections) + "</body></html>"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="warehouse.py report")
    parser.add_argument("--db", type=Path, default=default_database())
    parser.add_argument("--out", type=Path, default=Path("report.html"))
    args = parser.parse_args(argv)
    out = caller_path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(args.db, progress=print), encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
