"""Train the casualty-count ranker (``khabar.extract.counts``) and write
``src/khabar/resources/models/counts.json``.

Data: every labelled sentence of ``training/ner/data`` (the project's real-news labels:
SaudiNewsNet, Wikinews current events, Fars News; ``docs/annotation.md``) whose event is not
NONE or whose label gives a count, less the sentences of the real-news gold sets
(``scripts/gold/build.py:gold_texts``). For each kind (killed, injured) the target is the
label's count, or no count when the label has none; a sentence whose count no candidate
holds (a sum the rules do not make) teaches nothing and is left out.

Model: a conditional logit over the candidates (``counts.candidates``) of each sentence and
kind (in the languages of ``counts.RULES_FIRST``, those the rules leave without a count; in
the others all, the rules' reading a feature), the likelihood of the candidates holding the label's
value (several may), fitted by L-BFGS (scipy) from zeros with an L2 penalty ``L2``;
deterministic (no sampling). ``--cv`` prints
the exact rate of rules and ranker by leave-one-batch-out cross-validation instead, for the
shipped ``RULES_FIRST`` (every language), for Arabic and Persian only, and for none.

    python training/counts/train.py            # writes the weights
    python training/counts/train.py --cv       # measures, writes nothing
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
from build import gold_texts, labelled  # noqa: E402

from khabar.extract import counts  # noqa: E402
from khabar.extract import events as ev  # noqa: E402
from khabar.extract.lexicon import word_spans  # noqa: E402
from khabar.model import Span  # noqa: E402
from khabar.normalize import normalize_with_offsets  # noqa: E402
from khabar.settings import Settings  # noqa: E402

L2 = 1.0
MAX_ITERATIONS = 500
# (batch, language, kind, candidates, the label's value, the rules' value, the candidates with
# the rules' reading marked, the sentence's words: for counts.settled)
Group = tuple[str, str, str, list[counts.Candidate], int | None, int | None,
              list[counts.Candidate], list[str]]


def sentences() -> list[tuple[str, str, str, dict]]:
    """(language, batch file, text, event label) of the training sentences."""
    gold = gold_texts(ROOT / "tests/data/real")
    out = []
    for lang, name, s, lab in labelled(ROOT / "training/ner/data"):
        e = lab.get("event") or {}
        if " ".join(s["text"].split()) in gold:
            continue
        if (e.get("type") or "NONE") == "NONE" and e.get("killed") is None \
                and e.get("injured") is None:  # fmt: skip
            continue
        out.append((lang, name, s["text"], e))
    return out


def rules_of(text: str, lang: str, found: ev.Mentions) -> tuple[list[str],
                                                                 tuple[int | None, int | None]]:
    """The words and the rules' reading of one sentence read alone (``events.rule_counts``,
    with the mentions ``found`` in it, as ``Mentions.of`` gives them)."""
    norm = normalize_with_offsets(text)
    return ev.rule_counts(text, norm, word_spans(norm.text), Span(0, len(text)), found, lang)


def _no_count(e: dict, ruled: int | None) -> bool:
    """Whether a label without a count says the sentence gives none: only an ASSAULT's (the
    labels of the first rounds give counts for the event coded, so a sentence coded ACCUSE,
    "condemned the attack that killed 20", has none), and not where the rules read a
    negation as 0 (those rounds left "nobody was hurt" without a count; section 7 of
    docs/annotation.md now makes it 0)."""
    return e.get("type") == "ASSAULT" and ruled != 0


def groups(data: list[tuple[str, str, str, dict]]) -> list[Group]:
    """(batch, language, kind, candidates, the label's value, the rules' value) of each kind
    of each sentence that has a word of that kind."""
    settings = Settings()
    out: list[Group] = []
    found_in = ev.Mentions.of_each([text for _, _, text, _ in data], [x[0] for x in data],
                                   anchor=None, settings=settings)  # fmt: skip
    for (lang, name, text, e), found in zip(data, found_in, strict=True):
        words, rule = rules_of(text, lang, found)
        for kind, ruled in zip(counts.KINDS, rule, strict=True):
            cands = counts.candidates(words, lang, kind)
            if cands and (e.get(kind) is not None or _no_count(e, ruled)):
                out.append((name, lang, kind, cands, e.get(kind), ruled,
                            counts.candidates(words, lang, kind, ruled), words))
    return out


def fit(train: list[Group], rules_first: frozenset[str] = counts.RULES_FIRST) -> dict[str, float]:
    """Weights of the conditional logit on ``train``'s groups that a candidate can answer:
    in the languages of ``rules_first`` those the rules leave without a count, in the others
    all of them, the rules' reading a feature."""
    usable = [(g[3] if g[1] in rules_first else g[6], g[4]) for g in train
              if not (g[1] in rules_first and g[5] is not None)]  # fmt: skip
    usable = [(c, gold) for c, gold in usable if any(v == gold for v, _ in c)]
    return clogit.fit([([fs for _, fs in c], [v == gold for v, _ in c]) for c, gold in usable],
                      L2, MAX_ITERATIONS)


