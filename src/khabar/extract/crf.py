"""Decoding a linear-chain CRF in NumPy, from the weights of a crfsuite model.

Input: a model file written by crfsuite (``pycrfsuite.Trainer``, first-order CRF1d: state
features ``(attribute, label) → weight`` and label-to-label transitions, no start or end
features), and for each token of each sentence an emission vector: the summed weights of its
attributes (``CRFModel.weights``), shape ``(labels,)``.
Output: per sentence the best label path (Viterbi) and each chosen label's marginal
probability (forward-backward), as crfsuite's ``Tagger.tag`` and ``Tagger.marginal`` give
them, for many sentences at once.

Why: crfsuite decodes fast, but handing it features costs more than decoding (each token's
attribute strings built in Python, then copied and looked up in C++). Summing weights once per
distinct word (the callers cache that) and decoding the sentences of a document as one padded
batch is several times faster, and gives the same paths (``tests/extract/test_crf.py``
compares them with crfsuite's). Training stays with crfsuite.

Errors: ``ResourceError`` when the model file is unreadable.
"""

from __future__ import annotations

import os
import re
import tempfile
import threading
from collections.abc import Mapping, Sequence
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np

from khabar.errors import ResourceError
from khabar.resources import derived

__all__ = ["CRFModel", "Decoded"]

# a weight line of crfsuite's model dump ("  (0) w=foo --> B-PER: 0.123456"), read as
# pycrfsuite's own dump parser reads it (Tagger.info, line by line: several times slower)
_WEIGHT_LINE = re.compile(r"^\s*\(\d+\) (.+) --> (.+): ([+-]?\d+\.\d+)", re.M)


class _OsClosedOnce:
    """``os`` as pycrfsuite's ``Tagger.dump`` sees it while ``_dumped_weights`` runs: crfsuite's
    ``Tagger::dump`` closes the file it wrote (``fclose``), then pycrfsuite closes the same
    descriptor number again (pycrfsuite 0.9.12, ``_pycrfsuite.pyx``). In a process with other
    threads, that number may already be another thread's newly opened file, which the second
    close shuts (seen as ``OSError: Bad file descriptor`` in a dask worker loading two models at
    once). Here the second close does nothing; everything else is ``os``."""

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    @staticmethod
    def close(fd: int) -> None:
        """Closed already by crfsuite."""


_DUMP_LOCK = threading.Lock()  # one dump at a time: pycrfsuite's ``os`` is swapped meanwhile


def _dumped_weights(tagger: Any) -> tuple[tuple[list[str], ...], tuple[list[str], ...]]:
    """The (from, to, weight) transitions and (attribute, label, weight) state features of an
    open ``pycrfsuite.Tagger``, each as three parallel lists, from crfsuite's text dump of the
    model. Raises ``ResourceError`` when the dump lacks a section."""
    from pycrfsuite import _pycrfsuite

    fd, name = tempfile.mkstemp(suffix=".crfdump")
    os.close(fd)
    try:
        with _DUMP_LOCK:
            _pycrfsuite.os = _OsClosedOnce()  # see _OsClosedOnce
            try:
                tagger.dump(name)
            finally:
                _pycrfsuite.os = os
        with open(name, encoding="utf-8") as f:
            text = f.read()
    finally:
        os.unlink(name)
    sections = {}
    for title in ("TRANSITIONS", "STATE_FEATURES"):
        start = text.find(f"\n{title} = {{")
        end = text.find("\n}", start)
        if start < 0 or end < 0:
            raise ResourceError(f"the CRF model's dump has no {title} section")
        found = _WEIGHT_LINE.findall(text, start, end)
        sections[title] = tuple(list(column) for column in zip(*found, strict=True)) or (
            [], [], [])  # fmt: skip
    return sections["TRANSITIONS"], sections["STATE_FEATURES"]


_Weights = tuple[tuple[str, ...], dict[str, int], np.ndarray, np.ndarray]


