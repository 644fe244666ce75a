"""The organisations Persian news names most often that no actor dictionary knows, for an
annotator to name.

``top_organisations.py`` counted the organisations the dictionaries already resolve (and gave
them Persian names); an Iranian news agency, party, council or foundation that neither the
PETRARCH nor the Phoenix dictionaries list never reached that count. This runs the entity
recogniser and the actor dictionaries over Fars News articles (the first ``ARTICLES`` in corpus
order, less every article of a gold set under ``tests/data/real``) and counts each ORG mention
that no dictionary actor overlaps and ``resolve_actor`` does not resolve, by its ``alias_key``.

Output: ``training/resources/data/persian_organisations-batch.json``: the ``TOP`` most frequent
names with their count and two sentences each, for an annotator who writes, per name, whether
it is one named organisation and, if so, its English name, country, CAMEO sector and the Persian
forms the press writes it in (``persian_organisations.tsv``, read by ``build_actors.py``).

    .venv/bin/python training/resources/persian_organisations.py --shared ../shared
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts" / "gold"))
from sample import fars_articles  # noqa: E402

from khabar.extract.actors import extract_actors, resolve_actor  # noqa: E402
from khabar.extract.entities import extract_entities_batch  # noqa: E402
from khabar.extract.lexicon import alias_key  # noqa: E402

ARTICLES = 12000
TOP = 150
MIN_MENTIONS = 3
OUT = ROOT / "training" / "resources" / "data" / "persian_organisations-batch.json"
REAL = ROOT / "tests" / "data" / "real"


def _gold_articles() -> set[str]:
    """Fars News article ids of every gold set (never counted)."""
    ids: set[str] = set()
    for path in REAL.rglob("*.json"):
        ids |= set(re.findall(r"fars:\d+:\d+", path.read_text("utf-8")))
    return ids


def unresolved_organisations(articles: list[dict]) -> tuple[Counter[str], dict[str, list[str]]]:
    """Mentions of each unresolved organisation name (by ``alias_key``), and up to two
    sentences where it stands (the first seen)."""
    counts: Counter[str] = Counter()
    seen: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        paras = [p for p in [a["title"], *a["body"].split("\n")] if p.strip()]
        for p, ents in zip(paras, extract_entities_batch(paras, "fa"), strict=True):
            known = [(m.span.start, m.span.end) for m in extract_actors(p)]
            for e in ents:
                if e.label != "ORG" or any(s < e.span.end and e.span.start < t for s, t in known):
                    continue
                if resolve_actor(e.text) is not None:
                    continue
                key = alias_key(e.text)
                counts[key] += 1
                if len(seen[key]) < 2:
                    seen[key].append(p[max(0, e.span.start - 120) : e.span.end + 120])
    return counts, seen


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    gold = _gold_articles()
    articles = [a for a in fars_articles(args.shared)[:ARTICLES] if a["article_id"] not in gold]
    counts, seen = unresolved_organisations(articles)
    items = [{"n": k + 1, "name": key, "mentions": n, "contexts": seen[key]}
             for k, (key, n) in enumerate(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
                                          [:TOP]) if n >= MIN_MENTIONS]  # fmt: skip
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"articles": len(articles), "items": items}, ensure_ascii=False,
                              indent=1) + "\n", encoding="utf-8")  # fmt: skip
    print(OUT, len(items), "names from", len(articles), "articles")


if __name__ == "__main__":
    main()
