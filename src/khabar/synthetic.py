"""Synthetic article variants for benchmarks and tests (never used by the pipeline itself).

Input: the packaged sample articles, a count and a seed. Output: plain-text files whose body
paragraphs are shuffled and cut, numbers shifted, and boilerplate lines added, so they clean,
deduplicate, extract and group like real copies and rewrites of the samples. Deterministic for
a seed.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from khabar.eval.gold import samples_dir

__all__ = ["make_corpus"]

_EXTRA_TOP = ["مساحة إعلانية", "عربي ودولي", "1,204 مشاهدة", "Advertisement", "شارك", ""]
_EXTRA_END = ["اترك تعليقا", "المصدر : وكالات", "نظر شما", "Share this article", ""]


def _variant(text: str, rng: random.Random, i: int) -> str:
    lines = text.split("\n")
    head, body = lines[:3], [ln for ln in lines[3:] if ln.strip()]
    rng.shuffle(body)
    body = body[: max(3, int(len(body) * rng.uniform(0.6, 1.0)))]
    out = "\n\n".join(head + body)
    out = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), out)
    top, end = rng.choice(_EXTRA_TOP), rng.choice(_EXTRA_END)
    return f"{top}\n{out}\n\n{end}\nرقم {i}\n"


def make_corpus(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """Write ``n`` variants of the sample articles into ``folder``; returns their paths."""
    rng = random.Random(seed)
    samples = [p.read_text(encoding="utf-8") for p in sorted(samples_dir().glob("*.txt"))]
    paths = []
    for i in range(n):
        path = folder / f"doc_{i:06d}.txt"
        path.write_text(_variant(samples[i % len(samples)], rng, i), encoding="utf-8")
        paths.append(path)
    return paths
