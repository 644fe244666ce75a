"""Writes the hostile-input corpus of this folder (small files; big inputs are generated inside
the tests). Run from the repository root after changing a case:

    .venv/bin/python tests/data/hostile/make_hostile.py

Each file is one way input has broken a batch, stalled it or been lost in silence (issue 19);
``tests/test_hostile.py`` says what khabar must do with each.
"""

from __future__ import annotations

import gzip
import io
import json
import struct
import zlib
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).parent
ARTICLE_HTML = (HERE.parent / "inputs" / "article_ar.html").read_bytes()
SENTENCE = "قال مسؤول عراقي إن ثلاثة صواريخ سقطت على قاعدة عين الأسد الجوية يوم السبت دون إصابات. "
ARTICLE = {
    "url": "https://example.org/hostile/1",
    "title": "صواريخ على قاعدة عين الأسد",
    "text": SENTENCE * 3,
    "published": "2024-04-20",
    "outlet": "مثال",
}


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)  # the same bytes on every run


def _warc(records: list[tuple[str, str, bytes]]) -> bytes:
    """A gzipped WARC: one response per (url, status line, body)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for url, status, body in records:
        headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")  # fmt: skip
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                           http_headers=headers)  # fmt: skip
        record.rec_headers.replace_header("WARC-Date", "2024-04-20T10:00:00Z")
        record.rec_headers.replace_header("WARC-Record-ID", f"<urn:uuid:hostile-{url[-1]}>")
        writer.write_record(record)
    return out.getvalue()


def _png() -> bytes:
    """A 1x1 PNG: too short and too regular for the NUL-byte test to call it binary."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))  # fmt: skip


def cases() -> dict[str, bytes]:
    line = json.dumps(ARTICLE, ensure_ascii=False)
    two = _warc(
        [
            ("https://example.org/a", "200 OK", ARTICLE_HTML),
            ("https://example.org/b", "200 OK", ARTICLE_HTML.replace(b"2024", b"2023")),
        ]
    )
    first_len = len(_warc([("https://example.org/a", "200 OK", ARTICLE_HTML)]))
    nested = "<div>" * 1000 + f"<p>{SENTENCE * 3}</p>" + "</div>" * 1000
    html_page = (
        f"<html><head><title>{ARTICLE['title']}</title></head><body><article>"
        f"<h1>{ARTICLE['title']}</h1><p>{SENTENCE * 3}</p></article></body></html>"
    )
    return {
        # a lone surrogate as a JSON escape, in the title, the text and the other fields
        "surrogate_escape.jsonl": "\n".join([
            json.dumps(ARTICLE | {"title": "عنوان \ud800 الخبر"}),
            json.dumps(ARTICLE | {"url": "https://example.org/hostile/2",
                                  "text": SENTENCE + "\udfff" + SENTENCE * 2}),
            json.dumps(ARTICLE | {"url": "https://example.org/\ud800", "outlet": "\udc00",
                                  "author": "\ud83d", "lang": "\ud800",
                                  "text": SENTENCE * 2 + "ثالث"}),
        ]).encode("ascii") + b"\n",
        # a lone surrogate written as UTF-8 bytes (ED A0 80), which is not UTF-8
        "surrogate_bytes.jsonl": (line.replace("عين الأسد", "عين \ud800 الأسد", 1) + "\n").encode(
            "utf-8", "surrogatepass") + (json.dumps(ARTICLE | {"text": SENTENCE * 4},
                                                    ensure_ascii=False) + "\n").encode(),
        # a .warc.gz cut inside its second response (the first is whole)
        "truncated.warc.gz": two[: first_len + (len(two) - first_len) // 2],
        # a .warc.gz cut inside its first response: nothing can be read
        "truncated_early.warc.gz": two[: first_len // 2],
        # an HTTP error page in a WARC
        "http_404.warc.gz": _warc([("https://example.org/4", "404 Not Found",
                                    b"<html><body><h1>Not Found</h1></body></html>")]),
        # valid HTML nested deeper than libxml2's default limit (256)
        "nested.html": f"<html><body>{nested}</body></html>".encode(),
        "tiny.png": _png(),
        "article.jsonl.gz": _gzip((line + "\n").encode()),
        "article.txt.gz": _gzip(f"{ARTICLE['title']}\n\n{SENTENCE * 3}\n".encode()),
        "article.html.gz": _gzip(html_page.encode()),
        # a .jsonl.gz cut after its first line
        "cut.jsonl.gz": _gzip("\n".join(
            [line] + [json.dumps(ARTICLE | {"url": f"https://example.org/{i}", "text": f"{i} "
                                            + SENTENCE * 3}, ensure_ascii=False)
                      for i in range(100)]).encode())[:700],
        # pages with headings and no body paragraph: not copies of each other
        "headings_only_ar.txt": "أخبار العراق اليوم\n\nالجيش يعلن خطة أمنية جديدة في بغداد\n\n"
        "وزير الدفاع يزور القوات في الأنبار\n\nمجلس النواب يناقش الموازنة العامة للدولة\n".encode(),
        "headings_only_en.txt": b"Sports roundup for the weekend\n\nLocal team wins the regional "
        b"cup final\n\nCoach praises young players after the match\n\nFans celebrate in the city "
        b"centre tonight\n",
    }  # fmt: skip


def main() -> None:
    for name, data in cases().items():
        (HERE / name).write_bytes(data)


if __name__ == "__main__":
    main()
