"""The bad-input corpus: files written here, for every source of every
domain, each with its expected outcome and counts.

Row-level dirt shares one file per source (the sample plus dirty lines, with
a byte-order mark, CRLF line ends, blank lines, reordered and extra columns),
so one build checks every case (a number with a fraction in every numeric
column, with the outcome the README's fraction table states; missing-value
tokens in text columns and ids); each file-level problem is one build across
all sources at once. Raw rows are counted with Python's csv module,
independently of the reader that loads the file.
"""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from ..conftest import ROOT, Warehouse, csv_row_count
from .test_input_rules import table_rows, ticked

pytestmark = pytest.mark.dbt

SAMPLE = ROOT / "seeds" / "sample"


@dataclass(frozen=True)
class Source:
    var: str
    seed: str
    staging: str
    validated: str
    key: str
    # A valid row of this source (every column, as text).
    template: dict[str, str]
    # (changes to the template, or raw bytes in file column order; reason)
    dirt: list[tuple[dict[str, str] | bytes, str | None]] = field(default_factory=list)
    # The validation model's rows of this source, when it holds several.
    where: str = "true"
    schema: str = "main_intermediate"

    @property
    def header(self) -> list[str]:
        return list(self.template)

    def sample_rows(self) -> list[dict[str, str]]:
        with (SAMPLE / f"{self.seed}.csv").open(newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))


def raw_lines(columns: int) -> list[tuple[bytes, str]]:
    """Lines no CSV reader can turn into a row of `columns` fields."""
    return [
        (b"1,2", "wrong_field_count"),
        (b",".join([b"9"] * (columns + 2)), "wrong_field_count"),
    ]


