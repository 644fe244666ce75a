"""Persian event words for the CAMEO verb table (``src/khabar/resources/event_triggers.tsv``).

Persian has no CAMEO verb dictionary: PETRARCH ships Arabic and English ones only. This draws
the Persian words and light-verb phrases that news writes for events, from the Fars News corpus
(Apache-2.0) outside every gold set (training batches' articles included: they are no test),
and reads back what annotators who had not read the code made of them
(``data/fa-triggers-guideline.md``).

``draw`` (seeded; same corpus and resources, same batch):
  * the words of Fars News sentences as the verb scan reads them (``event_types._words``: the
    normalised index form), counted; words seen ``MIN_COUNT`` times or more, less the 150 most
    frequent Persian words (``event_types._function_words``) and digits;
  * each word's static vector (``embed.title_engine``: e5 distilled, multilingual) against the
    English verb forms of the CAMEO table (``event_triggers.tsv``, coded by their verb, among
    the 20,000 most frequent English words of real news, ``resources/wordfreq/en.tsv``): the
    words nearest any of them (``ROUND``: 260, then 700) are candidates; the English verb is
    not shown. Round 1
    embedded the words in their index form (Arabic kaf and yeh, which e5 reads as Arabic) and
    ranked by the best cosine; round 2 embeds them in Persian letters and ranks by the best
    cosine less half the best cosine with the ``ORDINARY`` most frequent English words that
    are no event word (so "car" is no event for being near "carries"), leaving out round 1's
    forms; round 3 ranks by co-occurrence instead (``_together``: how much more often a word
    stands in a sentence with a known Persian event word of ``SEED_TYPES`` or a killing or
    injury cue than in any sentence), leaving out the seeds, the gazetteer's place names and
    the forms of rounds 1 and 2 (they had missed verb forms and -ing nouns no English verb
    form is near: تيراندازي "shooting", شليك "firing");
  * light-verb phrases (a word then a form of کردن, شدن, دادن, زدن, کشیدن, گرفتن: a closed
    list of Persian grammar, ``event_types.PERSIAN_LIGHT_VERBS``) whose first word is among
    the nearest (600, then 1,500), seen ``MIN_PHRASE`` times or more: the ``PHRASES`` most
    frequent;
  * two example sentences of each (6 to 40 words), drawn at random.
  Writes ``data/fa-triggers-batch-{round}.json``; annotators label it into
  ``data/fa-triggers-labels-{round}{a,b,c}.jsonl`` (one line per candidate; the batch cut in
  one part per annotator, two in rounds 1 and 3, three in round 2), each annotator labelling the
  ``AGREEMENT`` first candidates of the next part too.

``rows()`` (read by ``build_triggers.py``): the candidates labelled ``use: trigger`` by the
annotator of their part, as rows of the verb table: form, PLOVER type and mode; block ``DIE`` or
``HURT`` for a word that tells only that someone died or was hurt (the verb table's blocks of
what befell someone, ``events._NO_AGENT``), else ``FA``; coded ``annotator``.

    .venv/bin/python training/events/persian_triggers.py draw --round 3 --shared ../shared
    .venv/bin/python training/events/persian_triggers.py agreement --round 3
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from khabar.extract.event_types import PERSIAN_LIGHT_VERBS

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
SEED = 71
MIN_COUNT = 8
# per round: the nearest words taken, the nearest whose light-verb phrases are taken, the
# score's share of the nearest ordinary word, the annotators (each labels a part of the batch
# and the ``AGREEMENT`` first items of the next part)
ROUND = {1: {"words": 260, "near": 600, "ordinary": 0.0, "annotators": "ab"},
         2: {"words": 700, "near": 1500, "ordinary": 0.5, "annotators": "abc"},
         3: {"words": 220, "near": 400, "ordinary": 0.0, "annotators": "ab"}}
# round 3 ranks by co-occurrence, not by nearness to English verbs: the Persian event words of
# these types already known seed it (rounds 1 and 2 missed verb forms and -ing nouns that no
# English verb form is near: تيراندازي, شليك); place names of the gazetteer are left out
SEED_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST"})
MIN_TOGETHER = 8  # sentences a round-3 candidate shares with a seed word, at least
MIN_PHRASE = 4
PHRASES = 100
EXAMPLES = 2
AGREEMENT = 30
ROUNDS = (1, 2, 3)
ENGLISH_FREQUENT = 20_000
ORDINARY = 5_000
_DIGITS = re.compile(r"^[\d٠-٩۰-۹]+$")
# the labels an annotator may give (data/fa-triggers-guideline.md)
TYPES = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
                   "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
                   "COERCE", "ASSAULT", "NONE"})  # fmt: skip
# each type's modes (the PLOVER codebook's, as docs/annotation.md section 4 lists them)
MODES = {
    "CONSULT": {"visit", "multilateral", "phone", "third-party"},
    "RETREAT": {"withdraw", "release", "ceasefire", "resign", "return", "disarm", "access"},
    "REQUEST": {"assist", "change", "meet", "yield"},
    "ACCUSE": {"allege", "disapprove", "investigate"},
    "REJECT": {"assist", "change", "meet", "yield"},
    "THREATEN": {"violence", "arrest", "ban", "expel", "relations", "restrict", "rights",
                 "territory"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct"},
    "SANCTION": {"convict", "discontinue", "expel", "withdraw"},
    "MOBILIZE": {"troops", "police", "militia", "weapons"},
    "COERCE": {"arrest", "ban", "censor", "curfew", "cyber", "deport", "misinformation",
               "restrict", "seize", "withhold"},
    "ASSAULT": {"aerial", "drone", "heavy-weapons", "firearms", "explosives", "suicide-attack",
                "abduct", "assassinate", "beat", "execute", "massacre", "torture", "destroy",
                "crowd-control", "sexual", "primitive", "cleansing", "unconventional"},
}  # fmt: skip
USES = frozenset({"trigger", "ambiguous", "none"})
HARMS = frozenset({"", "death", "injury"})


def batch_path(n: int) -> Path:
    return DATA / f"fa-triggers-batch-{n}.json"


def label_paths(n: int) -> list[Path]:
    return [DATA / f"fa-triggers-labels-{n}{a}.jsonl" for a in ROUND[n]["annotators"]]


def _english_queries() -> tuple[list[str], list[str]]:
    """(English verb forms of the CAMEO table coded by their verb, frequent in real news; the
    ``ORDINARY`` most frequent English words that are no form of the table or the lexicon)."""
    from khabar.resources import read_csv, word_counts

    counts = word_counts("en")
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    frequent = set(ranked[:ENGLISH_FREQUENT])
    rows = [r for r in read_csv("event_triggers.tsv") if r["lang"] == "en"]
    forms = {r["form"] for r in rows if r["coded"] == "verb" and r["plover"]
             and " " not in r["form"] and r["form"] in frequent}  # fmt: skip
    events = {r["form"] for r in rows} | {r["trigger"] for r in read_csv("event_lexicon.tsv")
                                          if r["lang"] == "en"}  # fmt: skip
    ordinary = [w for w in ranked if w.isalpha() and len(w) > 2 and w not in events][:ORDINARY]
    return sorted(forms), ordinary


def draw(shared: Path, n: int) -> dict:
    """Batch ``n`` (module docstring)."""
    import numpy as np
    from build import gold_texts
    from press_organisations import gold_articles
    from sample import fars_articles, split_sentences
    from sample_fa import REAL

    from khabar.embed import title_engine
    from khabar.extract.event_types import _function_words, _words

    taken = gold_articles("fa")
    gold = gold_texts(REAL)
    sentences: list[str] = []
    for a in fars_articles(shared):
        if a["article_id"] in taken or not a["body"]:
            continue
        for s, e in split_sentences(a["body"]):
            text = " ".join(a["body"][s:e].split())
            if text and text not in gold:
                sentences.append(text)
    counts: Counter[str] = Counter()
    phrases: Counter[tuple[str, str]] = Counter()
    seen: dict[str, list[int]] = defaultdict(list)  # form -> sentences (6-40 words) holding it
    held: list[set[str]] = []  # the words of each sentence (round 3's co-occurrence)
    for k, text in enumerate(sentences):
        words = _words(text, "fa")
        held.append(set(words))
        short = 6 <= len(words) <= 40
        for i, w in enumerate(words):
            counts[w] += 1
            if short:
                seen[w].append(k)
            if i + 1 < len(words) and words[i + 1] in PERSIAN_LIGHT_VERBS:
                phrases[(w, words[i + 1])] += 1
                if short:
                    seen[f"{w} {words[i + 1]}"].append(k)
    common = {w for f in _function_words("fa") for w in _words(f, "fa")} | PERSIAN_LIGHT_VERBS
    vocab = sorted(w for w, c in counts.items() if c >= MIN_COUNT and w not in common
                   and len(w) > 1 and not _DIGITS.match(w))  # fmt: skip
    size = ROUND[n]
    if n >= 3:
        seeds = _seed_words(n)
        vocab = [w for w in vocab if w not in seeds and not _a_place(w)]
        best = _together(vocab, held, seeds)
    else:
        engine = title_engine()
        queries, ordinary = _english_queries()

        def vectors(words: list[str]) -> np.ndarray:
            return np.stack([engine.encode_words([w]) for w in words])

        q = vectors(queries)
        if n == 1:
            best = (vectors(vocab) @ q.T).max(axis=1)
        else:
            v = vectors([w.replace("ك", "ک").replace("ي", "ی") for w in vocab])
            best = (v @ q.T).max(axis=1) - size["ordinary"] * (
                v @ vectors(ordinary).T).max(axis=1)  # fmt: skip
    done = {item["form"] for k in range(1, n) for item in
            json.loads(batch_path(k).read_text("utf-8"))["items"]}  # fmt: skip
    order = sorted(range(len(vocab)), key=lambda i: (-best[i], vocab[i]))
    words = [vocab[i] for i in order[: size["words"]] if vocab[i] not in done]
    near = {vocab[i] for i in order[: size["near"]]}
    pairs = sorted(((p, c) for p, c in phrases.items() if p[0] in near and c >= MIN_PHRASE
                    and " ".join(p) not in done),
                   key=lambda pc: (-pc[1], pc[0]))[:PHRASES]  # fmt: skip
    forms = words + [f"{a} {b}" for (a, b), _ in pairs]
    rng = random.Random(f"{SEED}:fa-triggers" + (f":{n}" if n > 1 else ""))
    rng.shuffle(forms)
    items = []
    for k, form in enumerate(forms):
        pool = sorted(set(seen.get(form, [])))
        chosen = rng.sample(pool, min(EXAMPLES, len(pool)))
        items.append({"id": f"fa-trig-{k + 1:03d}" if n == 1 else f"fa-trig{n}-{k + 1:03d}",
                      "form": form,
                      "count": phrases[tuple(form.split())] if " " in form else counts[form],
                      "examples": [sentences[j] for j in sorted(chosen)]})  # fmt: skip
    return {
        "about": ("Persian event-word candidates from Fars News (Apache-2.0) outside every gold "
                  "set, drawn by training/events/persian_triggers.py draw; "
                  "label with training/events/data/fa-triggers-guideline.md"),
        "sentences": len(sentences),
        "items": items,
    }


def _seed_words(n: int) -> frozenset[str]:
    """The words, as the verb scan reads them, of the Persian event words of ``SEED_TYPES``
    in the verb table (less those of round ``n`` and later, so that a batch draws again as it
    was drawn) and the event lexicon, and of the Persian killing and injury cue words
    (``event_cues.tsv``, one word each: "جان" of "جان باختند" too)."""
    from khabar.extract.event_types import _words
    from khabar.resources import read_csv

    later = tuple(f"persian_triggers.py round {k};" for k in range(n, n + 10))
    forms = {r["form"] for r in read_csv("event_triggers.tsv")
             if r["lang"] == "fa" and r["plover"] in SEED_TYPES
             and not any(k in r["source"] for k in later)}  # fmt: skip
    forms |= {r["trigger"] for r in read_csv("event_lexicon.tsv")
              if r["lang"] == "fa" and r["plover"] in SEED_TYPES}  # fmt: skip
    forms |= {w for r in read_csv("event_cues.tsv") if r["lang"] == "fa"
              and r["kind"] in ("killed", "injured") for w in r["words"].split()}  # fmt: skip
    return frozenset(w for f in forms if " " not in f for w in _words(f, "fa"))


def _a_place(word: str) -> bool:
    """Whether the gazetteer names a place ``word`` (as its alias key): no event word."""
    from khabar.extract.lexicon import alias_key
    from khabar.extract.places import gazetteer

    return alias_key(word) in gazetteer().index


def _together(vocab: list[str], held: list[set[str]], seeds: frozenset[str]) -> list[float]:
    """How much more often each word of ``vocab`` stands in a sentence with a seed word than
    in any sentence (pointwise mutual information, natural log); a word seen with a seed in
    fewer than ``MIN_TOGETHER`` sentences scores -inf."""
    import math

    with_seed = [words for words in held if words & seeds]
    everywhere = Counter(w for words in held for w in words)
    together = Counter(w for words in with_seed for w in words)
    share = len(held) / max(1, len(with_seed))
    return [math.log(together[w] / everywhere[w] * share) if together[w] >= MIN_TOGETHER
            else float("-inf") for w in vocab]  # fmt: skip


def labels(n: int) -> dict[str, dict]:
    """id → the label of each candidate of round ``n`` by its own annotator (the batch cut in
    as many consecutive parts as annotators; each labelled the ``AGREEMENT`` first items of the
    next part too)."""
    items = json.loads(batch_path(n).read_text("utf-8"))["items"]
    paths = label_paths(n)
    owner = {item["id"]: paths[k * len(paths) // len(items)] for k, item in enumerate(items)}
    out: dict[str, dict] = {}
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                _check(r, path)
                if owner.get(r["id"]) == path:
                    out[r["id"]] = r
    missing = [i for i in owner if i not in out]
    if missing:
        raise ValueError(f"round {n}: {len(missing)} candidates unlabelled, e.g. {missing[0]}")
    return out


def _check(r: dict, path: Path) -> None:
    """Raises ``ValueError`` for a label outside the guideline's values."""
    mode = r.get("mode") or ""
    if (r.get("type") not in TYPES or r.get("use") not in USES or r.get("harm", "") not in HARMS
            or (mode and mode not in MODES.get(r["type"], ()))):  # fmt: skip
        raise ValueError(f"{path.name}: bad label {r}")


