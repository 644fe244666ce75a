"""Document embeddings in a real store: which text is embedded, idempotent runs, nearest
documents across languages, errors a user can act on, embedding at the end of an ingest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.embed import (
    cuda_status,
    embed_pending,
    lead_text,
    make_embedder,
    similar,
    title_engine,
)
from khabar.errors import ConfigError, EmbedError, NotFoundError
from khabar.pipeline import ingest
from khabar.settings import Settings
from khabar.store import SQLiteStore

_paragraph = st.text(alphabet="ابت ثجح abc،.", min_size=1, max_size=90).filter(
    lambda p: "\n\n" not in p
)


@given(st.none() | st.text(max_size=30), st.lists(_paragraph, min_size=1, max_size=12),
       st.integers(1, 400))  # fmt: skip
def test_the_lead_is_the_title_and_whole_first_paragraphs(
    title: str | None, paragraphs: list[str], lead_chars: int
) -> None:
    body = "\n\n".join(paragraphs)
    text, end = lead_text(title, body, lead_chars)
    assert text == (f"{title}\n{body[:end]}" if title else body[:end])
    assert end <= 2 * lead_chars
    if len(paragraphs[0]) <= 2 * lead_chars:  # whole paragraphs, the first one at least
        assert end >= len(paragraphs[0]) and (end == len(body) or body[end:].startswith("\n\n"))
    else:  # an over-long first paragraph is cut, at a space when it has one
        assert body[end] == " " or body.rfind(" ", 0, 2 * lead_chars) <= 0


@pytest.fixture
def filled(store: SQLiteStore, seeds: Path) -> SQLiteStore:
    ingest([str(seeds)], store)
    return store


def _vectors(store: SQLiteStore) -> dict[str, np.ndarray]:
    rows = store.db.execute("SELECT doc_id, vector FROM embeddings").fetchall()
    return {r[0]: np.frombuffer(r[1], "<f4") for r in rows}


def test_every_document_is_embedded_once_with_what_was_embedded(filled: SQLiteStore) -> None:
    embedder = make_embedder(filled.settings, "cpu")
    assert embed_pending(filled, embedder).embedded == 5
    assert embed_pending(filled, embedder).embedded == 0  # nothing new
    rows = filled.db.execute(
        "SELECT e.title_chars, e.body_end, e.dim, e.device, d.title, d.body FROM embeddings e"
        " JOIN documents d ON d.id = e.doc_id"
    ).fetchall()  # fmt: skip
    for r in rows:
        assert r["title_chars"] == len(r["title"] or "") and r["dim"] == 384
        assert r["device"] == "cpu" and 0 < r["body_end"] <= len(r["body"])
    assert all(abs(np.linalg.norm(v) - 1) < 1e-4 for v in _vectors(filled).values())
    before = _vectors(filled)
    assert embed_pending(filled, make_embedder(filled.settings, "numpy"), again=True).embedded == 5
    after = _vectors(filled)
    assert min(float(before[k] @ after[k]) for k in before) > 0.999  # devices agree


def test_similar_documents_cross_languages_and_exclude_the_query(filled: SQLiteStore) -> None:
    embed_pending(filled, make_embedder(filled.settings, "cpu"))
    persian = filled.db.execute("SELECT id FROM documents WHERE lang = 'fa'").fetchone()[0]
    hits = similar(filled, doc_id=persian)
    assert persian not in {h["doc_id"] for h in hits} and len(hits) == 4
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert hits[0]["lang"] == "ar" and hits[0]["story_id"] is not None
    by_text = similar(filled, text="حمله موشکی به نیروهای آمریکایی", limit=2,
                      embedder=make_embedder(filled.settings, "cpu"))  # fmt: skip
    story = filled.db.execute("SELECT story_id FROM story_members WHERE doc_id = ?",
                              (persian,)).fetchone()[0]  # fmt: skip
    assert len(by_text) == 2 and by_text[0]["story_id"] == story


def test_similar_says_what_to_do_when_it_cannot_answer(filled: SQLiteStore) -> None:
    with pytest.raises(EmbedError, match="khabar embed"):
        similar(filled, doc_id="0" * 16)
    embed_pending(filled, make_embedder(filled.settings, "cpu"))
    with pytest.raises(NotFoundError):
        similar(filled, doc_id="0" * 16)
    with pytest.raises(EmbedError, match="not both"):
        similar(filled, doc_id="x", text="y")


def test_embedding_at_the_end_of_an_ingest(settings: Settings, seeds: Path) -> None:
    from khabar.store import open_store

    s = settings.replace(embed_on_ingest=True, embed_device="cpu")
    with open_store(s) as store:
        report = ingest([str(seeds)], store)
        assert report.embedded == 5 and report.embed_error == ""
        assert len(_vectors(store)) == 5
        assert ingest([str(seeds)], store).embedded == 0


def test_a_bad_device_is_refused_with_the_choices() -> None:
    with pytest.raises(ConfigError, match="embed_device"):
        Settings().replace(embed_device="tpu")


@pytest.mark.skipif(cuda_status()[0], reason="a CUDA device is present")
def test_asking_for_cuda_without_a_device_says_why_and_what_to_use() -> None:
    with pytest.raises(EmbedError, match="embed_device=cpu"):
        make_embedder(Settings(), "cuda")
    assert make_embedder(Settings(), "auto").device == "cpu"


def test_similar_sees_documents_embedded_after_an_earlier_query(
    filled: SQLiteStore, tmp_path: Path
) -> None:
    embedder = make_embedder(filled.settings, "cpu")
    embed_pending(filled, embedder)
    persian = filled.db.execute("SELECT id FROM documents WHERE lang = 'fa'").fetchone()[0]
    assert len(similar(filled, doc_id=persian, limit=50)) == 4  # the vectors are now cached
    extra = tmp_path / "extra.txt"
    extra.write_text("هجوم صاروخي جديد على قاعدة عين الأسد\n\nسقطت ثلاثة صواريخ على قاعدة عين "
                     "الأسد الجوية في محافظة الأنبار غرب العراق مساء الأحد.", encoding="utf-8")  # fmt: skip
    assert ingest([str(extra)], filled).ingested == 1
    embed_pending(filled, embedder)
    assert len(similar(filled, doc_id=persian, limit=50)) == 5


def test_similar_marks_near_copies_of_a_document(filled: SQLiteStore, tmp_path: Path) -> None:
    original = filled.db.execute("SELECT id, source FROM documents WHERE published IS NOT NULL"
                                 " ORDER BY rowid LIMIT 1").fetchone()  # fmt: skip
    text = Path(original["source"]).read_text(encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text(text.replace("،", " ،", 3), encoding="utf-8")  # a re-typed wire copy
    ingest([str(copy)], filled)
    near = filled.db.execute("SELECT doc_id FROM duplicates WHERE kind = 'near'").fetchone()
    assert near is not None
    embed_pending(filled, make_embedder(filled.settings, "cpu"))
    hits = {h["doc_id"]: h for h in similar(filled, doc_id=original["id"], limit=10)}
    assert hits[near[0]]["near_copy_of"] == original["id"] and hits[near[0]]["score"] > 0.95
    assert all(h["near_copy_of"] is None for k, h in hits.items() if k != near[0])


def test_static_title_vectors_meet_across_languages_as_e5_does() -> None:
    engine = title_engine()
    rows = engine.encode([
        "انفجار سيارة مفخخة في سوق ببغداد يقتل عشرين شخصا",
        "A car bomb explodes in a Baghdad market, killing twenty people",
        "Apple unveils a new iPhone with a faster chip",
        "  ",  # nothing to embed: zeros
    ])
    assert rows.dtype == np.float32 and rows.shape == (4, engine.dims)
    assert np.allclose(np.linalg.norm(rows[:3], axis=1), 1.0, atol=1e-5)
    assert not rows[3].any()
    assert float(rows[0] @ rows[1]) > float(rows[0] @ rows[2]) + 0.1
    assert float(rows[1] @ rows[2]) < float(rows[0] @ rows[1])
    e5 = make_embedder(Settings(), "cpu").encode([
        "انفجار سيارة مفخخة في سوق ببغداد يقتل عشرين شخصا",
        "A car bomb explodes in a Baghdad market, killing twenty people",
        "Apple unveils a new iPhone with a faster chip",
    ])
    assert float(e5[0] @ e5[1]) > float(e5[0] @ e5[2])  # the teacher agrees


def test_static_title_vectors_refuse_what_is_not_a_list_of_texts() -> None:
    engine = title_engine()
    with pytest.raises(TypeError, match="list of texts"):
        engine.encode("one title")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="strings"):
        engine.encode([None])  # type: ignore[list-item]
    long = engine.encode(["هجوم " * 50_000])  # read up to MAX_CHARS, not the whole page
    assert abs(float(long[0] @ long[0]) - 1.0) < 1e-5


def test_a_texts_pieces_are_its_chunks_pieces_and_words_embed_as_their_text() -> None:
    engine = title_engine()
    tok = engine._tokenizer
    texts = ["انفجار سيارة مفخخة  في سوق ببغداد", "  A car-bomb, in Baghdad\u00a0(Iraq).",
             "حمله\u200cای به ۲۰ نفر", "x", "", "abc ", "x\n", "a\u00a0", "ما  \u3000"]  # fmt: skip
    for text in texts:  # the cached word by word path segments as the whole text does
        chunks = tok.chunks(text)
        assert all(c.startswith("\u2581") and "\u2581" not in c[1:] for c in chunks)
        assert [i for c in chunks for i in tok.content_ids_normalised(c)] == tok.content_ids(text)
    words = ["انفجار", "سيارة", "مفخخة", "في", "سوق", "ببغداد"]
    assert np.allclose(engine.encode_words(words), engine.encode([" ".join(words)])[0], atol=1e-6)
    assert not engine.encode_words([]).any() and engine.encode_words([]).shape == (engine.dims,)


def _distil_titles() -> Any:
    """The title-vector training script (``training/stories/distil_titles.py``) as a module."""
    import sys

    folder = str(Path(__file__).resolve().parents[1] / "training" / "stories")
    sys.path.insert(0, folder)
    try:
        import distil_titles
    finally:
        sys.path.remove(folder)
    return distil_titles


def test_shipped_title_vectors_are_the_ones_distillation_wrote() -> None:
    import hashlib
    import json

    from khabar.embed import STATIC_MODEL_NAME
    from khabar.resources import model_path

    distil_titles = _distil_titles()
    card = json.loads(model_path("title-static.json").read_text(encoding="utf-8"))
    data = model_path("title-static.npz").read_bytes()
    assert hashlib.sha256(data).hexdigest() == card["sha256"], (
        "stale title vectors: run training/stories/distil_titles.py fit")
    assert card["sha256"][:8] in STATIC_MODEL_NAME  # vectors of another build never meet
    # the training script's constants are those the shipped file was built with
    built = {k: card[k] for k in ("dims", "ridge", "steps", "min_count", "seed", "sample")}
    assert built == {"dims": distil_titles.DIMS, "ridge": distil_titles.RIDGE,
                     "steps": distil_titles.STEPS, "min_count": distil_titles.MIN_COUNT,
                     "seed": distil_titles.SEED, "sample": distil_titles.SAMPLE}  # fmt: skip
    assert len(data) <= 8 * 2**20 and card["dims"] == title_engine().dims


def test_title_distillation_is_deterministic_and_learns_its_targets() -> None:
    from khabar.e5 import E5Arrays

    distil_titles = _distil_titles()

    texts = ["bomb attack in the city", "bomb attack in the market", "talks in the city",
             "talks on trade in the market", "bomb kills people", "trade talks resume"]  # fmt: skip
    rng = np.random.default_rng(0)
    targets = rng.normal(size=(len(texts), 16)).astype(np.float32)
    tok = E5Arrays().tokenizer
    kept, w = distil_titles.fit_vectors(tok, texts, targets, ridge=1e-3, dims=4, steps=50)
    again = distil_titles.fit_vectors(tok, texts, targets, ridge=1e-3, dims=4, steps=50)
    assert kept == again[0] and w.tobytes() == again[1].tobytes()
    q = distil_titles.quantised(w)
    assert q["vectors"].dtype == np.int8 and np.allclose(
        q["vectors"] * q["scales"][:, None], w, atol=float(q["scales"].max()))
    # the fitted mean of each text's pieces points where its (reduced) target does
    row = {i: n for n, i in enumerate(kept)}
    centred = targets - targets.mean(axis=0)
    _, _, vt = np.linalg.svd(centred.astype(np.float64), full_matrices=False)
    reduced = centred @ vt[:4].T
    for text, target in zip(texts, reduced, strict=True):
        rows = [row[i] for i in tok.content_ids(text) if i in row]
        v = w[rows].mean(axis=0)
        assert float(v @ target) / (np.linalg.norm(v) * np.linalg.norm(target)) > 0.5


def test_the_preset_pieces_of_frequent_words_are_those_of_first_sight() -> None:
    """The static vectors' pieces of the most frequent words, segmented once and kept between
    processes (``resources/tokens``), are e5's Viterbi segmentation of each; a sentence's
    vector is the same through them as through the segmentation itself."""
    from khabar.embed import title_engine
    from khabar.resources import frequent_tokens

    engine = title_engine()
    preset = engine._preset
    words = [w for lang in ("ar", "fa", "en") for w in frequent_tokens(lang, "words")]
    assert len(preset) > 30_000 and set(preset) <= set(words)
    for w in (words[0], words[len(words) // 2], words[-1], "قصفت", "حمله"):
        if w in preset:
            assert preset[w] == engine._pieces_of(w), w
    sentence = "قصفت طائرات التحالف مواقع في صنعاء يوم الأحد".split()
    through = engine.encode_words(sentence)
    engine._preset = {}
    try:
        assert np.array_equal(through, engine.encode_words(sentence))
    finally:
        engine._preset = preset
