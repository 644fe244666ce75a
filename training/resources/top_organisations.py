"""The organisations the real corpora name most often, to be given Persian names.

Runs the entity recogniser and the actor dictionaries over the corpora (SaudiNewsNet, the
first 6,000 articles; Wikinews 2019-20 and the Current Events items; Fars News, the first
4,000) and counts each organisation actor (curated ``actors.tsv`` or the open dictionaries'
``actors_world.tsv``) that a recognised organisation name or a dictionary hit resolves to.
Persons and the country/government/military/police rows that ``build_actors.py`` already
names in Persian are left out.

Output: ``training/resources/data/top_organisations.tsv`` (id, name, sector, mentions per
language, a few of its Arabic and English aliases), the 200 most frequent, for an annotator to
write their Persian names (``persian_org_names.tsv``, read by ``build_actors.py``).

    .venv/bin/python training/resources/top_organisations.py --shared ../shared
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "scripts" / "gold"))
from corpora import fars_items, saudi_items  # noqa: E402
from sample import current_events, wikinews_articles  # noqa: E402

from khabar.extract.actors import actor_dictionary, extract_actors, resolve_actor  # noqa: E402
from khabar.extract.entities import extract_entities_batch  # noqa: E402
from khabar.resources import read_csv  # noqa: E402

TOP = 200
OUT = ROOT / "training/resources/data/top_organisations.tsv"
_NAMED_ALREADY = ("GOV", "MIL", "COP")  # build_actors.py's per-country rows have Persian names


def organisation_ids(texts: list[list[str]], lang: str) -> Counter[str]:
    """Mentions of each organisation actor in ``texts`` (articles as paragraphs)."""
    curated = actor_dictionary()
    found: Counter[str] = Counter()
    for paras in texts:
        for p, ents in zip(paras, extract_entities_batch(paras, lang), strict=True):
            spans = set()
            for m in extract_actors(p):
                a = curated.actors.get(m.actor_id or "")
                if a is not None and a.kind != "official":
                    found[a.id] += 1
                    spans.add((m.span.start, m.span.end))
            for e in ents:
                if e.label == "ORG" and (e.span.start, e.span.end) not in spans:
                    actor = resolve_actor(e.text)
                    if actor is not None:
                        found[actor.id] += 1
    return found


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    corpora = args.shared / "corpora"
    ar = [[p for p in (it.get("content") or "").split("\n") if p.strip()]
          for it in itertools.islice(saudi_items(corpora), 6000)]  # fmt: skip
    en = [[a["title"], *a["body"].split("\n")] for a in
          wikinews_articles(args.shared) + current_events(args.shared)]  # fmt: skip
    fa = [[str(p) for p in it["paragraphs"]] for it in itertools.islice(fars_items(corpora), 4000)]
    counts = {lang: organisation_ids(texts, lang) for lang, texts in
              (("ar", ar), ("en", en), ("fa", fa))}  # fmt: skip
    total = counts["ar"] + counts["en"] + counts["fa"]
    world = {r["id"]: r for r in read_csv("actors_world.tsv")}
    curated = {r["id"]: r for r in read_csv("actors.tsv")}
    rows = []
    for actor_id, _n in sorted(total.items(), key=lambda kv: (-kv[1], kv[0])):
        r = curated.get(actor_id) or world.get(actor_id)
        if (r is None or r.get("sector", "") in _NAMED_ALREADY
                or r.get("kind") in ("person", "official", "country_sector")):
            continue
        aliases = r["aliases"].split("|")
        arabic = [a for a in aliases if any("\u0600" <= c <= "\u06ff" for c in a)][:3]
        latin = [a for a in aliases if a.isascii()][:3]
        rows.append([actor_id, r["name"], r.get("country", "") + r.get("sector", ""),
                     str(counts["ar"][actor_id]), str(counts["en"][actor_id]),
                     str(counts["fa"][actor_id]), "|".join(arabic), "|".join(latin)])  # fmt: skip
        if len(rows) == TOP:
            break
    head = ["id", "name", "sector", "mentions_ar", "mentions_en", "mentions_fa", "arabic", "latin"]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join("\t".join(r) for r in [head, *rows]) + "\n", "utf-8")
    print(OUT, len(rows), "organisations")


if __name__ == "__main__":
    main()
