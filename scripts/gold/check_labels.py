"""Check an annotator's label file against its batch and the guideline (docs/annotation.md).

    python scripts/gold/check_labels.py tests/data/real/batches/sentences-ar-1.json LABELS.jsonl

Prints every problem (unknown sentence id, a span that is not in its sentence, a type or mode not
in PLOVER, a place without country or precision, ...) and a count; exits 1 if any.  For story
files (``stories-*.json`` batches) it checks that every article has a story id; for batches of
sentences read alone (``casualties*-N.json``: ``{"items": [...]}``) each item's type, mode and
counts.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

ENTITY_LABELS = {"PER", "ORG", "LOC", "NORP", "GEN"}
LOC_KINDS = {"country", "province", "district", "city", "village", "site", "facility", "region"}
GEN_CLASSES = {
    "police",
    "military",
    "security_forces",
    "armed_group",
    "protesters",
    "civilians",
    "officials",
    "government",
    "students",
    "workers",
    "journalists",
    "medical",
    "prisoners",
    "other",
}
PRECISIONS = {"site", "town", "district", "province", "country", "region"}
# PLOVER event types and modes, from
# ../shared/field-data/plover/PLOVER_structured_codebook.csv (CC BY-SA 4.0)
MODES = {
    "AGREE": set(),
    "CONSULT": {"multilateral", "phone", "third-party", "visit"},
    "SUPPORT": set(),
    "CONCEDE": set(),
    "COOPERATE": set(),
    "AID": set(),
    "RETREAT": {"access", "ceasefire", "disarm", "release", "resign", "return", "withdraw"},
    "REQUEST": {"assist", "change", "meet", "yield"},
    "ACCUSE": {"allege", "disapprove", "investigate"},
    "REJECT": {"assist", "change", "meet", "yield"},
    "THREATEN": {
        "arrest",
        "ban",
        "expel",
        "relations",
        "restrict",
        "rights",
        "territory",
        "violence",
    },
    "PROTEST": {"boycott", "demo", "hunger", "obstruct", "riot", "strike"},
    "SANCTION": {"convict", "discontinue", "expel", "withdraw"},
    "MOBILIZE": {"militia", "police", "troops", "weapons"},
    "COERCE": {
        "arrest",
        "ban",
        "censor",
        "curfew",
        "cyber",
        "deport",
        "misinformation",
        "restrict",
        "seize",
        "withhold",
    },
    "ASSAULT": {
        "abduct",
        "aerial",
        "assassinate",
        "beat",
        "cleansing",
        "crowd-control",
        "destroy",
        "drone",
        "execute",
        "explosives",
        "firearms",
        "heavy-weapons",
        "massacre",
        "primitive",
        "sexual",
        "suicide-attack",
        "torture",
        "unconventional",
    },
}
EVENT_TYPES = set(MODES) | {"NONE"}
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _span_ok(sentence: str, span: object, where: str, problems: list[str]) -> None:
    if isinstance(span, str):
        span = {"text": span}
    if not isinstance(span, dict) or not isinstance(span.get("text"), str) or not span["text"]:
        problems.append(f"{where}: a span must be a non-empty string or {{text, occurrence}}")
        return
    occ = int(span.get("occurrence", 1))
    if sentence.count(span["text"]) < occ:
        problems.append(f"{where}: {span['text']!r} (occurrence {occ}) is not in the sentence")


def check_sentence(sentence: str, lab: dict, problems: list[str]) -> None:
    sid = lab.get("sid")
    for i, e in enumerate(lab.get("entities", [])):
        where = f"{sid} entity {i}"
        _span_ok(sentence, e, where, problems)
        if e.get("label") not in ENTITY_LABELS:
            problems.append(f"{where}: label {e.get('label')!r} not in {sorted(ENTITY_LABELS)}")
        if e.get("label") == "LOC":
            if e.get("kind") not in LOC_KINDS:
                problems.append(f"{where}: LOC kind {e.get('kind')!r} not in {sorted(LOC_KINDS)}")
            place = e.get("place")
            if not isinstance(place, dict):
                problems.append(f"{where}: LOC needs a place object")
            else:
                if not (
                    isinstance(place.get("country"), str)
                    and re.fullmatch(r"[A-Z]{2}|XX", place["country"])
                ):
                    problems.append(f"{where}: place.country must be ISO2 or XX")
                if place.get("precision") not in PRECISIONS:
                    problems.append(f"{where}: place.precision not in {sorted(PRECISIONS)}")
                for k in ("lat", "lon"):
                    if place.get(k) is not None and not isinstance(place.get(k), (int, float)):
                        problems.append(f"{where}: place.{k} must be a number or null")
        if e.get("label") == "GEN" and e.get("class") not in GEN_CLASSES:
            problems.append(f"{where}: GEN class {e.get('class')!r} not in {sorted(GEN_CLASSES)}")
    ev = lab.get("event")
    if not isinstance(ev, dict):
        problems.append(f"{sid}: event object missing")
        return
    t = ev.get("type")
    if t not in EVENT_TYPES:
        problems.append(f"{sid}: event type {t!r} not in PLOVER types or NONE")
        return
    if t == "NONE":
        return
    if ev.get("mode") not in (None, "") and ev.get("mode") not in MODES[t]:
        problems.append(f"{sid}: mode {ev.get('mode')!r} is not a mode of {t} ({sorted(MODES[t])})")
    for role in ("actor", "recipient", "place"):
        for j, s in enumerate(ev.get(role) or []):
            _span_ok(sentence, s, f"{sid} event.{role}[{j}]", problems)
    if ev.get("date_text"):
        _span_ok(sentence, ev["date_text"], f"{sid} event.date_text", problems)
    for k in ("killed", "injured"):
        if ev.get(k) is not None and not isinstance(ev.get(k), int):
            problems.append(f"{sid}: event.{k} must be an integer or null")
    if not isinstance(ev.get("background"), bool):
        problems.append(f"{sid}: event.background must be true or false")
    day = ev.get("event_day")
    if day is not None and not _DAY.match(str(day)):
        problems.append(f"{sid}: event_day must be YYYY-MM-DD or null")
    if ev.get("day_precision") not in ("day", "month", "year", "none"):
        problems.append(f"{sid}: day_precision must be day, month, year or none")


def check_items(items: list[dict], labels: list[dict]) -> list[str]:
    """Problems of the labels of a batch of sentences read alone (``{"guideline", "write",
    "items": [{"id", "text", ...}]}``, e.g. ``scripts/gold/casualties.py``): one label
    ``{"id", "type", "mode", "killed", "injured"}`` per item, a PLOVER type or NONE, a mode of
    that type or null, counts that are whole numbers of 0 or more, or null."""
    problems: list[str] = []
    for i, lab in _once_each(labels, "id", [it["id"] for it in items], "items", problems):
        t = lab.get("type")
        if t not in EVENT_TYPES:
            problems.append(f"{i}: event type {t!r} not in PLOVER types or NONE")
        elif lab.get("mode") not in (None, "") and (t == "NONE" or lab["mode"] not in MODES[t]):
            problems.append(f"{i}: mode {lab['mode']!r} is not a mode of {t}")
        for k in ("killed", "injured"):
            v = lab.get(k)
            if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
                problems.append(f"{i}: {k} must be a whole number of 0 or more, or null")
    return problems


def _once_each(labels: list[dict], field: str, known: list[str], what: str,
               problems: list[str]) -> Iterator[tuple[str, dict]]:  # fmt: skip
    """(id, label) of each label whose ``field`` is one of ``known``, in order; a label of an
    unknown id, an id labelled twice and, at the end, the ``what`` not labelled yet are
    added to ``problems``."""
    seen: set[str] = set()
    ids = set(known)
    for lab in labels:
        i = lab.get(field)
        if i not in ids:
            problems.append(f"unknown {field} {i!r}")
            continue
        if i in seen:
            problems.append(f"{i}: labelled twice")
        seen.add(i)
        yield i, lab
    missing = [k for k in known if k not in seen]
    if missing:
        problems.append(f"{len(missing)} {what} not labelled yet, first: {missing[:3]}")


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("batch", type=Path)
    ap.add_argument("labels", type=Path)
    args = ap.parse_args()
    batch = json.loads(args.batch.read_text("utf-8"))
    problems: list[str] = []
    labels = []
    for n, line in enumerate(args.labels.read_text("utf-8").splitlines(), start=1):
        if line.strip():
            try:
                labels.append(json.loads(line))
            except json.JSONDecodeError as exc:
                problems.append(f"line {n}: not JSON ({exc})")
    if isinstance(batch, list) and batch and "sentences" in batch[0]:
        sentences = {
            f"{a['article_id']}#{s['n']}": s["text"] for a in batch for s in a["sentences"]
        }
        for sid, lab in _once_each(labels, "sid", list(sentences), "sentences", problems):
            check_sentence(sentences[sid], lab, problems)
    elif isinstance(batch, dict) and "items" in batch:  # sentences labelled alone (casualties)
        problems += check_items(batch["items"], labels)
    else:
        ids = {a["article_id"] for a in batch}
        got = {lab.get("article_id"): lab for lab in labels}
        for i in ids - set(got):
            problems.append(f"{i}: no story")
        for i, lab in got.items():
            if i not in ids:
                problems.append(f"unknown article {i!r}")
            elif not lab.get("story"):
                problems.append(f"{i}: empty story id")
    for p in problems[:200]:
        print(p)
    print(f"{len(labels)} labels, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
