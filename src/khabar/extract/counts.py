"""Casualty counts the rules leave unread, read by a trained ranker: of the numbers a sentence
writes, "one person" and "no count", which is the number killed and which the number injured.

Input: the normalised words of one sentence (``events._unglued``), its language (ar, fa, en)
and the rules' reading ``(killed, injured)`` (``events.rule_counts``). Output: ``(killed,
injured)``, each an ``int`` or ``None`` (the sentence gives no count: unknown, never 0).

Where the rules (``events.rule_counts``) give a count, it stands. Where they give none and the
sentence has a word of death or injury, the candidates of that kind are: every number the
sentence writes (``events.parse_number``: digits, number words, "ثلاثة آلاف") but a year, an
age, a span of time or a sum; one person, unless grammar says many; and no count. Each has
binary features (its distance in words to the nearest word of death or injury, of its own kind
and of the other, what stands between them, the words beside it, its size) and the ranker
scores them with one weight per feature: the best scoring candidate's value is the count.
The weights (``resources/models/counts.json``) are a conditional logit fitted by
``training/counts/train.py`` on the project's labelled real-news sentences (model card:
``resources/models/counts.md``). A sentence with no word of its kind keeps the rules' reading.
"""

from __future__ import annotations

from functools import lru_cache

from khabar.extract import events as _ev
from khabar.extract.event_types import cameo_verbs
from khabar.normalize import normalize
from khabar.resources import ranker_weights, read_csv, word_counts

__all__ = ["Candidate", "candidates", "combined_words", "labels", "read_counts", "settled",
           "whole_group", "KINDS"]

KINDS = ("killed", "injured")
# the languages where the rules' count stands where they give one (the ranker reads the
# rest); in the others the ranker always chooses, the rules' reading one of its features.
# All three: the ranker choosing always in English gained in cross-validation but read a
# negation's 0 and the guideline's "no count" as one person (counts.md)
RULES_FIRST = frozenset({"ar", "en", "fa"})
Candidate = tuple[int | None, tuple[str, ...]]  # (value or None: no count, features)

# distance buckets in words, number before (+) or after (-) the casualty word
_NEAR = ((1, "1"), (2, "2"), (4, "3-4"), (8, "5-8"))
_AND = frozenset({"and", "و", "،", ","})
# words before the first year of a span ("between 2014 and 2016", "بين عامي 1982 و1990"),
# normalised: English, Arabic and Persian grammar, a closed list
_RANGE_FROM = frozenset(normalize(w) for w in ("between", "from", "بين", "من", "از", "عامي",
                                               "سنتي"))


def _bucket(d: int | None) -> str:
    if d is None:
        return "none"
    side = "b" if d > 0 else "a"  # the number before / after the casualty word
    for top, name in _NEAR:
        if abs(d) <= top:
            return side + name
    return side + "far"


def _magnitude(v: int) -> str:
    return "1" if v == 1 else "2" if v == 2 else "3-9" if v < 10 else "10-99" if v < 100 \
        else "100-999" if v < 1000 else "1000+"  # fmt: skip


def _cue_positions(words: list[str], cues: frozenset[str]) -> list[int]:
    return [i for i, w in enumerate(words) if _ev._bare(w) in cues]


def _numbers(words: list[str]) -> list[tuple[int, int, int]]:
    """(start, end, value) of each number of ``words``, left to right, none inside another."""
    out, i = [], 0
    while i < len(words):
        got = _ev.parse_number(words, i)
        if got is None:
            i += 1
            continue
        out.append((i, i + got[1], got[0]))
        i += got[1]
    return out


# English words after which "one" is the pronoun, not a number ("the last one", "this one",
# "each one", "no one"): determiners and adjectives of order, a closed list of English grammar;
# not "the" ("the one suspect who fled" is one person)
_PRONOUN_ONE_AFTER = frozenset({"this", "that", "each", "every", "no", "any", "another",
                                "which", "last", "first", "next", "latest", "same", "other"})


_LABEL_ARTICLE = "ال"  # "قائمة الـ (23)": the article cut off its number (normalised)


@lru_cache(maxsize=1)
def _label_nouns() -> dict[str, str]:
    """Each noun of ``resources/label_nouns.tsv``, normalised, with its kind: name (a list, a
    flight, a resolution) or unit (a brigade: it may also act)."""
    return {normalize(w): r["kind"] for r in read_csv("label_nouns.tsv")
            for w in r["words"].split()}  # fmt: skip


def labels(words: list[str]) -> frozenset[int]:
    """The values of ``words`` (normalised) that only name, never count: each number right
    after a noun of ``resources/label_nouns.tsv`` ("مطلوب القائمة 23", "Flight 17", "لشکر ۲۵";
    an Arabic article between allowed: "قائمة الـ (23)"), unless the noun is a unit, which may
    act, and a word of victims follows ("قتلت الكتيبة 12 مدنيا": 12 dead), and nowhere else in the
    sentence. A fresh look at real reports found "the killing of a wanted man of list 23" read
    as 23 dead (issue [6/8])."""
    nouns = _label_nouns()
    named, counted = set(), set()
    for start, end, value in _numbers(words):
        j = start - 1
        if j > 0 and words[j] == _LABEL_ARTICLE:
            j -= 1
        kind = nouns.get(words[j]) or nouns.get(_ev._bare(words[j])) if j >= 0 else None
        label = kind == "name" or (kind == "unit" and not (
            end < len(words) and _ev._is_victim(words[end])))
        (named if label else counted).add(value)
    return frozenset(named - counted)


