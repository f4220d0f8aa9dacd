"""Property-based tests (hypothesis) of the parsing rules every staging
model applies: parse_timestamp and the DuckDB safe_cast, rendered once by
dbt and then run in DuckDB on generated text.

The properties: every text in a stated form is read to the right value;
every other text is null (a reject), never half-read.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.dbt

INLINE = (
    "select {{ parse_timestamp('raw') }} as parsed_at,"
    " {{ dbt.safe_cast('raw', 'bigint') }} as whole,"
    " {{ dbt.safe_cast('raw', 'double') }} as number"
    " from (select cast($1 as varchar) as raw) as input"
)
PROPERTY_SETTINGS = settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
UTC = dt.UTC
# The forms parse_timestamp reads; anything else must be null.
DATE = r"\d{4}-\d{2}-\d{2}"
DATE_TIME = DATE + r"[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
STATED_FORMS = re.compile(
    rf"\d{{1,15}}|{DATE}|{DATE_TIME}"
    rf"|{DATE_TIME} ?(Z|z|[+-](0\d|1[0-4])(:?[0-5]\d)?)"
    rf"|{DATE_TIME} +[A-Za-z_]+(/[A-Za-z_]+)*"
)


@pytest.fixture(scope="module")
def parse(dbt_runner, tmp_path_factory):
    """Text -> (parsed_at, whole, number), through the rendered macros."""
    work = tmp_path_factory.mktemp("parsing")
    result = dbt_runner(
        work / "parsing.duckdb", "compile", "--inline", INLINE, "--output", "json"
    )
    assert result.returncode == 0, result.output[-4000:]
    payload = re.search(r'\{\s*"compiled".*\}', result.output, re.DOTALL)
    assert payload, result.output[-2000:]
    sql = json.loads(payload.group(0))["compiled"]
    connection = duckdb.connect()

    def run(text: str):
        return connection.execute(sql, [text]).fetchone()

    yield run
    connection.close()


moments = st.datetimes(
    min_value=dt.datetime(1000, 1, 1), max_value=dt.datetime(9998, 12, 31)
).map(lambda moment: moment.replace(microsecond=0))


@PROPERTY_SETTINGS
@given(moment=moments, separator=st.sampled_from([" ", "T"]))
def test_a_time_without_a_zone_is_read_as_utc(parse, moment, separator):
    text = moment.strftime(f"%Y-%m-%d{separator}%H:%M:%S")
    assert parse(text)[0] == moment


@PROPERTY_SETTINGS
@given(
    moment=st.datetimes(
        min_value=dt.datetime(1900, 1, 2), max_value=dt.datetime(2200, 12, 30)
    ).map(lambda moment: moment.replace(microsecond=0)),
    offset_minutes=st.integers(min_value=-14 * 60, max_value=14 * 60),
    style=st.sampled_from(["{h}:{m}", "{h}{m}", "{h}"]),
)
def test_an_offset_is_converted_to_utc(parse, moment, offset_minutes, style):
    if style == "{h}":  # whole hours only
        offset_minutes = 60 * (offset_minutes // 60)
    sign = "-" if offset_minutes < 0 else "+"
    hours, minutes = divmod(abs(offset_minutes), 60)
    offset = sign + style.format(h=f"{hours:02d}", m=f"{minutes:02d}")
    local = moment + dt.timedelta(minutes=offset_minutes)
    text = local.strftime("%Y-%m-%dT%H:%M:%S") + offset
    assert parse(text)[0] == moment, text


@PROPERTY_SETTINGS
@given(seconds=st.integers(min_value=0, max_value=10**11 - 1))
def test_epoch_seconds_and_milliseconds_are_told_apart_by_size(parse, seconds):
    moment = dt.datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)
    assert parse(str(seconds))[0] == moment
    milliseconds = seconds * 1000 + 999
    if milliseconds >= 10**11:
        expected = moment + dt.timedelta(milliseconds=999)
        assert parse(str(milliseconds))[0] == expected


SUFFIX_CHARACTERS = st.sampled_from("0123456789-+:TZ /.ACEGMSTUacrt_ ")
# Zone-like endings that a lenient reader would half-read (drop the zone).
ZONE_LIKE = st.sampled_from(
    [" UTC+02:00", " GMT-05:00", " Etc/GMT+2", " +5", " 1", "+99:00", " PST8PDT"]
)


@PROPERTY_SETTINGS
@given(
    text=st.text(alphabet=SUFFIX_CHARACTERS, max_size=30)
    | st.text(max_size=12)
    | st.tuples(
        moments, st.text(alphabet=SUFFIX_CHARACTERS, max_size=10) | ZONE_LIKE
    ).map(lambda pair: pair[0].strftime("%Y-%m-%d %H:%M:%S") + pair[1])
)
def test_text_in_no_stated_form_is_null_never_half_read(parse, text):
    if not STATED_FORMS.fullmatch(text.strip()):
        assert parse(text)[0] is None, text


@PROPERTY_SETTINGS
@given(number=st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_every_bigint_is_read_exactly(parse, number):
    assert parse(str(number))[1] == number
    assert parse(f" {number}.0 ")[1] == number


@PROPERTY_SETTINGS
@given(
    number=st.integers(min_value=2**63, max_value=2**80)
    | st.integers(min_value=-(2**80), max_value=-(2**63) - 1)
)
def test_an_integer_outside_bigint_is_null(parse, number):
    assert parse(str(number))[1] is None


@PROPERTY_SETTINGS
@given(number=st.floats(allow_nan=False, allow_infinity=False))
def test_a_fraction_is_never_rounded_to_an_integer(parse, number):
    whole, read = parse(repr(number))[1:]
    assert read == number
    if number != int(number):
        assert whole is None
    elif abs(number) < 2**53:
        assert whole == int(number)


@PROPERTY_SETTINGS
@given(
    text=st.sampled_from(["nan", "NaN", "inf", "-inf", "Infinity", "-Infinity"]),
    padding=st.sampled_from(["", " "]),
)
def test_nan_and_infinity_are_null(parse, text, padding):
    assert parse(padding + text + padding)[1:] == (None, None)
