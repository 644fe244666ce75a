"""Cleaning: decide, line by line, what an article's text is (title, summary, body, heading)
and what is not (captions, ads, mastheads, counters, comment forms, footers, junk, repeats).

Input: a ``RawArticle``. Output: ``Cleaned`` with every input line kept as a ``LineDecision``
(role + the rule that decided it + its span in the original text), the kept ``Paragraph`` list,
and the fields lifted from the text: title, summary, publication date (as written and as ISO),
dateline, news agency and an outlet hint ("المصدر : الجزيرة", "به گزارش همشهری آنلاین").

Rules are general shapes, not sample strings: lexicon patterns (``resources/boilerplate.tsv``),
photo credits in parentheses or after a dash (``resources/credits.csv``), number-only lines,
Latin-only fragments inside Arabic-script articles, lines before the title or after the body,
captions next to their credited twin or in the date block of the header, and sentences or
paragraphs repeated inside the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from khabar.model import LineDecision, LineRole, Paragraph, RawArticle, Span
from khabar.normalize import normalize, normalize_with_offsets, tokens
from khabar.pubdate import PubDate, parse_date_line
from khabar.resources import boilerplate_rules, credit_names
from khabar.settings import Settings

__all__ = ["Cleaned", "clean_article"]

_FINAL_STOP = re.compile(r"[.!?؟…]\s*[\"”»]?\s*$")
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_PAREN_TAIL = re.compile(r"[(（]([^()（）]{1,80})[)）]\s*$")
_DASH_TAIL = re.compile(r"\s[-–—]\s*([^-–—]{1,40})$")
_DATELINE = re.compile(
    r"^\s*(?P<place>[^\s\-–—:(,،]+(?:\s[^\s\-–—:(,،]+){0,2})\s*"
    r"(?:[,،]\s*[^()（）\-–—,،]{1,20}?\s*)?"  # "DAMASCUS, March 4 (Reuters) -"
    r"(?:[(（](?P<agency1>[^)）]{1,30})[)）]\s*)?[-–—]\s*(?:(?P<agency2>[^:\-–—]{1,30}):)?"
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?؟])(?![\d.])\s*")
_OUTLET_LEAD = re.compile(r"^به گزارش\s+([^،,]{2,40})[،,]")
_BYLINE_PREFIX = re.compile(
    r"^\s*(بقلم|كتب|كتبت|إعداد|تحرير|نویسنده|خبرنگار|گزارش از|به قلم|by)\s*[:：\-–]?\s*", re.I
)
_SOURCE_FOOTER = re.compile(r"^\s*(?:المصدر|منبع|source)\s*[:：]\s*(.+)$", re.I)


@dataclass(slots=True)
class Cleaned:
    title: str | None
    summary: str | None
    paragraphs: list[Paragraph]
    lines: list[LineDecision]
    published: str | None = None
    published_text: str | None = None
    dateline: str | None = None
    agency: str | None = None
    outlet_hint: str | None = None
    author: str | None = None


@dataclass(slots=True)
class _Line:
    no: int
    text: str
    start: int
    end: int
    norm: str
    words: int
    block: int
    role: LineRole | None = None
    rule: str = ""
    date: PubDate | None = None  # set on publication-date lines


def _split_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos, block, prev_blank = 0, 0, True
    for no, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        start = pos + lead
        end = start + len(stripped)
        pos += len(raw) + 1
        norm = normalize(stripped).strip()
        if not norm:
            prev_blank = True
            out.append(_Line(no, stripped, start, end, "", 0, block, LineRole.BLANK, "blank"))
            continue
        if prev_blank:
            block += 1
            prev_blank = False
        out.append(_Line(no, stripped, start, end, norm, len(tokens(norm)), block))
    return out


def _is_credit(text: str) -> bool:
    """Every part of ``text`` (split at - / + , |) is or contains a credit name as whole words:
    "أسوشيتد برس-أرشيف", "Reuters/File Photo", "AFP via Getty Images"."""
    norm = normalize(text).strip(" -–—.،,")
    names = credit_names()
    if norm in names:
        return True
    parts = [p.strip() for p in re.split(r"[-–—/+،,|]", norm) if p.strip()]
    return bool(parts) and all(p in names or _credit_regex().search(p) for p in parts)


@lru_cache(maxsize=1)
def _credit_regex() -> re.Pattern[str]:
    alt = "|".join(re.escape(n) for n in sorted(credit_names(), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)")


def _pattern_rule(line: _Line) -> str | None:
    for rule in boilerplate_rules():
        if line.words <= rule.max_words and rule.regex.search(line.norm):
            return rule.kind
    return None


def _caption_rule(line: _Line, s: Settings) -> str | None:
    if _FINAL_STOP.search(line.text) or line.words > s.title_max_words:
        return None
    if m := _PAREN_TAIL.search(line.text):
        inner = m.group(1)
        inner_words = len(tokens(normalize(inner)))
        before = line.text[: m.start()]
        generic = (  # a one-phrase line ending in a name: "جنود في قاعدة عسكرية (ستاسيا)"
            s.caption_min_words <= line.words <= s.caption_max_words
            and inner_words >= 2
            and not re.search(r"[.!?؟…:]", before)
            and not re.search(r"[\d:：]", inner)  # "(همان: ح 122)", "(2:255)" are citations
        )
        if inner_words <= s.caption_credit_max_words and (_is_credit(inner) or generic):
            return "caption_credit"
    if (m := _DASH_TAIL.search(line.text)) and _is_credit(m.group(1)):
        return "caption_credit"
    if line.words <= s.credit_line_max_words and _is_credit(line.text):
        return "credit_line"  # "Getty Images", "رويترز" alone on a line under a photo
    return None


def _shape_rule(line: _Line, rtl_doc: bool, s: Settings) -> str | None:
    if not re.search(r"[^\W\d_]", line.norm):
        return "counter" if re.search(r"\d", line.norm) else "symbols"
    if (
        rtl_doc
        and not _ARABIC_LETTER.search(line.text)
        and line.words <= s.latin_fragment_max_words
    ):
        return "latin_fragment"
    return None


def _is_rtl(text: str) -> bool:
    sample = text[:2000]
    arabic = len(_ARABIC_LETTER.findall(sample))
    latin = len(_LATIN_LETTER.findall(sample))
    return arabic > latin


def _mark(line: _Line, role: LineRole, rule: str) -> None:
    line.role, line.rule = role, rule


def _first_pass(lines: list[_Line], s: Settings, rtl: bool, out: Cleaned) -> None:
    """Per-line decisions that need no context: patterns, captions, shapes, dates, datelines."""
    for line in lines:
        if line.role is not None:
            continue
        if line.words <= s.dateline_line_max_words and line.text.rstrip().endswith((":", "：")):
            if m := _DATELINE.match(line.text):
                _mark(line, LineRole.DATELINE, "dateline_line")
                _lift_dateline(m, out)
                continue
        if line.words <= s.date_line_max_words and (pd := parse_date_line(line.text)) is not None:
            _mark(line, LineRole.PUBLISHED, f"date_line:{pd.calendar}")
            line.date = pd
            continue
        rule = _pattern_rule(line) or _caption_rule(line, s) or _shape_rule(line, rtl, s)
        if rule:
            _lift_from_boilerplate(line, rule, out)
            _mark(line, LineRole.BOILERPLATE, rule)


def _lift_from_boilerplate(line: _Line, rule: str, out: Cleaned) -> None:
    """Fields that boilerplate lines carry: the outlet of a source footer, a byline's author."""
    if rule == "source_footer" and out.outlet_hint is None:
        if m := _SOURCE_FOOTER.match(line.text):
            out.outlet_hint = re.split(r"\s*[+،,]\s*", m.group(1).strip())[0] or None
    elif rule == "byline" and out.author is None:
        out.author = _BYLINE_PREFIX.sub("", line.text).strip() or None