def _never_a_count(words: list[str], start: int, end: int) -> bool:
    """A number that counts no one, whatever the weights say (grammar, closed lists): a year
    ("In 2019", "منذ 2014": ``events._is_year``; "بين عامي 1982 و1990"), an age or a span of
    time or distance ("83 year old", "10 years", "5 كم": ``events._unit_after``), a sum of
    money ("5 تريليون"), the English pronoun "one" ("the last one"), the عشرة of an Arabic
    ordinal of the teens ("الحادية عشرة", eleventh)."""
    if words[start].isdigit() and 1900 <= int(words[start]) <= 2100 and start \
            and words[start - 1] in _RANGE_FROM:  # fmt: skip
        return True  # "بين 1982 و1990", "between 2014 and 2016": years
    if words[start] == "one" and start and words[start - 1] in _PRONOUN_ONE_AFTER:
        return True  # "more than the last one", "each one": the pronoun
    if _ev.ordinal_teen(words, start):
        return True  # "صبي في الثانية عشرة": twelfth, an age or a rank
    return (_ev._is_year(words, start) or _ev._unit_after(words, end)  # "year" is a unit
            or (end < len(words) and words[end] in _ev._AR_NUMBER_PLURALS))  # fmt: skip


_AR_SOUND_PLURAL = ("ين", "ون", "ات")  # Arabic sound plural endings (Arabic grammar)


def _plural(word: str, lang: str) -> bool:
    """A plural noun (Arabic sound plurals ين/ون/ات, English ``events._english_plural``):
    the word beside a casualty word says more than one person ("قتل مدنيين", "troops")."""
    if lang == "en":
        return _ev._english_plural(word)
    return len(word) > 4 and word.endswith(_AR_SOUND_PLURAL)



# the broken plurals among the Arabic words of killing and injury, normalised (the dead, the
# wounded, victims, martyrs): no suffix says they are plural. Arabic grammar, a closed list
_AR_BROKEN_PLURALS = frozenset(normalize(w) for w in ("قتلى", "جرحى", "ضحايا", "شهداء"))


def _many(words: list[str], i: int, lang: str) -> bool:
    """Whether grammar says the casualty word at ``i`` is about more than one person (then
    "one person" is no candidate): an Arabic plural or dual verb (قتلوا, أصيبوا, قتلا), a
    broken plural noun (``_AR_BROKEN_PLURALS``: "عن وقوع قتلى"), a
    dual within three words ("قتل -الخميس- شخصان"), a plural in the two words before or after
    it ("جنديين تركيين قتلا", "قتل مدنيين", "استشهد جنود فلسطينيون", "قتل عناصر القوات"; in
    Arabic none behind a preposition, ``_ungoverned``: "مسلحا قتل في الاشتباكات" is one), a
    collective noun (طاقم) or "thousands" (الآلاف) after it, "كل من" after it (everyone who,
    or people named one by one: ``events.each_of_at``), a plural English verb before it ("were
    killed", "have been wounded")."""
    if _ev._bare(words[i]) in _ev._AR_PLURAL_VERBS or words[i] in _ev._AR_PLURAL_VERBS:
        return True
    if lang == "ar" and _ev._bare(words[i]).removeprefix("ال") in _AR_BROKEN_PLURALS:
        return True  # "أسفر عن وقوع قتلى": dead, how many unsaid
    if _ev.each_of_at(words, i + 1) is not None:
        return True
    if lang == "en":
        return bool({"were", "are", "have"} & set(words[max(0, i - 3) : i]))
    lex = _ev._lexicon()
    cues = lex.cues
    if words[i].endswith("ا") and _ev._bare(words[i][:-1]) in lex.hurt:
        return True  # a dual verb: قتلا, أصيبا
    duals = cues.get("dual", frozenset())
    near = words[max(0, i - 3) : i + 4]
    if any(w in duals or _ev._arabic_dual(w) for w in near):
        return True  # "قتل -الخميس- شخصان", "جنديان"
    return any(_plural(w, lang) or w in _ev._AR_COLLECTIVE or w in _ev._PLURAL_MULTIPLIERS
               or w.removeprefix("ال") in _ev._PLURAL_MULTIPLIERS
               for w in _ungoverned(words, i, lang))  # fmt: skip


