"""Dates and times in article text, resolved to absolute dates with their provenance.

Input: the original text and an anchor date (the publication date, or another date the caller
trusts). Output: ``DateMention`` objects (span in the original text, text as written, ISO value,
precision day/month/year, calendar, what it was resolved against, weekday and part of day as
written, flags and proposed corrections) and ``TimeMention`` objects (clock time and zone).

Matching runs on normalised text (``khabar.normalize``) with word lists from
``resources/months.csv``, ``weekdays.csv`` and ``date_words.tsv``, so "أمس الأحد", "مساء الأحد",
"فجر الجمعة", "دیروز", "روز یکشنبه", "28 يناير/كانون الثاني", "۱۲ آذر ۱۴۰۲", "5 رمضان 1445",
"April 22, 2024" and "21:50 (18:50 ت غ)" all read the same way in any digit script.

Sanity checks: a weekday that does not match its date is flagged. When a Gregorian month name
may be a machine translation of a Solar Hijri month (Azar rendered as December, or written
آذار), the Solar Hijri reading is proposed as a correction with its reason; once a document
shows that pattern, its other ambiguous month names get the same proposal. Nothing is replaced
silently: the first reading stays the value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import jdatetime

from khabar.calendars import to_gregorian, year_in
from khabar.model import DateCorrection, DateMention, Span, TimeMention
from khabar.normalize import PERSIAN_LETTERS, NormalizedText, normalize, normalize_with_offsets
from khabar.resources import month_names, read_csv, weekday_names
from khabar.settings import Settings

__all__ = [
    "DateExtraction",
    "extract_dates",
    "future_word_in",
    "propagate_solar",
    "propose_anchor_repair",
    "reference_day",
]

_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_PROCLITIC = "(?:[وفبل]|و[بل])?"
# how far ahead of the anchor a date with no year may lie when only there its written weekday
# holds: a month, or half a year after a word of the future ("to take place", المقرر, خواهد:
# date_words.tsv, kind future) earlier in its sentence. A weekday matches a wrong year once in
# seven: past-tense news of a date months ahead is a misdated weekday, which the flag shows.
# A date with no weekday is read ahead only after a word of the future at most _FUTURE_REACH
# characters before it (``future_governs``): the nearer reading (``nearest_year``)
_FUTURE_REACH = 30
_WEEKDAY_AHEAD_DAYS = 31
_WEEKDAY_AHEAD_FUTURE_DAYS = 183
_SENTENCE_END = re.compile(r"[.!?؟\n]")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    words: dict[str, dict[str, str]]  # kind → normalised word → value
    patterns: dict[str, re.Pattern[str]]
    # kind → the first letters (``_LETTERS``) of each word one of which its pattern needs (a
    # month name, a weekday...): a text with none of them is not scanned for it; None: scanned
    needs: dict[str, frozenset[str] | None]
    future: re.Pattern[str]  # a word of the future (kind ``future``), normalised text


_LETTERS = re.compile(r"[^\W\d_]+")  # a run of letters: a word, or a word's part before a digit


def _first_letters(words: Iterable[str]) -> frozenset[str] | None:
    """The letter run each of ``words`` starts with, or None if one starts otherwise."""
    out = set()
    for w in words:
        m = _LETTERS.match(w)
        if m is None:
            return None
        out.add(m.group())
    return frozenset(out)


def _letter_runs(norm: str) -> set[str]:
    """The letter runs of a normalised text, each also without a proclitic the patterns allow
    before a word (``_PROCLITIC``: و ف ب ل, وب ول): what ``_Lexicon.needs`` is checked against."""
    runs = set(_LETTERS.findall(norm))
    runs |= {r[1:] for r in runs if r[:1] in "وفبل"}
    runs |= {r[2:] for r in runs if r[:2] in ("وب", "ول")}
    return runs


def _alt(words: list[str] | dict[str, object]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    words: dict[str, dict[str, str]] = {}
    for row in read_csv("date_words.tsv"):
        words.setdefault(row["kind"], {})[normalize(row["word"])] = row["value"]
    words["number"] = {normalize(r["word"]): r["value"] for r in read_csv("numbers.tsv")}
    words["number"].update({"a": "1", "an": "1"})
    words["persian_gregorian"] = dict.fromkeys(_persian_gregorian_names(), "")
    words["not_persian_month"] = dict.fromkeys(_months_not_persian(), "")
    wd, mon = _alt(weekday_names()), _alt(month_names())
    # a weekday after an Arabic ordinal is written without the article (ثاني جمعة, آخر خميس)
    wd_any = _alt(_weekday_forms())
    nth_before, nth_after = _alt(words["nth_before"]), _alt(words["nth_after"])
    solar = _alt([n for n, opts in month_names().items() if ("solar_hijri" in dict(opts))])
    rel, pod, qual = _alt(words["relative"]), _alt(words["part_of_day"]), _alt(words["qualifier"])
    direction, ordinal = _alt(words["direction"]), _alt(words["ordinal"])
    year_word, zone, prep = _alt(words["year_word"]), _alt(words["zone"]), _alt(words["prep"])
    era, period, num = _alt(words["era"]), _alt(words["period"]), _alt(words["number"])
    rows = [(r["kind"], r["lang"], normalize(r["word"])) for r in read_csv("date_words.tsv")]

    def of(kind: str, arabic: bool) -> str:  # Arabic puts منذ/قبل first, Persian/English last
        return _alt(sorted({w for k, lang, w in rows if k == kind and (lang == "ar") == arabic}))

    unit_pre, unit_post, ago_pre, ago_post = (of("unit", True), of("unit", False),
                                              of("ago", True), of("ago", False))  # fmt: skip
    dual = _alt(words["unit_dual"])
    b, e = r"(?<!\w)", r"(?!\w)"
    day_word = r"(?:(?:يوم|روز|on)\s+)?"
    sep = r"\s*[/\-.]\s*"
    # a written year ends at its last digit ("۱۴۰۲ساعت"); an era mark may follow ("1445 هـ")
    year = rf"(?P<year>\d{{4}})(?!\d)(?:\s*(?P<era>{era})(?!\w))?"
    # "سبتمبر (أيلول) 2013", "سبتمبر/أيلول 2013": the month's Levantine name beside it; "من عام
    # 2014", "العام 2014": the year's word before the year
    other_month = rf"(?:\s*/\s*(?P<mon2>{mon})|\s*\(\s*(?P<mon3>{mon})\s*\))?"
    # (the prepositions among the year words, "في 2012", "in 2014", stay the year pattern's:
    # "may in 2016", "في مايو في 1400 موقع" are no month of a year)
    year_noun = _alt([w for w in words["year_word"] if w not in ("في", "in")])
    year_lead = rf"(?:(?:من\s+)?(?:ال)?(?:{year_noun})\s+)?"
    p = {
        # a count after the month is no year: "۲۰ مهر ۱۲ نفر کشته شدند"
        "solar2": rf"{b}(?:{day_word}(?P<wd>{wd})\s*[,،]?\s*)?(?P<day>\d{{1,2}}|{ordinal})\s+"
        rf"(?P<mon>{solar})\s+(?P<year>\d{{2}})(?!\d)(?!\s*(?:نفر|تن|مورد|کشته|زخمي|عدد))",
        "full": rf"{b}(?:{day_word}(?P<wd>{wd})\s*[,،]?\s*)?(?P<day>\d{{1,2}}|{ordinal})"
        rf"(?:st|nd|rd|th)?\s+(?:من\s+|of\s+)?(?P<mon>{mon}){other_month}"
        rf"(?:\s*[,،]?\s*{year_lead}{year}|{e})",
        "mdy": rf"{b}(?:(?P<wd>{wd})\s*,?\s*)?(?P<mon>{mon})\s+(?P<day>\d{{1,2}})"
        rf"(?:st|nd|rd|th)?(?:\s*,?\s*{year}|{e})",
        "numeric": rf"{b}(?:(?P<y1>\d{{4}}){sep}(?P<m1>\d{{1,2}}){sep}(?P<d1>\d{{1,2}})"
        rf"|(?P<d2>\d{{1,2}}){sep}(?P<m2>\d{{1,2}}){sep}(?P<y2>\d{{4}}))(?!\d)"
        rf"(?:\s*(?P<era>{era})(?!\w))?",
        # "قبل يومين من الانتخابات" is before another event; a bare unit ("منذ يوم") only
        # when the clause ends there ("منذ يوم تأسيسها" is since a day)
        "ago_pre": rf"{b}{_PROCLITIC}(?P<ago>{ago_pre})\s+(?:(?P<n>\d{{1,3}}|{num})\s+"
        rf"(?P<unit>{unit_pre})|(?P<dual>{dual})|(?P<one>يوم|ساعه|اسبوع|دقيقه)"
        rf"(?=\s*(?:[.,،؛:!?]|$))){e}(?!\s+(?:(?:واحد|فقط)\s+)?(?:من|ان)\s)",
        "ago_post": rf"{b}(?P<n>\d{{1,3}}|{num})\s+(?P<unit>{unit_post})\s+(?P<ago>{ago_post}){e}"
        r"(?!\s+(?:از|than)\s)",
        "period": rf"{b}{_PROCLITIC}(?P<period>{period}){e}",
        # a number right before a relative day or period makes it a span (``counted``)
        "counted": rf"(?:\d|(?<!\w)(?:{num}))\s*$",
        "month": rf"{b}(?:(?P<prep>{prep})\s+)?(?:(?P<qual>{qual})\s+)?(?P<mon>{mon})"
        rf"{other_month}(?:\s+{year_lead}{year}|(?:\s+(?P<dir>{direction}))?{e})",
        # ... and a chronology's line, which opens with its year and a dash ("1952- الجامعة
        # العربية تحتج ...", "في مثل هذا اليوم" columns): the year of what the line tells
        "year": rf"{b}(?:(?:{year_word})\s+{year}|(?P<y2>1[34]\d\d)\s*(?P<era2>{era}){e})"
        r"|(?<!\S)(?P<y3>1[89]\d\d|20\d\d)(?=\s*[-–—]\s*[^\W\d_])",
        "relative": rf"{b}{_PROCLITIC}(?:(?P<pod>{pod})\s+)?{day_word}(?P<rel>{rel})"
        rf"(?:(?:\s+|\s*\(\s*){day_word}(?P<wd>{wd})(?:\s*\))?)?{e}",
        # "امام جمعه" (the Friday imam) and "نماز جمعه" name no day
        "weekday": rf"{b}{_PROCLITIC}(?:(?P<dir0>last|next|this)\s+)?(?:(?P<pod>{pod})\s+)?"
        rf"{day_word}(?<!امام )(?<!نماز )(?<!ائمه )(?P<wd>{wd})(?:\s+(?P<dir>{direction}))?"
        rf"(?:\s+(?P<pod2>{pod}))?{e}",
        # "ثاني جمعة من رمضان", "الجمعة الأخيرة من رمضان", "آخرین جمعه ماه رمضان", "the second
        # Friday of Ramadan": a weekday counted in a month
        "nth_weekday": rf"{b}{_PROCLITIC}(?:(?:the\s+)?(?P<n1>{nth_before})\s+(?P<wd>{wd_any})"
        rf"|(?P<wd2>{wd_any})\s+(?P<n2>{nth_after}))\s+(?:(?P<of>من|في|از|of|in)\s+)?"
        rf"(?:(?P<mw>شهر|ماه|the\s+month\s+of)\s+)?(?P<mon>{mon}){e}"
        rf"(?:\s*[,،]?\s*(?P<year>\d{{4}})(?!\d))?(?!\s*\d)(?!\s+(?:{direction}){e})",
        "time": rf"{b}(?:(?:الساعه|ساعت|at)\s+)?(?P<h>\d{{1,2}}):(?P<m>\d{{2}})"
        rf"(?:\s*(?P<ampm>a\.m\.?|p\.m\.?|am|pm|ص|م)(?:(?<=\.)|{e}))?(?:\s*\(\s*(?P<h2>\d{{1,2}}):(?P<m2>\d{{2}})\s*"
        rf"(?P<zone2>{zone})\s*\))?(?:\s*(?P<zone>{zone}){e})?",
    }
    months = list(month_names())
    ago = {arabic: [w for k, lang, w in rows if k == "ago" and (lang == "ar") == arabic]
           for arabic in (True, False)}  # fmt: skip
    needs = {"full": months, "mdy": months, "month": months, "weekday": list(weekday_names()),
             "nth_weekday": list(_weekday_forms()),
             "solar2": [n for n, opts in month_names().items() if "solar_hijri" in dict(opts)],
             "ago_pre": ago[True], "ago_post": ago[False], "relative": list(words["relative"]),
             "period": list(words["period"])}  # fmt: skip
    future = re.compile(rf"(?<!\w)(?:{_alt(words['future'])})(?!\w)")
    return _Lexicon(words, {k: re.compile(v) for k, v in p.items()},
                    {k: _first_letters(v) for k, v in needs.items()}, future)  # fmt: skip


@lru_cache(maxsize=1)
def _weekday_forms() -> dict[str, int]:
    """Weekday names (``weekday_names``) and the Arabic ones without their article (جمعه,
    خميس: after an ordinal) → weekday number (Monday 0)."""
    names = weekday_names()
    bare = {n[2:]: d for n, d in names.items() if n.startswith("ال") and len(n) > 4}
    return {**bare, **names}


@dataclass(slots=True)
class DateExtraction:
    dates: list[DateMention]
    times: list[TimeMention]


# English words before a month name (normalised text): after "in", "since", "during" a month
# stands alone ("In March 12 people were killed"), after "on" a day follows it ("on march 3")
_MONTH_ONLY_BEFORE = re.compile(r"(?<!\w)(?:in|since|during)\s+$")
_DAY_BEFORE = re.compile(r"(?<!\w)on\s+$")


class _Resolver:
    """Turns regex matches into mentions, given the anchor date."""

    def __init__(self, text: str, norm: NormalizedText, anchor: date | None, s: Settings,
                 reference: date, anchor_time: datetime | None = None) -> None:  # fmt: skip
        self.text, self.norm, self.anchor, self.s = text, norm, anchor, s
        self.anchor_time = anchor_time  # the publication time, for "N hours ago"
        self.s_reference = reference  # "now", for texts with no anchor
        self.anchor_label = "publication"  # what the anchor is, recorded on each mention
        self.persian = False  # whether the text is Persian (``extract_dates``' lang)
        self.lex = _lexicon()

    # -- helpers ---------------------------------------------------------------------------
    def span(self, m: re.Match[str]) -> Span:
        start, end = self.norm.to_original(m.start(), m.end())
        return Span(start, end)

    def lower_case(self, m: re.Match[str], group: str) -> bool:
        """Whether the original text writes ``group`` of ``m`` in lower case: an English month
        name that may be a verb or noun ("may", "march") is a month only capitalised, as
        English writes months."""
        start, end = self.norm.to_original(m.start(group), m.end(group))
        written = self.text[start:end]
        return written.isascii() and written.islower()

    def mention(
        self, m: re.Match[str], value: date | str | None, precision: str, **kw
    ) -> DateMention:
        sp = self.span(m)
        iso = value.isoformat() if isinstance(value, date) else value
        anchor = kw.pop("anchor", self.anchor_label if iso is not None else "none")
        return DateMention(sp, self.text[sp.start : sp.end], iso, precision,
                           kw.pop("calendar", "gregorian"), anchor, **kw)  # fmt: skip

    def part_before(self, m: re.Match[str]) -> str | None:
        """The part of day written right before a date ("صباح السبت 20 أبريل", "مساء يوم 5
        يونيو", "on the morning of 20 April" is not read), or None."""
        words = self.norm.text[max(0, m.start() - 20) : m.start()].split()
        if words and words[-1] in ("يوم", "روز", "on"):
            words = words[:-1]
        last = words[-1] if words else ""
        parts = self.lex.words["part_of_day"]
        return parts.get(last) or parts.get(last[1:] if last[:1] in "وف" else "")

    def month_of(self, name: str, year: int | None, era: str | None = None) -> tuple[str, int]:
        """The calendar and month number of a month name; a year of 1300-1500 (or an era mark
        such as هـ or ه.ش) picks among the calendars that write the name."""
        options = month_names()[name]
        wanted = self.lex.words["era"].get(era or "")
        if wanted is not None:
            hit = next(((c, mo) for c, mo in options if c == wanted), None)
            if hit is not None:
                return hit
        if year is not None and 1300 <= year <= 1500:
            return next(((c, mo) for c, mo in options if c != "gregorian"), options[0])
        return next(((c, mo) for c, mo in options if c == "gregorian"), options[0])

    def near(self) -> date:
        """The day dates are judged against: the anchor, else the reference day ("now")."""
        return self.anchor or self.s_reference

    def day_value(self, raw: str) -> int:
        return int(raw) if raw.isdigit() else int(self.lex.words["ordinal"][raw])

    def nearest_year(self, cal: str, month: int, day: int, future: bool = False) -> date | None:
        """The date with this calendar month/day closest to the anchor, not far after it; with
        ``future`` (a word of the future governs it: ``future_governs``) the nearer reading,
        ahead or behind: "the election to be held on August 9", read on 2020-08-03, is
        2020-08-09, not 2019-08-09 (a Wikinews report of a new user's trial)."""
        if self.anchor is None:
            return None
        base = year_in(cal, self.anchor)
        dates = [d for y in (base - 1, base, base + 1)
                 if (d := to_gregorian(cal, y, month, day)) is not None]  # fmt: skip
        if future and dates:
            return min(dates, key=lambda d: abs((d - self.anchor).days))  # type: ignore[operator]
        limit = self.anchor + timedelta(days=self.s.date_future_tolerance_days)
        candidates = [d for d in dates if d <= limit]
        return max(candidates) if candidates else None

    def weekday_year(
        self, cal: str, month: int, day: int, wd: int | None, value: date | None,
        ahead: int = _WEEKDAY_AHEAD_DAYS,
    ) -> date | None:
        """With no year written, the year whose date falls on the written weekday, when the
        nearest year's does not, up to ``ahead`` days after the anchor: "السبت 25 يوليو" read on
        2015-07-23 is 2015-07-25 (a Saturday ahead), not 2014-07-25 (a Friday)."""
        if wd is None or value is None or value.weekday() == wd or self.anchor is None:
            return value
        base = year_in(cal, self.anchor)
        fits = [d for y in (base - 1, base, base + 1)
                if (d := to_gregorian(cal, y, month, day)) is not None and d.weekday() == wd
                and -366 <= (d - self.anchor).days <= ahead]  # fmt: skip
        return min(fits, key=lambda d: abs((d - self.anchor).days)) if fits else value

    def future_before(self, m: re.Match[str]) -> bool:
        """Whether a word of the future (``date_words.tsv``, kind ``future``) comes before the
        date in its sentence: an election "to take place on Friday 11 March", read on
        2011-01-20, is 2011-03-11 (a Current Events item of the contradiction gold, current-dev,
        had been read as 2010-03-11, a Thursday, and reported as a misdated weekday)."""
        before = self.norm.text[: m.start()]
        cut = max((b.end() for b in _SENTENCE_END.finditer(before)), default=0)
        return bool(self.lex.future.search(before[cut:]))

    def future_governs(self, m: re.Match[str]) -> bool:
        """Whether a word of the future stands close before the date, as the verb it is the
        day of: at most ``_FUTURE_REACH`` characters before it, no comma or colon between,
        not "due to" (in news most often a cause: "died due to the floods of January 20"),
        and the date not a noun's ("the attack of June 20"): "to be held on August 9", "will
        come into force on March 11th", "planned to announce his choice around August 1"; not
        "He will appeal the verdict handed down on January 20"."""
        before = self.norm.text[max(0, m.start() - _FUTURE_REACH - 20) : m.start()]
        found = [f for f in self.lex.future.finditer(before) if f.group() != "due to"]
        if not found:
            return False
        between = before[found[-1].end() :]
        return len(between) <= _FUTURE_REACH and not re.search(r"[,;:،؛]", between) \
            and not re.search(r"(?<!\w)of\s*$", between)  # fmt: skip

    # -- kinds -----------------------------------------------------------------------------
    def full(self, m: re.Match[str], year: int | None = None,
             month_first: bool = False) -> DateMention | None:  # fmt: skip
        if self.persian and m["mon"] in self.lex.words["not_persian_month"]:
            return None  # "۲ جوان" (two youths) in Persian, June only in Maghrebi Arabic
        risky = m["mon"] in self.lex.words.get("risky_month", {})
        # "العاشر من رمضان" (English "a third of March" stays none), but not the city or the war
        # of that name ("مدينة العاشر من رمضان", "حرب العاشر من رمضان")
        of = " من " in m.group(0) and not re.search(r"(?:مدينه|حرب)\s*$", self.norm.text[
            max(0, m.start() - 8) : m.start()])  # fmt: skip
        if risky and not m["year"] and ((not m["day"].isdigit() and not of)
                                        or (not month_first and self.lower_case(m, "mon"))):
            return None  # "a third march", "a second may be needed", "5 may have died"
        if self.day_value(m["day"]) > 31:
            return None  # "Since August 40 people have been killed": a count
        year = year or (int(m["year"]) if m["year"] else None)
        cal, month = self.month_of(m["mon"], year, m.groupdict().get("era"))
        day = self.day_value(m["day"])
        wd = weekday_names().get(m["wd"]) if m["wd"] else None
        if year is not None:
            value, anchor = to_gregorian(cal, year, month, day), "absolute"
        else:
            value = self.nearest_year(cal, month, day, wd is None and self.future_governs(m))
            anchor = self.anchor_label
            ahead = _WEEKDAY_AHEAD_FUTURE_DAYS if wd is not None and self.future_before(m) \
                else _WEEKDAY_AHEAD_DAYS  # fmt: skip
            value = self.weekday_year(cal, month, day, wd, value, ahead)
        if value is None and year is not None:
            return None  # 31 February: not a date
        out = self.mention(m, value, "day", calendar=cal, anchor=anchor if value else "none",
                           weekday=wd, part_of_day=self.part_before(m))  # fmt: skip
        if value is None:
            out.flags.append("no_anchor: the year is not written and no publication date is known")
            if wd is not None and cal == "gregorian":
                out.corrections.extend(self.weekday_years(m["mon"], month, day, wd))
        elif wd is not None and value.weekday() != wd:
            out.flags.append(f"weekday_mismatch: written {_WEEKDAY_NAMES[wd]}, but {value} is a "
                             f"{_WEEKDAY_NAMES[value.weekday()]}")  # fmt: skip
            out.corrections.extend(self.solar_readings(m["mon"], month, day, year, wd, cal))
        return out

    def weekday_years(self, name: str, month: int, day: int, wd: int) -> list[DateCorrection]:
        """With no year and no anchor, the most recent years (up to the reference date) in which
        the written weekday fits: once as a Gregorian date, once read as Solar Hijri."""
        ref = self.s_reference
        out = []
        greg = next((d for y in range(ref.year, ref.year - self.s.date_search_years, -1)
                     if (d := to_gregorian("gregorian", y, month, day)) and d <= ref
                     and d.weekday() == wd), None)  # fmt: skip
        if greg is not None:
            why = (f"latest year in which {_WEEKDAY_NAMES[wd]} {day} {name} fits the written "
                   "weekday (no publication date)")  # fmt: skip
            out.append(DateCorrection(greg.isoformat(), "gregorian", why))
        homograph = self.lex.words.get("solar_homograph", {}).get(name)
        solar_months = [] if name in self.lex.words["persian_gregorian"] else \
            ([int(homograph)] if homograph else []) + [(month - 4) % 12 + 1]  # fmt: skip
        for k in solar_months:
            sy0 = year_in("solar_hijri", ref)
            solar = next((d for sy in range(sy0, sy0 - self.s.date_search_years, -1)
                          if (d := to_gregorian("solar_hijri", sy, k, day)) and d <= ref
                          and d.weekday() == wd), None)  # fmt: skip
            if solar is not None:
                persian = jdatetime.date.fromgregorian(date=solar).strftime("%d %B %Y")
                out.append(DateCorrection(
                    solar.isoformat(), "solar_hijri",
                    f"Solar Hijri {persian} = {solar}: the month name may render a Persian month "
                    f"(machine translation); the written weekday ({_WEEKDAY_NAMES[wd]}) matches",
                ))  # fmt: skip
                break
        if len(out) > 1:
            out.reverse()  # list the Solar Hijri reading first: it explains a translated text
        return out

    def solar_readings(self, name: str, month: int, day: int, year: int | None, wd: int | None,
                       cal: str) -> list[DateCorrection]:  # fmt: skip
        """Solar Hijri readings of a Gregorian month name (Azar written as December or آذار);
        none for a Persian name of a Gregorian month (``_persian_gregorian_names``, in the
        lexicon as ``persian_gregorian``)."""
        if cal != "gregorian" or (self.anchor is None and year is None) \
                or name in self.lex.words["persian_gregorian"]:  # fmt: skip
            return []
        out = []
        homograph = self.lex.words.get("solar_homograph", {}).get(name)
        candidates = {(month - 4) % 12 + 1: "rendered as the Gregorian month it mostly overlaps"}
        if homograph:
            candidates = {
                int(homograph): f"'{name}' is written like the Persian month"
            } | candidates
        ref = self.anchor or date(year or 2000, month, 1)
        for k, why in candidates.items():
            for sy in (year_in("solar_hijri", ref), year_in("solar_hijri", ref) - 1):
                d = to_gregorian("solar_hijri", sy, k, day)
                if d is None or (wd is not None and d.weekday() != wd):
                    continue
                if self.anchor and d > self.anchor + timedelta(
                    days=self.s.date_future_tolerance_days
                ):
                    continue
                persian = jdatetime.date(sy, k, day).strftime("%d %B %Y")
                reason = f"Solar Hijri {persian} = {d}: month name {why}"
                if wd is not None:
                    reason += f"; the written weekday ({_WEEKDAY_NAMES[wd]}) matches"
                out.append(DateCorrection(d.isoformat(), "solar_hijri", reason))
                break
        return out

    def mdy(self, m: re.Match[str]) -> DateMention | None:
        """Month, then day ("May 5, 2015"): English order. A month name in Arabic script needs
        its year there: Persian and Arabic write the day first, so "در مرداد ۱۲ نفر کشته شدند"
        and "به گزارش مهر ۱۲ نفر" (the Mehr agency) give a month and a count; so does an
        English month after "in", "since" or "during" with no year ("In March 12 people were
        killed": "on March 12" is a day)."""
        if m["year"]:
            return self.full(m, month_first=True)
        if not m["mon"].isascii():
            return None
        before = self.norm.text[max(0, m.start() - 8) : m.start()]
        if _MONTH_ONLY_BEFORE.search(before):
            return None  # "In March 12 people were killed": a month, then a count
        if (m["mon"] in self.lex.words.get("risky_month", {}) and self.lower_case(m, "mon")
                and not _DAY_BEFORE.search(before)):  # fmt: skip
            return None  # "the march 15 protesters" (a feed in lower case: "on march 3")
        return self.full(m, month_first=True)

    def solar2(self, m: re.Match[str]) -> DateMention | None:
        """A Solar Hijri date with a two-digit year ("۲۰ مهر ۰۲" = 20 Mehr 1402): the century
        that puts it on or before the anchor; none that fits leaves the match to ``full``."""
        yy, near = int(m["year"]), self.near()
        this = year_in("solar_hijri", near)
        year = this - this % 100 + yy
        if year > this:
            year -= 100
        if this - year > 30:
            return None  # "۱۵ خرداد ۵۰": not 1350, a count
        cal, month = "solar_hijri", dict(month_names()[m["mon"]])["solar_hijri"]
        value = to_gregorian(cal, year, month, self.day_value(m["day"]))
        if value is None or value > near + timedelta(days=self.s.date_future_tolerance_days):
            return None
        return self.full(m, year)

    def numeric(self, m: re.Match[str]) -> DateMention | None:
        y = int(m["y1"] or m["y2"])
        mo, d = int(m["m1"] or m["m2"]), int(m["d1"] or m["d2"])
        cal = self.lex.words["era"].get(m["era"] or "")
        if cal is None:
            cal = "gregorian" if not 1300 <= y <= 1500 else self.closest_calendar(y, mo, d)
        value = to_gregorian(cal, y, mo, d)
        return self.mention(m, value, "day", calendar=cal, anchor="absolute") if value else None

    def closest_calendar(self, y: int, mo: int, d: int) -> str:
        """Solar Hijri (۱۴۰۳/۰۲/۲۳) or Hijri (12-03-1445) for a numeric date with a year of
        1300-1500 and no era mark: the reading nearer the anchor (or today)."""
        near = self.near()
        readings = [(abs((g - near).days), cal) for cal in ("solar_hijri", "hijri")
                    if (g := to_gregorian(cal, y, mo, d)) is not None]  # fmt: skip
        return min(readings)[1] if readings else "solar_hijri"

    def _ago(self, m: re.Match[str]) -> DateMention | None:
        """"منذ يومين", "قبل ٥ ساعات", "دو روز پیش", "three days ago": the anchor moved back.
        Hours and minutes count from the publication time when known (in its own zone);
        weeks give a day flagged as approximate, months a month, years a year."""
        words = self.lex.words
        if m.groupdict().get("dual"):
            n, unit = 2, words["unit_dual"][m["dual"]]
        elif m.groupdict().get("one"):
            n, unit = 1, words["unit"][m["one"]]
        else:
            raw = m["n"]
            n = int(raw) if raw.isdigit() else int(words["number"][raw])
            unit = words["unit"][m["unit"]]
        if m["ago"] == "منذ" and (unit in ("month", "year") or (m.groupdict().get("unit") or "")
                                 .endswith("ا")):  # fmt: skip
            return None  # "أعنف هجوم منذ أربع سنوات": for four years, not four years ago; an
            # accusative after 11 to 99, "منذ 54 يوما", is mostly a span ("مضرب عن الطعام")
        if self.anchor is None:
            out = self.mention(m, None, "day")
            out.flags.append("no_anchor: 'ago' without a publication date")
            return out
        flags = []
        if unit in ("hour", "minute"):
            delta = timedelta(hours=n) if unit == "hour" else timedelta(minutes=n)
            if self.anchor_time is not None:
                value: date | str = (self.anchor_time - delta).date()
            else:
                value = (datetime.combine(self.anchor, datetime.max.time()) - delta).date()
                flags.append("approximate: no publication time; counted from the end of the day")
            precision = "day"
        elif unit == "day":
            value, precision = self.anchor - timedelta(days=n), "day"
        elif unit == "week":
            value, precision = self.anchor - timedelta(weeks=n), "day"
            flags.append(f"approximate: {n} week(s) before the publication date")
        elif unit == "month":
            k = self.anchor.year * 12 + self.anchor.month - 1 - n
            value, precision = f"{k // 12:04d}-{k % 12 + 1:02d}", "month"
        else:
            value, precision = f"{self.anchor.year - n:04d}", "year"
        out = self.mention(m, value, precision)
        out.flags.extend(flags)
        return out

    ago_pre = ago_post = _ago

    def counted(self, m: re.Match[str]) -> bool:
        """A number right before the match ("طی ۱۰ روز گذشته", over the past 10 days): a span
        of time, not a point in it."""
        before = self.norm.text[max(0, m.start() - 12) : m.start()]
        return self.lex.patterns["counted"].search(before) is not None

    def period(self, m: re.Match[str]) -> DateMention | None:
        """"الشهر الماضي", "earlier this month", "پارسال": a month or year from the anchor."""
        if self.counted(m):
            return None
        kind, _, shift = self.lex.words["period"][m["period"]].partition(":")
        if self.anchor is None:
            out = self.mention(m, None, kind)
            out.flags.append("no_anchor: relative month or year without a publication date")
            return out
        if kind == "month":
            k = self.anchor.year * 12 + self.anchor.month - 1 + int(shift)
            return self.mention(m, f"{k // 12:04d}-{k % 12 + 1:02d}", "month")
        return self.mention(m, f"{self.anchor.year + int(shift):04d}", "year")

    def month(self, m: re.Match[str]) -> DateMention | None:
        if self.persian and m["mon"] in self.lex.words["not_persian_month"]:
            return None
        risky = m["mon"] in self.lex.words.get("risky_month", {})
        context = (m["qual"] or m["year"] or m["dir"] or m["mon2"] or m["mon3"]
                   or (m["prep"] and not risky))  # fmt: skip
        if not context:
            return None
        year = int(m["year"]) if m["year"] else None
        cal, month = self.month_of(m["mon"], year, m["era"])
        qual = self.lex.words["qualifier"].get(m["qual"]) if m["qual"] else None
        if year is not None:
            value: str | None = _month_iso(cal, year, month)
            anchor = "absolute"
            if value is None:
                return None  # no year of its calendar ("رمضان من عام 2014"): the year alone
        else:
            value, anchor = self.nearest_month(cal, month, m["dir"]), self.anchor_label
        out = self.mention(m, value, "month", calendar=cal, anchor=anchor if value else "none",
                           qualifier=qual)  # fmt: skip
        if value is None:
            out.flags.append("no_anchor: the year is not written and no publication date is known")
        return out

    def nth_weekday(self, m: re.Match[str]) -> DateMention | None:
        """"ثاني جمعة من رمضان", "the last Friday of June 2010": that weekday of the month of
        that name, in the year written, else the one nearest before the anchor (not far after
        it); None where the words between (من, في, ماه, of) are missing ("last Friday June 12")
        or the month has no such day."""
        if not (m["of"] or m["mw"]):
            return None  # "last Friday June 12": a weekday, then a date of its own
        nth = int(self.lex.words["nth_before" if m["n1"] else "nth_after"][m["n1"] or m["n2"]])
        wd = _weekday_forms()[m["wd"] or m["wd2"]]
        year = int(m["year"]) if m["year"] else None
        cal, month = self.month_of(m["mon"], year)
        value = None
        if year is not None:  # "the last Friday of June 2010"
            value = _nth_weekday(cal, year, month, wd, nth)
            if value is None:
                return None
            return self.mention(m, value, "day", calendar=cal, weekday=wd, anchor="absolute")
        if self.anchor is not None:
            limit = self.anchor + timedelta(days=self.s.date_future_tolerance_days)
            base = year_in(cal, self.anchor)
            days = [d for y in (base - 1, base, base + 1)
                    if (d := _nth_weekday(cal, y, month, wd, nth)) is not None and d <= limit]
            value = max(days, default=None)
        if value is None and self.anchor is not None:
            return None  # "the fifth Friday of February": no such day
        out = self.mention(m, value, "day", calendar=cal, weekday=wd,
                           anchor=self.anchor_label if value else "none")  # fmt: skip
        if value is None:
            out.flags.append("no_anchor: the year is not written and no publication date is known")
        return out

    def nearest_month(self, cal: str, month: int, direction: str | None) -> str | None:
        """The month of that name nearest the anchor: the latest one that has begun (strictly
        before the anchor's month for "last …"), or the first one to come for "next …"."""
        if self.anchor is None:
            return None
        kind = self.lex.words["direction"].get(direction or "", "")
        base = year_in(cal, self.anchor)
        firsts = [(f, y) for y in range(base - 2, base + 2)
                  if (f := to_gregorian(cal, y, month, 1)) is not None]  # fmt: skip
        this_month = self.anchor.replace(day=1)
        if kind == "future":
            later = [(f, y) for f, y in firsts if f > self.anchor]
            return _month_iso(cal, min(later)[1], month) if later else None
        begun = [(f, y) for f, y in firsts
                 if (f < this_month if kind == "past" else f <= self.anchor)]  # fmt: skip
        return _month_iso(cal, max(begun)[1], month) if begun else None

    def year(self, m: re.Match[str]) -> DateMention | None:
        """"عام 2014", "سال ۱۳۹۸", "1445 هـ": the Gregorian year in which the written year
        begins (Hijri and Solar Hijri years by their era mark, or a 13xx/14xx year)."""
        y = int(m["year"] or m["y2"] or m["y3"])
        if m.group(0).startswith("في") and not 1900 <= y <= 2099:
            return None  # "في 1400 موقع" counts sites: after a bare "in", only a Gregorian year
        cal = self.lex.words["era"].get(m["era"] or m["era2"] or "")
        if m["y2"] and cal == "gregorian":
            return None  # "1400 م" is as likely metres as a year
        if m["y3"]:  # a chronology's line: a Gregorian year, the mention the digits alone
            start, end = self.norm.to_original(m.start("y3"), m.end("y3"))
            if self.text[:start].rpartition("\n")[2].strip(" \t\u200e\u200f\ufeff-–—•*"):
                return None  # not at the start of its line (normalising joins lines)
            return DateMention(Span(start, end), self.text[start:end], m["y3"], "year",
                               "gregorian", "absolute")  # fmt: skip
        if cal is None:
            cal = "gregorian" if not 1300 <= y <= 1500 else self.closest_calendar(y, 1, 1)
        first = to_gregorian(cal, y, 1, 1)
        value = f"{first.year:04d}" if first else m["year"]
        return self.mention(m, value, "year", calendar=cal, anchor="absolute")

    def relative(self, m: re.Match[str]) -> DateMention | None:
        if self.counted(m):
            return None
        offset = int(self.lex.words["relative"][m["rel"]])
        value = self.anchor + timedelta(days=offset) if self.anchor else None
        wd = weekday_names().get(m["wd"]) if m["wd"] else None
        pod = self.lex.words["part_of_day"].get(m["pod"]) if m["pod"] else None
        out = self.mention(m, value, "day", weekday=wd, part_of_day=pod)
        if value is None:
            out.flags.append("no_anchor: relative day without a publication date")
        elif wd is not None and value.weekday() != wd:
            out.flags.append(f"weekday_mismatch: '{m['rel']}' is {_WEEKDAY_NAMES[value.weekday()]} "
                             f"but the text says {_WEEKDAY_NAMES[wd]}")  # fmt: skip
        return out

    def weekday(self, m: re.Match[str]) -> DateMention | None:
        wd = weekday_names()[m["wd"]]
        if wd == 0 and _the_two(m, self.norm.text):
            return None
        if m["wd"] == _BARE_FRIDAY and not (m["dir"] or m["dir0"] or m["pod"] or m["pod2"]) \
                and not re.search(r"(?:يوم|روز)\s", m.group(0)) and not self.persian:  # fmt: skip
            return None  # Arabic writes the day الجمعة; جمعة alone is a name ("ويأمل جمعة")
        pod = self.lex.words["part_of_day"].get(m["pod"] or m["pod2"] or "")
        kind = self.lex.words["direction"].get(m["dir"] or m["dir0"] or "", "")
        value = None
        if self.anchor is not None:
            back = (self.anchor.weekday() - wd) % 7
            if kind == "past" and back == 0:
                back = 7
            value = self.anchor + timedelta(days=(wd - self.anchor.weekday()) % 7 or 7) \
                if kind == "future" else self.anchor - timedelta(days=back)  # fmt: skip
        out = self.mention(m, value, "day", weekday=wd, part_of_day=pod)
        if value is None:
            out.flags.append("no_anchor: weekday without a publication date")
        return out

    def time(self, m: re.Match[str]) -> TimeMention | None:
        h, mi = int(m["h"]), int(m["m"])
        half = (m["ampm"] or "").replace(".", "")  # "p.m." is "pm"
        if half in ("pm", "م") and h < 12:
            h += 12
        elif half in ("am", "ص") and h == 12:
            h = 0  # "12:30 a.m." is half past midnight
        if h > 23 or mi > 59:
            return None
        zones = self.lex.words["zone"]
        utc = f"{int(m['h2']):02d}:{int(m['m2']):02d}" if m["h2"] else None
        zone = zones.get(m["zone"] or "", "local")
        if zone == "UTC":
            utc = f"{h:02d}:{mi:02d}"
        sp = self.span(m)
        return TimeMention(sp, self.text[sp.start : sp.end], f"{h:02d}:{mi:02d}", zone, utc)


def _nth_weekday(cal: str, year: int, month: int, weekday: int, nth: int) -> date | None:
    """The ``nth`` ``weekday`` (Monday 0) of a month of a calendar's year, the last for -1;
    None when the month has no such day (a fifth Friday) or the calendar cannot say."""
    first = to_gregorian(cal, year, month, 1)
    following = to_gregorian(cal, year + month // 12, month % 12 + 1, 1)
    if first is None or following is None:
        return None
    if nth < 0:
        last = following - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    day = first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    return day if day < following else None


def _month_iso(cal: str, y: int, m: int) -> str | None:
    """A calendar month as the Gregorian month of its first day (YYYY-MM)."""
    first = to_gregorian(cal, y, m, 1)
    return first.isoformat()[:7] if first else None


_DIGIT = re.compile(r"\d")
_DIGIT_KINDS = frozenset({"numeric", "mdy", "year", "solar2"})  # patterns with a required \d
_ORDER = ("numeric", "solar2", "nth_weekday", "full", "mdy", "ago_pre", "ago_post", "relative",
          "period", "month", "weekday", "year")


def reference_day(settings: Settings) -> date:
    """ "Now" for texts with no anchor: ``settings.reference_date``, else today."""
    if settings.reference_date:
        return date.fromisoformat(settings.reference_date)
    return date.today()


def propagate_solar(dates: list[DateMention], *, anchor: date | None, settings: Settings) -> None:
    """If one date of a document reads as Solar Hijri (weekday evidence), propose that reading
    for the document's other month names that are Solar Hijri homographs (آذار → Azar).
    Call it on all the dates of a document: the evidence may be paragraphs away."""
    resolver = _Resolver("", normalize_with_offsets(""), anchor, settings, date.today())

    def weekday_backed(d: DateMention) -> bool:
        return any("weekday" in c.reason and c.calendar == "solar_hijri" for c in d.corrections)

    confirmed = [d for d in dates if weekday_backed(d)]
    evidence = confirmed[0] if confirmed else None
    if evidence is None:
        return
    homographs = resolver.lex.words.get("solar_homograph", {})
    for d in dates:
        if d is evidence or d.corrections or d.calendar != "gregorian":
            continue
        norm = normalize(d.text)
        name = next(
            (h for h in homographs if re.search(rf"(?<!\w){re.escape(h)}(?!\w)", norm)), None
        )
        if name is None:
            continue
        day_m = re.search(r"\d{1,2}", norm)
        day = int(day_m.group()) if day_m else next(
            (int(v) for w, v in resolver.lex.words["ordinal"].items() if w in norm), 1)  # fmt: skip
        k = int(homographs[name])
        solar = next(c for c in evidence.corrections if c.calendar == "solar_hijri")
        ref = resolver.anchor or date.fromisoformat(solar.value)
        for sy in (year_in("solar_hijri", ref), year_in("solar_hijri", ref) - 1):
            g = to_gregorian("solar_hijri", sy, k, day)
            if g is not None and g <= ref + timedelta(days=resolver.s.date_future_tolerance_days):
                persian = jdatetime.date(sy, k, day).strftime("%d %B %Y")
                d.flags.append("possible_solar_hijri: this document renders Solar Hijri months "
                               f"as Gregorian ones (see '{evidence.text}')")  # fmt: skip
                d.corrections.append(DateCorrection(
                    g.isoformat(), "solar_hijri",
                    f"Solar Hijri {persian} = {g}: '{d.text}' is written like the Persian month, "
                    f"and '{evidence.text}' in the same document only fits the Solar Hijri reading",
                ))  # fmt: skip
                break


def _month_rows() -> list[tuple[str, str, str]]:
    """(normalised name, language, calendar) of every row of ``months.csv``."""
    return [(normalize(r["name"]), r["lang"], r["calendar"]) for r in read_csv("months.csv")]


def _months_not_persian() -> frozenset[str]:
    """Normalised Arabic-script names of Gregorian months that only Arabic writes
    (``months.csv``): Persian news writes its own (ژوئن), so in Persian text they are Persian
    words, not months ("جوان", Maghrebi Arabic's June, is "youth": a trial dated a report 2
    June from its headline "۲ جوان", two youths; "آب", August in the Levant, is "water").
    Hijri month names, which Persian writes too, are not among them."""
    rows = _month_rows()
    return frozenset({n for n, lang, cal in rows if cal == "gregorian" and not n.isascii()}
                     - {n for n, lang, cal in rows if lang == "fa"})


def _persian_gregorian_names() -> frozenset[str]:
    """Normalised Persian names of Gregorian months that no other language writes so
    (``months.csv``: اکتبر, not مارس, which Arabic writes too). Persian news writes a Solar
    Hijri month by its own name (مهر), so such a name is Gregorian: no Solar Hijri reading is
    proposed for it (a fresh-clone trial: "جمعه 28 اکتبر (7 آبان)" was read as 28 Mehr 1402)."""
    rows = _month_rows()
    persian = {n for n, lang, cal in rows if cal == "gregorian" and lang == "fa"}
    return frozenset(persian - {n for n, lang, cal in rows if lang != "fa" or cal != "gregorian"})


def future_word_in(norm_text: str) -> bool:
    """Whether normalised text holds a word of the future or of a schedule (``date_words.tsv``,
    kind ``future``: "will", "set for", المقرر, المقررة, خواهد), a whole word."""
    return bool(_lexicon().future.search(norm_text))


def extract_dates(
    text: str,
    *,
    anchor: date | None,
    settings: Settings,
    reference: date | None = None,
    anchor_label: str = "publication",
    anchor_time: datetime | None = None,
    lang: str | None = None,
) -> DateExtraction:
    """Find and resolve every date and clock time in ``text``; ``lang``, the text's language
    where known (else read from its letters), decides whether a bare جمعه is Friday (Persian)
    or a given name (Arabic).

    Example::

        got = extract_dates("أطلقت أمس الأحد", anchor=date(2024, 4, 22), settings=Settings())
        got.dates[0].value  # '2024-04-21'
    """
    norm = normalize_with_offsets(text)
    resolver = _Resolver(text, norm, anchor, settings, reference or reference_day(settings),
                         anchor_time if anchor is not None else None)
    resolver.anchor_label = anchor_label
    resolver.persian = lang == "fa" if lang else bool(PERSIAN_LETTERS.search(text))
    taken: list[tuple[int, int]] = []
    dates: list[DateMention] = []
    digits = _DIGIT.search(norm.text) is not None
    runs = _letter_runs(norm.text)
    for kind in _ORDER:
        if kind in _DIGIT_KINDS and not digits:
            continue  # its pattern cannot match without a digit
        needs = resolver.lex.needs.get(kind)
        if needs is not None and needs.isdisjoint(runs):
            continue  # nor without one of its words (a month's name, a weekday...)
        for m in resolver.lex.patterns[kind].finditer(norm.text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            got = getattr(resolver, kind)(m)
            if got is not None:
                dates.append(got)
                taken.append((m.start(), m.end()))
    times = []
    for m in resolver.lex.patterns["time"].finditer(norm.text) if digits else ():
        if (t := resolver.time(m)) is not None:
            times.append(t)
    dates.sort(key=lambda d: d.span.start)
    propagate_solar(dates, anchor=anchor, settings=settings)
    return DateExtraction(dates, times)


# Persian names Friday جمعه, without an article; in Arabic text (no letter Arabic does not
# write) the bare word is a given name (ويأمل جمعة) unless يوم, a part of day or a direction
# goes with it (Arabic orthography: the day is الجمعة)
_BARE_FRIDAY = "جمعه"  # normalised


# Arabic الاثنين is both Monday and "the two": written alone between these words it is the two
# ("الفرق بين الاثنين", "كلا الاثنين", "الاثنين معا"; SaudiNewsNet, 2015); the normalised forms
_TWO_BEFORE = frozenset({"بين", "وبين", "كلا", "كلتا", "هذين", "هذان", "لهذين", "وكلا"})
_TWO_AFTER = frozenset({"معا", "كليهما", "كلاهما", "كلتيهما"})


def _the_two(m: re.Match[str], text: str) -> bool:
    """Whether a weekday match of Arabic الاثنين in the normalised ``text`` means "the two": it
    stands alone (no day word, part of the day or direction: "يوم الاثنين", "الاثنين الماضي"
    are Monday) after a word of ``_TWO_BEFORE`` or before one of ``_TWO_AFTER``."""
    if not m["wd"].startswith("ال") or m.start("wd") - m.start() > 1:
        return False  # "اثنين" is no weekday name; a day word or time of day came first
    if any(m[g] for g in ("pod", "pod2", "dir", "dir0")):
        return False
    before = text[: m.start()].split()[-1:]
    following = [w for w in (x.strip(".,،؟?!:؛") for x in text[m.end() :].split()[:3]) if w]
    after = following[0] if following else ""
    if _day_follows(following):
        return False  # "بين الاثنين والخميس", "ما بين الاثنين وصباح الثلاثاء": a span of days
    return bool(before and before[0] in _TWO_BEFORE) or after in _TWO_AFTER


# normalised words that lead to a second day after الاثنين ("إلى الأربعاء", "حتى الخميس")
_UNTIL = frozenset({"الي", "حتي", "لغايه"})


def _day_follows(words: list[str]) -> bool:
    """Whether the words after a الاثنين name another day or time of day, so that it is Monday:
    a weekday or a part of the day joined by و ("والخميس", "وفجر الثلاثاء"), or after إلى/حتى
    ("إلى الأربعاء")."""
    if not words:
        return False
    first = words[0]
    days = weekday_names()
    parts = _lexicon().words["part_of_day"]
    if first[:1] == "و" and (first[1:] in days or first[1:] in parts):
        return True
    return first in _UNTIL and len(words) > 1 and words[1] in days


def propose_anchor_repair(
    dates: list[DateMention], *, anchor: date | None, settings: Settings
) -> date | None:
    """When relative days with a weekday ("أمس الجمعة", "اليوم الاثنين") all say the text was
    written on another weekday than the given publication date (a crawl date, a time zone),
    propose, for each such date, its value read against the latest matching day at most
    ``anchor_repair_days`` before the given date. Values are not changed. Returns that day."""
    if anchor is None:
        return None
    implied = {
        (d.weekday - (date.fromisoformat(d.value) - anchor).days) % 7
        for d in dates
        if d.weekday is not None and d.value and d.precision == "day" and d.anchor != "absolute"
        and any(f.startswith("weekday_mismatch") for f in d.flags)
    }  # fmt: skip
    if len(implied) != 1:
        return None  # no evidence, or the weekdays disagree among themselves
    (wd,) = implied
    back = (anchor.weekday() - wd) % 7
    if back == 0 or back > settings.anchor_repair_days:
        return None
    repaired = anchor - timedelta(days=back)
    for d in dates:
        if d.value and d.precision == "day" and d.anchor != "absolute":
            shifted = date.fromisoformat(d.value) - timedelta(days=back)
            d.corrections.append(DateCorrection(
                shifted.isoformat(), d.calendar,
                f"the text's weekdays say it was written on a {_WEEKDAY_NAMES[wd]}, not on "
                f"{_WEEKDAY_NAMES[anchor.weekday()]} {anchor} (the date given, perhaps a crawl "
                f"date); read against {repaired} this is {shifted}",
            ))  # fmt: skip
    return repaired
