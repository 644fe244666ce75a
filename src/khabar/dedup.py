"""Duplicates: exact and near-duplicate documents, and paragraphs shared between documents.

Input: cleaned ``Document`` objects, one at a time, and the signatures already in the store
(loaded once when the index is built). Output: for each document either a ``DuplicateRecord``
(exact: same content id; near: MinHash-LSH Jaccard of word shingles over
``near_dup_threshold``, confirmed on the signatures) or ``None``, plus ``SharedParagraph`` links
from its paragraphs to the first copy of the same wire text in earlier documents (exact
normalised match, or near match over ``shared_paragraph_threshold``).

A document is signed by its body and summary paragraphs, or, when it has none (an index page of
headlines), by its headings; a document with no words to sign at all gets the signature of
nothing, which is never indexed or matched (such documents used to match each other at 1.0
and pass their dates on as wire copies).

Only first copies are indexed ("canonical"): a near-duplicate document or a paragraph that
links to an earlier one is represented by that earlier one, so the index and the number of
links grow with the number of distinct texts, not with the number of copies.

Signatures are computed here with numpy (CRC-32 of each word, shingles combined from word
hashes, murmur finaliser, datasketch's affine32 permutations) for all paragraphs of a document at
once; datasketch's ``MinHashLSH`` does the banding.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH

from khabar.model import Document, DuplicateRecord, LineRole, SharedParagraph
from khabar.normalize import tokens
from khabar.settings import Settings

__all__ = [
    "DuplicateIndex",
    "Signatures",
    "minhash_signatures",
    "paragraph_key",
    "shingles",
    "word_hashes",
]

_BODY_ROLES = (LineRole.BODY, LineRole.SUMMARY)
_DOC_SEED, _PAR_SEED = 1, 2
_MAX32 = np.uint32(0xFFFFFFFF)


def paragraph_key(norm: str) -> str:
    """Hash of a normalised paragraph's word sequence (punctuation and spacing ignored)."""
    return hashlib.blake2b(word_hashes(norm).tobytes(), digest_size=12).hexdigest()


def word_hashes(norm: str) -> np.ndarray:
    """CRC-32 of each word of normalised text (stable across processes and runs)."""
    words = tokens(norm)
    return np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint32, count=len(words))


def shingles(hashes: np.ndarray, size: int) -> np.ndarray:
    """Hashes of the word ``size``-grams (one hash for the whole text if it is shorter).

    Shingles are combined from word hashes numerically (FNV-style), not built as strings.
    """
    n = len(hashes)
    if n == 0:
        return hashes
    width = min(size, n)
    count = n - width + 1
    out = hashes[:count].copy()
    with np.errstate(over="ignore"):
        for k in range(1, width):
            out = (out * np.uint32(0x01000193)) ^ hashes[k : k + count]
    return out


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> np.ndarray:
    """datasketch's affine32 permutation parameters (a, b), generated once per size and seed."""
    return MinHash(num_perm=num_perm, seed=seed).permutations