# Arabic prepositions, and the proclitic ones glued to an article (بال, لل, كال; و or ف before
# them), normalised: a plural behind one is where or how ("قتل في الاشتباكات", "قتل بالغارات"),
# not who. Not من, whose plural is who as often ("قتل من المسلحين عدد"). Arabic grammar, closed
_AR_PREPOSITIONS = frozenset(normalize(w) for w in (
    "في", "على", "إلى", "عن", "مع", "خلال", "جراء", "إثر", "بعد", "قبل", "منذ", "داخل",
    "قرب", "أمام", "بين", "حول", "ضد", "لدى", "عند", "أثناء", "وسط", "بسبب", "نتيجة"))
_AR_GLUED_PREPOSITIONS = tuple(normalize(w) for w in ("بال", "لل", "كال", "وبال", "فبال", "ولل"))


def _ungoverned(words: list[str], i: int, lang: str) -> list[str]:
    """The words beside the casualty word at ``i`` that may say who was hit: the first two
    after it and the two before it; in Arabic, of each pair, those before a preposition
    ("مسلحا قتل في الاشتباكات": none after; "وفي الاشتباكات قتل": none before), never a word a
    preposition is glued to (بالغارات). What a preposition governs runs on into a construct
    ("جراء قصف القوات الأوكرانية": the forces are the shelling's), so nothing past one is read;
    a subject after a fronted place ("قتل في الاشتباكات مسلحون") is missed."""
    windows = (words[i + 1 : i + 3], words[max(0, i - 2) : i])
    if lang != "ar":
        return [w for window in windows for w in window]
    out = []
    for window in windows:
        for w in window:
            if _ev._conjoined_in(w, _AR_PREPOSITIONS):
                break
            if not w.startswith(_AR_GLUED_PREPOSITIONS):
                out.append(w)
    return out


def _signed(start: int, end: int, cue: int) -> int:
    """Words from a number (``start:end``) to a casualty word: positive when the number comes
    first (1: right before it), negative when after (-1: right after it)."""
    return cue - end + 1 if cue >= end else cue - start if cue < start else 0


def _has_and(words: list[str]) -> bool:
    """Whether ``words`` hold "and": the word, a comma, or a و glued to a word."""
    return any(map(_is_and, words))


def _is_and(word: str) -> bool:
    """Whether ``word`` is "and" or a comma, or begins with a glued و."""
    return word in _AND or word.startswith("و") and _ev._bare(word) != word


def _marks(words: list[str], kind: str) -> tuple[list[int], list[int], list[tuple[int, int, int]],
                                                 list[tuple[int, int, int]]] | None:  # fmt: skip
    """(positions of the words of ``kind``, of the other kind's words, the sentence's numbers,
    those of them that may count people: ``_never_a_count``) of a sentence; None when it has
    no word of ``kind``."""
    lex = _ev._lexicon()
    own = sorted({*_cue_positions(words, lex.cues[kind]), *_ev.toll_nouns(words, kind)})
    if kind == "killed":
        own = sorted({*own, *_death_tolls(words), *_ev.fa_kill_verbs(words)})
    if not own:
        return None
    other_kind = "injured" if kind == "killed" else "killed"
    other = sorted({*_cue_positions(words, lex.cues[other_kind]),
                    *_ev.toll_nouns(words, other_kind)})  # fmt: skip
    if kind == "injured":
        other = sorted({*other, *_death_tolls(words), *_ev.fa_kill_verbs(words)})
    nums = _numbers(words)
    return own, other, nums, [(a, b, v) for a, b, v in nums if not _never_a_count(words, a, b)]


def _death_tolls(words: list[str]) -> list[int]:
    """Positions of the English compound "death toll" (its "toll"), or "death-toll", and of
    "death" or "deaths" before "of" and a number ("resulting in the death of 52 prisoners"):
    a word of killing for the count reader, as Arabic حصيلة القتلى is through القتلى. Neither
    word alone is one ("sentenced to death", "the death penalty", "took a heavy toll")."""
    return [i for i, w in enumerate(words)
            if w == "death-toll" or (w == "toll" and i and words[i - 1] == "death")
            or (w in ("death", "deaths") and words[i + 1 : i + 2] == ["of"]
                and i + 2 < len(words) and _ev.parse_number(words, i + 2) is not None)]  # fmt: skip


def _nearest(start: int, end: int, cues: list[int]) -> int | None:
    return min(cues, key=lambda c: (abs(_signed(start, end, c)), c), default=None)


def _number_features(words: list[str], lang: str, start: int, end: int, value: int,
                     own: list[int], other: list[int]) -> tuple[str, ...]:  # fmt: skip
    cue = _nearest(start, end, own)
    d = None if cue is None else _signed(start, end, cue)
    o = _nearest(start, end, other)
    od = None if o is None else _signed(start, end, o)
    f = ["n", f"d={_bucket(d)}", f"d={_bucket(d)}|{lang}", f"o={_bucket(od)}",
         f"mag={_magnitude(value)}", f"mag={_magnitude(value)}|{lang}"]  # fmt: skip
    if od is not None and (d is None or abs(od) < abs(d)):
        f.append("closer_other")
    if cue is not None:
        lo, hi = (end, cue) if cue >= end else (cue + 1, start)
        between = words[lo:hi]
        if any(_ev.parse_number(words, k) for k in range(lo, hi)):
            f.append("btw_num")
        if _has_and(between):
            f.append("btw_and")
        if any(lo <= c < hi for c in (*own, *other)):
            f.append("btw_cue")
    if words[start].isdigit() and 1900 <= value <= 2100:  # a year's size, not ``_is_year``'s
        f.append("year")
    if start == 0:
        f.append("first")
    if words[start][:1].isdigit():
        f.append("digits")
    prev = words[start - 1] if start else "<s>"
    nxt = words[end] if end < len(words) else "</s>"
    f += [f"p={prev}", f"x={nxt}"]
    if _ev._is_auxiliary(prev) or _ev._at_least(words, max(0, start - 4)):
        f.append("prev_aux")
    if end < len(words) and _ev._is_victim(nxt):
        f.append("next_victim")
    return tuple(f)