def rows() -> list[tuple[str, str, str, str, str]]:
    """(form, PLOVER type, mode, block, source) of every candidate of every round labelled a
    trigger."""
    source = ("Fars News (Apache-2.0) candidates, training/events/persian_triggers.py round "
              "{n}; annotator (khabar helper, 2026-12-06)")
    out = []
    for n in ROUNDS:
        got = labels(n)
        for item in json.loads(batch_path(n).read_text("utf-8"))["items"]:
            r = got[item["id"]]
            if r["use"] != "trigger" or r["type"] == "NONE":
                continue
            block = {"death": "DIE", "injury": "HURT"}.get(r.get("harm", ""), "FA")
            out.append((item["form"], r["type"], r.get("mode") or "", block,
                        source.format(n=n)))  # fmt: skip
    return out


def agreement(n: int) -> dict:
    """Agreement of round ``n``'s annotators on the candidates two of them labelled: type (NONE
    for any use but trigger), and Cohen's kappa of it."""
    files = [{json.loads(x)["id"]: json.loads(x) for x in p.read_text("utf-8").splitlines()
              if x.strip()} for p in label_paths(n)]  # fmt: skip

    def key(r: dict) -> str:
        return r["type"] if r["use"] == "trigger" else "NONE"

    pa: list[str] = []
    pb: list[str] = []
    for k, a in enumerate(files):
        for b in files[k + 1 :]:
            both = sorted(set(a) & set(b))
            pa += [key(a[i]) for i in both]
            pb += [key(b[i]) for i in both]
    agree = sum(x == y for x, y in zip(pa, pb, strict=True))
    total = len(pa)
    ca, cb = Counter(pa), Counter(pb)
    chance = sum(ca[t] * cb[t] for t in ca) / (total * total) if total else 0.0
    observed = agree / total if total else 0.0
    kappa = (observed - chance) / (1 - chance) if chance < 1 else 1.0
    return {"items": total, "agree": agree, "kappa": round(kappa, 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("command", choices=("draw", "agreement"))
    ap.add_argument("--round", type=int, choices=ROUNDS, default=ROUNDS[-1])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    if args.command == "draw":
        sys.path[:0] = [str(ROOT / "scripts" / "gold"), str(HERE),
                        str(ROOT / "training" / "resources")]
        batch = draw(args.shared, args.round)
        out = batch_path(args.round)
        out.write_text(json.dumps(batch, ensure_ascii=False, indent=1) + "\n", "utf-8")
        print(out, len(batch["items"]), "candidates from", batch["sentences"], "sentences")
    else:
        print(json.dumps(agreement(args.round)))


if __name__ == "__main__":
    main()
