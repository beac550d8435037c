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


# -- mostly UTF-8, legacy guesses, controls and escapes ------------------------------------

def test_stray_latin1_bytes_in_utf8_are_read_alone_and_located() -> None:
    raw = ("“Hello,” she said.\nThe caf".encode() + b"\xe9 was \x93shut\x94 \xe2\x80\x94 ok.\n"
           + "Last “line”.\n".encode())
    decoded = decode_manuscript(raw, "story.txt")
    assert decoded.text == "“Hello,” she said.\nThe café was “shut” — ok.\nLast “line”.\n"
    assert decoded.encoding == "utf-8"
    found = [(d.code, d.severity.value, d.span.line, d.span.column) for d in decoded.diagnostics
             if d.span is not None]
    assert found == [("OCT208", "warning", 2, 8), ("OCT208", "warning", 2, 14),
                     ("OCT208", "warning", 2, 19)]
    assert "0xE9" in decoded.diagnostics[0].message and "'é'" in decoded.diagnostics[0].message


def test_more_stray_bytes_than_characters_still_read_as_utf8_when_alone() -> None:
    """Three curly quotes written by one editor, ten accented letters by another: a legacy
    reading would turn every curly quote into mojibake (“ → â€œ)."""
    raw = "“A” and “B” and “C”: ".encode() + b" ".join([b"caf\xe9"] * 10) + b"\n"
    decoded = decode_manuscript(raw, "story.txt")
    assert decoded.text == "“A” and “B” and “C”: " + " ".join(["café"] * 10) + "\n"
    assert "â€" not in decoded.text


def test_a_byte_that_is_no_windows_1252_character_is_removed_and_reported() -> None:
    decoded = decode_manuscript("“a” x".encode() + b"\x81y\n", "story.txt")
    assert decoded.text == "“a” xy\n"
    (note,) = decoded.diagnostics
    assert note.code == "OCT208" and note.span is not None and note.span.column == 6


@pytest.mark.parametrize("text, encoding", [
    ("Привет, как дела? Всё хорошо, і ще раз.\n" * 5, "cp1251"),
    ("我们今天去公园玩，天气很好。\n" * 5, "gb18030"),
    ("今日は公園に行きました。天気が良かったです。\n" * 5, "shift_jis"),
])
def test_legacy_multibyte_and_cyrillic_files_are_still_detected(text: str, encoding: str) -> None:
    decoded = decode_manuscript(text.encode(encoding), "story.txt")
    assert decoded.text == text
    assert [d.code for d in decoded.diagnostics] == ["OCT202"]


def test_windows_1252_is_preferred_where_latin1_would_give_controls() -> None:
    """Curly quotes and dashes at 0x91-0x97 are controls in Latin-1: the text is Windows'."""
    text = ("Le caf\u00e9 \u00e9tait plein \u2014 \u00ab oui \u00bb, dit-il, \u201cd\u00e9j\u00e0\u201d "
            "\u2026 na\u00efve, s\u00fbre, \u00e0 No\u00ebl.\n") * 4
    decoded = decode_manuscript(text.encode("cp1252"), "story.txt")
    assert decoded.text == text and decoded.encoding == "cp1252"


def test_a_short_windows_1252_file_the_detector_gives_up_on_is_still_read() -> None:
    for text in ("Le café – “très” bon… déjà vu.\n" * 3, "“Hi”\n"):
        decoded = decode_manuscript(text.encode("cp1252"), "story.txt")
        assert decoded.text == text and decoded.encoding == "cp1252"


def test_utf16_big_endian_without_bom_is_not_read_as_little_endian() -> None:
    assert decode_manuscript(TEXT.encode("utf-16-be"), "story.txt").text == TEXT
    assert decode_manuscript(TEXT.encode("utf-16-le"), "story.txt").text == TEXT


def test_the_encoding_guess_is_located_where_it_first_matters() -> None:
    text = "First line.\nSecond line.\nThe caf\u00e9 was shut.\n" * 3
    (note,) = decode_manuscript(text.encode("latin-1"), "story.txt").diagnostics
    assert note.code == "OCT202" and note.span is not None
    assert (note.span.line, note.span.column) == (3, 8)


def test_c1_controls_are_removed_and_nel_breaks_the_line() -> None:
    decoded = decode_manuscript("one\u0085two \u0091three\u009f\n".encode(), "story.txt")
    assert decoded.text == "one\ntwo three\n"
    (note,) = decoded.diagnostics
    assert note.code == "OCT207" and note.span is not None and note.span.line == 2


def test_terminal_escape_sequences_are_removed_whole() -> None:
    raw = "\x1b[1;31mRed\x1b[0m text,\x1b]0;a title\x07 a \x1b(Bcharset and \x9b2Jclear.\n"
    decoded = decode_manuscript(raw.encode(), "story.txt")
    assert decoded.text == "Red text, a charset and clear.\n"
    (note,) = decoded.diagnostics
    assert note.code == "OCT209" and "[1;31m" in note.message


def test_an_unterminated_escape_string_loses_no_text() -> None:
    decoded = decode_manuscript(b"Before \x1b]0;never closed and the rest.\n", "story.txt")
    assert decoded.text == "Before 0;never closed and the rest.\n"


@pytest.mark.parametrize("text", [
    "über š … ’ – ž smørrebrød naïve garçon crème déjà brûlée garçon Paulo\n",
    "œ über fiancée garçon – São € façade ž š … São œ déjà Zürich –\n",
    "São piña the Noël “ fiancée façade “ crème ’ brûlée façade über café\n",
])
def test_western_text_is_not_read_as_central_european(text: str) -> None:
    """Windows-1250 reads these with a language coherence a few hundredths higher: without
    the preference for Windows-1252 on a near-tie, smørrebrød came out smřrrebrřd."""
    assert decode_manuscript(text.encode("cp1252"), "story.txt").text == text


@pytest.mark.parametrize("text", [
    "Zażółć gęślą jaźń, powiedział Paweł. Śliczna łódź płynęła po rzece.\n" * 2,
    "Příliš žluťoučký kůň úpěl ďábelské ódy. Řeka tekla pod mostem.\n" * 2,
])
def test_central_european_text_is_still_windows_1250(text: str) -> None:
    assert decode_manuscript(text.encode("cp1250"), "story.txt").text == text


def test_a_guess_both_encodings_read_alike_is_reported_as_windows_1252() -> None:
    (note,) = decode_manuscript("Plain text with one café in it.\n".encode("cp1252"),
                                "story.txt").diagnostics
    assert "read as cp1252" in note.message