def candidates(words: list[str], lang: str, kind: str,
               rule: int | None = None) -> list[Candidate]:  # fmt: skip
    """The candidates of ``kind`` (killed or injured) in ``words`` with their features: each
    number that may count people (``_never_a_count``), two numbers joined by "and" (``_sums``),
    two people where Arabic grammar writes a dual (``_dual``), one person (unless ``_many``),
    no count (this order: ties go to the first); ``rule``, the rules' reading, marks the
    candidate of its value (added when none has it). Empty when the sentence has no word of
    ``kind``."""
    lex = _ev._lexicon()
    marks = _marks(words, kind)
    if marks is None:
        return []
    own, other, nums, counted = marks
    out: list[Candidate] = []
    for start, end, value in counted:
        out.append((value, _number_features(words, lang, start, end, value, own, other)))
    out += _sums(words, lang, counted, own, other)
    first = own[0]
    dual = _dual(words, own, lang)
    if dual:
        out.append((2, ("TWO", f"TWO|{lang}", *dual)))
    # the sentence's ends, per language: a Persian sentence ends with its verb ("... جان باخت"),
    # an English one as often with a noun ("charged with the murder.")
    before = words[first - 1] if first else f"<s>{lang}"
    after = words[first + 1] if first + 1 < len(words) else f"</s>{lang}"
    single = any(_ev._bare(words[i]) in lex.cues.get("singular", ()) for i in own)
    # one person, unless grammar says many (a toll's plural noun alone, "عدد القتلى", too)
    if not _many(words, first, lang) and not set(own) <= set(_ev.toll_nouns(words, kind)):
        out.append((1, ("ONE", f"ONE|{lang}", f"ONE|p={before}", f"ONE|x={after}",
                        f"ONE|sing={single}", f"ONE|nums={min(len(nums), 2)}",
                        f"ONE|x_victim={_ev._is_victim(after)}")))  # fmt: skip
    out.append((None, ("NONE", f"NONE|{lang}", f"NONE|cues={min(len(own), 2)}",
                       f"NONE|nums={min(len(nums), 2)}")))  # fmt: skip
    return _ruled(out, rule, lang)


def _ruled(cands: list[Candidate], rule: int | None, lang: str) -> list[Candidate]:
    """``cands`` with the rules' reading marked: its value's candidates get ``RULE``, or it is
    added alone (a sum or a negation's 0 no candidate holds); unchanged when the rules give
    none."""
    if rule is None:
        return cands
    marks = ("RULE", f"RULE|{lang}")
    out = [(v, (*fs, *marks)) if v == rule else (v, fs) for v, fs in cands]
    if not any(v == rule for v, _ in cands):
        out.insert(0, (rule, (*marks, "RULE_ONLY", f"RULE_ONLY|{lang}",
                              f"RULE_ONLY|{'0' if rule == 0 else _magnitude(rule)}")))  # fmt: skip
    return out


_SUM_GAP = 6  # most words between two numbers that one "and" adds up
_RANGES = frozenset(normalize(w) for w in ("between", "بين", "بین"))  # closed: grammar
_ONE_WORDS = frozenset({"a", "an", "another"})  # English: one person in a sum ("a soldier and
# two troops"); a closed list, as are the quantity nouns after which "a" is no one
_QUANTITY_NOUNS = frozenset({"dozen", "number", "few", "couple", "handful", "lot", "score",
                             "hundred", "thousand", "million", "total", "series"})  # fmt: skip


def _sums(words: list[str], lang: str, counted: list[tuple[int, int, int]], own: list[int],
          other: list[int]) -> list[Candidate]:  # fmt: skip
    """The sum of each two numbers (or, in English, a/an/another and a number) a few words
    apart with "and" (و, also glued to the second: "5 جنود و12 مدنيا" 17) between them and no
    other casualty word, unless "between" makes them a range: "Five soldiers and two militants
    are killed" 7; "قيادي و12 من مرافقيه" is not read (no number before و)."""
    return [(v1 + v2, fs) for v1, v2, _, fs in _sum_pairs(words, lang, counted, own, other)]


