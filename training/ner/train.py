"""Train khabar's entity recognisers (one CRF per language) from open and own labelled data.

Inputs (read from ``../shared/field-data/ner`` and the project's own Persian labels):
  ar  NewsFANE Gold 2014 train (CC BY-SA 3.0) + Wojood sample train/val (MIT)
  en  wikigold (CC BY 4.0) + Broad Twitter Corpus (CC BY 4.0) + WNUT17 train/dev (CC BY 4.0)
  fa  the Arabic data above (shared script and names)
and for each language the project's own labelled news sentences, repeated OWN_WEIGHT (6) times
(``training/ner/data/{lang}-labels-*.jsonl``, drawn by ``training/ner/sample.py`` from Fars
News (Apache-2.0), SaudiNewsNet (CC BY-NC-SA 4.0), Wikinews (CC BY 2.5) and Current Events (CC
BY-SA), outside the real-news gold, labelled from docs/annotation.md).
Labels are mapped to PER, ORG, LOC, NORP (see ``NEWSFANE``, ``WOJOOD``, ``WNUT``); NewsFANE's
split-off proclitics (و ب ل ف ك ال) are glued back to the next word, as running text has them.

Output: ``src/khabar/resources/models/ner-{lang}.crfsuite`` and ``ner-models.json`` (SHA-256 of
each model, training sizes, settings), rebuilt byte for byte by the same command:

    python training/ner/train.py --shared ../shared [--langs ar fa en]

Deterministic: data in file order, L-BFGS (no random state). Takes a few minutes on one core.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts" / "gold"))

import pycrfsuite  # noqa: E402

from khabar.extract.entities import (  # noqa: E402
    feature_fingerprint,
    sentence_features,
    split_word,
    tokenize,
)

MODELS = ROOT / "src/khabar/resources/models"
OWN_WEIGHT = 6  # the project's own in-domain sentences, repeated
PARAMS = {"c1": 0.15, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True}
# English and Arabic a little sparser: all models of issues 2 and 3 fit 25 MB
# (tests/extract/test_entities.py), and Arabic dev F1 rose with it (ner.md, 2026-12-04)
LANG_PARAMS = {"en": {"c1": 0.16}, "ar": {"c1": 0.16}}

NEWSFANE = {
    **dict.fromkeys(["Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist",
                     "Businessperson", "Lawyer", "Police", "Engineer"], "PER"),
    **dict.fromkeys(["Government", "Non-Governmental", "Commercial", "Educational", "Media",
                     "Religious_ORG", "Sports", "Entertainment", "Medical-Science"], "ORG"),
    **dict.fromkeys(["Nation", "Population-Center", "State-or-Province", "County-or-District",
                     "GPE-Cluster", "Continent", "Land-Region-Natural", "Water-Body",
                     "Building-Grounds", "Airport", "Subarea-Facility", "Path"], "LOC"),
    "Group": "NORP",
}  # fmt: skip
WOJOOD = {"PERS": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC", "NORP": "NORP"}
WNUT = {"person": "PER", "location": "LOC", "corporation": "ORG", "group": "ORG",
        "PER": "PER", "LOC": "LOC", "ORG": "ORG"}  # fmt: skip
PROCLITICS = {"و", "ف", "ب", "ل", "ك", "ال", "لل"}

Sentence = list[tuple[str, str]]


def read_conll(
    path: Path, sep: str | None, layers: dict[str, str] | None = None
) -> Iterator[Sentence]:
    """Sentences of a CoNLL file (token, tag per line, blank line between sentences). With
    ``layers`` (nested annotation, outermost tag first, as Wojood's), the outermost tag whose
    type is in ``layers`` (the state of "the Iraqi army" as ORG, not its GPE inside)."""
    sent: Sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = [p.strip() for p in line.split(sep)] if line.strip() else []
        if len(parts) < 2:
            if sent:
                yield sent
            sent = []
            continue
        if layers is None:
            sent.append((parts[0], parts[-1]))
        else:
            sent.append((parts[0], next((t for t in parts[1:] if t[2:] in layers), "O")))
    if sent:
        yield sent


def mapped(sent: Sentence, table: dict[str, str], iob1: bool = False) -> Sentence:
    """Tags through ``table`` (others O), as BIO (IOB1 input: I- after O or another type is B-)."""
    out: Sentence = []
    prev = "O"
    for word, tag in sent:
        kind = table.get(tag[2:]) if tag[:2] in ("B-", "I-") else None
        if kind is None:
            new = "O"
        elif tag.startswith("B-") or (iob1 and prev[2:] != kind) or prev == "O":
            new = "B-" + kind
        else:
            new = "I-" + kind
        out.append((word, new))
        prev = new
    return out


def glue_proclitics(sent: Sentence) -> Sentence:
    """NewsFANE writes و الصادرات; running text والصادرات: glue back (``resegment`` then cuts as
    khabar's tokenizer does), keep the word's tag."""
    out: Sentence = []
    pending = ""
    for word, tag in sent:
        if word in PROCLITICS:
            pending += word
            continue
        out.append((pending + word, tag))
        pending = ""
    return out


def resegment(sent: Sentence, lang: str) -> Sentence:
    """A corpus's words cut as ``tokenize`` cuts running text ("U.S." → U . S ., وبغداد → و
    بغداد): an Arabic proclitic takes O (I- inside a name); the first piece of a name's word
    keeps its B-, the others are I-."""
    out: Sentence = []
    for word, tag in sent:
        pieces = [word[a:b] for a, b in tokenize(word, lang)] or [word]
        first = True
        for k, piece in enumerate(pieces):
            clitic = lang == "ar" and k == 0 and len(pieces) > 1
            if clitic and split_word(word, lang)[0] == piece and not tag.startswith("I-"):
                out.append((piece, "O"))
                continue
            out.append((piece, tag if first or tag == "O" else "I-" + tag[2:]))
            first = False
    return out


def shared_data(shared: Path, lang: str) -> list[Sentence]:
    ner = shared / "field-data/ner"
    if lang == "ar":
        fane = read_conll(ner / "arabic/NewsFANE_Gold_2014_train.txt", "\t")
        data = [resegment(glue_proclitics(mapped(s, NEWSFANE)), "ar") for s in fane]
        for part in ("train", "val"):
            wojood = read_conll(ner / f"arabic/wojood_sample/{part}.txt", " ", WOJOOD)
            data += [resegment(mapped(s, WOJOOD), "ar") for s in wojood]
        return data
    if lang == "en":
        wikigold = read_conll(ner / "english/wikigold/wikigold.conll.txt", " ")
        data = [resegment(mapped(s, WNUT, iob1=True), "en") for s in wikigold]
        for f in sorted((ner / "english/BTC").glob("*.conll")):
            data += [resegment(mapped(s, WNUT), "en") for s in read_conll(f, "\t")]
        for part in ("train", "dev"):
            wnut = read_conll(ner / f"english/WNUT17/{part}.conll", "\t")
            data += [resegment(mapped(s, WNUT), "en") for s in wnut]
        return data
    return []


def own_labels(lang: str) -> list[Sentence]:
    """The project's own labelled sentences of ``lang`` (``training/ner/data``), as tokens and
    BIO tags (GEN, generic actors, is left to the agents lexicon: not a CRF label), less those
    equal to a gold sentence (``build.gold_texts``); ``build.labelled`` leaves out the
    ``build.LEFT_OUT`` batches."""
    from build import Spans, gold_texts, labelled

    data: list[Sentence] = []
    gold = gold_texts(ROOT / "tests/data/real")
    for _, _, s, lab in labelled(ROOT / "training/ner/data", lang):
        if " ".join(s["text"].split()) in gold:
            continue  # a sentence a gold set holds (SaudiNewsNet republishes articles)
        found = Spans(s["text"], [], "")
        ents = [(e, found.find(e)) for e in lab.get("entities", [])]
        spans = [(f["start"], f["end"], e["label"]) for e, f in ents
                 if f and e.get("label") in ("PER", "ORG", "LOC", "NORP")]  # fmt: skip
        data.append(bio(s["text"], lang, spans))
    return data


def bio(text: str, lang: str, ents: list[tuple[int, int, str]]) -> Sentence:
    """Tokens of ``text`` tagged from character spans: a token overlapping an entity is in it,
    B- where it holds the entity's first character (للحوثيين holds حوثيين)."""
    out: Sentence = []
    for a, b in tokenize(text, lang):
        tag = "O"
        for s, e, label in ents:
            if a < e and b > s:
                tag = ("B-" if a <= s < b else "I-") + label
                break
        out.append((text[a:b], tag))
    return out


def training_data(shared: Path, lang: str) -> list[tuple[str, Sentence]]:
    """(language, sentence) pairs a model of ``lang`` learns from: the project's own in-domain
    sentences (x ``OWN_WEIGHT``) and the open sets; Persian has no open set, so it learns from
    the Arabic ones too (shared script and names)."""
    data = [(lang, s) for s in own_labels(lang)] * OWN_WEIGHT
    for other in ("ar",) if lang == "fa" else (lang,):
        data += [(other, s) for s in shared_data(shared, other)]
    return data


def train(data: list[tuple[str, Sentence]], out: Path, params: dict = PARAMS) -> dict:
    """Train on (language, sentence) pairs (each featurised in its own language); write ``out``."""
    examples = ((sentence_features([w for w, _ in sent], lang), [t for _, t in sent])
                for lang, sent in data)  # fmt: skip
    return fit(examples, params, out, [s for _, s in data])


def fit(examples: Iterable[tuple[list[dict], list[str]]], params: dict, out: Path,
        sentences: list[Sentence]) -> dict:  # fmt: skip
    """Train a CRF on (features, tags) of each sentence, in order, with ``params``; write
    ``out``; return the manifest entry (counts of ``sentences``, SHA-256, size)."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in examples:
        trainer.append(x, y)
    trainer.set_params(params)
    trainer.train(str(out))
    tags = Counter(t[2:] for s in sentences for _, t in s if t.startswith("B-"))
    return {"sentences": len(sentences), "tokens": sum(len(s) for s in sentences),
            "entities": dict(sorted(tags.items())),
            "sha256": hashlib.sha256(out.read_bytes()).hexdigest(), "bytes": out.stat().st_size}


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--langs", nargs="+", default=["ar", "fa", "en"])
    args = ap.parse_args()
    MODELS.mkdir(parents=True, exist_ok=True)
    manifest_path = MODELS / "ner-models.json"
    manifest = json.loads(manifest_path.read_text("utf-8")) if manifest_path.exists() else {}
    manifest["params"] = PARAMS
    manifest["lang_params"] = LANG_PARAMS
    manifest["features"] = feature_fingerprint()
    for lang in args.langs:
        params = {**PARAMS, **LANG_PARAMS.get(lang, {})}
        info = train(training_data(args.shared, lang), MODELS / f"ner-{lang}.crfsuite", params)
        manifest[lang] = info
        print(lang, {k: v for k, v in info.items() if k != "sha256"})
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    manifest_path.write_text(text, "utf-8")


if __name__ == "__main__":
    main()
