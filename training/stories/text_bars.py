"""Measure the cosine bars of the story decision's title vectors (``fit_decision.TEXT``).

For every pair of documents of the story dev sets (``fit_decision.dev_stores``: SaudiNewsNet
and cross-lingual dev, never the held-out) published within three days of each other, the
cosine of their title vectors (``khabar.stories.title_vector``, stored at ingest), whether the
gold puts them in one story, whether they are in two languages, and whether their signatures
share a place, area or country. Printed: for each kind of pair and each bar, how many pairs
reach it and how many of those are one story (the precision of a bar). The bars of
``fit_decision.TEXT`` were read off this table (2026-12-01, static vectors distilled from
e5, ``khabar.embed.StaticEngine``): with a place or country in common, 0.35 across languages
(19 of 21 pairs one story) and 0.65 within one (243 of 282); with none in common, stricter,
for a candidate by its title alone: 0.40 (1 of 2) and 0.75 (24 of 24). With e5's own vectors
(before, same table) they were 0.85 (44 of 45), 0.91 (346 of 483), 0.86 (7 of 8), 0.93 (42
of 50): e5 separates pairs in two languages better, the distilled vectors pairs in one.
The two bars across languages were lowered to 0.30 on 2026-12-05 (the same table then: with a
place or country in common 45 of 50 at 0.30, 23 of 26 at 0.35; with none, 6 of 14 at 0.30).

    .venv/bin/python training/stories/text_bars.py
"""

import itertools
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fit_decision as fd  # noqa: E402

from khabar.embed import STATIC_MODEL_NAME  # noqa: E402
from khabar.stories import stored_elements  # noqa: E402

BARS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8)
WHERE = ("place:", "area:", "country:")


def pairs(store, labels: dict[str, str]) -> list[tuple[float, bool, bool, bool]]:  # type: ignore[no-untyped-def]
    """(cosine, one gold story, two languages, a place in common) of each pair published
    within three days."""
    vectors = {d: (lang, v) for d, lang, v in store.story_vectors(STATIC_MODEL_NAME) if d in labels}
    ids = sorted(vectors)
    day = {d: store.report_day(d) for d in ids}
    where = {d: {e for e in stored_elements(store, d) if e.startswith(WHERE)} for d in ids}
    out = []
    for a, b in itertools.combinations(ids, 2):
        if day[a] and day[b] and abs((day[a] - day[b]).days) > 3:
            continue
        cos = float(np.dot(vectors[a][1], vectors[b][1]))
        out.append((cos, labels[a] == labels[b], vectors[a][0] != vectors[b][0],
                    bool(where[a] & where[b])))  # fmt: skip
    return out


def main() -> int:
    rows: list[tuple[float, bool, bool, bool]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, store, _, labels in fd.dev_stores(Path(tmp)):
            if name != "own":
                rows += pairs(store, labels)
            store.close()
    for cross in (True, False):
        for shared in (True, False):
            kind = [r for r in rows if r[2] == cross and r[3] == shared]
            print(f"{'two languages' if cross else 'one language'}, "
                  f"{'a place or country in common' if shared else 'none in common'}: "
                  f"{len(kind)} pairs, {sum(r[1] for r in kind)} of one story")  # fmt: skip
            for bar in BARS:
                reach = [r for r in kind if r[0] >= bar]
                same = sum(r[1] for r in reach)
                print(f"  cosine >= {bar:.2f}: {len(reach):5} pairs, {same:4} one story "
                      f"({same / max(1, len(reach)):.2f})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