def _sum_pairs(words: list[str], lang: str, counted: list[tuple[int, int, int]], own: list[int],
               other: list[int]) -> list[tuple[int, int, bool, tuple[str, ...]]]:  # fmt: skip
    """(first addend, second addend, whether "and" stands right before the second, features)
    of each of ``_sums``. Each number must be followed by people (``_people``), and neither
    may count the other kind (``_counts_other``: "three of the attackers, and about 10 were
    wounded" is no sum of the dead, "killed a soldier and two others were wounded" none of the
    wounded; "عشرة من منسوبيها، وثلاثة من العاملين،
    وإصابة تسعة" is 13 dead)."""
    marks = list(counted)
    if lang == "en":  # "a" with a victim's word in the next three ("a U.S. soldier")
        marks += [(i, i + 1, 1) for i, w in enumerate(words) if w in _ONE_WORDS
                  and any(_ev._is_victim(x) for x in words[i + 1 : i + 4])
                  and not _QUANTITY_NOUNS & set(words[i + 1 : i + 3])]  # fmt: skip
    elif lang == "ar":  # one person and N others: "قتل جندي وثلاثة آخرون"
        marks += [(i, i, 1) for i in range(len(words)) if _one_and_others(words, i, own)]
    marks.sort()
    out: list[tuple[int, int, bool, tuple[str, ...]]] = []
    nums = _ev._lexicon().numbers
    active = _ev._lexicon().cues.get("injured_active", frozenset())  # أصاب: wounded or hit
    for (a1, b1, v1), (a2, b2, v2) in zip(marks, marks[1:], strict=False):
        between, second = words[b1:a2], words[a2]
        glued = second.startswith("و") and (  # "5 جنود و12 مدنيا", "عشرة ... وثلاثة"
            second[1:2].isdigit() or (second not in nums and second[1:] in nums))  # not واحد
        joined = _has_and(between) or glued
        if not 0 <= a2 - b1 <= _SUM_GAP or not joined:
            continue
        if _RANGES & set(words[max(0, a1 - 2) : a1]):
            continue  # "between (about) 20 and 30": a range, not a sum
        if any(b1 <= c < a2 for c in (*own, *other)) or any(
                _ev._bare(w) in active for w in between):  # fmt: skip
            continue  # "killed five and wounded three", "قتلت 10 وأصابت 2": two kinds
        if _counts_other(words, a1, b1, own, other) or _counts_other(words, a2, b2, own, other):
            continue
        if not (_people(words, b1, a2) and _people(words, b2, len(words))):
            continue  # "fired 40 rockets and 2 Israelis were killed", "12, and 5 of them"
        cue = _nearest(a2, b2, own)
        d = None if cue is None else _signed(a2, b2, cue)
        implicit = "SUM|one" if v1 == 1 and words[a1] in _ONE_WORDS else "SUM|n"
        # ("three fighters and a military spokesman said": "a" starts a clause of its own;
        # "twenty people were arrested, and two police officers were injured": the first
        # number is the subject of a verb of its own, no victim of the second's, unless the
        # verb is an assault's (a CAMEO verb): "Two protesters are shot and 60 injured" 62)
        tight = (words[a2 - 1] in _AND or glued) and second not in ("a", "an") \
            and not (lang == "en" and _ev._AUXILIARIES & set(between)
                     and "ASSAULT" not in cameo_verbs(" ".join(between), lang))  # fmt: skip
        out.append((v1, v2, tight, ("SUM", f"SUM|{lang}", f"SUM|d={_bucket(d)}", implicit,
                             f"SUM|gap={min(a2 - b1, 4)}")))  # fmt: skip
    return out


# words after a number that make it part of a toll already counted ("5 of them", منهم): English
# and Arabic grammar, a closed list
_PART_OF = frozenset(normalize(w) for w in ("them", "whom", "منهم", "بينهم", "منهن"))


_AR_PLURAL_ENDINGS = (*_AR_SOUND_PLURAL, "ان")  # ... and the nominative dual's
_GAP_BEFORE_OTHERS = 3  # most words between the one person and "and N" (في تنظيم داعش)


def _one_and_others(words: list[str], i: int, own: list[int]) -> bool:
    """Whether the Arabic word at ``i`` is one person whom "and N ... others" (و + a number,
    then آخرين or آخرون within three words) adds to, as the subject or object of a casualty
    word of ``own`` (positions): right after it ("قتل جندي وثلاثة آخرون" 4), or before the
    phrase whose "others" the word stands right after ("قياديا في تنظيم داعش وخمسة متطرفين
    أجانب آخرين قتلوا" 6). The word is an indefinite victim noun (``events._is_victim``; no
    article, no sound plural or dual ending, no number) at most ``_GAP_BEFORE_OTHERS`` words
    before the "and N", with no number between: an attacker in a clause of its own ("قتل شرطي
    في هجوم نفذه انتحاري وثلاثة آخرون": 1) or a noun between two counts ("قتل 5 جنود ومسؤول
    وثلاثة آخرون") is none. A broken plural reads as a singular here (جنود)."""
    w = _ev._bare(words[i])
    if (w.startswith("ال") or w.endswith(_AR_PLURAL_ENDINGS) or not _ev._is_victim(w)
            or _ev.parse_number(words, i) is not None):  # fmt: skip
        return False
    for j in range(i + 1, min(len(words), i + 2 + _GAP_BEFORE_OTHERS)):
        word = words[j]
        if not word.startswith("و"):
            if _ev.parse_number(words, j) is not None:
                return False  # a number before the "and N": the noun is between two counts
            continue
        got = _ev.and_number(words, j)
        if got is None:
            return False  # the first conjunct is not a number: no "and N others"
        after = got[1]
        others = next((k for k in range(after, min(len(words), after + 3))
                       if words[k] in _ev._OTHERS), None)  # fmt: skip
        if others is None:
            return False
        # the casualty word right before the one person, or within two words after "others"
        return (i - 1 in own and j == i + 1) or any(others < c <= others + 2 for c in own)
    return False


