"""parse_published: every documented shape of a source's publication time, rendered from random
days in each calendar, digit set and month spelling, reads back to the same Gregorian day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import jdatetime
import pytest
from hijridate import Gregorian
from hypothesis import given
from hypothesis import strategies as st

from khabar.published import PRECISIONS, parse_published
from khabar.resources import read_csv

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31))
DIGITS = {
    "ascii": str.maketrans("", ""),
    "arabic_indic": str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"),
    "persian": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"),
}


def _spellings() -> dict[tuple[str, int], list[str]]:
    """(calendar, month) → every name months.csv holds for it, as written there."""
    out: dict[tuple[str, int], list[str]] = {}
    for row in read_csv("months.csv"):
        out.setdefault((row["calendar"], int(row["month"])), []).append(row["name"])
    return out


SPELLINGS = _spellings()


def _in(calendar: str, d: date) -> tuple[int, int, int]:
    """(year, month, day) of the Gregorian day ``d`` in ``calendar``."""
    if calendar == "solar_hijri":
        j = jdatetime.date.fromgregorian(date=d)
        return j.year, j.month, j.day
    if calendar == "hijri":
        h = Gregorian(d.year, d.month, d.day).to_hijri()
        return h.year, h.month, h.day
    return d.year, d.month, d.day


@st.composite
def named_dates(draw: st.DrawFn) -> tuple[date, str]:
    """A day written "<day> <month name> <year>" in a random calendar, spelling and digit set."""
    d = draw(DAYS)
    calendar = draw(st.sampled_from(["gregorian", "solar_hijri", "hijri"]))
    y, m, day = _in(calendar, d)
    name = draw(st.sampled_from(SPELLINGS[(calendar, m)]))
    shape = draw(st.sampled_from(["{d} {n} {y}", "{d} {n}، {y}", "{d} {n} {y} {era}"]))
    era = {"gregorian": "م", "solar_hijri": "ش", "hijri": "هـ"}[calendar]
    text = shape.format(d=day, n=name, y=y, era=era)
    return d, text.translate(DIGITS[draw(st.sampled_from(sorted(DIGITS)))])


@st.composite
def numeric_dates(draw: st.DrawFn) -> tuple[date, str]:
    """A day written with numbers only (Hijri with its هـ), in a random digit set."""
    d = draw(DAYS)
    calendar = draw(st.sampled_from(["gregorian", "solar_hijri", "hijri"]))
    y, m, day = _in(calendar, d)
    pad = draw(st.booleans())
    mm, dd = (f"{m:02d}", f"{day:02d}") if pad else (str(m), str(day))
    sep = draw(st.sampled_from(["/", "-", "."]))
    text = draw(st.sampled_from([f"{y}{sep}{mm}{sep}{dd}", f"{dd}{sep}{mm}{sep}{y}"]))
    if calendar == "hijri":
        text += draw(st.sampled_from([" هـ", "هـ", " ه.ق", " ق"]))
    return d, text.translate(DIGITS[draw(st.sampled_from(sorted(DIGITS)))])


@given(named_dates())
def test_any_day_with_any_month_name_in_any_digits_reads_back(case: tuple[date, str]) -> None:
    d, text = case
    got = parse_published(text)
    assert got is not None, text
    assert (got.iso, got.precision) == (d.isoformat(), "day"), text


@given(numeric_dates())
def test_any_numeric_day_in_any_calendar_and_digits_reads_back(case: tuple[date, str]) -> None:
    d, text = case
    got = parse_published(text)
    assert got is not None, text
    assert (got.iso, got.precision) == (d.isoformat(), "day"), text


@given(DAYS, st.sampled_from(["%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%A, %B %d, %Y", "%d %b %Y"]))
def test_any_english_date_reads_back(d: date, fmt: str) -> None:
    assert parse_published(d.strftime(fmt)).iso == d.isoformat()


@given(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2035, 12, 31)),
    st.sampled_from([None, 0, 180, -300, 210, 330]),
)
def test_any_iso_datetime_reads_back_with_its_zone(moment: datetime, minutes: int | None) -> None:
    moment = moment.replace(microsecond=0)
    if minutes is not None:
        moment = moment.replace(tzinfo=timezone(timedelta(minutes=minutes)))
    got = parse_published(moment.isoformat())
    assert got is not None
    assert datetime.fromisoformat(got.iso) == moment
    assert got.precision == "second"
    assert got.zone == (None if minutes is None else moment.isoformat()[-6:])


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2035, 12, 31)))
def test_any_unix_time_in_seconds_or_milliseconds_reads_back_in_utc(moment: datetime) -> None:
    moment = moment.replace(microsecond=0, tzinfo=UTC)
    seconds = int(moment.timestamp())
    for value in (seconds, seconds * 1000, str(seconds), str(seconds * 1000), seconds + 0.25):
        got = parse_published(value)
        assert got is not None, value
        assert datetime.fromisoformat(got.iso) == moment
        assert (got.precision, got.zone) == ("second", "+00:00")


@given(st.text(max_size=80))
def test_never_crashes_and_always_gives_a_known_precision(value: str) -> None:
    got = parse_published(value)
    assert got is None or got.precision in PRECISIONS


@pytest.mark.parametrize(
    ("value", "iso", "precision", "calendar"),
    [
        ("2024", "2024", "year", "gregorian"),
        ("2024-05", "2024-05", "month", "gregorian"),
        ("2024-05-12", "2024-05-12", "day", "gregorian"),
        ("20240512", "2024-05-12", "day", "gregorian"),
        ("2024-05-12T10:00", "2024-05-12T10:00", "minute", "gregorian"),
        ("2024-05-12T10:00+03:00", "2024-05-12T10:00+03:00", "minute", "gregorian"),
        ("2024-05-12T10:00:00Z", "2024-05-12T10:00:00+00:00", "second", "gregorian"),
        ("2024-05-12T10:00:00.123456+0330", "2024-05-12T10:00:00+03:30", "second", "gregorian"),
        ("2024-05-12T10:00:00-05", "2024-05-12T10:00:00-05:00", "second", "gregorian"),
        ("2015-07-21 02:35:54", "2015-07-21T02:35:54", "second", "gregorian"),
        ("Sun, 12 May 2024 10:00:00 +0300", "2024-05-12T10:00:00+03:00", "second", "gregorian"),
        ("Sun, 12 May 2024 10:00 GMT", "2024-05-12T10:00+00:00", "minute", "gregorian"),
        ("12 May 2024 10:00", "2024-05-12T10:00", "minute", "gregorian"),
        ("May 12, 2024", "2024-05-12", "day", "gregorian"),
        ("Sunday, May 12, 2024 10:00 PM", "2024-05-12T22:00", "minute", "gregorian"),
        ("الأحد ١٢ مايو ٢٠٢٤ ١٠:٣٠ م", "2024-05-12T22:30", "minute", "gregorian"),
        ("12 أيار 2024 - 08:15 ص", "2024-05-12T08:15", "minute", "gregorian"),
        ("15 تشرين 1 2024", "2024-10-15", "day", "gregorian"),
        ("3 كانون 2 2024", "2024-01-03", "day", "gregorian"),
        ("15 تشرين الأول 2024", "2024-10-15", "day", "gregorian"),
        ("12 ماي 2024", "2024-05-12", "day", "gregorian"),
        ("۱۲ مه ۲۰۲۴", "2024-05-12", "day", "gregorian"),
        ("1403/02/23", "2024-05-12", "day", "solar_hijri"),
        ("۱۴۰۳/۰۲/۲۳", "2024-05-12", "day", "solar_hijri"),
        ("23 اردیبهشت 1403", "2024-05-12", "day", "solar_hijri"),
        ("یکشنبه ۲۳ اردیبهشت ۱۴۰۳ ساعت ۱۰:۳۰", "2024-05-12T10:30", "minute", "solar_hijri"),
        ("1403-02-23T10:00:15", "2024-05-12T10:00:15", "second", "solar_hijri"),
        ("5 رمضان 1445 هـ", "2024-03-15", "day", "hijri"),
        ("12-03-1445 هـ", "2023-09-27", "day", "hijri"),
        ("١٢ ربيع الأول ١٤٤٥ هـ", "2023-09-27", "day", "hijri"),
        ("1445/03/12 ه.ق", "2023-09-27", "day", "hijri"),
        ("1715497200", "2024-05-12T07:00:00+00:00", "second", "gregorian"),
        ("1715497200000", "2024-05-12T07:00:00+00:00", "second", "gregorian"),
        ("۱۷۱۵۴۹۷۲۰۰", "2024-05-12T07:00:00+00:00", "second", "gregorian"),
        (1715497200, "2024-05-12T07:00:00+00:00", "second", "gregorian"),
        (1715497200000, "2024-05-12T07:00:00+00:00", "second", "gregorian"),
        (1715497200.75, "2024-05-12T07:00:00+00:00", "second", "gregorian"),
        (2024, "2024", "year", "gregorian"),
    ],
)
def test_documented_forms(
    value: str | int | float, iso: str, precision: str, calendar: str
) -> None:
    got = parse_published(value)
    assert got is not None
    assert (got.iso, got.precision, got.calendar) == (iso, precision, calendar)
    assert got.text == str(value).strip()


def test_zone_is_kept_when_given_and_never_added() -> None:
    assert parse_published("2024-05-12T10:00+03:00").zone == "+03:00"
    assert parse_published("2024-05-12T10:00").zone is None
    assert parse_published("23 اردیبهشت 1403 ساعت 10:30").zone is None
    assert parse_published("12 May 2024 10:00 GMT+3").iso == "2024-05-12T10:00+03:00"


@pytest.mark.parametrize(
    "value",
    [
        "", "   ", "yesterday-ish", "soon", "32/13/2024", "2024-13", "2024-02-30", "30 February 2024",
        "30 فبراير 2024", "31 اسفند 1402", "2024-05-12T25:00", "2024-05-12T10:00+25:00",
        "12 May 2024 24:30", "Sun, 12 May 2024 10:00 XYZ", "Sun, 31 Feb 2024 10:00:00 +0000",
        "1403", "1403-02", "12 دی 2024", "0042", "12345", "12345678901234", "منذ ساعتين",
        "Iraq 2024", "12 مارس 2020 بهجوم على القاعدة العسكرية في الأنبار وقتل خمسة", True, False,
        -1715497200, float("nan"), float("inf"), 3.5,
    ],
)  # fmt: skip
def test_junk_and_days_that_do_not_exist_give_none(value: str | int | float) -> None:
    assert parse_published(value) is None