def _lift_published(lines: list[_Line], title: _Line | None, out: Cleaned) -> None:
    """The first date line after the title is the publication date; one before the title is
    the newspaper's masthead date (boilerplate), used only when nothing follows the title."""
    at_title = lines.index(title) if title is not None else -1
    dated = [(i, ln) for i, ln in enumerate(lines) if ln.date is not None]
    after = [ln for i, ln in dated if i > at_title]
    before = [ln for i, ln in dated if i < at_title]
    chosen = after[0] if after else before[0] if before else None
    if chosen is not None and chosen.date is not None:
        out.published, out.published_text = chosen.date.iso, chosen.date.text
    for ln in before:
        if ln is not chosen:
            _mark(ln, LineRole.BOILERPLATE, "masthead_date")


def _is_list_heading(line: _Line) -> bool:
    """A "read also" line that is only a heading ("أخبار متعلقة", "Read more:"), not a line
    that carries its own links or tags ("Tags: Iraq, Turkey")."""
    if line.text.rstrip().endswith((":", "：")):
        return True
    for rule in boilerplate_rules():
        if rule.kind == "read_more" and (m := rule.regex.search(line.norm)):
            return not tokens(line.norm[m.end() :])
    return False


def _related_lists(lines: list[_Line], s: Settings) -> None:
    """Headline-like lines right after a "read also:" heading are related links."""
    in_list = False
    for ln in lines:
        if ln.role is LineRole.BLANK:
            in_list = False
            continue
        if ln.rule == "read_more" and _is_list_heading(ln):
            in_list = True
            continue
        if in_list and ln.role is None and not _FINAL_STOP.search(ln.text) \
                and ln.words <= s.title_max_words:  # fmt: skip
            _mark(ln, LineRole.BOILERPLATE, "related_link")
        else:
            in_list = False