def _people(words: list[str], start: int, end: int) -> bool:
    """Whether the words after a number (``words[start:end]``, up to the next "and") name
    people: a victim's word (``events._is_victim``: people, soldiers, nationalities, others)
    or Arabic "others" among the first three, or a partitive ("ten of its members", عشرة من
    منسوبيها), but not a part of a toll already counted ("5 of them", واحد منهم)."""
    after = words[start:end][:3]
    stop = next((k for k, w in enumerate(after) if (_is_and(w) if k else w in _AND)),
                len(after))  # fmt: skip
    after = after[:stop]
    if _PART_OF & set(after[:2]):
        return False
    return bool(after) and (after[0] in ("of", "من") or any(_ev._is_victim(w) for w in after)
                            or bool(_ev._OTHERS & set(after)))  # "وخمسة متطرفين أجانب آخرين"


def _counts_other(words: list[str], start: int, end: int, own: list[int],
                  other: list[int]) -> bool:  # fmt: skip
    """Whether the number at ``start:end`` counts the other kind: it is nearer a word of that
    kind than of its own, with no "and" between them (the word's glued و included)."""
    o = _nearest(start, end, other)
    if o is None:
        return False
    cue = _nearest(start, end, own)
    if cue is not None and abs(_signed(start, end, cue)) <= abs(_signed(start, end, o)):
        return False
    return not _has_and(words[end : o + 1] if o >= end else words[o + 1 : start])


def summed(words: list[str], lang: str, ruled: int,
           marks: tuple[list[int], list[int], list[tuple[int, int, int]],
                        list[tuple[int, int, int]]]) -> int:  # fmt: skip
    """The count ``ruled`` of a kind (``marks``: ``_marks`` of the sentence for it), or the sum
    (``_sums``) of which it is an addend: the
    rules read the number next to the casualty word, so "Two Israeli Bedouins and one
    police officer are killed" gave 1 and "استشهاد عشرة من منسوبيها، وثلاثة من العاملين" 10;
    these are 3 and 13. Only a sum whose "and" stands right before its second number (a word,
    or و glued to it) and that number not an English "a" (and, as for every sum, each number
    followed by people: ``_people``): "قتل خمسة أشخاص وأصاب 16", "killed three fighters and
    a military spokesman said", "fired 5 rockets and 3 soldiers were killed", "12 people,
    and 5 of them were children" and, in English, two numbers with an auxiliary between them
    ("twenty people were arrested, and two police officers were injured") are no sums. The
    first such sum, as written; ``ruled`` where there is none."""
    own, other, _, counted = marks
    return next((v1 + v2 for v1, v2, tight, _ in _sum_pairs(words, lang, counted, own, other)
                 if tight and ruled in (v1, v2)), ruled)  # fmt: skip


def _dual(words: list[str], own: list[int], lang: str) -> tuple[str, ...]:
    """Features of two people written by Arabic grammar within two words of a casualty word:
    a dual of ``event_cues.tsv`` or a nominative dual noun (``events._arabic_dual``:
    مدنيان), a dual verb (قتلا, أصيبا), a noun in ين whose singular real news writes often
    (مقيمين: dual or plural, the weights decide); () when none or not Arabic."""
    if lang != "ar":
        return ()
    lex = _ev._lexicon()
    duals = lex.cues.get("dual", frozenset())
    counts = word_counts("ar")
    found: list[str] = []
    singular = lex.cues.get("singular", frozenset())
    for c in own:
        w = words[c]
        if w.endswith("ا") and w not in singular and _ev._bare(w) not in singular \
                and _ev._bare(w[:-1]) in lex.hurt:  # fmt: skip
            found.append("TWO|verb")  # قتلا, not the accusative singular قتيلا
        for k in range(max(0, c - 2), min(len(words), c + 3)):
            if k == c:
                continue
            near = words[k]
            if near in duals or _ev._arabic_dual(near):
                found.append("TWO|noun")
            elif near.endswith("ين") and len(near) > 4 and \
                    counts.get(near[:-2], 0) >= _ev._DUAL_STEM_MIN:  # fmt: skip
                found.append("TWO|yn")
    return tuple(sorted(set(found)))


def _weights() -> dict[str, float]:
    return ranker_weights("counts.json")


