"""Duplicates: exact and near-duplicate documents, and paragraphs shared between documents.

Input: cleaned ``Document`` objects, one at a time, and the signatures already in the store
(loaded once when the index is built). Output: for each document either a ``DuplicateRecord``
(exact: same content id; near: MinHash-LSH Jaccard of word shingles over
``near_dup_threshold``, confirmed on the signatures) or ``None``, plus the ``SharedParagraph``
links between its paragraphs and earlier documents' paragraphs (exact normalised match, or
near match over ``shared_paragraph_threshold``) — the wire copy that different articles share.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash, MinHashLSH

from khabar.model import Document, DuplicateRecord, LineRole, SharedParagraph
from khabar.normalize import normalize, tokens
from khabar.settings import Settings

__all__ = ["DuplicateIndex", "Signatures", "paragraph_key", "shingles"]

_BODY_ROLES = (LineRole.BODY, LineRole.SUMMARY)


def paragraph_key(text: str) -> str:
    """Hash of a paragraph's normalised word sequence (punctuation and spacing ignored)."""
    return hashlib.blake2b(" ".join(tokens(normalize(text))).encode(), digest_size=12).hexdigest()


def shingles(text: str, size: int) -> list[bytes]:
    """Word ``size``-grams of the normalised text (the text itself if shorter)."""
    words = tokens(normalize(text))
    if len(words) <= size:
        return [" ".join(words).encode()] if words else []
    return [" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)]


def _minhash(parts: list[bytes], perms: int, seed: int) -> MinHash:
    m = MinHash(num_perm=perms, seed=seed)
    if parts:
        m.update_batch(parts)
    return m


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / len(a)


@dataclass(slots=True)
class Signatures:
    """A document's MinHash signature and those of its long enough paragraphs."""

    document: np.ndarray
    paragraphs: dict[int, np.ndarray] = field(default_factory=dict)
    paragraph_keys: dict[int, str] = field(default_factory=dict)


class DuplicateIndex:
    """In-memory LSH indexes over documents and paragraphs, filled from the store at start."""

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
        body = "\n".join(p.text for p in doc.paragraphs if p.role in _BODY_ROLES) or doc.body
        sig = _minhash(shingles(body, s.doc_shingle_words), s.minhash_perms, 1).hashvalues
        out = Signatures(np.asarray(sig, dtype=np.uint32))
        for p in doc.paragraphs:
            if p.role not in _BODY_ROLES or len(tokens(normalize(p.text))) < s.paragraph_min_words:
                continue
            psig = _minhash(shingles(p.text, s.paragraph_shingle_words), s.paragraph_perms, 2)
            out.paragraphs[p.index] = np.asarray(psig.hashvalues, dtype=np.uint32)
            out.paragraph_keys[p.index] = paragraph_key(p.text)
        return out

    def add_document(self, doc_id: str, sig: np.ndarray) -> None:
        if doc_id in self.doc_sigs:
            return
        self.doc_sigs[doc_id] = sig
        self.doc_lsh.insert(doc_id, self._as_minhash(sig, self.settings.minhash_perms, 1))

    def add_paragraph(self, doc_id: str, idx: int, key: str, sig: np.ndarray) -> None:
        name = f"{doc_id}:{idx}"
        if name in self.par_sigs:
            return
        self.par_sigs[name] = sig
        self.par_by_key.setdefault(key, (doc_id, idx))
        self.par_lsh.insert(name, self._as_minhash(sig, self.settings.paragraph_perms, 2))

    @staticmethod
    def _as_minhash(sig: np.ndarray, perms: int, seed: int) -> MinHash:
        return MinHash(num_perm=perms, seed=seed, hashvalues=sig, scheme="affine32")

    # -- queries ----------------------------------------------------------------------------
    def near_duplicate(self, doc_id: str, sig: np.ndarray) -> DuplicateRecord | None:
        """The earliest indexed document whose estimated Jaccard passes the threshold."""
        best: tuple[float, str] | None = None
        for other in self.doc_lsh.query(self._as_minhash(sig, self.settings.minhash_perms, 1)):
            if other == doc_id:
                continue
            score = _jaccard(sig, self.doc_sigs[other])
            if score >= self.settings.near_dup_threshold and (best is None or score > best[0]):
                best = (score, other)
        if best is None:
            return None
        return DuplicateRecord(doc_id, best[1], "near", round(best[0], 3))

    def shared_paragraphs(self, doc_id: str, sigs: Signatures) -> list[SharedParagraph]:
        """Links from this document's paragraphs to earlier documents' paragraphs."""
        out: list[SharedParagraph] = []
        perms = self.settings.paragraph_perms
        for idx, sig in sigs.paragraphs.items():
            found: dict[tuple[str, int], tuple[str, float]] = {}
            exact = self.par_by_key.get(sigs.paragraph_keys[idx])
            if exact and exact[0] != doc_id:
                found[exact] = ("exact", 1.0)
            for name in self.par_lsh.query(self._as_minhash(sig, perms, 2)):
                other_doc, other_idx = name.rsplit(":", 1)
                key = (other_doc, int(other_idx))
                if other_doc == doc_id or key in found:
                    continue
                score = _jaccard(sig, self.par_sigs[name])
                if score >= self.settings.shared_paragraph_threshold:
                    found[key] = ("near", round(score, 3))
            out.extend(
                SharedParagraph(doc_id, idx, o_doc, o_idx, kind, score)
                for (o_doc, o_idx), (kind, score) in sorted(found.items())
            )
        return out