def _lift_dateline(m: re.Match[str], out: Cleaned) -> None:
    if out.dateline is None:
        out.dateline = m.group("place").strip()
        agency = (m.group("agency1") or m.group("agency2") or "").strip()
        out.agency = agency or None


def _is_body(line: _Line, s: Settings) -> bool:
    return line.words >= s.body_min_words or (
        line.words >= s.title_min_words and bool(_FINAL_STOP.search(line.text))
    )


def _given_title(lines: list[_Line], title: str | None) -> _Line | None:
    """The first line, when it is the title the source gave apart (``pipeline.with_title``)."""
    first = next((ln for ln in lines if ln.text.strip()), None)
    if title and first is not None and first.text.strip() == title.strip():
        return first
    return None


def _find_title(lines: list[_Line], s: Settings) -> _Line | None:
    for line in lines:
        if line.role is not None:
            continue
        if line.words < s.title_min_words:
            continue
        if line.words > s.title_max_words or _FINAL_STOP.search(line.text):
            return None  # the article starts with body text: no title line
        return line
    return None


def _near_same(a: str, b: str, s: Settings) -> bool:
    ta, tb = set(tokens(a)), set(tokens(b))
    if not ta or not tb:
        return False
    shared = len(ta & tb)
    # the twin of a caption is a caption: nearly the same words, not a paragraph containing them
    return (
        shared / min(len(ta), len(tb)) >= s.caption_twin_overlap
        and shared / max(len(ta), len(tb)) >= s.caption_twin_length_ratio
    )


def _header_and_footer(lines: list[_Line], s: Settings, title: _Line | None) -> None:
    """Zones: before the title (masthead), the header (title → first body), after the body."""
    content = [ln for ln in lines if ln.role is not LineRole.BLANK]
    if title is not None:
        for ln in content:
            if ln is title:
                break
            if ln.role is None:
                _mark(ln, LineRole.BOILERPLATE, "before_title")
    body_idx = [
        i
        for i, ln in enumerate(content)
        if (ln.role is None and _is_body(ln, s)) or ln.role is LineRole.DATELINE
    ]
    # A paragraph followed closely by the date line is the standfirst, still in the header.
    while body_idx and any(
        ln.role is LineRole.PUBLISHED for ln in content[body_idx[0] + 1 : body_idx[0] + 3]
    ):
        _mark(content[body_idx.pop(0)], LineRole.SUMMARY, "standfirst_before_date")
    first_body = body_idx[0] if body_idx else len(content)
    last_body = body_idx[-1] if body_idx else len(content)
    start = content.index(title) + 1 if title is not None else 0
    header = content[start:first_body]
    date_blocks = {ln.block for ln in header if ln.role is LineRole.PUBLISHED}
    seen_date: set[int] = set()
    for ln in header:
        if ln.role is LineRole.PUBLISHED:
            seen_date.add(ln.block)
            continue
        if ln.role is None and ln.block in date_blocks and ln.block in seen_date:
            _mark(ln, LineRole.BOILERPLATE, "caption_in_date_block")
    for i, ln in enumerate(content):
        if ln.role is not None:
            continue
        neighbours = content[max(i - 1, 0) : i + 2]
        if any(n.rule == "caption_credit" and _near_same(ln.norm, n.norm, s) for n in neighbours):
            _mark(ln, LineRole.BOILERPLATE, "caption_twin")
    for ln in header:
        if ln.role is None and title is not None and _FINAL_STOP.search(ln.text):
            _mark(ln, LineRole.SUMMARY, "standfirst")
    for ln in content[last_body + 1 :]:
        if ln.role is None and ln.words <= s.short_line_words:
            _mark(ln, LineRole.BOILERPLATE, "after_body")


