"""Bytes → text: encoding detection and the checks that keep non-text out.

Input: the raw bytes of a file or record, and the encoding it declares (HTTP header, HTML meta,
XML prolog) if any. Output: ``Decoded`` (text, encoding used, warnings about repairs), or an
``InputError`` subclass whose ``reason`` is one of ``empty``, ``binary``, ``invalid_utf8`` or
``undecodable``. Bytes that start with the signature of a known binary format (PNG, JPEG, PDF,
ZIP...) are ``binary`` whatever else they look like.

Order: byte-order marks (UTF-8, UTF-16 LE/BE); strict UTF-8; the declared encoding; then
``charset-normalizer`` limited to the encodings Arabic, Persian and English news come in
(Windows-1256, ISO-8859-6, UTF-16, Windows-1252, Latin-1). A file that is mostly UTF-8 but has
broken sequences is refused as ``invalid_utf8`` rather than silently re-read as a legacy code page.
Every decision against the declaration, and every encoding found by detection (a wrong
declaration, or none on bytes that are not UTF-8), is recorded in ``Decoded.warnings``.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

from khabar.errors import EncodingError

__all__ = ["Decoded", "declared_encoding", "decode_bytes"]

_CANDIDATES = ["cp1256", "iso8859_6", "utf_16", "cp1252", "latin_1"]
_ALIASES = {
    "utf8": "utf-8", "utf-8": "utf-8", "windows-1256": "cp1256", "cp1256": "cp1256",
    "iso-8859-6": "iso8859_6", "iso8859-6": "iso8859_6", "arabic": "iso8859_6",
    "windows-1252": "cp1252", "iso-8859-1": "latin_1", "latin1": "latin_1", "latin-1": "latin_1",
    "utf-16": "utf_16", "utf16": "utf_16", "us-ascii": "ascii", "ascii": "ascii",
}  # fmt: skip
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def declared_encoding(head: bytes) -> str | None:
    """The encoding an HTML ``<meta charset>`` or XML prolog declares in the first bytes."""
    m = _META_CHARSET.search(head[:4096]) or _XML_ENCODING.search(head[:512])
    return m.group(1).decode("ascii").lower() if m else None


def _python_codec(name: str) -> str | None:
    name = _ALIASES.get(name.lower(), name.lower())
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


# File signatures of formats that reach a text reader by mistake (a crawl's images, a PDF, an
# archive saved with a .txt name). Source: https://en.wikipedia.org/wiki/List_of_file_signatures
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"), (b"GIF89a", "a GIF image"), (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"), (b"\x1f\x8b", "gzip data"),
    (b"\xfd7zXZ\x00", "xz data"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"), (b"\x7fELF", "a program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"SQLite format 3\x00", "an SQLite database"), (b"wOFF", "a web font"),
    (b"wOF2", "a web font"), (b"OggS", "Ogg audio or video"),
)  # fmt: skip


def _signature(data: bytes) -> str | None:
    """What binary format ``data`` starts like (None: none known)."""
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            return what
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "a RIFF image, audio or video file"
    if data[4:8] == b"ftyp":
        return "an MP4/QuickTime video or HEIF image"
    return None


def _looks_binary(data: bytes, max_ratio: float) -> bool:
    sample = data[:8192]
    if b"\x00" in sample and not (sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))):
        # UTF-16 without BOM still has a regular NUL pattern; anything else with NULs is binary.
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if not (even > 0.3 * len(sample) / 2 or odd > 0.3 * len(sample) / 2):
            return True
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / max(len(sample), 1) > max_ratio


def _first_bad_utf8(data: bytes) -> tuple[int, int]:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start, data[exc.start]
    return -1, 0


def _is_truncated_utf8_tail(data: bytes, pos: int) -> bool:
    """True when the only invalid bytes are an incomplete multi-byte sequence at the end."""
    try:
        data[pos:].decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.reason == "unexpected end of data"
    return False


def decode_bytes(
    data: bytes, *, declared: str | None = None, source: str = "", binary_ratio: float = 0.10
) -> Decoded:
    """Decode ``data`` to text; raise ``EncodingError`` with a reason when it is not text.

    >>> decode_bytes("سلام".encode("cp1256")).encoding
    'cp1256'
    """
    if not data.strip():
        raise EncodingError("the input is empty", reason="empty", source=source)
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc)
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    f"starts with a {enc} byte-order mark but byte {exc.start} is invalid {enc}",
                    reason="undecodable",
                    source=source,
                ) from exc
    if (what := _signature(data)) is not None:
        raise EncodingError(
            f"binary content ({what}), not text; nothing was read from it",
            reason="binary",
            source=source,
        )
    if _looks_binary(data, binary_ratio):
        raise EncodingError(
            "binary content (NUL or control bytes), not text; nothing was read from it",
            reason="binary",
            source=source,
        )
    warnings: list[str] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if declared and _python_codec(declared) not in (None, "utf-8", "ascii"):
            warnings.append(f"declared encoding {declared!r} is wrong: content is valid UTF-8")
        return Decoded(text, "utf-8", warnings)

    pos, byte = _first_bad_utf8(data)
    if pos >= len(data) - 3 and _is_truncated_utf8_tail(data, pos):
        warnings.append("input ends in the middle of a UTF-8 character (truncated?); dropped it")
        return Decoded(data[:pos].decode("utf-8"), "utf-8", warnings)
    multibyte = len(_UTF8_MULTIBYTE.findall(data))
    if multibyte >= 8 and multibyte * 2 > len(data) - len(data.translate(None, bytes(range(128)))):
        raise EncodingError(
            f"invalid UTF-8: byte 0x{byte:02x} at offset {pos} breaks an otherwise UTF-8 text "
            f"({multibyte} valid multi-byte characters); re-export the file as UTF-8",
            reason="invalid_utf8",
            source=source,
        )
    codec = _python_codec(declared) if declared else None
    if codec and codec != "utf-8":
        try:
            return Decoded(data.decode(codec), codec, warnings)
        except UnicodeDecodeError:
            warnings.append(f"declared encoding {declared!r} does not fit the bytes")
    elif declared:
        warnings.append(f"declared encoding {declared!r} is wrong: the bytes are not UTF-8")
    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None:
        raise EncodingError(
            f"not text in UTF-8, UTF-16, Windows-1256, ISO-8859-6 or Latin-1 "
            f"(first invalid UTF-8 byte 0x{byte:02x} at offset {pos})",
            reason="undecodable",
            source=source,
        )
    enc = _python_codec(best.encoding) or best.encoding
    if warnings:
        warnings[-1] += f"; decoded as {enc}"
    else:
        warnings.append(f"no encoding declared and the bytes are not UTF-8: decoded as {enc}")
    return Decoded(str(best), enc, warnings)