def pick(g: Group, weights: dict[str, float],
         rules_first: frozenset[str] = counts.RULES_FIRST) -> int | None:  # fmt: skip
    """What khabar reads: in a language of ``rules_first`` the rules' count, else the best
    scoring candidate's; in the others the best scoring candidate's, the rules' reading marked."""
    if g[1] in rules_first:
        got = g[5] if g[5] is not None else counts.best(g[3], weights)
    else:
        got = counts.best(g[6], weights)
    return counts.settled(g[7], g[1], g[2], got)


def cross_validate(all_groups: list[Group],
                   rules_first: frozenset[str] = counts.RULES_FIRST) -> dict:  # fmt: skip
    """Leave one batch out: exact rate of the rules alone and of the rules with the ranker
    where the label gives a count, and how often each gives a count where the label gives
    none, per language and kind."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    for batch in sorted({g[0] for g in all_groups}):
        weights = fit([g for g in all_groups if g[0] != batch], rules_first)
        for g in (g for g in all_groups if g[0] == batch):
            got = pick(g, weights, rules_first)
            for key in (f"{g[1]}.{g[2]}", "all"):
                t = tally[key]
                if g[4] is None:
                    t[5] += 1
                    t[3] += got is not None
                    t[4] += g[5] is not None
                    continue
                t[0] += 1
                t[1] += got == g[4]
                t[2] += g[5] == g[4]
    return {k: {"counted": t[0], "with_ranker_exact": round(t[1] / max(t[0], 1), 3),
                "rules_exact": round(t[2] / max(t[0], 1), 3),
                "none": t[5], "with_ranker_count_where_none": t[3],
                "rules_count_where_none": t[4]}
            for k, t in sorted(tally.items())}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cv", action="store_true", help="cross-validate, write nothing")
    ap.add_argument("--out", type=Path, default=ROOT / "src/khabar/resources/models/counts.json")
    args = ap.parse_args()
    data = sentences()
    all_groups = groups(data)
    if args.cv:
        # the shipped choice (rules first everywhere), in Arabic and Persian only, nowhere
        for first in (counts.RULES_FIRST, frozenset({"ar", "fa"}), frozenset()):
            print(f"rules first in: {', '.join(sorted(first)) or 'none'}")
            print(json.dumps(cross_validate(all_groups, first), indent=1))
        return
    weights = fit(all_groups)
    args.out.write_text(json.dumps({
        "about": "casualty-count ranker (khabar.extract.counts); trained by "
                 "training/counts/train.py; card: counts.md",
        "sentences": len(data), "groups": len(all_groups), "l2": L2,
        "weights": dict(sorted(weights.items())),
    }, ensure_ascii=False, indent=0) + "\n", "utf-8")  # fmt: skip
    print(f"{len(data)} sentences, {len(all_groups)} groups, {len(weights)} weights -> {args.out}")


if __name__ == "__main__":
    main()
