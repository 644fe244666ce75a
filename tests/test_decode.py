import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khabar.decode import declared_encoding, decode_bytes
from khabar.errors import EncodingError

ARABIC = "قال مصدر أمني عراقي إن خمسة صواريخ أطلقت من بلدة زمار باتجاه قاعدة أميركية. " * 3


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8-sig"),
        (ARABIC.encode("utf-16"), "utf-16"),
        (ARABIC.encode("cp1256"), "cp1256"),
    ],
)
def test_decodes_supported_encodings_to_the_same_text(data: bytes, encoding: str) -> None:
    got = decode_bytes(data)
    assert got.text.lstrip("\ufeff") == ARABIC
    assert got.encoding == encoding


def test_iso_8859_6_text_comes_back_intact() -> None:
    text = "قال مصدر امني عراقي ان خمسة صواريخ اطلقت من بلدة زمار. " * 3
    assert decode_bytes(text.encode("iso8859_6")).text == text


def test_empty_and_whitespace_input_is_refused_as_empty() -> None:
    for data in (b"", b"  \n\t "):
        with pytest.raises(EncodingError) as info:
            decode_bytes(data)
        assert info.value.reason == "empty"


def test_binary_bytes_are_refused_as_binary() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(EncodingError) as info:
        decode_bytes(png)
    assert info.value.reason == "binary"


def test_broken_byte_in_utf8_text_is_refused_with_its_offset() -> None:
    data = ARABIC.encode("utf-8")
    broken = data[:50] + b"\xff" + data[50:]
    with pytest.raises(EncodingError) as info:
        decode_bytes(broken)
    assert info.value.reason == "invalid_utf8"
    assert "offset 50" in str(info.value)


def test_misdeclared_encoding_is_decoded_by_content_with_a_warning() -> None:
    got = decode_bytes(ARABIC.encode("cp1256"), declared="utf-8")
    assert got.text == ARABIC
    assert got.warnings and "declared encoding 'utf-8' is wrong" in got.warnings[0]


def test_declared_charset_is_read_from_html_meta_and_xml_prolog() -> None:
    assert declared_encoding(b'<html><head><meta charset="windows-1256">') == "windows-1256"
    assert declared_encoding(b'<?xml version="1.0" encoding="ISO-8859-6"?><rss>') == "iso-8859-6"


@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_raise_an_encoding_error(data: bytes) -> None:
    try:
        got = decode_bytes(data)
    except EncodingError as exc:
        assert exc.reason in {"empty", "binary", "invalid_utf8", "undecodable"}
    else:
        assert isinstance(got.text, str)


def test_undeclared_legacy_bytes_are_decoded_with_a_warning_saying_so() -> None:
    got = decode_bytes(ARABIC.encode("cp1256"))
    assert got.text == ARABIC and got.encoding == "cp1256"
    assert got.warnings == ["no encoding declared and the bytes are not UTF-8: decoded as cp1256"]


def test_declared_legacy_bytes_that_fit_need_no_warning() -> None:
    got = decode_bytes(ARABIC.encode("cp1256"), declared="windows-1256")
    assert got.text == ARABIC and got.warnings == []


def test_utf8_without_declaration_needs_no_warning() -> None:
    assert decode_bytes(ARABIC.encode("utf-8")).warnings == []


@pytest.mark.parametrize(
    "data",
    [
        # a 1x1 PNG: too short and too regular for the NUL-byte test alone to call it binary
        bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000"
                      "000c49444154789c63f8cfc0000003010100c9fe92ef0000000049454e44ae426082"),
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(200)),
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"word/document.xml",
    ],
)  # fmt: skip
def test_known_binary_formats_are_binary(data: bytes) -> None:
    with pytest.raises(EncodingError) as info:
        decode_bytes(data)
    assert info.value.reason == "binary"