SOURCES = {
    "ads": Source(
        var="ads_path",
        seed="sample_facebook_ads",
        staging="stg_facebook_ads__ads",
        validated="int_ads_validated",
        key="source_row_number",
        template={
            "ad_id": "990001",
            "xyz_campaign_id": "916",
            "fb_campaign_id": "103916",
            "age": "30-34",
            "gender": "M",
            "interest": "15",
            "Impressions": "1000",
            "Clicks": "5",
            "Spent": "2.5",
            "Total_Conversion": "2",
            "Approved_Conversion": "1",
        },
        dirt=[
            ({}, None),
            ({}, "exact_duplicate"),
            ({"ad_id": "9007199254740993"}, None),  # 2^53 + 1: every digit kept
            ({"ad_id": " 990009 "}, None),
            ({"ad_id": "#N/A"}, "null_ad_id"),  # never read as a comment
            ({"ad_id": "9223372036854775808", "Clicks": "4"}, "null_ad_id"),  # > bigint
            ({"ad_id": "990002", "Impressions": "1e300"}, "implausible_value"),
            ({"ad_id": "990003", "Clicks": "NaN"}, "missing_or_invalid_count"),
            ({"ad_id": "990004", "Spent": "inf"}, "missing_or_invalid_spend"),
            ({"ad_id": "990005", "Spent": "2,5"}, "missing_or_invalid_spend"),
            ({"ad_id": "990006", "age": "30-34\nM"}, "unknown_age_band"),
            ({"ad_id": "990007", "Impressions": "1.5"}, "non_integer_count"),
            ({"ad_id": "990008", "Clicks": "abc"}, "missing_or_invalid_count"),
            # Missing-value tokens in text columns are missing (null).
            ({"ad_id": "990010", "gender": " na "}, "unknown_gender"),
            ({"ad_id": "990011", "age": "-"}, "unknown_age_band"),
        ],
    ),
    "customers": Source(
        var="customers_path",
        seed="sample_customers",
        staging="stg_learning_platform__customers",
        validated="int_customers_validated",
        key="customer_id",
        template={
            "minutes_watched": "100",
            "CLV": "50.5",
            "region": "2",
            "channel": "7",
        },
        dirt=[
            ({}, None),
            ({}, None),  # no id column: equal rows are different customers
            ({"minutes_watched": ""}, None),  # blank: imputed, flagged
            ({"CLV": "1e200"}, "implausible_value"),
            ({"minutes_watched": "NaN"}, "invalid_minutes_watched"),
            ({"CLV": "12,5"}, "missing_or_invalid_customer_lifetime_value"),
            ({"CLV": "-1"}, "negative_customer_lifetime_value"),
            ({"region": "2.5"}, "unknown_region"),
            ({"channel": "99"}, "unknown_channel"),
        ],
    ),
    "pages": Source(
        var="pages_path",
        seed="sample_fan_pages",
        staging="stg_facebook_pages__pages",
        validated="int_fan_pages_validated",
        key="source_row_number",
        template={
            "page_id": "900001",
            "page_name": 'Café "Olé", Paris',
            "page_kind": "show",
        },
        dirt=[
            ({}, None),
            ({}, "exact_duplicate"),
            ({"page_id": "900002", "page_name": "A"}, "duplicate_page_id"),
            ({"page_id": "900002", "page_name": "B"}, "duplicate_page_id"),
            ({"page_id": "abc"}, "null_page_id"),
            ({"page_id": "900003", "page_kind": "blog"}, "unknown_page_kind"),
            ({"page_id": "900004", "page_name": ""}, "missing_page_name"),
            ({"page_id": "900005", "page_kind": " Network "}, None),
            ({"page_id": "900006", "page_name": " N/A "}, "missing_page_name"),
            ({"page_id": "900007", "page_name": "None"}, "missing_page_name"),
            ({"page_id": "900008", "page_kind": "NULL"}, "unknown_page_kind"),
        ],
    ),
    "posts": Source(
        var="posts_path",
        seed="sample_fan_posts",
        staging="stg_facebook_pages__posts",
        validated="int_fan_posts_validated",
        key="source_row_number",
        template={
            "post_id": "990001",
            "page_id": "1",
            "posted_at": "2026-01-05 10:00:00",
        },
        dirt=[
            ({}, None),
            ({}, "exact_duplicate"),
            ({"post_id": "990002", "posted_at": "1767607200"}, None),  # epoch s
            (
                {"post_id": "990003", "posted_at": "2026-01-05 12:00 UTC+02:00"},
                "invalid_posted_at",
            ),
            (
                {"post_id": "990004", "posted_at": "10000-01-01 00:00:00"},
                "invalid_posted_at",
            ),
            ({"post_id": "990005", "posted_at": "1900-01-01"}, "implausible_posted_at"),
            ({"post_id": "990006", "page_id": "999"}, "unknown_page"),
            ({"post_id": "#N/A"}, "null_post_id"),
            ({"post_id": "null", "posted_at": "2026-01-05 11:00:00"}, "null_post_id"),
        ],
    ),
    "engagements": Source(
        var="engagements_path",
        seed="sample_fan_engagements",
        staging="stg_facebook_pages__engagements",
        validated="int_fan_engagements_validated",
        key="engagement_id",
        template={
            "user_id": "5",
            "page_id": "1",
            "post_id": "1",
            "engagement_type": "like",
            "engaged_at": "2026-02-01 10:00:00",
        },
        dirt=[
            ({}, None),
            ({}, "exact_duplicate"),
            ({"user_id": "#N/A"}, "null_id"),
            ({"post_id": "999999"}, "unknown_post"),
            ({"user_id": "6", "engagement_type": " LIKE "}, None),
            ({"engagement_type": "love"}, "unknown_engagement_type"),
            ({"engaged_at": "infinity"}, "invalid_engaged_at"),
            ({"user_id": "7", "engagement_type": "?"}, "unknown_engagement_type"),
        ],
    ),
    # The newest sources: people and their four event files (audiences),
    # users and likes in the long form (interests).
    "people": Source(
        var="audience_people_path",
        seed="sample_audience_people",
        staging="stg_restaurant__people",
        validated="int_audience_people_validated",
        key="source_row_number",
        schema="main_pii",
        template={
            "person_id": "990001",
            "email": "ann.lee@example.com",
            "phone": "+44 7911 123456",
            "first_name": "Ann",
            "last_name": "Lee",
            "date_of_birth": "1985-06-01",
            "gender": "f",
            "city": "London",
            "country": "GB",
            "zip_code": "E1 6AN",
        },
        dirt=[
            ({}, None),
            ({}, "exact_duplicate"),
            ({"person_id": "#N/A", "email": "a1@example.com"}, "null_person_id"),
            ({"person_id": "NULL", "email": "a2@example.com"}, "null_person_id"),
            ({"person_id": "nan", "email": "a3@example.com"}, "null_person_id"),
            (
                {"person_id": "990002", "email": "a4@example.com"},
                "conflicting_person_id",
            ),
            (
                {"person_id": "990002", "email": "a5@example.com"},
                "conflicting_person_id",
            ),
            # Junk in personal fields: missing or normalised, never hashed as is
            # (checked below, field by field).
            (
                {
                    "person_id": "990003",
                    "email": "\tAnn.Lee@Example.com ",
                    "phone": "+1 650 555 1215 ext 99",
                    "first_name": "NULL",
                    "last_name": "Vale\u0301ry",
                    "city": "#N/A",
                    "country": "UK",
                    "zip_code": "nan",
                },
                None,
            ),
            (
                {
                    "person_id": "990004",
                    "phone": "16505551212.0",
                    "country": "US",
                    "zip_code": "94105",
                },
                None,
            ),
            ({"person_id": "990005", "country": "ZZ"}, None),
        ],
    ),
    "website": Source(
        var="website_events_path",
        seed="sample_audience_website_events",
        staging="stg_restaurant__website_events",
        validated="int_audience_events_validated",
        key="source_row_number",
        where="event_source = 'website'",
        template={
            "person_id": "544",
            "page_type": "menu",
            "visited_at": "2026-03-01 10:00:00",
        },
        dirt=[
            ({}, None),
            ({}, "exact_duplicate"),
            ({"person_id": "#N/A"}, "null_person_id"),
            ({"person_id": "999999"}, "unknown_person"),
            ({"page_type": "checkout"}, "unknown_event_type"),
            ({"page_type": "NULL"}, "unknown_event_type"),
            ({"visited_at": "2026-13-01 10:00:00"}, "invalid_event_at"),
            ({"visited_at": "1900-01-01 00:00:00"}, "implausible_event_at"),
            ({"page_type": " MENU ", "visited_at": "2026-03-01 10:01:00"}, None),
        ],
    ),
    "video": Source(
        var="video_views_path",
        seed="sample_audience_video_views",
        staging="stg_restaurant__video_views",
        validated="int_audience_events_validated",
        key="source_row_number",
        where="event_source = 'video'",
        template={
            "person_id": "2786",
            "video_id": "6",
            "seconds_watched": "30",
            "video_length_seconds": "120",
            "viewed_at": "2026-03-01 10:00:00",
        },
        dirt=[
            ({}, None),
            ({}, "exact_duplicate"),
            ({"video_id": "NULL"}, "null_video_id"),
            ({"video_length_seconds": "abc"}, "invalid_video_length"),
            ({"seconds_watched": "-5"}, "invalid_seconds_watched"),
            ({"seconds_watched": "1e300"}, "implausible_value"),
            ({"video_length_seconds": "1e300"}, "implausible_value"),
            ({"seconds_watched": "200"}, "watched_beyond_length"),
            ({"person_id": "-"}, "null_person_id"),
        ],
    ),
    "facebook": Source(
        var="facebook_actions_path",
        seed="sample_audience_facebook_actions",
        staging="stg_restaurant__facebook_actions",
        validated="int_audience_events_validated",
        key="source_row_number",
        where="event_source = 'facebook'",
        template={
            "person_id": "4459",
            "action_type": "post_interaction",
            "acted_at": "2026-03-01 10:00:00",
        },
        dirt=[
            ({}, None),
            ({}, "exact_duplicate"),
            ({"person_id": "nan"}, "null_person_id"),
            ({"action_type": "?"}, "unknown_event_type"),
            ({"acted_at": "infinity"}, "invalid_event_at"),
        ],
    ),
    "instagram": Source(
        var="instagram_actions_path",
        seed="sample_audience_instagram_actions",
        staging="stg_restaurant__instagram_actions",
        validated="int_audience_events_validated",
        key="source_row_number",
        where="event_source = 'instagram'",
        template={
            "person_id": "2986",
            "action_type": "ad_saved",
            "acted_at": "2026-03-01 10:00:00",
        },
        dirt=[
            ({}, None),
            ({}, "exact_duplicate"),
            ({"person_id": "9223372036854775808"}, "null_person_id"),  # > bigint
            ({"acted_at": "2026-03-01 10:00:00 Mars/Olympus"}, "invalid_event_at"),
        ],
    ),
    "interest_users": Source(
        var="interest_users_path",
        seed="sample_interest_users",
        staging="stg_social_platform__users",
        validated="int_interest_users_validated",
        key="source_row_number",
        template={
            "user_id": "990001",
            "name": "Ann Lee",
            "handle": "@ann_lee",
            "age": "30",
            "gender": "f",
        },
        dirt=[
            ({}, None),
            ({}, "exact_duplicate"),
            ({"user_id": "#N/A", "age": "31"}, "null_user_id"),
            ({"user_id": "NULL", "age": "32"}, "null_user_id"),
            ({"user_id": "nan", "age": "33"}, "null_user_id"),
            ({"user_id": "990002", "age": "40"}, "conflicting_user_id"),
            ({"user_id": "990002", "age": "41"}, "conflicting_user_id"),
            ({"user_id": "990003", "gender": "NA"}, None),  # gender unknown
        ],
    ),
    "interest_likes": Source(
        var="interest_likes_path",
        seed="sample_interest_likes",
        staging="stg_social_platform__likes",
        validated="int_interest_likes_validated",
        key="source_row_number",
        template={"user_id": "990001", "subcategory": "football", "like_count": "3"},
        dirt=[
            ({}, None),
            ({}, "exact_duplicate"),
            ({"user_id": "#N/A"}, "null_user_id"),
            ({"user_id": "999999"}, "unknown_user"),
            ({"subcategory": "NULL"}, "null_interest"),
            ({"subcategory": "golf", "like_count": ""}, "missing_like_count"),
            ({"subcategory": "judo", "like_count": "NA"}, "invalid_like_count"),
            ({"subcategory": "tennis", "like_count": "1e300"}, "implausible_value"),
            ({"subcategory": "chess", "like_count": "lots"}, "invalid_like_count"),
            ({"subcategory": "running", "like_count": "2"}, "conflicting_like_count"),
            ({"subcategory": "running", "like_count": "5"}, "conflicting_like_count"),
        ],
    ),
}
# The column whose value must differ between dirty rows (an id) per source,
# and a column given a distinct valid value per row, so that two rows whose
# id is null once read are never exact copies of each other.
ID_COLUMNS = {
    "ads": "ad_id",
    "pages": "page_id",
    "posts": "post_id",
    "people": "person_id",
    "interest_users": "user_id",
}
DISTINCT = {
    "ads": ("Spent", "3.{:02d}"),
    "pages": ("page_name", "Page {:02d}"),
    "posts": ("posted_at", "2026-01-05 10:{:02d}:00"),
    "engagements": ("engaged_at", "2026-02-01 10:{:02d}:00"),
    "people": ("email", "fraction{:02d}@example.com"),
    "website": ("visited_at", "2026-03-02 10:{:02d}:00"),
    "video": ("viewed_at", "2026-03-02 10:{:02d}:00"),
    "interest_likes": ("subcategory", "interest{:02d}"),
}


