"""Manuscripts in any common encoding and line ending decode to the same text."""

from __future__ import annotations

import codecs

import pytest

from octavo.diagnostics import OctavoError
from octavo.ingest.decode import decode_manuscript

TEXT = "“It’s café time,” she said — naïve, not déjà vu… 5 €.\nSecond line.\n"
LATIN1_TEXT = "Le café de la gare était plein; à la fenêtre, un garçon déçu.\n" * 3


@pytest.mark.parametrize(
    "raw",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),  # no BOM
        TEXT.encode("cp1252"),
        TEXT.replace("\n", "\r\n").encode("utf-8"),
        TEXT.replace("\n", "\r").encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-nobom", "cp1252", "crlf", "cr-cp1252"],
)
def test_common_encodings_decode_to_the_same_text(raw: bytes) -> None:
    assert decode_manuscript(raw, "story.txt").text == TEXT


def test_latin1_is_detected() -> None:
    decoded = decode_manuscript(LATIN1_TEXT.encode("latin-1"), "story.txt")
    assert decoded.text == LATIN1_TEXT
    assert [d.code for d in decoded.diagnostics] == ["OCT202"]


def test_utf8_is_not_reported_as_a_guess() -> None:
    assert decode_manuscript(TEXT.encode("utf-8"), "story.txt").diagnostics == ()


def test_control_characters_are_removed_and_reported() -> None:
    decoded = decode_manuscript(b"one\ntwo\x00 three\x07\n", "story.txt")
    assert decoded.text == "one\ntwo three\n"
    (diag,) = decoded.diagnostics
    assert diag.code == "OCT207" and diag.span is not None and diag.span.line == 2


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"%PDF-1.7\n", "PDF document"),
        (b"PK\x03\x04\x14\x00", "ZIP archive"),
    ],
)
def test_binary_files_are_refused_by_content(raw: bytes, kind: str) -> None:
    with pytest.raises(OctavoError) as caught:
        decode_manuscript(raw, "story.txt")
    (diag,) = caught.value.diagnostics
    assert diag.code == "OCT201" and kind in diag.message