def _fmix32(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def minhash_signatures(groups: list[np.ndarray], num_perm: int, seed: int) -> np.ndarray:
    """One uint32 MinHash signature per group of shingle hashes, ``(len(groups), num_perm)``.

    An empty group gets the all-max signature (it matches nothing).
    """
    out = np.full((len(groups), num_perm), _MAX32, dtype=np.uint32)
    filled = [i for i, g in enumerate(groups) if len(g)]
    if not filled:
        return out
    flat = np.concatenate([groups[i] for i in filled])
    a, b = _permutations(num_perm, seed)
    with np.errstate(over="ignore"):
        phv = a[:, None] * _fmix32(flat)[None, :] + b[:, None]
    starts = np.concatenate(([0], np.cumsum([len(groups[i]) for i in filled])[:-1]))
    out[filled] = np.minimum.reduceat(phv, starts, axis=1).T
    return out


def _unsigned(sig: np.ndarray) -> bool:
    """True for the signature of nothing (all maximal): it would match every other such one."""
    return bool(np.all(sig == _MAX32))


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(slots=True)
class Signatures:
    """A document's MinHash signature and those of its long enough paragraphs."""

    document: np.ndarray
    paragraphs: dict[int, np.ndarray] = field(default_factory=dict)
    paragraph_keys: dict[int, str] = field(default_factory=dict)


class DuplicateIndex:
    """In-memory LSH indexes over first copies of documents and paragraphs."""

    def __init__(self, settings: Settings) -> None:
        s = settings
        self.settings = s
        self.doc_lsh = MinHashLSH(threshold=s.near_dup_threshold, num_perm=s.minhash_perms)
        self.par_lsh = MinHashLSH(
            threshold=s.shared_paragraph_threshold, num_perm=s.paragraph_perms
        )
        self.doc_sigs: dict[str, np.ndarray] = {}
        self.par_sigs: dict[str, np.ndarray] = {}
        self.par_by_key: dict[str, tuple[str, int]] = {}

    # -- building ---------------------------------------------------------------------------
    def signatures(self, doc: Document) -> Signatures:
        """MinHash signatures of the document body and of its long enough paragraphs."""
        s = self.settings
        body = [p for p in doc.paragraphs if p.role in _BODY_ROLES]
        words = [word_hashes(p.norm) for p in body]
        # a page with no body paragraph (headlines of an index page) is signed by its headings
        signed = words or [word_hashes(p.norm) for p in doc.paragraphs
                           if p.role is LineRole.HEADING]  # fmt: skip
        all_words = np.concatenate(signed) if signed else np.zeros(0, dtype=np.uint32)
        (doc_sig,) = minhash_signatures(
            [shingles(all_words, s.doc_shingle_words)], s.minhash_perms, _DOC_SEED
        )
        out = Signatures(doc_sig)
        long_ones = [(p, w) for p, w in zip(body, words, strict=True)
                     if len(w) >= s.paragraph_min_words]  # fmt: skip
        groups = [shingles(w, s.paragraph_shingle_words) for _, w in long_ones]
        sigs = minhash_signatures(groups, s.paragraph_perms, _PAR_SEED)
        for (p, w), sig in zip(long_ones, sigs, strict=True):
            out.paragraphs[p.index] = sig
            out.paragraph_keys[p.index] = hashlib.blake2b(w.tobytes(), digest_size=12).hexdigest()
        return out

    def add_document(self, doc_id: str, sig: np.ndarray) -> None:
        if doc_id in self.doc_sigs or _unsigned(sig):
            return
        self.doc_sigs[doc_id] = sig
        self.doc_lsh.insert(doc_id, self._as_minhash(sig, _DOC_SEED))

    def add_paragraph(self, doc_id: str, idx: int, key: str, sig: np.ndarray) -> None:
        name = f"{doc_id}:{idx}"
        if name in self.par_sigs:
            return
        self.par_sigs[name] = sig
        self.par_by_key.setdefault(key, (doc_id, idx))
        self.par_lsh.insert(name, self._as_minhash(sig, _PAR_SEED))

    @staticmethod
    def _as_minhash(sig: np.ndarray, seed: int) -> MinHash:
        perms = _permutations(len(sig), seed)
        return MinHash(seed=seed, hashvalues=sig, permutations=perms, scheme="affine32")

    # -- queries ----------------------------------------------------------------------------
    def near_duplicate(self, doc_id: str, sig: np.ndarray) -> DuplicateRecord | None:
        """The indexed document most similar to ``sig`` above the threshold, if any (never
        for a document with no words to sign)."""
        if _unsigned(sig):
            return None
        best: tuple[float, str] | None = None
        for other in self.doc_lsh.query(self._as_minhash(sig, _DOC_SEED)):
            if other == doc_id:
                continue
            score = _jaccard(sig, self.doc_sigs[other])
            if score >= self.settings.near_dup_threshold and (best is None or score > best[0]):
                best = (score, other)
        if best is None:
            return None
        return DuplicateRecord(doc_id, best[1], "near", round(best[0], 3))

    def shared_paragraphs(self, doc_id: str, sigs: Signatures) -> list[SharedParagraph]:
        """Links from this document's paragraphs to first copies in earlier documents:
        the exact copy first, then the closest near copies, at most
        ``shared_paragraph_max_links`` per paragraph."""
        out: list[SharedParagraph] = []
        limit = self.settings.shared_paragraph_max_links
        for idx, sig in sigs.paragraphs.items():
            found: dict[tuple[str, int], tuple[str, float]] = {}
            exact = self.par_by_key.get(sigs.paragraph_keys[idx])
            if exact and exact[0] != doc_id:
                found[exact] = ("exact", 1.0)
            for name in self.par_lsh.query(self._as_minhash(sig, _PAR_SEED)):
                other_doc, other_idx = name.rsplit(":", 1)
                key = (other_doc, int(other_idx))
                if other_doc == doc_id or key in found:
                    continue
                score = _jaccard(sig, self.par_sigs[name])
                if score >= self.settings.shared_paragraph_threshold:
                    found[key] = ("near", round(score, 3))
            ranked = sorted(found.items(), key=lambda kv: (-kv[1][1], kv[0]))[:limit]
            out.extend(
                SharedParagraph(doc_id, idx, o_doc, o_idx, kind, score)
                for (o_doc, o_idx), (kind, score) in ranked
            )
        return out