def fraction_dirt(name: str, source: Source) -> list[tuple[dict[str, str], str | None]]:
    """One dirty row per row of the README's fraction table for this source:
    the template with a fraction in that column (a fresh id beside it), and
    the README's outcome as the expected reason (kept: none)."""
    dirt = []
    for index, row in enumerate(table_rows("fraction-rules")):
        var, column = ticked(row[0])[0], ticked(row[1])[0]
        if var != source.var:
            continue
        value = source.template[column]
        changes = {column: value + "5" if "." in value else value + ".5"}
        if name in DISTINCT and DISTINCT[name][0] != column:
            changes[DISTINCT[name][0]] = DISTINCT[name][1].format(index)
        if name in ID_COLUMNS and column != ID_COLUMNS[name]:
            changes = {ID_COLUMNS[name]: str(995000 + index), **changes}
        outcome = row[2]
        if outcome == "floored":
            continue  # an age: checked in the interests tests
        assert outcome in {"kept", "rejected"}, (row, "not a corpus outcome")
        dirt.append((changes, ticked(row[3])[0] if outcome == "rejected" else None))
    return dirt


for _name, _source in SOURCES.items():
    _source.dirt.extend(fraction_dirt(_name, _source))
STAGING = [source.staging for source in SOURCES.values()]


