"""The NumPy CRF decoder gives crfsuite's own paths and marginals on the shipped models."""

from __future__ import annotations

import json

import numpy as np
import pycrfsuite
import pytest

from khabar.errors import ResourceError
from khabar.extract.crf import CRFModel
from khabar.extract.entities import (
    _batch_emissions,
    _emissions,
    _model,
    _sentences,
    sentence_features,
    tokenize,
)
from khabar.resources import model_path
from tests.eval.test_real_gold import REAL


def _dev_texts(lang: str) -> list[str]:
    data = json.loads((REAL / "sentences/dev.json").read_text("utf-8"))
    return [s["text"] for a in data["articles"] if a["lang"] == lang for s in a["sentences"]]


@pytest.mark.parametrize("lang", ["ar", "fa", "en"])
def test_paths_and_marginals_equal_crfsuite(lang: str) -> None:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path(f"ner-{lang}.crfsuite")))
    texts = _dev_texts(lang)[:150]
    chunks = [[t[a:b] for a, b in part] for t in texts for part in _sentences(tokenize(t, lang), t)]
    # a document's emissions, computed together as the recogniser computes them
    decoded = _model(lang, "ner").decode(_batch_emissions(chunks, lang))
    for words, (tags, probs) in zip(chunks, decoded, strict=True):
        assert tags == tagger.tag(sentence_features(words, lang))  # tag() also sets them
        expected = [tagger.marginal(tag, i) for i, tag in enumerate(tags)]
        # crfsuite sums in another order: with the L1 penalty of 0.15 (larger weights) its
        # marginals and ours part by up to 6e-6 on the dev sentences
        assert np.allclose(probs, expected, atol=1e-5)


def test_a_batch_decodes_as_its_sentences_one_by_one() -> None:
    model = _model("ar", "ner")
    chunks = [[t[a:b] for a, b in tokenize(t, "ar")] for t in _dev_texts("ar")[:40]]
    emissions = [_emissions(words, "ar") for words in chunks if words]
    together = model.decode(emissions)
    alone = [model.decode([e])[0] for e in emissions]
    for (t1, p1), (t2, p2) in zip(together, alone, strict=True):
        assert t1 == t2 and np.allclose(p1, p2)


def test_emissions_together_equal_emissions_alone() -> None:
    chunks = [[t[a:b] for a, b in tokenize(t, "fa")] for t in _dev_texts("fa")[:30]]
    chunks = [[], *chunks[:10], ["تهران"], [], *chunks[10:]]  # empty and one-word sentences
    together = _batch_emissions(chunks, "fa", "gen")
    assert len(together) == len(chunks)
    for words, em in zip(chunks, together, strict=True):
        assert em.shape == (len(words), len(_model("fa", "gen").labels))
        assert np.allclose(em, _emissions_alone(words))


def _emissions_alone(words: list[str]) -> np.ndarray:
    """A sentence's emissions summed token by token from the word rows (the definition)."""
    from khabar.extract.entities import _NEAR, _edges, _word_vectors

    table = _word_vectors(words, "fa", "gen")
    out = []
    for i, w in enumerate(words):
        e = table[w][0].copy()
        for k, d in enumerate(_NEAR):
            j = i + d
            e += table[words[j]][k + 1] if 0 <= j < len(words) else _edges("fa", "gen")[k]
        out.append(e)
    return np.array(out).reshape(len(words), len(_model("fa", "gen").labels))


def test_an_unreadable_model_is_a_resource_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"not a model")
    with pytest.raises(ResourceError):
        CRFModel(bad)


def test_empty_sentences_and_a_run_on_one_decode_apart() -> None:
    model = _model("en", "ner")
    words = [t for t in "The army said on Monday that".split()]
    long = words * 2000  # a paragraph with no full stop: 12,000 tokens
    out = model.decode([_emissions([], "en"), _emissions(words, "en"), _emissions(long, "en")])
    assert out[0] == ([], [])
    assert out[1] == model.decode([_emissions(words, "en")])[0]
    assert len(out[2][0]) == len(long)


def test_a_model_dump_closes_its_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # crfsuite's Tagger::dump closes the file it writes and pycrfsuite closes the number again,
    # which in a threaded process can shut another thread's new file (a dask worker failed
    # with "Bad file descriptor"): only the temporary file's own close may reach os.close
    import os

    import pycrfsuite
    from pycrfsuite import _pycrfsuite

    from khabar.extract import crf
    from khabar.resources import model_path

    closed: list[int] = []
    real = os.close
    monkeypatch.setattr(os, "close", lambda fd: (closed.append(fd), real(fd))[1])
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path("events-detect.crfsuite")))
    transitions, states = crf._dumped_weights(tagger)
    assert states[0] and len(closed) == 1  # mkstemp's descriptor, closed before the dump
    assert _pycrfsuite.os is os
