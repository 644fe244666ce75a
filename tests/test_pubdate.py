from datetime import date
from pathlib import Path

import jdatetime
import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.clean import clean_article
from khabar.model import LineRole, RawArticle
from khabar.pubdate import parse_date_line
from khabar.published import parse_published
from khabar.readers import ReadContext, read_paths
from khabar.settings import Settings

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


def test_reads_arabic_comma_and_ignores_bidi_marks() -> None:
    for line in ("\u202d4 سبتمبر، 2018\u202c", "\u200f4 سبتمبر، 2018\u200e", "\u20664 سبتمبر ،2018\u2069",
                 "سبتمبر 4، 2018", "الثلاثاء، 4 سبتمبر، 2018"):  # fmt: skip
        got = parse_date_line(line)
        assert got is not None and got.iso == "2018-09-04", line


def test_reads_numbered_levantine_months() -> None:
    assert parse_date_line("15 تشرين 1 2024").iso == "2024-10-15"
    assert parse_date_line("3 كانون 2 2024").iso == "2024-01-03"
    assert parse_date_line("1 تشرين 2 2024").iso == "2024-11-01"
    assert parse_date_line("25 كانون 1 2023").iso == "2023-12-25"


def test_a_hijri_era_mark_makes_a_numeric_date_hijri() -> None:
    for line in ("12-03-1445 هـ", "12/03/1445هـ", "1445/03/12 ه.ق", "١٢-٠٣-١٤٤٥ هـ"):
        got = parse_date_line(line)
        assert (got.iso, got.calendar) == ("2023-09-27", "hijri"), line
    got = parse_date_line("1403/02/23 ه.ش")
    assert (got.iso, got.calendar) == ("2024-05-12", "solar_hijri")


def test_precision_seconds_and_zone_are_kept_beside_the_minute_iso() -> None:
    got = parse_date_line("12 May 2024 10:00:30 GMT+3")
    assert (got.iso, got.precision, got.clock, got.zone) == (
        "2024-05-12T10:00", "second", "10:00:30", "+03:00",
    )  # fmt: skip
    got = parse_date_line("۱۴۰۲/۰۹/۱۲ ۱۰:۳۰")
    assert (got.precision, got.clock, got.zone) == ("minute", "10:30", None)
    assert parse_date_line("2024/04/22").precision == "day"


def test_impossible_times_and_mismatched_calendars_are_not_date_lines() -> None:
    assert parse_date_line("12 May 2024 25:00") is None
    assert parse_date_line("12 دی 2024") is None  # a Solar Hijri month in a Gregorian year
    assert parse_date_line("12 مارس 1403") is None  # a Gregorian month in a Hijri-range year


CASES = Path(__file__).parent / "data" / "cases"


def test_case_date_line_with_arabic_comma_and_bidi_marks_is_the_publication_date() -> None:
    """tests/data/cases/dateline_arabic_comma.txt (from ../shared/cases): the line under the title
    is "\u202d4 سبتمبر، 2018\u202c"; it is the publication date, not a heading."""
    path = CASES / "dateline_arabic_comma.txt"
    (raw,) = list(read_paths([str(path)], ReadContext(Settings())))
    assert isinstance(raw, RawArticle) and raw.kind == "txt" and raw.title_in_text
    cleaned = clean_article(raw, Settings())
    assert cleaned.title == "غارات جوية على مواقع في محافظة مأرب"
    assert cleaned.published == "2018-09-04"
    (line,) = [d for d in cleaned.lines if "سبتمبر، 2018" in d.text and d.line_no == 3]
    assert line.role is LineRole.PUBLISHED
    assert all(d.role is not LineRole.HEADING for d in cleaned.lines)
    body = [d for d in cleaned.lines if d.role is LineRole.BODY]
    assert "3 سبتمبر، 2018" in body[0].text  # the date inside the sentence stays body


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("\u202b4 سبتمبر، 2018، 10:30 ص\u202c", "2018-09-04T10:30"),
        ("\u200f٤ أيلول، ٢٠١٨", "2018-09-04"),
        ("\u202b۱۳ شهریور، ۱۳۹۷\u202c", "2018-09-04"),
        ("\u2068September 4, 2018\u2069", "2018-09-04"),
        ("الثلاثاء، \u200f4 سبتمبر، 2018 - 10:30", "2018-09-04T10:30"),
        ("4، سبتمبر، 2018", "2018-09-04"),
        ("4 سبتمبر؛ 2018", "2018-09-04"),
        ("\u200e2018؍09؍04\u200e", "2018-09-04"),
        ("\u2067٤/٩/٢٠١٨\u2069", "2018-09-04"),
    ],
)
def test_arabic_script_punctuation_and_format_characters_in_any_date_line(
    line: str, iso: str
) -> None:
    got = parse_date_line(line)
    assert got is not None and got.iso == iso, line


def test_a_date_line_with_arabic_comma_in_jsonl_published_reads_too() -> None:
    got = parse_published("\u202d4 سبتمبر، 2018\u202c")
    assert (got.iso, got.precision) == ("2018-09-04", "day")
