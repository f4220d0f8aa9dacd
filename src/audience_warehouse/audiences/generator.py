"""Seeded generator of a local restaurant's audience data.

Five tables: people (a CRM export: profile and personal data, as dirty as
real CRM exports are) and four event sources: website page views, video
views, Facebook page actions and Instagram actions. Shapes: every person
has a hidden *intent* (higher for people in the restaurant's city and aged
25 to 44); intent drives how many website sessions, views and actions a
person has and how deep they go. Most website sessions stop at the home
page and few reach a completed booking (a four-step funnel); most video
views stop in the first seconds. Vectorised: writes millions of people and
tens of millions of events; every number comes from the seed.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import pandas as pd

PEOPLE_COLUMNS: list[str] = [
    "person_id", "email", "phone", "first_name", "last_name", "date_of_birth",
    "gender", "city", "country", "zip_code",
]  # fmt: skip
WEBSITE_COLUMNS: list[str] = ["person_id", "page_type", "visited_at"]
VIDEO_COLUMNS: list[str] = [
    "person_id", "video_id", "seconds_watched", "video_length_seconds", "viewed_at",
]  # fmt: skip
ACTION_COLUMNS: list[str] = ["person_id", "action_type", "acted_at"]

FUNNEL: list[str] = [
    "booking", "booking_step_2", "booking_step_3", "booking_step_4",
    "booking_completed",
]  # fmt: skip
# Chance of going on from each funnel step to the next, before intent.
_FUNNEL_CONTINUE = [0.55, 0.7, 0.75, 0.6]
_BROWSE_PAGES = ["menu", "delivery", "contacts", "booking"]
_BROWSE_WEIGHTS = np.array([0.45, 0.2, 0.15, 0.2])
FACEBOOK_ACTIONS: list[str] = [
    "page_visited", "post_interaction", "cta_clicked", "page_or_post_saved",
]  # fmt: skip
_FACEBOOK_WEIGHTS = np.array([0.45, 0.35, 0.1, 0.1])
INSTAGRAM_ACTIONS: list[str] = [
    "profile_visited", "post_interaction", "ad_saved", "post_saved",
]  # fmt: skip
_INSTAGRAM_WEIGHTS = np.array([0.4, 0.4, 0.1, 0.1])
VIDEO_LENGTHS: list[int] = [15, 30, 30, 60, 90, 120]

# country code, share of people, cities (the first is the restaurant's),
# phone formats (national significant number digits, trunk prefix).
_COUNTRIES = {
    "GB": (0.82, ["London", "Croydon", "Watford", "St. Albans"], 10, "0", "44"),
    "IE": (0.06, ["Dublin", "Cork"], 9, "0", "353"),
    "FR": (0.06, ["Paris", "Lille"], 9, "0", "33"),
    "US": (0.06, ["New York", "Boston"], 10, "", "1"),
}
_FIRST_NAMES = [
    "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Noah", "Mia",
    "Jack", "Sophia", "Leo", "Grace", "Arthur", "Lily", "Muhammad", "Freya",
    "Anne-Marie", "Zoë", "José", "Siobhán", "Chloé", "Seán", "Priya", "Wei",
]  # fmt: skip
_LAST_NAMES = [
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson",
    "Davies", "Patel", "Wright", "O'Brien", "Murphy", "Dubois", "García",
    "Nguyen", "Khan", "Lewis", "Walker", "Smith-Jones", "MacDonald",
]  # fmt: skip
_DOMAINS = ["gmail.com", "outlook.com", "yahoo.co.uk", "icloud.com", "hotmail.fr"]

DIRTY_PEOPLE: list[str] = ["null_person_id", "exact_duplicate", "conflicting_duplicate"]
# Shapes real CRM exports give personal fields (generate_audiences'
# junk_share): a tab before the e-mail, a phone extension, an international
# phone stored as a decimal number (a spreadsheet's or a Parquet DOUBLE's
# 447911123456.0), a name in decomposed Unicode (NFD), a missing-value token
# as a city, last name or zip, and UK for the United Kingdom.
JUNK_FIELDS: list[str] = [
    "tab_email", "phone_extension", "phone_decimal", "decomposed_name",
    "token_field", "uk",
]  # fmt: skip
DIRTY_EVENTS: list[str] = [
    "unknown_event_type", "unknown_person", "invalid_time", "null_person_id",
    "exact_duplicate",
]  # fmt: skip


@dataclass(frozen=True)
class AudienceData:
    """The five generated tables, values as a raw export holds them (text
    personal data, ISO timestamps)."""

    people: pd.DataFrame
    website_events: pd.DataFrame
    video_views: pd.DataFrame
    facebook_actions: pd.DataFrame
    instagram_actions: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        return {
            "people": self.people,
            "website_events": self.website_events,
            "video_views": self.video_views,
            "facebook_actions": self.facebook_actions,
            "instagram_actions": self.instagram_actions,
        }


def generate_audiences(
    n_people: int,
    random_state: int,
    days: int = 180,
    start: str = "2026-01-01",
    activity: float = 1.0,
    dirty_fraction: float = 0.0,
    junk_share: float = 0.0,
) -> AudienceData:
    """Generate ``n_people`` people and their events over ``days`` days;
    ``activity`` scales the number of events per person (about 6.5 events
    per person at 1.0). ``dirty_fraction`` of rows (rounded down) are broken
    in the ways listed in :data:`DIRTY_PEOPLE` and :data:`DIRTY_EVENTS`.
    ``junk_share`` of people (off by default) get a personal field in one of
    the shapes of :data:`JUNK_FIELDS`, drawn from their own stream: the
    rest of the data is the same as without."""
    if n_people < 1 or days < 14 or activity <= 0:
        raise ValueError("need n_people >= 1, days >= 14 and activity > 0")
    rng = np.random.default_rng(random_state)
    origin = np.datetime64(start, "s")
    people, intent = _people(rng, n_people, origin, days)
    ids = people["person_id"].to_numpy()

    website = _website(rng, ids, intent, activity, days)
    video = _video(rng, ids, intent, activity, days)
    facebook = _actions(
        rng, ids, intent, activity, days, 0.3, 3.0, FACEBOOK_ACTIONS, _FACEBOOK_WEIGHTS
    )
    # Instagram is used more by the young: the age band shifts its rate.
    young = (people["_age"].to_numpy() < 35).astype(float)
    instagram = _actions(
        rng, ids, intent * (0.5 + young), activity, days, 0.2, 3.0,
        INSTAGRAM_ACTIONS, _INSTAGRAM_WEIGHTS,
    )  # fmt: skip
    frames = {
        "website_events": (website, "page_type", "visited_at"),
        "video_views": (video, None, "viewed_at"),
        "facebook_actions": (facebook, "action_type", "acted_at"),
        "instagram_actions": (instagram, "action_type", "acted_at"),
    }
    out = {}
    for name, (frame, type_column, time_column) in frames.items():
        frame = frame.sort_values(["_seconds", "person_id"], kind="stable")
        frame[time_column] = (
            origin + frame.pop("_seconds").to_numpy().astype("timedelta64[s]")
        ).astype("datetime64[s]")
        frame[time_column] = frame[time_column].dt.strftime("%Y-%m-%d %H:%M:%S")
        frame = frame.astype({"person_id": str}).reset_index(drop=True)
        out[name] = _dirty_events(frame, rng, dirty_fraction, type_column, time_column)
    people = _junk_fields(people.drop(columns="_age"), random_state, junk_share)
    people = _dirty_people(people, rng, dirty_fraction)
    return AudienceData(people=people, **out)


def _people(
    rng: np.random.Generator, n: int, origin: np.datetime64, days: int
) -> tuple[pd.DataFrame, np.ndarray]:
    codes = list(_COUNTRIES)
    shares = np.array([_COUNTRIES[code][0] for code in codes])
    country = rng.choice(len(codes), n, p=shares / shares.sum())
    age = np.clip(rng.normal(38, 13, n), 18, 85).astype(int)
    home_city = np.zeros(n, dtype=bool)
    city = np.empty(n, dtype=object)
    zip_code = np.empty(n, dtype=object)
    phone = np.empty(n, dtype=object)
    for index, code in enumerate(codes):
        mask = country == index
        count = int(mask.sum())
        _, cities, digits, trunk, calling = _COUNTRIES[code]
        pick = rng.choice(len(cities), count, p=_city_shares(len(cities)))
        city[mask] = np.array(cities, dtype=object)[pick]
        home_city[mask] = (pick == 0) & (code == "GB")
        zip_code[mask] = _zip_codes(rng, code, count)
        phone[mask] = _phones(rng, count, digits, trunk, calling)
    gender = rng.choice(np.array(["f", "m"]), n)
    first = rng.choice(np.array(_FIRST_NAMES, dtype=object), n)
    last = rng.choice(np.array(_LAST_NAMES, dtype=object), n)
    # Intent: the restaurant's own city and people aged 25 to 44 book more.
    intent = rng.beta(1.2, 7.0, n) * np.where(home_city, 1.6, 0.7)
    intent *= np.where((age >= 25) & (age < 45), 1.4, 0.8)
    birth = np.datetime64("2026-06-30") - (
        age * 365.25 + rng.uniform(0, 365, n)
    ).astype("timedelta64[D]")
    people = pd.DataFrame(
        {
            "person_id": np.arange(1, n + 1),
            "email": [
                f"{a}.{b}{number}@{domain}"
                for a, b, number, domain in zip(
                    _ascii(first),
                    _ascii(last),
                    rng.integers(1, 999, n),
                    rng.choice(_DOMAINS, n),
                    strict=True,
                )
            ],  # fmt: skip
            "phone": phone,
            "first_name": first,
            "last_name": last,
            "date_of_birth": pd.Series(birth).dt.strftime("%Y-%m-%d"),
            "gender": gender,
            "city": city,
            "country": np.array(codes, dtype=object)[country],
            "zip_code": zip_code,
            "_age": age,
        }
    )
    _personal_dirt(people, rng)
    return people, np.minimum(intent, 1.0)


def _city_shares(count: int) -> np.ndarray:
    shares = 1.0 / np.arange(1, count + 1) ** 1.5
    return shares / shares.sum()


def _ascii(names: np.ndarray) -> list[str]:
    table = str.maketrans("ëéáó", "eeao", "'- ")
    return [name.lower().translate(table) for name in names]


def _zip_codes(rng: np.random.Generator, code: str, count: int) -> np.ndarray:
    letters = np.array(list("ABCDEFGHJKLMNPRSTUWXYZ"))
    digits = rng.integers(0, 10, (count, 5))
    if code == "GB":
        area = rng.choice(np.array(["SW1A", "E1", "N7", "CR0", "WD17", "AL1"]), count)
        tail = rng.choice(letters, (count, 2))
        codes = zip(area, digits, tail, strict=True)
        return np.array([f"{a} {d[0]}{t[0]}{t[1]}" for a, d, t in codes], dtype=object)
    if code == "IE":
        return np.array(
            [f"D{d[0]:d}{d[1]:d} X{''.join(map(str, d[2:]))}" for d in digits],
            dtype=object,
        )
    if code == "US":
        return np.array(
            [f"{''.join(map(str, d))}-{d[0]}{d[2]}{d[4]}{d[1]}" if i % 3 == 0
             else "".join(map(str, d)) for i, d in enumerate(digits)],
            dtype=object,
        )  # fmt: skip
    return np.array(["75" + "".join(map(str, d[:3])) for d in digits], dtype=object)


def _phones(
    rng: np.random.Generator, count: int, digits: int, trunk: str, calling: str
) -> np.ndarray:
    """Phones as people type them: international with +, with 00, national
    with the trunk prefix, digits only with the country code, punctuated."""
    number = rng.integers(1, 10, count).astype(str)
    rest = rng.integers(0, 10, (count, digits - 1)).astype(str)
    national = np.char.add(number, np.apply_along_axis("".join, 1, rest))
    style = rng.choice(5, count, p=[0.3, 0.1, 0.35, 0.15, 0.1])
    out = np.empty(count, dtype=object)
    for i, (value, form) in enumerate(zip(national, style, strict=True)):
        head, tail = value[:4], value[4:]
        out[i] = [
            f"+{calling} {head} {tail}",
            f"00{calling} {value}",
            f"{trunk}{head} {tail}",
            f"{calling}{value}",
            f"({trunk}{value[:3]}) {value[3:6]}-{value[6:]}",
        ][form]
    return out


def _personal_dirt(people: pd.DataFrame, rng: np.random.Generator) -> None:
    """Mixed case and stray spaces in emails and names, a few invalid
    values, a few emails already hashed (a CRM that stores hashes)."""
    n = len(people)
    draw = rng.random((n, 6))
    email = people["email"].to_numpy(dtype=object)
    upper = draw[:, 0] < 0.15
    email[upper] = [value.title() for value in email[upper]]
    spaced = draw[:, 1] < 0.1
    email[spaced] = [f"  {value} " for value in email[spaced]]
    hashed = draw[:, 2] < 0.01
    email[hashed] = [hashlib.sha256(v.encode()).hexdigest() for v in email[hashed]]
    invalid = (draw[:, 2] >= 0.01) & (draw[:, 2] < 0.03)
    email[invalid] = rng.choice(
        ["n/a", "", "john.smith(at)gmail.com", "test@"], invalid.sum()
    )
    people["email"] = email
    phone = people["phone"].to_numpy(dtype=object)
    bad_phone = draw[:, 3] < 0.02
    phone[bad_phone] = rng.choice(
        ["12345", "unknown", "", "+44 (0) 20"], bad_phone.sum()
    )
    people["phone"] = phone
    for column, index in [("first_name", 4), ("last_name", 5)]:
        values = people[column].to_numpy(dtype=object)
        shouty = draw[:, index] < 0.1
        values[shouty] = [f" {value.upper()}" for value in values[shouty]]
        people[column] = values
    gender = people["gender"].to_numpy(dtype=object)
    form = rng.choice(6, n, p=[0.5, 0.2, 0.15, 0.08, 0.04, 0.03])
    words = {
        "f": ["f", "F", "Female", "female ", "NA", "x"],  # NA: missing
        "m": ["m", "M", "Male", "male ", "", "x"],
    }
    people["gender"] = [words[g][f] for g, f in zip(gender, form, strict=True)]
    dob = people["date_of_birth"].to_numpy(dtype=object)
    bad_dob = rng.random(n) < 0.02
    dob[bad_dob] = rng.choice(["", "1990-02-30", "unknown"], bad_dob.sum())
    people["date_of_birth"] = dob
    country = people["country"].to_numpy(dtype=object)
    draw = rng.random((n, 4))
    lower = draw[:, 0] < 0.1
    country[lower] = [value.lower() for value in country[lower]]
    named = (draw[:, 0] >= 0.1) & (draw[:, 0] < 0.12) & (country == "GB")
    country[named] = "United Kingdom"
    country[draw[:, 0] > 0.995] = "Narnia"
    people["country"] = country
    city = people["city"].to_numpy(dtype=object)
    shouty_city = draw[:, 1] < 0.05
    city[shouty_city] = [f" {value.upper()} " for value in city[shouty_city]]
    city[draw[:, 1] > 0.995] = rng.choice(["", "123"], (draw[:, 1] > 0.995).sum())
    people["city"] = city
    zip_code = people["zip_code"].to_numpy(dtype=object)
    zip_code[draw[:, 2] > 0.99] = "N/A"
    people["zip_code"] = zip_code
    first = people["first_name"].to_numpy(dtype=object)
    first[draw[:, 3] > 0.995] = rng.choice(["-", ""], (draw[:, 3] > 0.995).sum())
    people["first_name"] = first


def _sessions(
    rng: np.random.Generator,
    intent: np.ndarray,
    activity: float,
    base: float,
    scale: float,
) -> np.ndarray:
    return rng.poisson(activity * (base + scale * intent))


def _times(rng: np.random.Generator, owner: np.ndarray, days: int) -> np.ndarray:
    """Seconds since the start: a day, then an hour with an evening peak."""
    hour = rng.choice(24, owner.size, p=_HOURS / _HOURS.sum())
    return (
        rng.integers(0, days, owner.size) * 86_400
        + hour * 3600
        + rng.integers(0, 3600, owner.size)
    ).astype(np.int64)


_HOURS = np.array(
    [1, 1, 1, 1, 1, 1, 2, 3, 4, 5, 6, 9, 10, 7, 5, 5, 6, 9, 12, 12, 10, 7, 4, 2],
    dtype=float,
)


def _website(
    rng: np.random.Generator,
    ids: np.ndarray,
    intent: np.ndarray,
    activity: float,
    days: int,
) -> pd.DataFrame:
    sessions = _sessions(rng, intent, activity, 0.4, 8.0)
    owner = np.repeat(np.arange(ids.size), sessions)
    start = _times(rng, owner, days)
    person_intent = intent[owner]
    pages = [np.full(owner.size, "home", dtype=object)]
    seconds = [start]
    owners = [owner]
    # Most visitors stop at home; the rest browse one page, maybe booking.
    goes_on = rng.random(owner.size) < 0.2 + 0.6 * person_intent
    browse = rng.choice(len(_BROWSE_PAGES), owner.size, p=_BROWSE_WEIGHTS)
    browse = np.where(rng.random(owner.size) < person_intent, 3, browse)
    pages.append(np.array(_BROWSE_PAGES, dtype=object)[browse[goes_on]])
    at = start[goes_on] + rng.integers(5, 120, goes_on.sum())
    seconds.append(at)
    owners.append(owner[goes_on])
    in_funnel = goes_on & (browse == 3)
    step_owner, step_at, step_intent = (
        owner[in_funnel],
        at[browse[goes_on] == 3],
        person_intent[in_funnel],
    )
    for step, chance in enumerate(_FUNNEL_CONTINUE, start=1):
        keep = rng.random(step_owner.size) < np.minimum(
            chance * (0.6 + step_intent), 0.97
        )
        step_owner, step_intent = step_owner[keep], step_intent[keep]
        step_at = step_at[keep] + rng.integers(10, 300, keep.sum())
        pages.append(np.full(step_owner.size, FUNNEL[step], dtype=object))
        seconds.append(step_at)
        owners.append(step_owner)
    owner = np.concatenate(owners)
    return pd.DataFrame(
        {
            "person_id": ids[owner],
            "page_type": np.concatenate(pages),
            "_seconds": np.minimum(np.concatenate(seconds), days * 86_400 - 1),
        }
    )


def _video(
    rng: np.random.Generator,
    ids: np.ndarray,
    intent: np.ndarray,
    activity: float,
    days: int,
) -> pd.DataFrame:
    views = _sessions(rng, intent, activity, 0.5, 5.0)
    owner = np.repeat(np.arange(ids.size), views)
    video = rng.integers(0, len(VIDEO_LENGTHS), owner.size)
    length = np.array(VIDEO_LENGTHS)[video]
    # Most views stop in the first seconds; engaged people watch through.
    through = rng.random(owner.size) < 0.1 + 0.6 * intent[owner]
    share = np.where(
        through, rng.beta(3.0, 0.8, owner.size), rng.beta(0.35, 3.0, owner.size)
    )
    watched = np.round(length * share, 1)
    return pd.DataFrame(
        {
            "person_id": ids[owner],
            "video_id": (video + 1).astype(str),
            "seconds_watched": watched.astype(str),
            "video_length_seconds": length.astype(str),
            "_seconds": _times(rng, owner, days),
        }
    )


def _actions(
    rng: np.random.Generator,
    ids: np.ndarray,
    intent: np.ndarray,
    activity: float,
    days: int,
    base: float,
    scale: float,
    kinds: list[str],
    weights: np.ndarray,
) -> pd.DataFrame:
    count = _sessions(rng, intent, activity, base, scale)
    owner = np.repeat(np.arange(ids.size), count)
    # Deeper actions (the last two kinds) are likelier with more intent.
    tilt = np.outer(intent[owner], [0.0, 0.0, 0.6, 0.3]) + weights
    kind = (
        rng.random(owner.size)[:, None]
        > np.cumsum(tilt / tilt.sum(1, keepdims=True), 1)
    ).sum(1)
    return pd.DataFrame(
        {
            "person_id": ids[owner],
            "action_type": np.array(kinds, dtype=object)[
                np.minimum(kind, len(kinds) - 1)
            ],
            "_seconds": _times(rng, owner, days),
        }
    )


def _dirty_events(
    frame: pd.DataFrame,
    rng: np.random.Generator,
    dirty_fraction: float,
    type_column: str | None,
    time_column: str,
) -> pd.DataFrame:
    n_dirty = int(len(frame) * dirty_fraction)
    if not n_dirty:
        return frame
    rows = np.sort(rng.choice(np.arange(1, len(frame)), size=n_dirty, replace=False))
    kinds = DIRTY_EVENTS + (
        ["negative_seconds", "watched_beyond_length"] if type_column is None else []
    )
    # The kinds cycle over the chosen rows; one assignment per kind (a
    # row-by-row assignment copies a column per row on large frames).
    kind_of_row = np.array(kinds)[np.arange(n_dirty) % len(kinds)]
    duplicates = frame.iloc[rows[kind_of_row == "exact_duplicate"]]
    changes = {
        "unknown_event_type": (
            type_column or "video_id",
            "checkout" if type_column else "",
        ),
        "unknown_person": ("person_id", "99999999"),
        "invalid_time": (time_column, "yesterday"),
        "null_person_id": ("person_id", ""),
        "negative_seconds": ("seconds_watched", "-3"),
        "watched_beyond_length": ("seconds_watched", "9999"),
    }
    for kind, (column, value) in changes.items():
        chosen = rows[kind_of_row == kind]
        if chosen.size:
            frame.iloc[chosen, frame.columns.get_loc(column)] = value
    return pd.concat([frame, duplicates], ignore_index=True)


def _dirty_people(
    people: pd.DataFrame, rng: np.random.Generator, dirty_fraction: float
) -> pd.DataFrame:
    people = people.astype({"person_id": str})
    n_dirty = int(len(people) * dirty_fraction)
    if not n_dirty:
        return people
    rows = np.sort(rng.choice(np.arange(1, len(people)), size=n_dirty, replace=False))
    kind_of_row = np.array(DIRTY_PEOPLE)[np.arange(n_dirty) % len(DIRTY_PEOPLE)]
    copied = rows[kind_of_row != "null_person_id"]
    extra = people.iloc[copied].copy()
    conflicting = (
        kind_of_row[kind_of_row != "null_person_id"] == "conflicting_duplicate"
    )
    extra.loc[conflicting, "city"] = "Elsewhere"
    people.iloc[rows[kind_of_row == "null_person_id"], 0] = ""
    return pd.concat([people, extra], ignore_index=True)


def _junk_fields(
    people: pd.DataFrame, random_state: int, junk_share: float
) -> pd.DataFrame:
    """``junk_share`` of the people (never the first) with one personal field
    in a shape of :data:`JUNK_FIELDS`, in turn; their own random stream."""
    n_junk = int(len(people) * junk_share)
    if not n_junk:
        return people
    rng = np.random.default_rng([random_state, 27])
    rows = np.sort(rng.choice(np.arange(1, len(people)), size=n_junk, replace=False))
    people = people.copy()
    tokens = ["NULL", "#N/A", "nan"]
    for index, row in enumerate(rows):
        kind = JUNK_FIELDS[index % len(JUNK_FIELDS)]
        label = people.index[row]
        if kind == "tab_email":
            people.at[label, "email"] = "\t" + people.at[label, "email"]
        elif kind == "phone_extension":
            people.at[label, "phone"] = (
                f"{people.at[label, 'phone']} ext {index % 90 + 10}"
            )
        elif kind == "phone_decimal":
            phone = people.at[label, "phone"]
            country = _COUNTRIES.get(people.at[label, "country"].strip().upper())
            digits = re.sub(r"\D", "", phone).lstrip("0")
            if country is None or "(" in phone or len(digits) < 8:
                continue  # no number to store as a decimal
            full = len(country[4]) + country[2]
            if not phone.startswith(("+", "00")) and len(digits) != full:
                digits = country[4] + digits
            people.at[label, "phone"] = f"{digits}.0"
        elif kind == "decomposed_name":
            people.at[label, "first_name"] = unicodedata.normalize("NFD", "Valéry")
        elif kind == "token_field":
            column = ["city", "last_name", "zip_code"][index % 3]
            people.at[label, column] = tokens[index % len(tokens)]
        else:
            people.at[label, "country"] = "UK"
            people.at[label, "zip_code"] = "E1 6AN"
            people.at[label, "phone"] = "+44 7911 123456"
    return people
