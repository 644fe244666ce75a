"""The organisations Persian or Arabic news names most often that no actor dictionary knows,
for an annotator to name.

``top_organisations.py`` counted the organisations the dictionaries already resolve (and gave
them Persian names); an Iranian news agency, party, council or foundation that neither the
PETRARCH nor the Phoenix dictionaries list never reached that count, nor did the Arabic names
of organisations the dictionaries list in English only (the European Union, the IMF). This
runs the entity recogniser and the actor dictionaries over news articles outside every gold
set under ``tests/data/real`` (Persian: the Fars News articles; Arabic: the first
``ARTICLES["ar"]`` SaudiNewsNet articles, day by day) and counts each ORG mention that no
dictionary actor overlaps and ``resolve_actor`` does not resolve, by its ``alias_key``.

Output: ``training/resources/data/{persian,arabic}_organisations-batch.json``: the most
frequent names (``TOP``) with their count and two passages each, for an annotator who writes,
per name, whether it is one named organisation and, if so, its English name, country, CAMEO
sector and the forms the press writes it in (``{persian,arabic}_organisations.tsv``, read by
``build_actors.py``), from ``{persian,arabic}_organisations-guideline.md``.

    .venv/bin/python training/resources/press_organisations.py --shared ../shared --lang fa
    .venv/bin/python training/resources/press_organisations.py --shared ../shared --lang ar

``--rules`` counts instead the names the unresolved-organisation rules of
``actors.extract_actors`` find ("حركة الشباب", "الجيش الحر": a name word and what follows it)
that neither ``resolve_actor`` nor the open dictionaries' organisations know and no earlier
batch holds, the ``RULES_TOP`` most frequent, numbered after the first batch's items, to
``{persian,arabic}_organisations-batch2.json`` (the first batch counted the recogniser's ORG
mentions outside every dictionary actor, the rules' names included, so it missed them).
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
from sample import fars_articles, saudi_day, saudi_days  # noqa: E402

from khabar.extract.actors import extract_actors, resolve_actor  # noqa: E402
from khabar.extract.entities import extract_entities_batch  # noqa: E402
from khabar.extract.lexicon import alias_key  # noqa: E402

ARTICLES = {"fa": 12000, "ar": 3000}  # Fars News has 1,500 articles in all
TOP = {"fa": 150, "ar": 200}
MIN_MENTIONS = 3
DATA = ROOT / "training" / "resources" / "data"
NAMES = {"fa": "persian", "ar": "arabic"}
REAL = ROOT / "tests" / "data" / "real"
_IDS = {"fa": r"fars:\d+:\d+", "ar": r"saudinewsnet:\d{4}-\d\d-\d\d:\d+"}


def gold_articles(lang: str) -> set[str]:
    """Article ids of every gold set in ``lang``'s corpus (never counted)."""
    ids: set[str] = set()
    for path in REAL.rglob("*.json"):
        ids |= set(re.findall(_IDS[lang], path.read_text("utf-8")))
    return ids


def articles_of(shared: Path, lang: str, n: int | None = None) -> list[dict]:
    """The first ``n`` (default ``ARTICLES[lang]``) articles of ``lang``'s corpus outside
    every gold set."""
    gold = gold_articles(lang)
    n = n or ARTICLES[lang]
    if lang == "fa":
        return [a for a in fars_articles(shared)[:n] if a["article_id"] not in gold]
    out: list[dict] = []
    for day in saudi_days(shared):
        out += [a for a in saudi_day(shared, day) if a["article_id"] not in gold and a["body"]]
        if len(out) >= n:
            break
    return out[:n]


def unresolved_organisations(
    articles: list[dict], lang: str
) -> tuple[Counter[str], dict[str, list[str]]]:
    """Mentions of each unresolved organisation name (by ``alias_key``), and up to two
    sentences where it stands (the first seen)."""
    counts: Counter[str] = Counter()
    seen: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        paras = [p for p in [a["title"], *a["body"].split("\n")] if p.strip()]
        for p, ents in zip(paras, extract_entities_batch(paras, lang), strict=True):
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


RULES_TOP = 120
RULES_ARTICLES = 20000  # the rules alone are fast: more articles than the recogniser's batch


def rules_organisations(
    articles: list[dict], known: set[str]
) -> tuple[Counter[str], dict[str, list[str]]]:
    """Mentions of each name (by ``alias_key``) the unresolved-organisation rules find that no
    dictionary resolves, none of ``known`` (the earlier batch's names), and up to two passages
    where it stands (the first seen)."""
    from khabar.extract.actors import extract_world_organisations

    counts: Counter[str] = Counter()
    seen: dict[str, list[str]] = defaultdict(list)
    for a in articles:
        for p in (p for p in [a["title"], *a["body"].split("\n")] if p.strip()):
            actors = extract_actors(p)
            world = extract_world_organisations(p, [])
            for m in actors:
                if m.kind != "unresolved_org" or any(w.span.overlaps(m.span) for w in world):
                    continue
                key = alias_key(m.text)
                if key in known or resolve_actor(m.text) is not None:
                    continue
                counts[key] += 1
                if len(seen[key]) < 2:
                    seen[key].append(p[max(0, m.span.start - 120) : m.span.end + 120])
    return counts, seen


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--lang", choices=sorted(NAMES), default="fa")
    ap.add_argument("--rules", action="store_true",
                    help="count the unresolved-organisation rules' names (a second batch)")
    args = ap.parse_args()
    articles = articles_of(args.shared, args.lang, RULES_ARTICLES if args.rules else None)
    first = DATA / f"{NAMES[args.lang]}_organisations-batch.json"
    start = 1
    if args.rules:
        earlier = json.loads(first.read_text("utf-8"))["items"]
        start = max(it["n"] for it in earlier) + 1
        counts, seen = rules_organisations(articles, {it["name"] for it in earlier})
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:RULES_TOP]
    else:
        counts, seen = unresolved_organisations(articles, args.lang)
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[: TOP[args.lang]]
    items = [{"n": k + start, "name": key, "mentions": n, "contexts": seen[key]}
             for k, (key, n) in enumerate(top) if n >= MIN_MENTIONS]  # fmt: skip
    out = first.with_name(first.name.replace("-batch", "-batch2")) if args.rules else first
    out.write_text(json.dumps({"articles": len(articles), "items": items}, ensure_ascii=False,
                              indent=1) + "\n", encoding="utf-8")  # fmt: skip
    print(out, len(items), "names from", len(articles), "articles")


if __name__ == "__main__":
    main()