def dbt_build_all(dbt_runner, database: Path, paths: dict[str, Path], *more: str):
    """Build every source's staging and validation models on ``paths`` (and
    the models ``more`` selects)."""
    selectors = [f"+{source.validated}" for source in SOURCES.values()] + [*more]
    return dbt_runner(
        database,
        "build",
        "--select",
        *selectors,
        "--indirect-selection",
        "cautious",
        vars_={SOURCES[name].var: str(path) for name, path in paths.items()},
    )


def reasons_by_key(warehouse: Warehouse, source: Source) -> dict[int, str | None]:
    frame = warehouse.query(
        f"select {source.key} as key, reject_reason"
        f" from {source.schema}.{source.validated} where {source.where}"
    )
    return {
        int(row.key): (None if pd.isna(row.reject_reason) else row.reject_reason)
        for row in frame.itertuples()
    }


def write_kitchen_sink(source: Source, path: Path) -> list[tuple[int, str | None]]:
    """The sample, then every dirty line, in reversed column order with an
    extra column, a byte-order mark, CRLF line ends and blank lines; returns
    the expected (source row number, reason) of each dirty line."""
    columns = [*reversed(source.header), "note"]
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=columns, lineterminator="\r\n")
    writer.writeheader()
    for row in source.sample_rows():
        writer.writerow({**row, "note": ""})
    text.write("\r\n\r\n")  # blank lines are not rows
    readable = []
    for changes, reason in source.dirt:
        writer.writerow({**source.template, **changes, "note": "dirt"})
        readable.append(reason)
    data = b"\xef\xbb\xbf" + text.getvalue().encode("utf-8")
    unreadable = raw_lines(len(columns))
    template_line = io.StringIO()
    csv.DictWriter(template_line, fieldnames=columns, lineterminator="").writerow(
        {**source.template, "note": "caf"}
    )
    unreadable.append((template_line.getvalue().encode() + b"\xe9", "not_utf8"))
    data += b"".join(line + b"\r\n" for line, _ in unreadable)
    path.write_bytes(data)
    first_dirt = len(source.sample_rows()) + 1
    first_unreadable = first_dirt + len(readable)
    return [(first_dirt + i, reason) for i, reason in enumerate(readable)] + [
        (first_unreadable + i, reason) for i, (_, reason) in enumerate(unreadable)
    ]


