"""What cleaning removes from real article text (a false-positive probe; no gold labels).

SaudiNewsNet ``content`` and Fars News ``paragraphs`` are already-extracted article bodies, so
most of what cleaning removes there should be real boilerplate (source lines, photo credits,
repeated paragraphs); anything else is a false positive. Prints the share of lines and characters
removed per rule with examples to read.

    .venv/bin/python bench/clean_corpora.py [--arabic 3000] [--examples 3]
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

from khabar.clean import clean_article
from khabar.model import LineRole, RawArticle
from khabar.settings import load_settings

ROOT = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def _articles(limit: int) -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for z in sorted((ROOT / "saudinewsnet").glob("*.zip")):
        with zipfile.ZipFile(z) as zf:
            for name in zf.namelist():
                for item in json.loads(zf.read(name)):
                    if item.get("content"):
                        out.append(("ar", item.get("title") or "", item["content"]))
                    if len(out) >= limit:
                        break
    for f in sorted((ROOT / "fars-news").glob("*.json")):
        for item in json.loads(f.read_text(encoding="utf-8")):
            raw = item.get("paragraphs") or []
            paras = ast.literal_eval(raw) if isinstance(raw, str) else raw
            out.append(("fa", item.get("title") or "", "\n".join(map(str, paras))))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arabic", type=int, default=3000)
    ap.add_argument("--examples", type=int, default=3)
    args = ap.parse_args()
    if not ROOT.is_dir():
        print(f"corpora not found under {ROOT}; nothing to measure")
        return 0
    settings = load_settings()
    for lang in ("ar", "fa"):
        lines = chars = 0
        removed: Counter[str] = Counter()
        removed_chars: Counter[str] = Counter()
        examples: dict[str, list[str]] = defaultdict(list)
        docs = [a for a in _articles(args.arabic) if a[0] == lang]
        for _, title, text in docs:
            c = clean_article(RawArticle("x", "", "txt", text, title=title), settings)
            for d in c.lines:
                if d.role is LineRole.BLANK:
                    continue
                lines += 1
                chars += len(d.text)
                if d.role in (LineRole.BOILERPLATE, LineRole.REPEAT):
                    removed[d.rule] += 1
                    removed_chars[d.rule] += len(d.text)
                    if len(examples[d.rule]) < args.examples:
                        examples[d.rule].append(d.text[:90])
        print(f"\n{lang}: {len(docs)} articles, {lines} lines; removed "
              f"{sum(removed.values()) / lines:.2%} of lines, "
              f"{sum(removed_chars.values()) / chars:.2%} of characters")  # fmt: skip
        for rule, n in removed.most_common():
            print(f"  {rule:<24}{n:>6} lines  e.g. {' | '.join(examples[rule])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
