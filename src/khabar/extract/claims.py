"""Claims: attributed statements with speaker, reporting verb, stance, content and the chain of
attribution ("Reuters, quoting three security sources"; "به گزارش همشهری آنلاین").

Input: original text (and its actors: dictionary and generic, in text order). Output: ``Claim``
objects, one per reporting verb (``resources/claim_verbs.tsv``: verb → stance asserts/denies and
kind say/report/relay/deny...).

Speaker: Arabic puts the speaker after the verb ("وقال مصدران أمنيان"), English and Persian
before it ("a US official said", "سخنگو ... گفت"): the nearest actor mention on the expected side,
else on the other; a later verb of a sentence only within its own clause (from the verb before
it); never an actor inside a quotation; after "title, organisation, person" the person. Content:
the quoted span after the verb («...», "...", “...”), else the clause after إن/أن/که/that, else
the rest of the sentence (Persian, when nothing is said after the verb: the clause before it).
Chain: actors introduced by
attribution markers (``attribution.tsv``: نقلا عن، بحسب، به نقل از، به گزارش، quoting...) and
agencies a relay verb names ("ونقلت رويترز عن مسؤول أميركي" → Reuters → US official).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from khabar.extract.actors import ActorMention, extract_actors, extract_generic_actors
from khabar.extract.events import sentence_spans
from khabar.extract.lexicon import AliasHit, AliasIndex, alias_key, find_aliases, word_spans
from khabar.model import Claim, Span
from khabar.normalize import normalize, normalize_with_offsets
from khabar.resources import read_csv

__all__ = ["attributed", "extract_claims", "reporting_verbs", "source_markers"]

# a quotation of three words or more (a quoted name, 'كتائب "حزب الله"', is no quotation)
_PAIRED = re.compile(r"«([^»]*)»|“([^”]*)”")  # quotation marks that open and close apart
_THAT = re.compile(r"(?<!\w)(?:ان|انه|انها|بان|كه|that)(?!\w)")  # normalised إن/أن/بأن/که
_THAT_NEXT = re.compile(r"[:\s]*كه(?!\w)")  # Persian که right after its verb (normalised)
_SOURCE_KINDS = ("agency", "media")
_WORDS = re.compile(r"\w+")
_PERSONS = ("official", "person")  # actor kinds of people (resources/actors.tsv)
_NEAR, _BEFORE, _FAR = 12, 60, 40  # characters between verb and speaker (see _speaker)
_MARKER_GAP = 12  # "نقلاً عن ثلاثة مصادر": a number may stand between marker and source


@dataclass(frozen=True, slots=True)
class _Lexicon:
    verbs: dict[str, tuple[str, str, str]]  # normalised verb → (stance, kind, lang)
    verb_index: AliasIndex
    markers: AliasIndex
    roles: dict[str, str]  # marker → speaker | reporter | relayed (a speaker after a relay verb)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    verbs, lang = {}, ""
    for r in read_csv("claim_verbs.tsv"):
        lang = r["lang"] or lang
        verbs[alias_key(r["verb"])] = (r["stance"], r["kind"], r["lang"])
    rows = read_csv("attribution.tsv")
    markers = AliasIndex({alias_key(r["marker"]): (r["lang"],) for r in rows})
    roles = {alias_key(r["marker"]): r["role"] for r in rows}
    return _Lexicon(verbs, AliasIndex({k: (k,) for k in verbs}), markers, roles)


@lru_cache(maxsize=4)
def reporting_words(lang: str) -> frozenset[str]:
    """The one-word reporting verbs of ``lang`` as ``normalize`` writes them
    (``resources/claim_verbs.tsv``: said, told, denied ...)."""
    return frozenset(k for k, (_, _, lg) in _lexicon().verbs.items() if lg == lang and " " not in k)


def attributed(text: str, start: int, end: int | None = None) -> bool:
    """Whether the name at ``start`` .. ``end`` of ``text`` is the source of what is said: it
    comes right after a marker of attribution (``attribution.tsv``, a speaker's or reporter's:
    "وفق واشنطن", "ووفقا للولايات المتحدة", "according to Washington", "به گفته تهران"; the
    marker may carry و or ف, its ل be glued to the name) and, with ``end``, ends the phrase
    (punctuation or the text's end follows: "according to Gaza health officials" names no
    source by Gaza alone)."""
    if end is not None and not re.match(r"\s*(?:$|[.,،؛;:!?)»\"'])", text[end:]):
        return False
    words = _WORDS.findall(normalize(text[max(0, start - 30) : start]))
    if start > 0 and text[start - 1].isalpha() and words:  # "لواشنطن", "للولايات": ل glued
        glued = words.pop()
        words += ["ل"] if glued in ("ل", "لل") else [glued]
    if words and words[-1] == "the":  # "according to the United States"
        words.pop()
    before = " ".join(words)
    for key, role in _lexicon().roles.items():
        if role not in ("speaker", "reporter"):
            continue
        n = key.count(" ") + 1
        tail = words[-n:]
        if len(tail) == n and tail[0][:1] in ("و", "ف") and tail[0][1:] == key.split(" ")[0]:
            tail = [tail[0][1:], *tail[1:]]  # "وبحسب", "ووفقا ل"
        if " ".join(tail) == key or before == key:
            return True
    return False


def reporting_verbs(text: str, kinds: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """Character spans of the reporting verbs of ``text`` (``resources/claim_verbs.tsv``:
    قال, أكد, گفت, said ...), in order; of the table's ``kinds`` only when given (say,
    report, announce, relay, accuse, deny)."""
    norm = normalize_with_offsets(text)
    lex = _lexicon()
    hits = find_aliases(norm.text, lex.verb_index, max_words=2)
    return [norm.to_original(h.start, h.end) for h in hits
            if kinds is None or lex.verbs[h.key][1] in kinds]  # fmt: skip


@lru_cache(maxsize=4)
def source_markers(lang: str) -> frozenset[tuple[str, ...]]:
    """The words, normalised, of ``lang``'s markers of a speaker or a reporter
    (``resources/attribution.tsv``: بحسب, وفقا ل, حسبما, به گفته, according to ...): what may
    stand before the source of a report."""
    return frozenset(tuple(alias_key(r["marker"]).split()) for r in read_csv("attribution.tsv")
                     if r["lang"] == lang and r["role"] in ("speaker", "reporter"))  # fmt: skip


def extract_claims(text: str, *, actors: list[ActorMention] | None = None) -> list[Claim]:
    """Every attributed statement in ``text``.

    Example::

        (c,) = extract_claims('ونقلت رويترز عن مسؤول أميركي أن مقاتلة دمرت قاذفة صواريخ.')
        c.speaker_text, c.chain  # ('مسؤول أميركي', ['REUTERS'])
    """
    lex = _lexicon()
    if actors is None:  # dictionary actors, and generic ones ("قال الجيش", "ارتش اعلام کرد")
        named = extract_actors(text)
        actors = sorted(named + extract_generic_actors(text, named), key=lambda a: a.span.start)
    everyone = actors
    out: list[Claim] = []
    for sp in sentence_spans(text):
        sentence = text[sp.start : sp.end]
        norm = normalize_with_offsets(sentence)
        words = word_spans(norm.text)
        verbs = find_aliases(norm.text, lex.verb_index, max_words=2, words=words)
        if not verbs:
            continue
        # a speaker never stands inside a quotation ("عثرت قواتنا ...": not the speaker)
        quoted = [(sp.start + a, sp.start + b) for a, b in _quotations(sentence)]
        inside = [a for a in everyone if sp.start <= a.span.start and a.span.end <= sp.end
                  and not any(_quoted_in(a.span, lo, hi, text) for lo, hi in quoted)]
        actors = [replace(a, span=Span(a.span.start - sp.start, a.span.end - sp.start))
                  for a in inside]  # fmt: skip
        markers = find_aliases(norm.text, lex.markers, max_words=3, words=words)
        ends = [norm.to_original(v.start, v.end)[0] for v in verbs[1:]] + [len(sentence)]
        starts = [0] + [norm.to_original(v.start, v.end)[1] for v in verbs[:-1]]
        for k, (verb, end) in enumerate(zip(verbs, ends, strict=True)):
            # a later verb's speaker stands in its own clause, between the verbs around it
            # ("X said it was an attack, while the army said ...": the army, not X)
            clause = [a for a in actors if starts[k] <= a.span.start and a.span.end <= end]
            claim = _claim(sentence, sp, norm, verb, clause if k else actors, markers, lex, end,
                           starts[k])  # fmt: skip
            if claim.speaker is None and out:
                # "وأضاف ..." / "این گردانها افزود", or a later verb of the sentence with no
                # speaker in its clause ("... و خاطرنشان کرد"): the previous speaker goes on
                claim.speaker, claim.speaker_text = out[-1].speaker, out[-1].speaker_text
                claim.speaker_kind = "inherited"
            out.append(claim)
    return out


def _quotations(text: str) -> list[tuple[int, int]]:
    """The spans of the quotations of ``text`` (their words, without the marks), in order:
    «...» and “...”, and straight "..." told apart by what stands before each mark (the text
    between two quotations is none); three words or more, so a quoted name (كتائب "حزب الله") is
    no quotation."""
    spans = [(m.start(1 if m.group(1) else 2), m.end(1 if m.group(1) else 2))
             for m in _PAIRED.finditer(text)]  # fmt: skip
    # a straight mark after a space (or at the start) opens, any other closes: a sentence cut
    # inside a quotation ('We are ready," the army said ... "a cowardly act."') begins with a
    # closing mark, whose quotation began before the sentence
    opened: int | None = 0 if text.lstrip()[:1] != '"' else None
    for i, c in enumerate(text):
        if c != '"':
            continue
        if i == 0 or text[i - 1].isspace() or text[i - 1] in "(:[":
            opened = i + 1
        elif opened is not None:
            spans.append((opened, i))
            opened = None
    if opened:  # opened in the sentence, closed after it (the splitter cut before the mark)
        spans.append((opened, len(text.rstrip())))
    return sorted((a, b) for a, b in spans if len(text[a:b].split()) >= 3)


def _quoted_in(span: Span, lo: int, hi: int, text: str) -> bool:
    """Whether an actor stands inside the quotation ``text[lo:hi]`` with words of its own
    around it; a quoted name alone («المرصد السوري لحقوق الإنسان») is the name, not a quote."""
    if not (lo <= span.start and span.end <= hi):
        return False
    return len(_WORDS.findall(text[lo : span.start] + " " + text[span.end : hi])) >= 2


def _claim(
    sentence, sp, norm, verb: AliasHit, actors: list[ActorMention], markers, lex, end: int,
    start: int = 0,
) -> Claim:  # type: ignore[no-untyped-def]
    stance, kind, lang = lex.verbs[verb.key]
    v_start, v_end = norm.to_original(verb.start, verb.end)
    # "عن" names the speaker only after a relay verb ("نقلت رويترز عن مسؤول", not "بحث عن")
    marked = [(a, "speaker" if role == "relayed" else role)
              for a, role in _marked(norm, markers, actors, lex)
              if role != "relayed" or kind == "relay"]  # fmt: skip
    said_by = [a for a, role in marked if role == "speaker"]
    chain = [a.actor_id or a.text for a, role in marked if role == "reporter"]
    used = {id(a) for a, _ in marked}
    others = [a for a in actors if id(a) not in used]
    if kind in ("relay", "report"):  # "ونقلت رويترز عن مسؤول": the outlet opens the chain
        reporter = next((a for a in others if a.span.start >= v_end), None)
        if reporter is not None and reporter.kind in _SOURCE_KINDS and (said_by or kind == "relay"):
            chain.append(reporter.actor_id or reporter.text)
            others = [a for a in others if a is not reporter]
    people = [a for a in others if a.kind not in _SOURCE_KINDS] or others
    # what follows the verb's إن/أن/که/that is what is said: nobody there says it
    that = _THAT.search(norm.text, bisect.bisect_left(norm.starts, v_end))
    said_from = norm.to_original(that.start(), that.start())[0] if that else len(sentence)
    people = [a for a in people if a.span.start < said_from]
    speaker = said_by[-1] if said_by else _speaker(people, v_start, v_end, lang, sentence)
    content, c_span = _content(sentence[:end], norm, v_end)
    if lang == "fa" and _said_before(sentence[v_end:end]):
        # Persian puts what is said before its verb ("دلیل این انفجار را یک حمله اعلام کرد"):
        # when nothing is said after it, the clause before the verb is the content, after its
        # speaker and the title set off by commas after the speaker's name
        a, b = start, v_start
        if speaker is not None and start <= speaker.span.start and speaker.span.end <= b:
            a = speaker.span.end
            if sentence[a:b].lstrip().startswith("،") and "،" in sentence[a:b].lstrip()[1:]:
                a = sentence.index("،", sentence.index("،", a) + 1) + 1
        while a < b and sentence[a] in " ،,:":
            a += 1
        while b > a and sentence[b - 1] in " ،,:":
            b -= 1
        content, c_span = sentence[a:b], (a, b)
    return Claim(
        span=sp, sentence=sentence,
        speaker=(speaker.actor_id or speaker.text) if speaker else None,
        speaker_text=speaker.text if speaker else None,
        speaker_kind=speaker.kind if speaker else None,
        verb=sentence[v_start:v_end], stance=stance, content=content,
        content_span=Span(sp.start + c_span[0], sp.start + c_span[1]), chain=chain,
    )  # fmt: skip


def _marked(norm, markers, actors: list[ActorMention], lex) -> list[tuple[ActorMention, str]]:  # type: ignore[no-untyped-def]
    """Actors right after an attribution marker, with the marker's role: "به گزارش X" makes X
    a reporter; "نقلا عن X", "according to X" make X the speaker."""
    out: list[tuple[ActorMention, str]] = []
    for m in markers:
        _, m_end = norm.to_original(m.start, m.end)
        nxt = next((a for a in actors if 0 <= a.span.start - m_end <= _MARKER_GAP), None)
        if nxt is not None and all(nxt is not a for a, _ in out):
            out.append((nxt, lex.roles[m.key]))
    return out


def _speaker(
    actors: list[ActorMention], v_start: int, v_end: int, lang: str, sentence: str
) -> ActorMention | None:
    """Arabic: the actor right after the verb ("وقال مصدر"), else one just before it
    ("كتائب حزب الله تنفي", "وكانت المقاومة ... قد أعلنت"); Persian: the sentence's first actor
    (subject-object-verb); English: the nearest actor before the verb. ``actors`` are those
    before what is said (the caller drops those after the verb's إن/أن/که/that)."""
    # a generic actor ("الجيش", "ارتش", "police") speaks only right next to the verb: "قال
    # الجيش" (Arabic: verb first), "ارتش اعلام کرد", "police said"; elsewhere it is most often
    # what is spoken of ("said five people were killed")
    actors = [a for a in actors if a.kind != "generic" or 0 <= v_start - a.span.end <= 2
              or (lang == "ar" and 0 <= a.span.start - v_end <= _NEAR)]  # fmt: skip
    after = [a for a in actors if a.span.start >= v_end]
    before = [a for a in actors if a.span.end <= v_start]
    if lang == "ar":
        # "قال مدير المرصد السوري ... رامي عبدالرحمن", "رئيس هيئة أركان الحشد الشعبي عبد العزيز
        # المحمداوي": a title (a generic word of officials), its organisation, then the person
        # who holds it, each right after the one before: the last named of them speaks; a
        # generic subject before another actor is no title ("اتهمت الشرطة المسلحين")
        while len(after) > 1 and _next_to(sentence, after[0].span.end, after[1].span.start) and (
                (after[0].kind == "generic" and after[0].name == "officials"
                 and after[1].kind != "generic")
                or (after[0].kind not in _PERSONS and after[0].kind != "generic"
                    and after[1].kind in _PERSONS)):  # fmt: skip
            after = after[1:]
        if after and after[0].span.start - v_end <= _NEAR:
            return after[0]
        if before and v_start - before[-1].span.end <= _BEFORE:
            return before[-1]
        return after[0] if after and after[0].span.start - v_end <= _FAR else None
    if lang == "fa":
        return before[0] if before else (after[0] if after else None)
    return before[-1] if before else (after[0] if after else None)


# the word that ties a spokesman to whom he speaks for ("المتحدث باسم الجيش": Arabic, closed)
_ON_BEHALF = frozenset(normalize(w) for w in ("باسم", "بإسم"))


def _next_to(sentence: str, end: int, start: int) -> bool:
    """Whether the mention starting at ``start`` follows the one ending at ``end`` right away,
    or with only باسم between ("المتحدث باسم الجيش العراقي")."""
    if 0 <= start - end <= 2:
        return True
    between = normalize(sentence[end:start]).split()
    return len(between) == 1 and between[0] in _ON_BEHALF


def _said_before(after: str) -> bool:
    """Whether a Persian reporting verb says nothing after itself: the words after it, up to
    the next verb, are fewer than four, or open another clause ("، در حالی که ارتش ...")
    rather than a quotation or که + what was said."""
    rest = after.strip()
    if _quotations(rest) or _THAT_NEXT.match(normalize(rest)):
        return False
    return len(rest.split()) < 4 or rest[:1] in "،,." or rest.startswith(("و ", "در حالی"))


def _content(sentence: str, norm, v_end: int) -> tuple[str, tuple[int, int]]:  # type: ignore[no-untyped-def]
    quote = next(((a, b) for a, b in _quotations(sentence) if a >= v_end), None)
    if quote is not None:
        return sentence[quote[0] : quote[1]], quote
    # norm.starts is sorted (original offset of each normalised character): bisect, not a scan
    # from the start for every verb, which made a long unpunctuated paragraph quadratic
    n_from = bisect.bisect_left(norm.starts, v_end)
    n_to = bisect.bisect_left(norm.starts, len(sentence))
    n_from = n_from if n_from < len(norm.starts) else len(norm.text)
    n_to = n_to if n_to < len(norm.starts) else len(norm.text)
    if m := _THAT.search(norm.text, n_from, n_to):
        a = norm.to_original(m.end(), m.end())[0]
        while a < len(sentence) and sentence[a].isspace():
            a += 1
        return sentence[a:].rstrip(" .،,"), (a, len(sentence))
    a = v_end
    while a < len(sentence) and sentence[a] in " ،,:":
        a += 1
    return sentence[a:].rstrip(" .،,"), (a, len(sentence))