def test_every_dirty_line_of_every_source_is_a_clean_row_or_a_reject(
    dbt_runner, sample_warehouse, tmp_path
):
    paths = {name: tmp_path / f"{name}.csv" for name in SOURCES}
    expected = {
        name: write_kitchen_sink(source, paths[name])
        for name, source in SOURCES.items()
    }
    result = dbt_build_all(
        dbt_runner, tmp_path / "corpus.duckdb", paths, "+int_audience_people_normalised"
    )
    assert result.returncode == 0, result.output[-6000:]
    warehouse = Warehouse(tmp_path / "corpus.duckdb")
    for name, source in SOURCES.items():
        reasons = reasons_by_key(warehouse, source)
        # Raw rows (csv module) = clean + rejected, every row once.
        assert len(reasons) == csv_row_count(paths[name]), name
        sample = reasons_by_key(sample_warehouse, source)
        assert {k: reasons[k] for k in sample} == sample, name
        for key, reason in expected[name]:
            assert reasons[key] == reason, (name, key, source.dirt[:])
    details = warehouse.query(
        "select reject_detail from main_intermediate.int_fan_pages_validated"
        " where reject_reason = 'wrong_field_count' order by source_row_number"
    ).reject_detail.tolist()
    pages = SOURCES["pages"]
    first_bad_line = 1 + 1 + len(pages.sample_rows()) + 2 + len(pages.dirt)
    assert details[0].startswith(f"line {first_bad_line}: "), details
    assert details[0].endswith(": 2 fields where the header has 4: 1,2"), details
    exact = warehouse.query(
        "select (select list(ad_id) from main_intermediate.int_ads_validated"
        "  where ad_id > 9000000000000000 and reject_reason is null) as big_ids,"
        " (select list(page_name) from main_intermediate.int_fan_pages_cleaned"
        "  where page_id = 900001) as names,"
        " (select list(page_kind) from main_intermediate.int_fan_pages_cleaned"
        "  where page_id = 900005) as kinds,"
        " (select list(coalesce(gender_code, 'null'))"
        "  from main_staging.stg_facebook_ads__ads where ad_id = 990010) as tokens,"
        " (select list(coalesce(page_name, 'null') || '|'"
        "  || coalesce(page_kind, 'null')"
        "  order by page_id) from main_staging.stg_facebook_pages__pages"
        "  where page_id in (900006, 900008)) as page_tokens"
    ).iloc[0]
    assert list(exact.big_ids) == [9007199254740993]
    assert list(exact.names) == ['Café "Olé", Paris']
    assert list(exact.kinds) == ["network"]
    assert list(exact.tokens) == ["null"]  # a token is null, never a code
    assert list(exact.page_tokens) == ["null|show", 'Café "Olé", Paris|null']
    # Junk in personal fields (people 990003-990005): a token is missing, a
    # tab is trimmed, an extension and a decimal's .0 dropped, a decomposed
    # accent composed, UK is gb, an unknown two-letter code is invalid.
    people = warehouse.query(
        "select person_id, email_normalised, email_status, phone_normalised,"
        " first_name_status, last_name_normalised, city_status, zip_status,"
        " country_normalised, country_status"
        " from main_pii.int_audience_people_normalised"
        " where person_id between 990003 and 990005 order by person_id"
    )
    assert people.values.tolist() == [
        [990003, "ann.lee@example.com", "valid", "16505551215", "missing",
         "valéry", "missing", "missing", "gb", "valid"],
        [990004, "ann.lee@example.com", "valid", "16505551212", "valid",
         "lee", "valid", "valid", "us", "valid"],
        [990005, "ann.lee@example.com", "valid", "447911123456", "valid",
         "lee", "valid", "valid", "zz", "invalid_country"],
    ]  # fmt: skip