def _key(norm: str) -> str:
    """Comparison key of normalised text: its words, punctuation and spacing ignored."""
    return " ".join(tokens(norm))


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans in ``text``."""
    spans, start = [], 0
    for m in _SENTENCE_SPLIT.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _split_line(ln: _Line, norm_at: int) -> tuple[_Line, _Line]:
    """Split ``ln`` where its normalised text reaches ``norm_at``: kept head, repeated tail."""
    mapped = normalize_with_offsets(ln.text)
    lead = len(mapped.text) - len(mapped.text.lstrip())
    split_at = mapped.to_original(norm_at + lead, norm_at + lead)[0]
    head_text, tail_text = ln.text[:split_at].rstrip(), ln.text[split_at:]
    head_norm, tail_norm = ln.norm[:norm_at].strip(), ln.norm[norm_at:]
    head = _Line(ln.no, head_text, ln.start, ln.start + len(head_text), head_norm,
                 len(tokens(head_norm)), ln.block, ln.role, ln.rule)  # fmt: skip
    tail = _Line(ln.no, tail_text, ln.start + split_at, ln.end, tail_norm, len(tokens(tail_norm)),
                 ln.block, LineRole.REPEAT, "repeated_sentences")  # fmt: skip
    return head, tail


def _remove_repeats(lines: list[_Line], s: Settings, title: _Line | None) -> list[_Line]:
    """Mark repeated paragraphs; split a paragraph whose tail repeats earlier sentences."""
    seen: set[str] = set()
    out: list[_Line] = []
    if title is not None:
        seen.add(_key(title.norm))

    def long(key: str) -> bool:
        return key.count(" ") + 1 >= s.repeat_min_words

    for ln in lines:
        if ln.role is not None and ln.role is not LineRole.SUMMARY:
            out.append(ln)
            continue
        key = _key(ln.norm)
        if ln.words >= s.repeat_min_words and key in seen:
            _mark(ln, LineRole.REPEAT, "repeated_paragraph")
            out.append(ln)
            continue
        sents = _sentences(ln.norm)
        keys = [_key(ln.norm[a:b]) for a, b in sents] if len(sents) > 1 else [key]
        cut = len(keys)
        while cut > 0 and keys[cut - 1] in seen and long(keys[cut - 1]):
            cut -= 1
        seen.add(key)
        seen.update(k for k in keys if long(k))
        if 0 < cut < len(keys):
            out.extend(_split_line(ln, sents[cut][0]))
            continue
        out.append(ln)
    return out


def _body_roles(lines: list[_Line], s: Settings) -> None:
    for ln in lines:
        if ln.role is None:
            _mark(ln, LineRole.BODY if _is_body(ln, s) else LineRole.HEADING, "")


def _inline_dateline(lines: list[_Line], out: Cleaned, s: Settings) -> None:
    if out.dateline is not None:
        return
    first = next((ln for ln in lines if ln.role is LineRole.BODY), None)
    if first is None:
        return
    m = _DATELINE.match(first.text)
    if m and m.end() < s.inline_dateline_max_chars and len(m.group("place").split()) <= 2:
        _lift_dateline(m, out)


def clean_article(article: RawArticle, settings: Settings) -> Cleaned:
    """Clean one article (see the module docstring).

    Example::

        cleaned = clean_article(raw, load_settings())
        print(cleaned.title, [d.rule for d in cleaned.lines if d.role == "boilerplate"])
    """
    s = settings
    lines = _split_lines(article.text)
    out = Cleaned(title=article.title, summary=None, paragraphs=[], lines=[])
    rtl = _is_rtl(article.text)
    _first_pass(lines, s, rtl, out)
    _related_lists(lines, s)
    title_line = None
    if article.title_in_text:
        title_line = _given_title(lines, article.title) or _find_title(lines, s)
    if title_line is not None:
        _mark(title_line, LineRole.TITLE, "first_title_like_line")
        out.title = title_line.text
    _lift_published(lines, title_line, out)
    _header_and_footer(lines, s, title_line if article.title_in_text else None)
    lines = _remove_repeats(lines, s, title_line)
    _body_roles(lines, s)
    _inline_dateline(lines, out, s)
    if out.outlet_hint is None:
        first = next((ln for ln in lines if ln.role is LineRole.BODY), None)
        if first is not None and (m := _OUTLET_LEAD.match(first.text)):
            out.outlet_hint = m.group(1).strip()
    summaries = [ln.text for ln in lines if ln.role is LineRole.SUMMARY]
    out.summary = " ".join(summaries) or None
    keep = (LineRole.TITLE, LineRole.SUMMARY, LineRole.HEADING, LineRole.BODY)
    for ln in lines:
        out.lines.append(LineDecision(ln.no, ln.text, Span(ln.start, ln.end), ln.role or
                                      LineRole.BODY, ln.rule))  # fmt: skip
        if ln.role in keep:
            out.paragraphs.append(
                Paragraph(len(out.paragraphs), ln.text, Span(ln.start, ln.end), ln.role, ln.norm)
            )
    return out
