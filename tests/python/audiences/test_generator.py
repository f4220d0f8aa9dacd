"""The seeded audiences generator: schema, determinism, realistic shapes
(funnel, short views, intent), dirt in personal fields and rows."""

import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from audience_warehouse.audiences.generator import (
    ACTION_COLUMNS,
    FUNNEL,
    PEOPLE_COLUMNS,
    VIDEO_COLUMNS,
    WEBSITE_COLUMNS,
    generate_audiences,
)
from audience_warehouse.io.cli import (
    SAMPLE_AUDIENCE_DIRTY_FRACTION,
    SAMPLE_AUDIENCE_PEOPLE,
    SAMPLE_AUDIENCE_SEED,
)
from audience_warehouse.io.files import write_audiences

SEEDS = Path(__file__).resolve().parents[3] / "seeds" / "sample"


@pytest.fixture(scope="module")
def data():
    return generate_audiences(4000, random_state=5)


def test_schema_and_determinism(data):
    assert list(data.people.columns) == PEOPLE_COLUMNS
    assert list(data.website_events.columns) == WEBSITE_COLUMNS
    assert list(data.video_views.columns) == VIDEO_COLUMNS
    assert list(data.facebook_actions.columns) == ACTION_COLUMNS
    assert list(data.instagram_actions.columns) == ACTION_COLUMNS
    again = generate_audiences(4000, random_state=5)
    for name, frame in data.tables().items():
        pd.testing.assert_frame_equal(frame, again.tables()[name], obj=name)
    other = generate_audiences(4000, random_state=6)
    assert not data.website_events.equals(other.website_events)


def test_the_sample_seeds_are_the_generator_output_byte_for_byte(tmp_path):
    paths = write_audiences(
        tmp_path, SAMPLE_AUDIENCE_PEOPLE, SAMPLE_AUDIENCE_SEED, "csv",
        SAMPLE_AUDIENCE_DIRTY_FRACTION, prefix="sample_audience_",
    )  # fmt: skip
    for path in paths.values():
        assert path.read_bytes() == (SEEDS / path.name).read_bytes(), path.name


def test_most_visits_stop_at_home_and_few_complete_a_booking(data):
    pages = data.website_events.page_type.value_counts()
    sessions = pages["home"]
    assert pages["home"] > 0.5 * pages.sum()
    steps = [pages[step] for step in FUNNEL]
    assert steps == sorted(steps, reverse=True), "the funnel narrows step by step"
    assert pages["booking_completed"] < 0.1 * sessions


def test_most_video_views_stop_in_the_first_seconds(data):
    seconds = data.video_views.seconds_watched.astype(float)
    length = data.video_views.video_length_seconds.astype(float)
    assert (seconds < 3).mean() > 0.3
    assert (seconds / length >= 0.95).mean() < 0.25
    assert (seconds <= length).all()


def test_intent_is_higher_in_the_home_city_and_at_25_to_44(data):
    people = data.people.assign(
        age=2026 - pd.to_datetime(data.people.date_of_birth, errors="coerce").dt.year,
        london=data.people.city.str.strip().str.lower() == "london",
    )
    events = data.website_events.person_id.astype(int).value_counts()
    people["events"] = people.person_id.astype(int).map(events).fillna(0)
    core = people.london & people.age.between(26, 44)
    assert people.loc[core, "events"].mean() > 1.5 * people.loc[~core, "events"].mean()


def test_personal_fields_are_dirty_as_real_crm_exports(data):
    email = data.people.email
    assert (email != email.str.strip()).any() and (email != email.str.lower()).any()
    assert email.str.fullmatch("[0-9a-f]{64}").any(), "some emails arrive hashed"
    assert (~email.str.contains("@")).any(), "some emails are invalid"
    phone = data.people.phone
    assert phone.str.startswith("+").any() and phone.str.startswith("00").any()
    assert phone.str.startswith("0").any() and phone.str.contains(r"\(").any()
    assert set(data.people.gender) >= {"f", "M", "Female", "male ", "", "x"}
    assert (data.people.date_of_birth == "1990-02-30").any()
    assert (data.people.country == "United Kingdom").any()


def test_personal_fields_take_real_exports_shapes_on_request():
    plain = generate_audiences(3000, random_state=5)
    junk = generate_audiences(3000, random_state=5, junk_share=0.05)
    for name in ["website_events", "video_views", "facebook_actions"]:
        assert junk.tables()[name].equals(plain.tables()[name]), name
    changed = (junk.people != plain.people).any(axis=1)
    assert 100 <= changed.sum() <= 150  # 150 drawn; a few phones cannot be
    people = junk.people
    assert people.email.str.startswith("\t").sum() >= 20
    assert people.phone.str.contains(" ext ").sum() >= 20
    assert people.phone.str.fullmatch(r"[0-9]{10,15}\.0").sum() >= 15
    assert (people.first_name == unicodedata.normalize("NFD", "Valéry")).sum() >= 20
    tokens = people[["city", "last_name", "zip_code"]].isin(["NULL", "#N/A", "nan"])
    assert tokens.any(axis=1).sum() >= 20
    assert (people.country == "UK").sum() >= 20


def test_dirty_rows_are_added_on_request():
    clean = generate_audiences(2000, random_state=3)
    dirty = generate_audiences(2000, random_state=3, dirty_fraction=0.01)
    assert (dirty.people.person_id == "").any()
    assert dirty.people.duplicated().any()
    assert dirty.people.person_id.duplicated().sum() > dirty.people.duplicated().sum()
    for name in ["website_events", "video_views", "facebook_actions"]:
        assert len(dirty.tables()[name]) > len(clean.tables()[name])
        assert dirty.tables()[name].duplicated().any(), name
    views = dirty.video_views
    assert (views.seconds_watched == "-3").any() and (
        views.seconds_watched == "9999"
    ).any()


def test_activity_scales_events_and_bad_arguments_are_refused():
    few = generate_audiences(3000, random_state=1, activity=0.5)
    many = generate_audiences(3000, random_state=1, activity=2.0)
    ratio = len(many.website_events) / len(few.website_events)
    assert 3.0 < ratio < 5.0
    with pytest.raises(ValueError):
        generate_audiences(0, random_state=1)
    with pytest.raises(ValueError):
        generate_audiences(10, random_state=1, activity=0)
    assert np.isfinite(ratio)