def write_sample_as(source: Source, path: Path, delimiter: str) -> None:
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=source.header, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(source.sample_rows())
    data = text.getvalue().encode("utf-8")
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)


def typed_frame(source: Source) -> pd.DataFrame:
    """The sample as a user's tool would type it for Parquet: a column whose
    every value is an integer becomes int64, else one whose every value is a
    number becomes float64, else text."""
    frame = pd.DataFrame(source.sample_rows(), dtype="string")
    for column in frame:
        numbers = pd.to_numeric(frame[column], errors="coerce")
        if numbers.notna().all():
            whole = (numbers == numbers.round()).all()
            frame[column] = numbers.astype("int64") if whole else numbers
    return frame


# Files as other tools save them, each with the sample's outcome: UTF-16
# text with its little-endian byte-order mark and CRLF line ends (Excel's
# and Notepad's "Unicode text"), and an extra column whose quoted name
# holds the delimiter or a doubled quote (a header split as a CSV line).
# (encoding, delimiter, extra column's name or None) per source.
OTHER_TOOLS = {
    "ads": ("utf-16", ",", None),
    "customers": ("utf-8", ",", "name, full"),
    "pages": ("utf-16", ",", 'say "hi"; then, go'),
    "posts": ("utf-8", ";", "a;b"),
    # More commas inside the quoted name than semicolons between fields:
    # the delimiter is counted outside quotes.
    "engagements": ("utf-8", ";", "one, two, three, four, five, six"),
    "people": ("utf-16", ",", "full, name"),
    "website": ("utf-8", "\t", None),
    "video": ("utf-16", ";", None),
    "facebook": ("utf-8", "|", "a|b"),
    "instagram": ("utf-16", ",", None),
    "interest_users": ("utf-8", ",", 'nick "name"'),
    "interest_likes": ("utf-16", ";", None),
}


