"""Train the actor and recipient ranker (``khabar.extract.roles``) and write
``src/khabar/resources/models/roles.json``.

Data: every labelled sentence of ``training/ner/data`` (the project's real-news labels:
SaudiNewsNet, Wikinews current events, Fars News; ``docs/annotation.md``) whose event is not
NONE, less the sentences of the real-news gold sets (``scripts/gold/build.py:gold_texts``).
Each is read alone by the extractor (``events.extract_events``) inside
``roles.recording()``: the first event's ``RoleInput`` (its parties, trigger, the rules'
choice) is what the ranker would see. For each role, the right candidates are the parties that
overlap a span the label gives for it, or "none" when the label gives none; a role whose
labelled span no party overlaps teaches nothing and is left out.

Model: ``training/clogit.py``, one conditional logit for both roles (each feature names its
role but "NONE", shared), L2 ``L2``; deterministic. ``--cv`` prints, by leave-one-batch-out
cross-validation, how often the rules and the ranker choose a party overlapping the label's
where it names one, and how often each names one where it names none; ``--none-bias B ...``
compares biases of "none" (``roles.NONE_BIAS`` is chosen so).

    python training/roles/train.py            # writes the weights
    python training/roles/train.py --cv       # measures, writes nothing
    python training/roles/train.py --cv --none-bias 0 -0.5 -1
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "gold"))
sys.path.insert(0, str(ROOT / "training"))

import clogit  # noqa: E402
from build import build_sentence, gold_texts, labelled  # noqa: E402

from khabar.extract import roles  # noqa: E402
from khabar.extract.events import Mentions, extract_events  # noqa: E402
from khabar.settings import Settings  # noqa: E402

L2 = 1.0
MAX_ITERATIONS = 500
MIN_GROUPS = 5  # a feature of fewer labelled choices gets no weight (cross-validated: the same
# rates as every feature within 0.01, a ninth of the weights: the models budget of 25 MiB)


Spans = list[tuple[int, int]]


def overlaps(p: object, spans: Spans) -> bool:
    """Whether party ``p`` (or None) overlaps one of the labelled ``spans``."""
    return p is not None and any(p.start < b and a < p.end for a, b in spans)  # type: ignore[attr-defined]


class Item:
    """One labelled event as the ranker sees it: its batch, its input, and for each role the
    labelled spans (offsets in the sentence's text), as the grammar reads them: after an
    Arabic verb of receiving the label's actor is the verb's subject's role swapped
    (``roles.RoleInput.received``), so the ranker learns what it is asked."""

    def __init__(self, batch: str, x: roles.RoleInput, gold: dict[str, Spans],
                 same_type: bool) -> None:  # fmt: skip
        if x.received:
            gold = {"actor": gold["recipient"], "recipient": gold["actor"]}
        self.batch, self.x, self.gold, self.same_type = batch, x, gold, same_type

    def right(self, role: str) -> list[bool] | None:
        """Which candidates of ``role`` are right (``roles.candidates`` order), or None when no
        candidate is. Of the parties inside one labelled span, a named one over a generic
        word ("مسلحو طالبان" teaches طالبان, not مسلحو)."""
        spans = self.gold[role]
        if not spans:
            return [False] * len(self.x.parties) + [True]
        hits = [False] * len(self.x.parties)
        for span in spans:
            inside = [k for k, p in enumerate(self.x.parties) if overlaps(p, [span])]
            named = [k for k in inside if self.x.parties[k].label != "GEN"]
            for k in named or inside:
                hits[k] = True
        return hits + [False] if any(hits) else None


def items() -> list[Item]:
    """The training events (module docstring)."""
    gold = gold_texts(ROOT / "tests/data/real")
    settings = Settings()
    todo = [(lang, name, s, lab) for lang, name, s, lab in labelled(ROOT / "training/ner/data")
            if ((lab.get("event") or {}).get("type") or "NONE") != "NONE"
            and " ".join(s["text"].split()) not in gold]  # fmt: skip
    out = []
    found_in = Mentions.of_each([s["text"] for _, _, s, _ in todo], [x[0] for x in todo],
                                anchor=None, settings=settings)  # fmt: skip
    for (lang, name, s, lab), mentions in zip(todo, found_in, strict=True):
        e = lab["event"]
        built = build_sentence(s, lab, name, [])["event"]
        with roles.recording() as seen:
            found = extract_events(s["text"], settings=settings, lang=lang, anchor=None,
                                   mentions=mentions)  # fmt: skip
        if not seen:
            continue
        spans = {role: [(x["start"], x["end"]) for x in built.get(role) or []]
                 for role in roles.ROLES}  # fmt: skip
        same = bool(found) and found[0].plover == e["type"]
        out.append(Item(name, seen[0], spans, same))
    return out


def fit(train: list[Item]) -> dict[str, float]:
    groups = []
    for it in (it for it in train if it.x.parties):
        for role, cands in zip(roles.ROLES, roles.both_candidates(it.x), strict=True):
            right = it.right(role)
            if right is not None:
                groups.append(([fs for _, fs in cands], right))
    return clogit.fit(groups, L2, MAX_ITERATIONS, MIN_GROUPS)


def cross_validate(data: list[Item], biases: list[float]) -> dict:
    """Leave one batch out (module docstring), per language and role, over every event and
    over the events whose type the extractor gets right (the eval's ``actor_recall``), for
    each "none" bias of ``biases`` (``roles.NONE_BIAS``; the shipped one when one is given)."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for batch in sorted({it.batch for it in data}):
        weights = fit([it for it in data if it.batch != batch])
        for bias in biases:
            tag = "" if len(biases) == 1 else f"bias={bias}."
            for it in (it for it in data if it.batch == batch):
                _score(it, weights, bias, tally, tag)
    return {k: {"named": t[0], "rules": round(t[1] / max(t[0], 1), 3),
                "ranker": round(t[2] / max(t[0], 1), 3), "none": t[3],
                "rules_fill_where_none": t[4], "ranker_fill_where_none": t[5]}
            for k, t in sorted(tally.items())}  # fmt: skip


def _score(it: Item, weights: dict[str, float], bias: float, tally: dict[str, list[int]],
           tag: str) -> None:  # fmt: skip
    chosen = roles.pick(it.x, weights, bias) if it.x.parties else (None, None)
    for role, rule, got in zip(roles.ROLES, it.x.rule, chosen, strict=True):
        spans = it.gold[role]
        keys = [f"{tag}{it.x.lang}.{role}", f"{tag}all.{role}"]
        keys += [k + ".same_type" for k in keys] if it.same_type else []
        for key in keys:
            t = tally[key]
            if spans:
                t[0] += 1
                t[1] += overlaps(rule, spans)
                t[2] += overlaps(got, spans)
            else:
                t[3] += 1
                t[4] += rule is not None
                t[5] += got is not None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cv", action="store_true", help="cross-validate, write nothing")
    ap.add_argument("--none-bias", type=float, nargs="+", default=None,
                    help="with --cv: the biases of 'none' to compare (default: the shipped one)")
    ap.add_argument("--out", type=Path, default=ROOT / "src/khabar/resources/models/roles.json")
    args = ap.parse_args()
    data = items()
    if args.cv:
        print(json.dumps(cross_validate(data, args.none_bias or [roles.NONE_BIAS]), indent=1))
        return
    weights = fit(data)
    args.out.write_text(json.dumps({
        "about": "actor and recipient ranker (khabar.extract.roles); trained by "
                 "training/roles/train.py; card: roles.md",
        "events": len(data), "l2": L2, "weights": dict(sorted(weights.items())),
    }, ensure_ascii=False, indent=0) + "\n", "utf-8")  # fmt: skip
    print(f"{len(data)} events, {len(weights)} weights -> {args.out}")


if __name__ == "__main__":
    main()