def _weights(path: Path) -> _Weights:
    """(labels, attribute → row, state weights ``(attributes, labels)``, transitions
    ``(labels, labels)``) of a crfsuite model file. Raises ``ResourceError`` when unreadable."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(path))
    except (OSError, ValueError) as exc:
        raise ResourceError(f"CRF model {path} is unreadable: {exc}") from exc
    labels: tuple[str, ...] = tuple(tagger.labels())
    index = {label: i for i, label in enumerate(labels)}
    n = len(labels)
    transitions, states = _dumped_weights(tagger)
    attributes: dict[str, int] = {}  # attribute → its row of state_weights
    rows, cols = [], []
    for attr, label in zip(states[0], states[1], strict=True):
        row = attributes.get(attr)
        if row is None:
            row = attributes[attr] = len(attributes)
        rows.append(row)
        cols.append(index[label])
    state_weights = np.zeros((len(attributes), n))
    state_weights[rows, cols] = np.array(states[2], dtype=float)
    moves = np.zeros((n, n))
    for a, b, w in zip(*transitions, strict=True):
        moves[index[a], index[b]] = float(w)
    return labels, attributes, state_weights, moves


Decoded = tuple[list[str], list[float]]  # labels of the tokens, marginal of each label
_BATCH_CELLS = 20_000  # padded tokens of one decoding batch (memory: cells x labels x 3 arrays)


class CRFModel:
    """A crfsuite model's weights: ``labels``; ``state_weights[attributes[name]]``, a vector
    over the labels; ``transitions[from, to]``."""

    def __init__(self, path: Path) -> None:
        try:
            path.stat()
        except OSError as exc:
            raise ResourceError(f"CRF model {path} is unreadable: {exc}") from exc
        # read from crfsuite's dump once, then kept between processes (resources.derived)
        self.labels, self.attributes, self.state_weights, self.transitions = derived(
            f"crf-{path.stem}", lambda: _weights(path), [path])  # fmt: skip
        n = len(self.labels)
        self._exp_transitions = np.exp(self.transitions)
        self._zero = np.zeros(n)
        self._padded_weights = np.vstack([self.state_weights, self._zero])  # + an unknown's row
        self._prefixed: dict[str, dict[str, int]] = {"": self.attributes}

    def weights(self, attributes: Mapping[str, float], prefix: str = "") -> np.ndarray:
        """Summed state weights of ``attributes`` (name → value, names under ``prefix``):
        the emission they add to a token, shape ``(labels,)``."""
        return self.weights_grouped([attributes], [prefix])[0]

    def weights_grouped(self, groups: Sequence[Mapping[str, float]],
                        prefixes: Sequence[str]) -> np.ndarray:  # fmt: skip
        """``weights`` of each group of attributes (each under its prefix) in one go, shape
        ``(groups, labels)``."""
        # every attribute's row, the model's unknown ones a row of zeros past the last (one
        # C-level pass per group: the per-word cost of weighing a document's new words)
        zero = len(self.state_weights)
        rows: list[int] = []
        values: list[float] = []
        counts: list[int] = []
        for attrs, prefix in zip(groups, prefixes, strict=True):
            rows.extend(map(self._under(prefix).get, attrs, repeat(zero)))
            values.extend(attrs.values())
            counts.append(len(attrs))
        out = np.zeros((len(groups), len(self.labels)))
        if rows:
            # each group's rows are consecutive: sum them segment by segment (a group with no
            # attribute has no segment and keeps its zeros)
            weighted = self._padded_weights[rows] * np.asarray(values)[:, None]
            size = np.asarray(counts)
            starts = np.cumsum(size) - size
            some = size > 0
            out[some] = np.add.reduceat(weighted, starts[some], axis=0)
        return out

    def _under(self, prefix: str) -> dict[str, int]:
        """Attribute (without ``prefix``) → row, of the attributes named under ``prefix``
        (built on first use)."""
        table = self._prefixed.get(prefix)
        if table is None:
            cut = len(prefix)
            table = self._prefixed[prefix] = {a[cut:]: row for a, row in self.attributes.items()
                                              if a.startswith(prefix)}  # fmt: skip
        return table

    def decode(self, emissions: Sequence[np.ndarray], marginals: bool = True) -> list[Decoded]:
        """Best paths of the sentences whose emissions (each ``(tokens, labels)``) are given,
        with each chosen label's marginal probability (all 1.0 when ``marginals`` is false); an
        empty sentence gets ``([], [])``."""
        out: list[Decoded] = [([], [])] * len(emissions)
        # longest first, so the sentences still running at step t are rows [:active[t]]; cut
        # into batches of at most _BATCH_CELLS padded tokens, so that one run-on sentence does
        # not pad every other sentence of its document to its length
        order = [i for i in sorted(range(len(emissions)), key=lambda i: -len(emissions[i]))
                 if len(emissions[i])]  # fmt: skip
        start = 0
        while start < len(order):
            longest = len(emissions[order[start]])
            size = max(1, _BATCH_CELLS // longest)
            batch = order[start : start + size]
            for i, decoded in zip(batch, self._decode_batch([emissions[i] for i in batch],
                                                            marginals), strict=True):  # fmt: skip
                out[i] = decoded
            start += size
        return out

    def _decode_batch(self, emissions: list[np.ndarray], marginals: bool) -> list[Decoded]:
        """``decode`` of non-empty emissions sorted longest first."""
        lengths = np.array([len(e) for e in emissions])
        b, n, k = len(emissions), int(lengths[0]), len(self.labels)
        em = np.zeros((b, n, k))
        for row, e in enumerate(emissions):
            em[row, : lengths[row]] = e
        active = [int(c) for c in (lengths[None, :] > np.arange(n)[:, None]).sum(axis=1)]
        paths = self._viterbi(em, active)
        probs = self._marginals(em, active, paths) if marginals else np.ones((b, n))
        return [([self.labels[j] for j in paths[row, :m]], probs[row, :m].tolist())
                for row, m in enumerate(lengths.tolist())]  # fmt: skip

    def _viterbi(self, em: np.ndarray, active: list[int]) -> np.ndarray:
        b, n, k = em.shape
        score = em[:, 0].copy()
        back = np.zeros((b, n, k), dtype=np.intp)
        transitions, best = self.transitions, np.maximum.reduce  # (ufuncs: no Python wrapper)
        for t in range(1, n):
            m = active[t]
            cand = score[:m, :, None] + transitions  # (m, from, to)
            back[:m, t] = cand.argmax(axis=1)
            score[:m] = best(cand, axis=1) + em[:m, t]
        # a finished sentence's row was left alone: its best last label is its score's argmax
        paths = np.zeros((b, n), dtype=np.intp)
        last = score.argmax(axis=1)
        for t in range(n - 1, -1, -1):
            m = active[t]
            paths[:m, t] = last[:m]
            if t:
                last[:m] = back[np.arange(m), t, last[:m]]
        return paths

    def _marginals(self, em: np.ndarray, active: list[int], paths: np.ndarray) -> np.ndarray:
        """P(label at t = the path's label | sentence), by forward-backward on probabilities
        rescaled at each step (a marginal is alpha·beta normalised over the labels at t, so the
        scales cancel)."""
        b, n, k = em.shape
        p = np.exp(em - em.max(axis=2, keepdims=True))
        add = np.add.reduce  # (a ufunc: no Python wrapper)
        moves, back = self._exp_transitions, self._exp_transitions.T.copy()
        alpha = np.zeros((b, n, k))
        alpha[:, 0] = p[:, 0] / add(p[:, 0], axis=1, keepdims=True)
        for t in range(1, n):
            m = active[t]
            a = (alpha[:m, t - 1] @ moves) * p[:m, t]
            alpha[:m, t] = a / add(a, axis=1, keepdims=True)
        beta = np.ones((b, n, k))
        for t in range(n - 2, -1, -1):
            m = active[t + 1]  # sentences that go on past t
            c = (p[:m, t + 1] * beta[:m, t + 1]) @ back
            beta[:m, t] = c / add(c, axis=1, keepdims=True)
        joint = alpha * beta
        chosen = np.take_along_axis(joint, paths[:, :, None], 2)[:, :, 0]
        total = joint.sum(axis=2)
        return chosen / np.where(total > 0, total, 1.0)