def load_model() -> None:
    """Load the ranker's weights, the label nouns and the words of "others" (ingest's
    warm-up)."""
    _weights()
    _label_nouns()
    _others()


def score(features: tuple[str, ...], weights: dict[str, float]) -> float:
    return sum(weights.get(f, 0.0) for f in features)


def best(cands: list[Candidate], weights: dict[str, float]) -> int | None:
    """The value of the best scoring of ``cands`` (ties: the first)."""
    top = max(range(len(cands)), key=lambda k: (score(cands[k][1], weights), -k))
    return cands[top][0]


_OUTER_WORDS = 3  # most words between the whole group's number and "among them" ("12 نفر از")


def _outer_number(words: list[str], start: int) -> tuple[int, int] | None:
    """(value, first word) of the number of people that ends at most ``_OUTER_WORDS`` words
    before ``words[start]`` (a part-of phrase's first word), its people named between them
    (a victim's word, ``events._is_victim``, or a counting word: نفر, تن): "Twelve people,",
    "12 نفر", "سبعة أشخاص", "12 شخصا من"; None otherwise, or for a year."""
    classifiers = _ev._lexicon().cues.get("classifier", frozenset())
    for end in range(start, max(0, start - _OUTER_WORDS) - 1, -1):
        between = words[end:start]
        if any(_ev.parse_number(words, k) is not None for k in range(end, start)):
            return None
        got = _ev._number_ending(words, end) if end else None
        if got is None:
            continue
        people = [w for w in between if w not in ("من", "of")]
        if (people and (_ev._is_victim(people[0]) or _ev._bare(people[0]) in classifiers)
                and not _ev._is_year(words, got[1])):  # fmt: skip
            return got
        return None
    return None


def whole_group(words: list[str], kind: str, got: int | None) -> int | None:
    """The count of the whole group where ``got`` counts only a part of it: a number (or a sum
    of numbers) after "among them", "including" or Persian از جمله (``events._nested``) when a
    number of people opens the group right before those words and is at least ``got``, no
    number outside the part has the value ``got`` (so ``got`` is the part's), and the group
    suffered ``kind`` (``_group_of``): "Twelve people, among them three children and two
    women, were killed" and "۱۲ نفر از جمله سه کودک و دو زن کشته شدند" are 12, not 5 (the sum
    of the part) nor 2. ``got`` otherwise (English, Arabic and Persian grammar)."""
    marks = _marks(words, kind)
    return got if not got or marks is None else _whole_group(words, got, marks)


def _whole_group(words: list[str], got: int,
                 marks: tuple[list[int], list[int], list[tuple[int, int, int]],
                              list[tuple[int, int, int]]]) -> int:  # fmt: skip
    """``whole_group`` of a count ``got`` > 0, the sentence's ``_marks`` for its kind given."""
    own, other, nums, _ = marks
    for j, (start, _end, _value) in enumerate(nums):
        size = next((len(p) for p in _ev._PART_BEFORE if start >= len(p)
                     and tuple(words[start - 1 - k] for k in range(len(p))) == p), 0)  # fmt: skip
        if not size or (outer := _outer_number(words, start - size)) is None:
            continue
        whole, first = outer
        cues = sorted((*own, *other))
        stop = next((c for c in cues if c > start), len(words))
        part = [v for a, _b, v in nums[j:] if a < stop]
        sums = {a + b for a, b in zip(part, part[1:], strict=False)} | {sum(part)}
        elsewhere = {v for a, _b, v in nums if (a < start or a >= stop) and a != first}
        ours = (got in part or got in sums) and got not in elsewhere
        if got != whole and whole >= got and ours \
                and _group_of(words, first, start, stop, own, cues):  # fmt: skip
            return whole
    return got


_GROUP_REACH = 3  # most words between a casualty word and the group's number it governs


def _group_of(words: list[str], first: int, start: int, stop: int, own: list[int],
              cues: list[int]) -> bool:  # fmt: skip
    """Whether the group whose number stands at ``first`` suffered the kind of ``own`` (its
    other casualty words: ``cues``, positions of both kinds): the casualty words between the
    number and its part (at ``start``) are all of that kind ("Four people were wounded, among
    them ..."; not "four were wounded, among them two children, and two were killed" for the
    dead); with none there, the first casualty word after the part (at ``stop``) is of that
    kind ("۱۲ نفر از جمله سه کودک کشته شدند"; not "twelve others, including two police
    officers, were wounded" for the dead), or, with none after the part either, the casualty
    word right before the group is, no "and" between them ("قتل 12 شخصا من بينهم 3 أطفال";
    not "یک غیرنظامی کشته و شش نفر دیگر از جمله یک کودک زخمی شدند": the six are the
    wounded)."""
    said = [c for c in cues if first < c < start]
    if said:
        return all(c in own for c in said)
    if stop < len(words):
        return stop in own
    before = [c for c in cues if c < first]
    if not before or before[-1] not in own or first - before[-1] > _GROUP_REACH:
        return False
    return not any(_is_and(w) or w in _AND for w in words[before[-1] + 1 : first])


