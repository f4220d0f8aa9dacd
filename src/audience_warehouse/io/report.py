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
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from audience_warehouse.io.pictures import PICTURES
from audience_warehouse.io.warehouse import default_database, read_only


@dataclass(frozen=True)
class Section:
    domain: str
    title: str
    question: str
    tables: list[tuple[str, str]]  # (caption, mart)


SECTIONS = [
    Section(
        "ads", "Ad campaigns",
        "What does each campaign and audience cell cost and return, which cells "
        "behave alike, and does the conversion model beat a constant?",
        [("Campaigns", "dim_campaigns"), ("Audience-cell clusters", "dim_audience_clusters"),
         ("Conversion model against baselines", "fct_ad_conversion_model_metrics")],
    ),
    Section(
        "segmentation", "Customer segments",
        "How many segments do the customers form, and what is each like?",
        [("Segments", "dim_segments"), ("The fit", "fct_segment_model_fit")],
    ),
    Section(
        "fans", "Fans",
        "How engaged is the audience, who are the superfans, and who will stay "
        "engaged after the first week?",
        [("Activity levels", "dim_fan_activity_levels"),
         ("Early-activity classifier", "fct_fan_classifier_metrics")],
    ),
    Section(
        "audiences", "Custom audiences",
        "Which audience to use for each objective, and how well does the "
        "lookalike find hidden members?",
        [("Best audience per objective", "fct_audience_best_by_objective"),
         ("Lookalike against the most-active baseline", "fct_lookalike_evaluation")],
    ),
    Section(
        "interests", "Interests and ad choice",
        "What do users like, how do tastes cluster, and how often is the chosen "
        "ad category right on likes the rule never saw?",
        [("Clusters", "dim_interest_clusters"),
         ("Ad choice against baselines", "fct_interest_ad_choice_check"),
         ("Audience per ad category", "fct_interest_ad_audiences")],
    ),
]  # fmt: skip

CAPTIONS = {
    "ads_k_selection.png": "Pick k where the silhouette peaks and the inertia stops falling fast.",
    "ads_cluster_profiles.png": "Each cluster's mean features in standard deviations from the average cell.",
    "ads_audience_cells.png": "Every targeting cell by spend and results, coloured by its cluster.",
    "ads_model_metrics.png": "Cross-validated errors of the model beside two constant baselines: lower is better.",
    "ads_predictions.png": "Predicted against actual conversions per ad, out of fold: the diagonal is perfect.",
    "ads_campaigns.png": "Spend and conversions per campaign: cost per conversion is the slope.",
    "segmentation_dendrogram.png": "Ward's merges: the largest jump in height sets the number of segments.",
    "segmentation_k_selection.png": "KMeans inertia and silhouette per k on the same customers.",
    "segmentation_segments.png": "Segment sizes and profiles with their names.",
    "fans_k_selection.png": "Activity clusters: the chosen k has the highest silhouette.",
    "fans_activity_levels.png": "Users and engagements per activity level, from casual to most engaged.",
    "fans_daily_engagement.png": "Engagements per day by type: look for launches and decay.",
    "fans_page_overlap.png": "Share of one page's fans also on another: candidates for cross-promotion.",
    "fans_classifier.png": "Classifier metrics on a random and an out-of-time split, calibration and importances.",
    "audiences_sizes.png": "People per audience; below the dashed line an audience cannot be targeted.",
    "audiences_overlap.png": "Jaccard overlap of the largest audiences: dark pairs bid against each other.",
    "audiences_scores.png": "Quality score per audience and objective; the chosen audience is marked.",
    "audiences_lookalike.png": "Hidden seed members found per lookalike tier, model against the baseline.",
    "interests_distributions.png": "Ages, liked posts (doubling bins) and liked posts against age.",
    "interests_age_groups.png": "Share of each age group by top category; the favourite is named above.",
    "interests_pca.png": "Variance per component, and users on the first two components by top category and cluster.",
    "interests_k_selection.png": "Interest clusters: the chosen k has the highest silhouette.",
    "interests_cluster_profiles.png": "Mean share of likes per category in each cluster: the names follow from it.",
    "interests_ad_check.png": "How often the chosen ad is the top category of hidden likes, against baselines.",
}  # fmt: skip