def write_sample_from_other_tool(name: str, source: Source, path: Path) -> None:
    encoding, delimiter, extra = OTHER_TOOLS[name]
    header = [*source.header, *([extra] if extra else [])]
    text = io.StringIO()
    # Every name quoted, as many tools write a header (the csv module would
    # quote only a name holding the delimiter or a quote).
    line_end = "\r\n" if encoding == "utf-16" else "\n"
    text.write(
        delimiter.join('"' + column.replace('"', '""') + '"' for column in header)
        + line_end
    )
    writer = csv.writer(text, delimiter=delimiter, lineterminator=line_end)
    for row in source.sample_rows():
        writer.writerow([*(row[c] for c in source.header), *(["x"] if extra else [])])
    path.write_bytes(text.getvalue().encode(encoding))  # utf-16: BOM, LE


@pytest.mark.parametrize(
    "form", ["delimiters_and_gzip", "typed_parquet", "other_tools"]
)
def test_other_file_forms_give_the_samples_outcome(
    dbt_runner, sample_warehouse, tmp_path, form
):
    forms = {
        "ads": ("ads.csv.gz", ";"),
        "customers": ("customers.tsv", "\t"),
        "pages": ("pages.txt", "|"),
        "posts": ("posts.csv", ";"),
        "engagements": ("engagements.csv.gz", ","),
        "people": ("people.tsv", "\t"),
        "website": ("website.csv.gz", ";"),
        "video": ("video.txt", "|"),
        "facebook": ("facebook.csv", ";"),
        "instagram": ("instagram.tsv", "\t"),
        "interest_users": ("interest_users.csv.gz", "|"),
        "interest_likes": ("interest_likes.txt", ";"),
    }
    paths = {}
    for name, source in SOURCES.items():
        if form == "typed_parquet":
            paths[name] = tmp_path / f"{name}.parquet"
            frame = typed_frame(source)  # noqa: F841 (read by DuckDB below)
            duckdb.sql(f"copy frame to '{paths[name]}' (format parquet)")
        elif form == "other_tools":
            paths[name] = tmp_path / f"{name}.csv"
            write_sample_from_other_tool(name, source, paths[name])
        else:
            file_name, delimiter = forms[name]
            paths[name] = tmp_path / file_name
            write_sample_as(source, paths[name], delimiter)
    result = dbt_build_all(dbt_runner, tmp_path / "forms.duckdb", paths)
    assert result.returncode == 0, result.output[-6000:]
    warehouse = Warehouse(tmp_path / "forms.duckdb")
    for name, source in SOURCES.items():
        sample = reasons_by_key(sample_warehouse, source)
        assert reasons_by_key(warehouse, source) == sample, name


def header_line(source: Source) -> str:
    return ",".join(source.header)


def first_row(source: Source) -> str:
    return ",".join(source.template.values())


