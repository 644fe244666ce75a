"""Publication times as sources give them: read a record's ``published`` value into an ISO value
with its precision, or say that it is not a date.

Input: the value of a ``published`` (or crawl-time) field: a string, or a number (Unix time).
Output: ``Published`` or ``None`` when the value is not a date khabar reads.

Shapes read, in this order:

- ISO 8601: ``2024``, ``2024-05``, ``2024-05-12``, ``2024-05-12T10:00``, ``2024-05-12 10:00:54``,
  with ``Z``, ``+03:00``, ``+0300``, ``+03`` or ``UTC`` as the zone, fractional seconds
  (dropped), and the basic forms ``20240512`` and ``20240512T100000Z``. A year from 1300 to 1500
  is read as a Solar Hijri numeric date (``1403-02-23``), never as a Gregorian one; a year or
  year-month in that range alone is not a Gregorian year or month, so it is refused.
- RFC 2822 (feeds, e-mail): ``Sun, 12 May 2024 10:00:00 +0300`` (``email.utils``; zone names
  such as GMT or EST become offsets).
- Unix time, UTC: an int or float, or a string of 9 to 13 digits (optionally with a fraction);
  values of 1e11 and above are milliseconds. A JSON ``true``/``false`` is not a time.
- Everything a publication-date line may hold (``khabar.pubdate.parse_date_line``): numeric
  Solar Hijri (``1403/02/23``, ``۱۴۰۳/۰۲/۲۳``) and Hijri dates (``12-03-1445 هـ``), day-month-year
  with Arabic month names of every naming system in ``resources/months.csv`` (Egyptian/Gulf,
  Syriac/Levantine also numbered as ``تشرين 1``, Maghrebi), Persian Gregorian and Solar Hijri
  month names, Hijri month names (``5 رمضان 1445 هـ``), English ``May 12, 2024`` /
  ``12 May 2024 10:00``; ASCII, Arabic-Indic or Persian digits; an optional weekday; an optional
  clock time with am/pm/ص/م and zone.

``iso`` is the Gregorian value at its precision: ``year`` (``2024``), ``month`` (``2024-05``),
``day`` (``2024-05-12``), ``minute`` (``2024-05-12T10:00``, ``2024-05-12T10:00+03:00``) or
``second`` (``2024-05-12T10:00:54``), the zone offset written as ``+HH:MM`` only when the
source gives one (Unix time is UTC: ``+00:00``); nothing is guessed. ``calendar`` is the calendar
the value was written in (``gregorian``, ``solar_hijri``, ``hijri``); Solar Hijri dates are
converted with ``jdatetime`` and Hijri (Umm al-Qura) dates with ``hijridate``
(``khabar.calendars``).

Errors: none raised. Text that is not one of these shapes ("yesterday-ish", "soon", "",
"32/13/2024") and days that do not exist (31 Esfand in a common year, 30 February, 25:00)
give ``None``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_tz

from khabar.normalize import normalize
from khabar.pubdate import parse_date_line

__all__ = ["PRECISIONS", "Published", "parse_published"]

PRECISIONS = ("year", "month", "day", "minute", "second")

_ZONE = r"(?P<zone>z|utc|gmt|[+-]\d{2}(?::?\d{2})?)"
_ISO = re.compile(
    r"(?P<y>\d{4})(?:-(?P<mo>\d{2})(?:-(?P<d>\d{2})"
    r"(?:[t ]\s*(?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,]\d+)?)?\s*" + _ZONE + r"?)?)?)?"
)
_ISO_BASIC = re.compile(
    r"(?P<y>\d{4})(?P<mo>\d{2})(?P<d>\d{2})"
    r"(?:t(?P<h>\d{2})(?P<mi>\d{2})(?P<s>\d{2})?(?:[.,]\d+)?" + _ZONE + r"?)?"
)
_UNIX = re.compile(r"\d{9,13}(?:\.\d+)?")
_RFC2822 = re.compile(
    r"(?:[a-z]{3},?\s*)?\d{1,2}\s+[a-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}(?P<s>:\d{2})?"
    r"(?:\s+(?P<zone>\S+))?"
)
# The zones RFC 2822 names (besides +HHMM) that ``email.utils`` turns into offsets.
_RFC_ZONES = re.compile(r"[+-]\d{4}|ut|utc|gmt|z|[aecmp][sd]t")
_MAX_TEXT = 80


@dataclass(frozen=True, slots=True)
class Published:
    """A publication (or crawl) time read from a source field."""

    iso: str  # Gregorian, at its precision: 2024 | 2024-05 | 2024-05-12 | 2024-05-12T10:00+03:00
    precision: str  # year | month | day | minute | second
    zone: str | None  # +HH:MM when the source gives a zone, else None
    calendar: str  # the calendar it was written in: gregorian | solar_hijri | hijri
    text: str  # the value as given


def _offset(zone: str | None) -> str | None:
    """``+HH:MM`` of an ISO zone designator (``Z``, ``+03``, ``+0300``, ``+03:00``, ``UTC``)."""
    if zone is None:
        return None
    if zone in ("z", "utc", "gmt"):
        return "+00:00"
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 14 or minutes > 59:
        raise ValueError(f"zone {zone} out of range")
    return f"{zone[0]}{hours:02d}:{minutes:02d}"


def _hijri_year(m: re.Match[str]) -> bool:
    """A year from 1300 to 1500 is Solar Hijri (1403-02-23), read as a date line."""
    return 1300 <= int(m.group("y")) <= 1500


def _from_iso(m: re.Match[str], text: str) -> Published | None:
    g = m.groupdict()
    year = int(g["y"])
    if year < 1000:
        return None
    try:
        if g["mo"] is None:
            return Published(f"{year:04d}", "year", None, "gregorian", text)
        if g["d"] is None:
            date(year, int(g["mo"]), 1)
            return Published(f"{year:04d}-{g['mo']}", "month", None, "gregorian", text)
        day = date(year, int(g["mo"]), int(g["d"]))
        if g["h"] is None:
            return Published(day.isoformat(), "day", None, "gregorian", text)
        hour, minute, second = int(g["h"]), int(g["mi"]), g["s"]
        datetime(year, day.month, day.day, hour, minute, int(second or 0))
        zone = _offset(g["zone"])
    except ValueError:
        return None
    clock = f"{hour:02d}:{minute:02d}" + (f":{second}" if second is not None else "")
    precision = "second" if second is not None else "minute"
    return Published(f"{day.isoformat()}T{clock}{zone or ''}", precision, zone, "gregorian", text)


def _from_unix(seconds: float, text: str) -> Published | None:
    if not math.isfinite(seconds) or seconds < 0:
        return None
    if seconds >= 1e11:
        seconds /= 1000  # milliseconds
    try:
        moment = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=int(seconds))
    except OverflowError:
        return None
    iso = moment.strftime("%Y-%m-%dT%H:%M:%S") + "+00:00"
    return Published(iso, "second", "+00:00", "gregorian", text)


def _from_rfc2822(m: re.Match[str], text: str) -> Published | None:
    written_zone = m.group("zone")
    if written_zone is not None and not _RFC_ZONES.fullmatch(written_zone):
        return None  # email.utils would read an unknown zone as UTC: read it as a date line
    parts = parsedate_tz(m.group(0))
    if parts is None:
        return None
    year, month, day, hour, minute, second = parts[:6]
    try:
        moment = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    has_seconds = m.group("s") is not None
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%S" if has_seconds else "%Y-%m-%dT%H:%M")
    zone = None
    if written_zone is not None and parts[9] is not None:
        sign, offset = "-" if parts[9] < 0 else "+", abs(parts[9])
        zone = f"{sign}{offset // 3600:02d}:{offset % 3600 // 60:02d}"
    precision = "second" if has_seconds else "minute"
    return Published(stamp + (zone or ""), precision, zone, "gregorian", text)


def _from_date_line(text: str) -> Published | None:
    pd = parse_date_line(text)
    if pd is None:
        return None
    if pd.clock is None:
        return Published(pd.iso[:10], "day", None, pd.calendar, text)
    iso = f"{pd.iso[:10]}T{pd.clock}{pd.zone or ''}"
    return Published(iso, pd.precision, pd.zone, pd.calendar, text)


def _from_text(value: str, text: str) -> Published | None:
    """Read ``value`` (a string, or a number written out); ``text`` is the value as given."""
    norm = normalize(value).strip()
    if not norm or len(norm) > _MAX_TEXT:
        return None
    if (m := _ISO.fullmatch(norm) or _ISO_BASIC.fullmatch(norm)) and not _hijri_year(m):
        return _from_iso(m, text)
    if _UNIX.fullmatch(norm):
        return _from_unix(float(norm), text)
    if (m := _RFC2822.fullmatch(norm)) and (got := _from_rfc2822(m, text)) is not None:
        return got
    return _from_date_line(value)


def parse_published(value: str | int | float) -> Published | None:
    """Read a source's publication-time value (see the module docstring for the shapes).

    >>> parse_published("2024-05-12T10:00+03:00").iso
    '2024-05-12T10:00+03:00'
    >>> parse_published("23 اردیبهشت 1403").iso
    '2024-05-12'
    >>> parse_published(1715497200).iso
    '2024-05-12T07:00:00+00:00'
    >>> parse_published("yesterday-ish") is None
    True
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return _from_text(str(value), str(value))
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return _from_text(str(int(value)), str(value))
        if math.isfinite(value) and 9 <= len(str(int(abs(value)))) <= 13:
            return _from_unix(value, str(value))
        return None
    if not isinstance(value, str):
        return None
    return _from_text(value, value.strip())