MAX_TABLE_ROWS = 25

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1100px;
       color: #222; line-height: 1.45; }
h1 { margin-bottom: 0.2rem; } h2 { border-bottom: 2px solid #ddd; margin-top: 2.5rem; }
nav a { margin-right: 1rem; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #ddd; padding: 0.2rem 0.5rem; text-align: right; }
th { background: #f3f3f3; } td.text { text-align: left; }
figure { margin: 1rem 0 2rem; } figure img { max-width: 100%; border: 1px solid #eee; }
figcaption { color: #555; font-size: 0.9rem; }
.empty { color: #8a6d3b; background: #fcf8e3; padding: 0.5rem 1rem; }
"""


def _readable(name: str) -> str:
    return name.replace("_", " ")


def table_html(frame: pd.DataFrame) -> str:
    """A small HTML table: readable headers, numbers rounded, text left."""
    head = "".join(f"<th>{html.escape(_readable(c))}</th>" for c in frame.columns)
    rows = []
    for record in frame.head(MAX_TABLE_ROWS).itertuples(index=False):
        cells = []
        for value in record:
            if isinstance(value, float):
                text, kind = ("" if pd.isna(value) else f"{value:,.3g}"), "number"
            elif isinstance(value, int | bool):
                text, kind = (
                    f"{value:,}" if not isinstance(value, bool) else str(value),
                    "number",
                )
            else:
                text, kind = (
                    ("" if value is None or value is pd.NA else str(value)),
                    "text",
                )
            cells.append(f'<td class="{kind}">{html.escape(text)}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    more = (
        f"<p>First {MAX_TABLE_ROWS} of {len(frame):,} rows.</p>"
        if len(frame) > MAX_TABLE_ROWS
        else ""
    )
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>{more}"


def figure_uri(figure) -> str:  # type: ignore[no-untyped-def]
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=80)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def _empty(message: str) -> str:
    return f'<p class="empty">{html.escape(message)}</p>'


def section_html(connection: duckdb.DuckDBPyConnection, section: Section) -> str:
    parts = [
        f'<section id="{section.domain}"><h2>{html.escape(section.title)}</h2>',
        f"<p>{html.escape(section.question)}</p>",
    ]
    for caption, mart in section.tables:
        try:
            frame = connection.sql(f"select * from main.{mart}").df()
        except duckdb.Error:
            frame = None
        parts.append(f"<h3>{html.escape(caption)}</h3>")
        if frame is None or frame.empty:
            parts.append(
                _empty(
                    f"No data yet: {mart} is not built. Build the domain with "
                    f"`python3 warehouse.py build -s tag:{section.domain}`."
                )
            )
        else:
            parts.append(table_html(frame))
    for name, (queries, draw) in PICTURES.items():
        if not name.startswith(section.domain + "_"):
            continue
        title = _readable(name.removesuffix(".png").split("_", 1)[1]).capitalize()
        try:
            frames = [connection.sql(query).df() for query in queries]
        except duckdb.Error:
            frames = []
        if not frames or any(frame.empty for frame in frames):
            parts.append(f"<h3>{html.escape(title)}</h3>")
            parts.append(_empty(f"No data yet for this chart ({name})."))
            continue
        parts.append(
            f'<figure data-chart="{name}"><img alt="{html.escape(title)}" '
            f'src="{figure_uri(draw(*frames))}"><figcaption><b>{html.escape(title)}.'
            f"</b> {html.escape(CAPTIONS.get(name, ''))}</figcaption></figure>"
        )
    parts.append("</section>")
    return "\n".join(parts)


def render_report(database: Path) -> str:
    """The whole report as one HTML string."""
    nav = "".join(f'<a href="#{s.domain}">{html.escape(s.title)}</a>' for s in SECTIONS)
    with read_only(database) as connection:
        sections = [section_html(connection, section) for section in SECTIONS]
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
    out = args.out
    base = os.environ.get("AUDIENCE_WAREHOUSE_CALLER_DIR")
    if not out.is_absolute() and base:
        out = Path(base) / out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_report(args.db), encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 2**20:.1f} MiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
