"""Calendar conversion: Gregorian, Solar Hijri (``jdatetime``) and Hijri (``hijridate``).

Input: a calendar name (``gregorian``, ``solar_hijri``, ``hijri``) and a year/month/day in it,
or a Gregorian date. Output: the Gregorian date (``None`` when the day does not exist, e.g.
31 Esfand in a common year), or the year of a Gregorian date in another calendar.
"""

from __future__ import annotations

from datetime import date

import jdatetime
from hijridate import Gregorian, Hijri

__all__ = ["CALENDARS", "to_gregorian", "year_in"]

CALENDARS = ("gregorian", "solar_hijri", "hijri")


def to_gregorian(calendar: str, year: int, month: int, day: int) -> date | None:
    """The Gregorian date of ``year-month-day`` in ``calendar``, or ``None`` if there is none.

    >>> to_gregorian("solar_hijri", 1402, 9, 12)
    datetime.date(2023, 12, 3)
    """
    try:
        if calendar == "solar_hijri":
            return jdatetime.date(year, month, day).togregorian()
        if calendar == "hijri":
            return Hijri(year, month, day).to_gregorian()
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def year_in(calendar: str, d: date) -> int:
    """The year of the Gregorian date ``d`` in ``calendar``."""
    if calendar == "solar_hijri":
        return jdatetime.date.fromgregorian(date=d).year
    if calendar == "hijri":
        return Gregorian(d.year, d.month, d.day).to_hijri().year
    return d.year
