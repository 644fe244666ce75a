from datetime import date

import jdatetime
from hypothesis import given
from hypothesis import strategies as st

from khabar.pubdate import parse_date_line

AR_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
             "أكتوبر", "نوفمبر", "ديسمبر"]  # fmt: skip
FA_SOLAR = ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی",
            "بهمن", "اسفند"]  # fmt: skip


def test_reads_numeric_date_with_weekday() -> None:
    assert parse_date_line("الاثنين 2024/04/22").iso == "2024-04-22"


def test_reads_arabic_month_name_and_pm_time() -> None:
    got = parse_date_line("15 مارس 2020 , 08:25م")
    assert (got.iso, got.calendar) == ("2020-03-15T20:25", "gregorian")


def test_reads_paired_month_names() -> None:
    assert parse_date_line("22 نيسان/أبريل 2024").iso == "2024-04-22"


def test_reads_persian_digits_and_solar_hijri_numeric_dates() -> None:
    got = parse_date_line("۱۴۰۲/۰۹/۱۲")
    assert (got.iso, got.calendar) == ("2023-12-03", "solar_hijri")


def test_reads_hijri_month_names() -> None:
    got = parse_date_line("5 رمضان 1445")
    assert (got.iso, got.calendar) == ("2024-03-15", "hijri")


def test_reads_english_month_first_dates() -> None:
    assert parse_date_line("April 22, 2024 8:05 PM").iso == "2024-04-22T20:05"


def test_sentences_and_headings_are_not_date_lines() -> None:
    for line in ("هجوم بـ5 صواريخ", "بغداد - الأناضول:", "وقتل 5 أشخاص في 12 مارس 2020 بهجوم على القاعدة العسكرية",
                 "2500 جندي", "Iraq 2024"):  # fmt: skip
        assert parse_date_line(line) is None, line


def test_impossible_dates_are_rejected() -> None:
    assert parse_date_line("2024/02/31") is None


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)))
def test_any_arabic_month_date_round_trips(d: date) -> None:
    assert parse_date_line(f"{d.day} {AR_MONTHS[d.month - 1]} {d.year}").iso == d.isoformat()


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2035, 12, 31)))
def test_any_solar_hijri_date_round_trips(d: date) -> None:
    j = jdatetime.date.fromgregorian(date=d)
    assert parse_date_line(f"{j.day} {FA_SOLAR[j.month - 1]} {j.year}").iso == d.isoformat()


@given(st.text(max_size=80))
def test_never_crashes_on_any_line(line: str) -> None:
    got = parse_date_line(line)
    assert got is None or len(got.iso) >= 10