def csv_text(source: Source, line_end: str = "\n") -> str:
    """The header and the template row, quoted as Python's csv module does."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator=line_end)
    writer.writerow(source.header)
    writer.writerow(source.template.values())
    return text.getvalue()


# (case, file name, content or None for no file, message expected per source)
BROKEN = [
    ("zero_bytes", "{name}.csv", lambda s: "", "is empty (0 bytes"),
    ("header_only", "{name}.csv", lambda s: header_line(s) + "\n", "has no data rows"),
    (
        "renamed_column",
        "{name}.csv",
        lambda s: (
            header_line(s).replace(s.header[0], "renamed", 1)
            + "\n"
            + first_row(s)
            + "\n"
        ),
        "is missing required column(s): " + "{first_column}",
    ),
    ("missing_path", "{name}.csv", None, "was not found"),
    ("directory", "{name}.csv", "directory", "was not found (or is a directory)"),
    ("not_csv", "{name}.xlsx", lambda s: "x", "expected a .csv, .csv.gz"),
    (
        "unclosed_quote",
        "{name}.csv",
        lambda s: header_line(s) + "\n" + first_row(s) + '\n"' + first_row(s) + "\n",
        'a quote (") opened on line 3 is never closed',
    ),
    (
        # One CRLF line in a file of LF lines (a line pasted from Windows).
        "mixed_line_ends",
        "{name}.csv",
        lambda s: csv_text(s) + csv_text(s, "\r\n").splitlines(True)[1],
        "line 3 ends in CRLF (\\r\\n) but line 1 ends in LF (\\n):"
        " a file whose line ends are mixed cannot be read. Convert the file",
    ),
    (
        "utf16_big_endian",
        "{name}.csv",
        lambda s: b"\xfe\xff" + csv_text(s).encode("utf-16-be"),
        "is UTF-16 big-endian text, which cannot be read: save it as UTF-8",
    ),
]


# One dbt run per round, each source given a different broken form (a run
# reports every staging model's failure): four rounds give every source
# four forms and every form at least two sources (the reader is one macro
# for every source; nine runs for every pair cost a parse each).
ROUNDS = 4


def broken_case(round_: int, source_index: int) -> tuple:
    return BROKEN[(source_index + 5 * round_) % len(BROKEN)]


def test_every_broken_form_meets_at_least_two_sources():
    met = [
        broken_case(round_, index)[0]
        for round_ in range(ROUNDS)
        for index in range(len(SOURCES))
    ]
    assert all(met.count(case[0]) >= 2 for case in BROKEN), met


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_a_structurally_broken_file_fails_with_one_message_naming_it(
    dbt_runner, tmp_path, round_
):
    paths, messages = {}, {}
    for index, (name, source) in enumerate(SOURCES.items()):
        _, file_name, content, message = broken_case(round_, index)
        path = tmp_path / file_name.format(name=name)
        if content == "directory":
            path.mkdir()
        elif content is not None:
            data = content(source)
            if isinstance(data, str):
                data = data.encode("utf-8")
            path.write_bytes(data)
        paths[name] = path
        messages[name] = message.format(first_column=source.header[0])
    result = dbt_runner(
        tmp_path / "broken.duckdb",
        "run",
        "--select",
        *STAGING,
        vars_={SOURCES[name].var: str(path) for name, path in paths.items()},
    )
    assert result.returncode != 0
    output = " ".join(result.output.split())
    for name in SOURCES:
        assert str(paths[name]) in output and messages[name] in output, (
            name,
            messages[name],
            output[-3000:],
        )


def test_decimal_comma_files_fail_and_are_named_as_such(dbt_runner, tmp_path):
    paths = {}
    for name in ["ads", "customers"]:
        source = SOURCES[name]
        paths[name] = tmp_path / f"{name}.csv"
        rows = [
            {k: v.replace(".", ",") for k, v in row.items()}
            for row in source.sample_rows()
        ]
        with paths[name].open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=source.header, delimiter=";")
            writer.writeheader()
            writer.writerows(rows)
    result = dbt_runner(
        tmp_path / "commas.duckdb",
        "build",
        "--select",
        "+int_ads_validated",
        "+int_customers_validated",
        "--indirect-selection",
        "cautious",
        vars_={SOURCES[name].var: str(path) for name, path in paths.items()},
    )
    assert result.returncode != 0
    output = " ".join(result.output.split())
    for path in paths.values():
        assert f"Input '{path}'" in output
    assert output.count("semicolon-delimited with decimal commas") >= 2, output[-3000:]
