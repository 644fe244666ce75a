"""A conditional logit over candidate sets, fitted by L-BFGS: the trainer shared by the ranking
models that choose one of a sentence's candidates (``training/counts/train.py``: the casualty
counts; ``training/roles/train.py``: the actor and the recipient).

Each group is one choice: its candidates, each a tuple of binary feature names, and which of
them are right (several may be). The model scores a candidate by the sum of its features'
weights and maximises the likelihood of the right candidates' share of each group's
softmax, less ``l2`` times the squared weights; from zeros, no sampling: deterministic.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Sequence

# The same floating-point kernels on every x86-64 machine, so that the shipped weights rebuild
# to the digit anywhere: OpenBLAS picks its kernels by CPU (a Zen and an AVX-512 machine gave
# weights 3e-4 apart, the fit's path amplifying the last bits of its dot products) and numpy
# its loops; both read these before they load. Haswell kernels run on any AVX2 CPU; one
# thread, so that no dot product is split in parts whose number depends on the machine.
if "numpy" in sys.modules:
    raise RuntimeError("import clogit before numpy: it fixes numpy's and OpenBLAS's kernels")
os.environ["OPENBLAS_CORETYPE"] = "Haswell"
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["NPY_DISABLE_CPU_FEATURES"] = "X86_V4 AVX512_ICL AVX512_SPR"

import numpy as np  # noqa: E402
from scipy import sparse  # noqa: E402
from scipy.optimize import minimize  # noqa: E402

Group = tuple[Sequence[tuple[str, ...]], Sequence[bool]]  # (candidates' features, right ones)


def fit(groups: Sequence[Group], l2: float, max_iterations: int = 500,
        min_groups: int = 1) -> dict[str, float]:  # fmt: skip
    """Feature → weight (rounded to 6 decimals, those under 1e-6 left out) fitted on
    ``groups``; a group must have at least one right candidate. A feature of fewer than
    ``min_groups`` groups is left out (no weight)."""
    seen = Counter(f for cands, _ in groups for f in {f for fs in cands for f in fs})
    names = sorted(f for f, n in seen.items() if n >= min_groups)
    col = {f: k for k, f in enumerate(names)}
    rows: list[int] = []
    cols: list[int] = []
    pos: list[bool] = []
    starts: list[int] = []
    r = 0
    for cands, right in groups:
        starts.append(r)
        for fs, ok in zip(cands, right, strict=True):
            kept = [col[f] for f in fs if f in col]
            rows += [r] * len(kept)
            cols += kept
            pos.append(ok)
            r += 1
    x = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(r, len(names)))
    positive = np.array(pos)
    start = np.array(starts)
    group = np.repeat(np.arange(len(start)), np.diff(np.append(start, r)))

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = x @ w
        s = s - np.maximum.reduceat(s, start)[group]
        e = np.exp(s)
        total = np.add.reduceat(e, start)
        good = np.add.reduceat(np.where(positive, e, 0.0), start)
        value = -(np.log(good) - np.log(total)).sum() + l2 * (w @ w)
        p = e / total[group]
        q = np.where(positive, e, 0.0) / good[group]
        return float(value), x.T @ (p - q) + 2 * l2 * w

    w = minimize(loss, np.zeros(len(names)), jac=True, method="L-BFGS-B",
                 options={"maxiter": max_iterations}).x  # fmt: skip
    return {f: round(float(v), 6) for f, v in zip(names, w, strict=True) if abs(v) >= 1e-6}
