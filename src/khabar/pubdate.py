"""Publication-date lines: recognise a line that is only a date (and time), and read it.

Input: one line of an article. Output: ``PubDate`` (ISO date or datetime, the calendar it was
written in, the text as written) or ``None`` when the line is not a date line. Covers numeric
dates (2024/04/22, 22-04-2024, ۱۴۰۲/۰۹/۱۲), day-month-year with month names of every Arabic naming
system, Persian Gregorian and Solar Hijri (``jdatetime``) and Hijri (``hijridate``) months,
English "April 22, 2024", optional weekday and clock time ("08:25م", "8:25 PM").
Full date resolution inside sentences is a later stage (issue 2).
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
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::\d{2})?\s*(م|ص|pm|am|مساء|صباحا|ب ?ظ|ق ?ظ)?")
_YMD = re.compile(r"\b(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\b")
_DMY = re.compile(r"\b(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})\b")


@dataclass(frozen=True, slots=True)
class PubDate:
    iso: str  # YYYY-MM-DD or YYYY-MM-DDTHH:MM
    calendar: str  # gregorian | solar_hijri | hijri
    text: str  # as written


def _calendar_for_year(y: int) -> str:
    if 1300 <= y <= 1500:
        return "solar_hijri"  # Persian sites write ۱۴۰۲/۰۹/۱۲; Hijri years need a month name
    return "gregorian"


@lru_cache(maxsize=1)
def _month_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    names = sorted(month_names(), key=len, reverse=True)
    alt = "|".join(re.escape(n) for n in names)
    day_first = re.compile(
        rf"(\d{{1,2}})\s*(?:من\s+)?({alt})(?:\s*/\s*(?:{alt}))?\s*,?\s*(\d{{4}})"
    )
    month_first = re.compile(rf"\b({alt})\s+(\d{{1,2}}),?\s+(\d{{4}})")
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
    options = month_names()[name]
    # Years 1300-1500 are Solar Hijri or Hijri; the month name says which.
    wanted = ("solar_hijri", "hijri") if 1300 <= year <= 1500 else ("gregorian",)
    cal, month = next(((c, mo) for c, mo in options if c in wanted), options[0])
    return cal, year, month, day, m.group(0)


def _time(norm: str) -> tuple[str, str] | None:
    m = _TIME.search(norm)
    if not m:
        return None
    hour, minute, mer = int(m.group(1)), int(m.group(2)), (m.group(3) or "").replace(" ", "")
    if mer in ("م", "pm", "مساء", "بظ") and hour < 12:
        hour += 12
    if mer in ("ص", "am", "صباحا", "قظ") and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}", m.group(0)


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
    """
    norm = normalize(line).strip()
    if not norm or len(norm) > 60:
        return None
    found: tuple[str, int, int, int, str] | None = None
    m = _YMD.search(norm)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        found = (_calendar_for_year(y), y, mo, d, m.group(0))
    elif (m := _DMY.search(norm)) is not None:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        found = (_calendar_for_year(y), y, mo, d, m.group(0))
    else:
        found = _month_date(norm)
    if found is None:
        return None
    cal, y, mo, d, matched = found
    greg = to_gregorian(cal, y, mo, d)
    if greg is None:
        return None
    used = [matched]
    iso = greg.isoformat()
    t = _time(norm.replace(matched, " "))
    if t:
        iso += "T" + t[0]
        used.append(t[1])
    if not _leftover_ok(norm, used):
        return None
    return PubDate(iso, cal, line.strip())
