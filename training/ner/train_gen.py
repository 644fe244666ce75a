"""Train khabar's generic-actor taggers (GEN spans: one CRF per language) from the project's
own labelled sentences, and measure them against the generic-actor lexicon alone.

Generic actors ("unidentified gunmen", "Syrian refugees", مسلحين حوثيين, نیروهای امنیتی) are
open-ended phrases: a kind-of-people noun with its modifiers (docs/annotation.md, section 2:
"A nationality adjective inside a GEN phrase stays inside it"; determiners and numbers stay
outside). The lexicon (``resources/agents.tsv``: PETRARCH/Phoenix agents and the labelled
phrases) finds the nouns; the tagger learns where the phrase starts and ends, and which nouns
stand for people in the story, from the 10,000 GEN spans of ``training/ner/data``. The open NER
corpora label no generic actors, so the tagger learns from the project's sentences only.

Inputs: ``training/ner/data/{lang}-labels-*.jsonl`` with their batches (Fars News, Apache-2.0;
SaudiNewsNet, CC BY-NC-SA 4.0; Wikinews, CC BY 2.5; Current Events, CC BY-SA), less the
sentences a gold set holds and the ``build.LEFT_OUT`` batches (as ``train.py``).
Features: the recogniser's (``entities.sentence_features``) plus the lexicon's word flags
(``entities.gen_word_items``). The lexicon holds the labelled phrases themselves, so each
training sentence is read with the lexicon less the rows only its own label file gave (``folds``):
otherwise the flags would be an answer key in training (99% of the training GEN spans hold a
lexicon word, 77-84% of the dev split's) and the tagger would lean on them.

Output: ``src/khabar/resources/models/gen-{lang}.crfsuite`` and ``gen-models.json`` (SHA-256,
sizes, settings), rebuilt byte for byte by the same command (L-BFGS, data in file order):

    python training/ner/train_gen.py [--langs ar fa en] [--dev]

``--dev`` also scores the dev split of the real-news gold (tests/data/real/sentences/dev.json):
GEN exact-span precision, recall and F1 of the tagger, of the lexicon alone, per language.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts" / "gold"))
sys.path.insert(0, str(ROOT / "training" / "ner"))

import pycrfsuite  # noqa: E402
from train import bio, fit  # noqa: E402

from khabar.extract.entities import (  # noqa: E402
    AgentTables,
    agent_tables,
    feature_fingerprint,
    gen_features,
    tokenize,
)
from khabar.extract.lexicon import alias_key  # noqa: E402
from khabar.resources import read_csv  # noqa: E402

MODELS = ROOT / "src/khabar/resources/models"
PARAMS = {"c1": 0.3, "c2": 0.01, "max_iterations": 120, "feature.possible_transitions": True}

Sentence = list[tuple[str, str]]


def own_gen_labels(lang: str) -> list[tuple[str, Sentence]]:
    """(label file name, tokens with BIO GEN tags) of the project's labelled sentences of
    ``lang``."""
    return [(name, sent) for name, sent, _ in _labelled_gen(lang)]


def _labelled_gen(lang: str) -> list[tuple[str, Sentence, list[str]]]:
    """(label file name, tokens with BIO GEN tags, the GEN phrases' texts) of each labelled
    sentence of ``lang`` (``own_gen_labels``)."""
    from build import Spans, gold_texts, labelled

    out: list[tuple[str, Sentence, list[str]]] = []
    gold = gold_texts(ROOT / "tests/data/real")
    for _, name, s, lab in labelled(ROOT / "training/ner/data", lang):
        if " ".join(s["text"].split()) in gold:
            continue
        found = Spans(s["text"], [], "")
        spans = []
        for e in lab.get("entities", []):
            f = found.find(e)  # every entity, so that occurrences count as the gold build's
            if f and e.get("label") == "GEN":
                spans.append((f["start"], f["end"], "GEN"))
        out.append((name, bio(s["text"], lang, spans), [s["text"][a:b] for a, b, _ in spans]))
    return out


def folds(lang: str) -> dict[str, AgentTables]:
    """For each label file of ``lang``, the lexicon tables (``entities.agent_tables``) of the
    shipped lexicon's rows of ``lang`` (as ``actors.generic_agents`` selects and keys them)
    less the rows that file alone gave: a row's source names the first file that labelled its
    phrase (``training/resources/build_agents.py``), and the row stays when another file
    labelled the phrase too."""
    givers: dict[str, set[str]] = {}
    names = set()
    for name, _, phrases in _labelled_gen(lang):
        names.add(name)
        for phrase in phrases:
            givers.setdefault(alias_key(phrase), set()).add(name)
    rows = read_csv("agents.tsv")
    if any(r["lang"] == lang for r in rows):
        rows = [r for r in rows if r["lang"] == lang]
    out = {}
    for name in sorted(names):
        classes: dict[str, str] = {}
        for r in rows:
            key = alias_key(r["phrase"])
            alone = f"({name})" in r["source"] and not givers.get(key, set()) - {name}
            if not alone and len(key) >= 3 and key not in classes:
                classes[key] = r["class"]
        out[name] = agent_tables(classes)
    return out


def train(data: list[tuple[str, Sentence]], lang: str, out: Path) -> dict:
    """Train on (label file name, sentence) pairs of ``lang``, each read with its fold's
    lexicon (``folds``); write ``out``; return the manifest entry."""
    tables = folds(lang)
    examples = ((gen_features([w for w, _ in sent], lang, tables[name]), [t for _, t in sent])
                for name, sent in data)  # fmt: skip
    return fit(examples, PARAMS, out, [s for _, s in data])


def agents_hash() -> str:
    """SHA-256 of the generic-actor lexicon (``resources/agents.tsv``) the features read."""
    return hashlib.sha256((ROOT / "src/khabar/resources/agents.tsv").read_bytes()).hexdigest()


def _spans(tags: list[str], spans: list[tuple[int, int]]) -> set[tuple[int, int]]:
    out, start, end = set(), None, None
    for tag, (a, b) in zip([*tags, "O"], [*spans, (0, 0)], strict=True):
        if tag.startswith("I-") and start is not None:
            end = b
            continue
        if start is not None:
            out.add((start, end))
            start = None
        if tag.startswith("B-"):
            start, end = a, b
    return out


def dev_scores(model: Path, lang: str) -> dict:
    """GEN exact spans on the dev gold: the tagger's and the lexicon's (P, R, F1)."""
    from khabar.extract.actors import extract_generic_actors

    gold_doc = json.loads((ROOT / "tests/data/real/sentences/dev.json").read_text("utf-8"))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    counts = {"tagger": [0, 0, 0], "lexicon": [0, 0, 0]}
    for art in gold_doc["articles"]:
        if art.get("lang") != lang:
            continue
        for s in art["sentences"]:
            text = s["text"]
            gold = {(e["start"], e["end"]) for e in s.get("entities", []) if e["label"] == "GEN"}
            toks = tokenize(text, lang)
            tagged = _spans(tagger.tag(gen_features([text[a:b] for a, b in toks], lang)), toks)
            lexicon = {(m.span.start, m.span.end) for m in extract_generic_actors(text, [], lang)}
            for name, pred in (("tagger", tagged), ("lexicon", lexicon)):
                c = counts[name]
                c[0] += len(pred & gold)
                c[1] += len(pred)
                c[2] += len(gold)
    out = {}
    for name, (tp, n_pred, n_gold) in counts.items():
        p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
        out[name] = {"precision": round(p, 3), "recall": round(r, 3),
                     "f1": round(2 * p * r / max(p + r, 1e-9), 3), "gold": n_gold}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--langs", nargs="+", default=["ar", "fa", "en"])
    ap.add_argument("--dev", action="store_true", help="score the dev gold too")
    ap.add_argument("--out", type=Path, default=MODELS)
    ap.add_argument("--c1", type=float, default=PARAMS["c1"], help="L1 weight (measuring)")
    args = ap.parse_args()
    PARAMS["c1"] = args.c1
    args.out.mkdir(parents=True, exist_ok=True)
    manifest_path = args.out / "gen-models.json"
    manifest = json.loads(manifest_path.read_text("utf-8")) if manifest_path.exists() else {}
    manifest["params"] = PARAMS
    # what the features read besides the words: weights trained on other tables are stale
    manifest["features"] = feature_fingerprint()
    manifest["agents"] = agents_hash()
    for lang in args.langs:
        path = args.out / f"gen-{lang}.crfsuite"
        info = train(own_gen_labels(lang), lang, path)
        manifest[lang] = info
        print(lang, {k: v for k, v in info.items() if k != "sha256"}, flush=True)
        if args.dev:
            print(lang, "dev", dev_scores(path, lang), flush=True)
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    manifest_path.write_text(text, "utf-8")


if __name__ == "__main__":
    tempfile.tempdir = None
    main()
