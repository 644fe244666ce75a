"""Publication-date lines: recognise a line that is only a date (and time), and read it.

Input: one line of an article. Output: ``PubDate`` (ISO date or datetime, the calendar it was
written in, the text as written, the precision, the clock as written and the zone when the line
gives one) or ``None`` when the line is not a date line. Covers numeric dates (2024/04/22,
22-04-2024, ۱۴۰۲/۰۹/۱۲; a year from 1300 to 1500 is Solar Hijri unless هـ, ق or "ه.ق" follows
it: 12-03-1445 هـ is Hijri), day-month-year with month names of every Arabic naming system
(Syriac/Levantine ones also numbered: تشرين 1, كانون 2), Persian Gregorian and Solar Hijri
(``jdatetime``) and Hijri (``hijridate``) months, English "April 22, 2024" and "22 Apr 2024",
an optional weekday, clock time ("08:25م", "8:25 PM", "10:00:30") and zone ("GMT", "UTC+3",
"+03:00"). Separators may be ASCII or Arabic-script punctuation (، ؛ ؍); bidi and format
characters (U+200E/F, U+202A-E, U+2066-9) are ignored. Full date resolution inside sentences is
a later stage (issue 2).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from khabar.calendars import to_gregorian
from khabar.normalize import normalize
from khabar.resources import month_names, weekday_names

__all__ = ["PubDate", "parse_date_line"]

_FILLER = {
    "نشر", "في", "بتاريخ", "تاريخ", "النشر", "اخر", "تحديث", "منذ", "published", "updated",
    "on", "at", "تاريخ انتشار", "انتشار", "به روز", "شده", "ساعت", "الساعه", "الموافق", "م", "ه",
    "هـ", "ق", "ش", "gmt", "utc", "ت", "غ", "am", "pm", "ص", "مساء", "صباحا", "ظهرا",
}  # fmt: skip
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(م|ص|pm|am|مساء|صباحا|ب ?ظ|ق ?ظ)?")
_ZONE = re.compile(
    r"\b(?:gmt|utc)\s*(?P<named>[+-]\d{1,2}(?::?\d{2})?)?"
    r"|(?<![\d:])(?P<offset>[+-]\d{2}:?\d{2})(?!\d)"
)
_SEP = r"\s*[/\-.\u060d]\s*"  # / - . and the Arabic date separator ؍
_YMD = re.compile(rf"(?<![\d.])(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})(?![\d.]?\d)")
_DMY = re.compile(rf"(?<![\d.])(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}})(?![\d.]?\d)")
_COMMA = r"[\s,\u060c\u061b]*"  # spaces, commas (Arabic comma ، too) and ؛ between the parts
# What follows a year to name its calendar: هـ / ه.ق / ق (Hijri), ه.ش / ش (Solar Hijri).
_ERA = re.compile(
    r"\s*(?:(?P<solar>ه\s*\.?\s*ش|شمسي|ش)|(?P<hijri>ه\s*\.?\s*ق|هجريه|هجري|قمري|ه|ق))(?!\w)"
)


@dataclass(frozen=True, slots=True)
class PubDate:
    iso: str  # YYYY-MM-DD or YYYY-MM-DDTHH:MM (no seconds, no zone: see ``clock``/``zone``)
    calendar: str  # gregorian | solar_hijri | hijri
    text: str  # as written
    precision: str = "day"  # day | minute | second
    clock: str | None = None  # HH:MM or HH:MM:SS (24-hour) when the line gives a time
    zone: str | None = None  # +HH:MM when the line gives one (GMT, UTC+3, +0300)


def _calendar_for_year(y: int) -> str:
    if 1300 <= y <= 1500:
        return "solar_hijri"  # Persian sites write ۱۴۰۲/۰۹/۱۲; Hijri years need a month name
    return "gregorian"


@lru_cache(maxsize=1)
def _month_table() -> dict[str, tuple[tuple[str, int], ...]]:
    """Normalised month name → ((calendar, month), ...) from ``resources/months.csv`` (which
    holds the numbered Syriac spellings too: "تشرين 1", "كانون 2")."""
    return month_names()


@lru_cache(maxsize=1)
def _month_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = sorted(_month_table(), key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    day_first = re.compile(
        rf"(?<!\d)(\d{{1,2}})(?:st|nd|rd|th)?{_COMMA}(?:من\s+)?({alt})\.?(?:\s*/\s*(?:{alt}))?"
        rf"{_COMMA}(\d{{4}})(?!\d)"
    )
    month_first = re.compile(rf"\b({alt})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?{_COMMA}(\d{{4}})(?!\d)")
    return day_first, month_first


def _month_date(norm: str) -> tuple[str, int, int, int, str] | None:
    """Find "<day> <month> <year>" or "<month> <day>, <year>"; return (cal, y, m, d, matched)."""
    day_first, month_first = _month_regexes()
    if m := day_first.search(norm):
        day, name, year = int(m.group(1)), m.group(2), int(m.group(3))
    elif m := month_first.search(norm):
        name, day, year = m.group(1), int(m.group(2)), int(m.group(3))
    else:
        return None
    options = _month_table()[name]
    # Years 1300-1500 are Solar Hijri or Hijri; the month name says which.
    wanted = ("solar_hijri", "hijri") if 1300 <= year <= 1500 else ("gregorian",)
    found = next(((c, mo) for c, mo in options if c in wanted), None)
    if found is None:  # a Solar Hijri month in a Gregorian year, or the reverse: not a date
        return None
    return found[0], year, found[1], day, m.group(0)


def _numeric_calendar(norm: str, m: re.Match[str], year: int) -> str:
    """The calendar of a numeric date: an era mark after it (هـ, ه.ق, ش) or the year's range."""
    era = _ERA.match(norm, m.end())
    if era and era.group("hijri"):
        return "hijri"
    if era and era.group("solar"):
        return "solar_hijri"
    return _calendar_for_year(year)