def read_counts(words: list[str], lang: str,
                rule: tuple[int | None, int | None]) -> tuple[int | None, int | None]:  # fmt: skip
    """``(killed, injured)`` of one sentence: for each kind, the value of the best scoring
    candidate (``candidates``, the rules' reading marked), or in a language of
    ``RULES_FIRST`` the rules' value where they give one (0 included); the rules' where the
    sentence has no word of the kind. Where the reader chooses, a number that only names
    (``labels``) is never its choice. Then ``settled``: a count that is one addend of a sum is
    the sum, one of a part the whole group's; an Arabic idiom of killing gives the dead
    where nothing else did."""
    weights = _weights()
    out = []
    named: frozenset[int] | None = None  # ``labels``, read once, where the reader first chooses
    for kind, ruled in zip(KINDS, rule, strict=True):
        if lang in RULES_FIRST:
            cands = candidates(words, lang, kind) if ruled is None else []
        else:
            cands = candidates(words, lang, kind, ruled)
        if cands:  # only where the reader chooses: most sentences never get here
            # a number that names is never the count; left out here, not among the candidates
            # the weights were fitted on (``candidates``), so the fit and the features stay as
            # they are. Only the numbers' own candidates ("n"): one person, a dual, a sum stand
            named = labels(words) if named is None else named
            cands = [c for c in cands if c[0] not in named or "n" not in c[1]]
        out.append(settled(words, lang, kind, best(cands, weights) if cands else ruled))
    return out[0], out[1]


def settled(words: list[str], lang: str, kind: str, got: int | None) -> int | None:
    """The count of ``kind`` once read (``got``: the rules' or the reader's): none where every
    word of the kind is one of a combined toll (``combined_words``: "مقتل وإصابة 15 شخصا");
    the sum it is an addend of (``summed``), the whole group it is a part of
    (``whole_group``); where neither gave one, the dead of an Arabic idiom of killing
    (``events.idiom_count``: "أودى بحياة 32 شخصًا", read after the reader so that its
    training is the rules' and the reader's alone)."""
    marks = _marks(words, kind)
    if marks is not None and set(marks[0]) <= combined_words(words):
        return None  # "مقتل وإصابة 15 شخصا": the dead and the hurt together, neither known
    if got is None:
        return _ev.idiom_count(words) if kind == "killed" and lang == "ar" else None
    if not got or marks is None:
        return got
    return _whole_group(words, summed(words, lang, got, marks), marks)


_OR = frozenset({"and", "or", "او", "أو"})  # English and Arabic "and"/"or" standing alone
_COMBINED_REACH = 3  # most words from the second casualty word to the number they share
_OWN_REACH = 6  # words before the first casualty word in which a number would be its own count
_FA_OTHER = normalize("دیگر")  # Persian "others" after a number ("۵ نفر دیگر")


@lru_cache(maxsize=1)
def _others() -> frozenset[str]:
    """"Others" after a number, a group of its own: Arabic (``events._OTHERS``), English
    (``events._OTHER_PEOPLE``) and Persian دیگر (read once: ``events`` imports this module)."""
    return _ev._OTHERS | _ev._OTHER_PEOPLE | {_FA_OTHER}


def combined_words(words: list[str]) -> set[int]:
    """Positions of the casualty words of a combined toll: a word of killing and one of injury
    (either order) joined by "and" or "or" (و glued to the second, or standing alone), with a
    number within ``_COMBINED_REACH`` words after them that counts no "others", no number in
    the ``_OWN_REACH`` words before them nor a victim right before (not "شخصا قتل وأصيب 15",
    "22 ... لقوا مصرعهم وأصيب 29", "مصرعه وأصيب 5 آخرون"): "مقتل وإصابة 15 شخصا", "قتل وجرح 20",
    "killed or wounded 15 people" give the dead and the hurt together, so neither kind's count
    (English and Arabic grammar)."""
    lex = _ev._lexicon()
    killed, injured = lex.cues["killed"], lex.cues["injured"]
    out: set[int] = set()
    for i in range(len(words) - 1):
        a = _ev._bare(words[i])
        j = i + 2 if words[i + 1] in _OR else i + 1
        if j >= len(words) or (j == i + 1 and not words[j].startswith("و")):
            continue
        b = _ev._bare(words[j])
        if not ((a in killed and b in injured) or (a in injured and b in killed)):
            continue
        before = range(max(0, i - _OWN_REACH), i)
        if (i and _ev._is_victim(words[i - 1])) or any(
                _ev.parse_number(words, n) is not None for n in before):  # fmt: skip
            continue  # "شخصا قتل وأصيب 15", "22 ... لقوا مصرعهم وأصيب 29": the first has its own
        k = j + 1 + _ev._at_least(words, j + 1)
        n = next((n for n in range(k, min(len(words), k + _COMBINED_REACH))
                  if _ev.parse_number(words, n) is not None), None)  # fmt: skip
        if n is not None and not _others() & set(words[n : n + 3]):
            out |= {i, j}  # (not "مصرعه وأصيب 5 آخرون": the second's own group, others)
    return out