def _time(norm: str) -> tuple[str, bool, str] | None:
    """(HH:MM or HH:MM:SS, seconds given, matched text) of the first clock time in ``norm``;
    ``("", False, matched)`` when it is no time of day (25:00)."""
    m = _TIME.search(norm)
    if not m:
        return None
    bad = ("", False, m.group(0))
    hour, minute = int(m.group(1)), int(m.group(2))
    mer = (m.group(4) or "").replace(" ", "")
    if mer in ("م", "pm", "مساء", "بظ") and hour < 12:
        hour += 12
    if mer in ("ص", "am", "صباحا", "قظ") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return bad
    clock = f"{hour:02d}:{minute:02d}"
    if m.group(3) is not None:
        if int(m.group(3)) > 59:
            return bad
        clock += f":{int(m.group(3)):02d}"
    return clock, m.group(3) is not None, m.group(0)


def _zone(norm: str) -> str | None:
    """``+HH:MM`` of a zone written after the time ("GMT", "UTC+3", "+0300"), else ``None``."""
    m = _ZONE.search(norm)
    if not m:
        return None
    raw = m.group("named") or m.group("offset") or "+00"
    sign, digits = raw[0], raw[1:].replace(":", "")
    hours, minutes = (digits, "00") if len(digits) <= 2 else (digits[:-2], digits[-2:])
    if int(hours) > 14 or int(minutes) > 59:
        return None
    return f"{sign}{int(hours):02d}:{minutes}"


def _leftover_ok(norm: str, used: list[str]) -> bool:
    rest = norm
    for piece in used:
        rest = rest.replace(piece, " ")
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if w not in _FILLER]
    words = [w for w in words if w not in weekday_names()]
    return len(words) <= 1


def parse_date_line(line: str) -> PubDate | None:
    """Read ``line`` as a publication-date line, or return ``None``.

    >>> parse_date_line("15 مارس 2020 , 08:25م").iso
    '2020-03-15T20:25'
    >>> parse_date_line("\u202d4 سبتمبر، 2018\u202c").iso
    '2018-09-04'
    >>> parse_date_line("12-03-1445 هـ").calendar
    'hijri'
    """
    norm = normalize(line).strip()
    if not norm or len(norm) > 60:
        return None
    found: tuple[str, int, int, int, str] | None = None
    m = _YMD.search(norm)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        found = (_numeric_calendar(norm, m, y), y, mo, d, m.group(0))
    elif (m := _DMY.search(norm)) is not None:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        found = (_numeric_calendar(norm, m, y), y, mo, d, m.group(0))
    else:
        found = _month_date(norm)
    if found is None:
        return None
    cal, y, mo, d, matched = found
    greg = to_gregorian(cal, y, mo, d)
    if greg is None:
        return None
    used = [matched]
    iso, precision, clock, zone = greg.isoformat(), "day", None, None
    rest = norm.replace(matched, " ")
    t = _time(rest)
    if t:
        clock, with_seconds, written = t
        if not clock:
            return None  # a date with an impossible time (25:00) is not a date line
        iso += "T" + clock[:5]
        precision = "second" if with_seconds else "minute"
        used.append(written)
        zone = _zone(rest.replace(written, " "))
    if not _leftover_ok(norm, used):
        return None
    return PubDate(iso, cal, line.strip(), precision, clock, zone)
