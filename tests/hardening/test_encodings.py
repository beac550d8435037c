"""Manuscripts in any encoding and line ending build whole; damage is repaired or reported."""

from __future__ import annotations

import codecs
import zipfile

import pytest

from tests.conftest import BookFolder
from tests.hardening.harness import (
    assert_all_text_there,
    assert_built,
    assert_diagnostic,
    assert_refused,
    build,
    epubcheck_problems,
    run_command,
)

MANIFEST = "title: Encodings\nauthor: A. Writer\nlanguage: fr\ncontents:\n  - s/story.txt\n"
# Latin-1 cannot hold curly quotes or dashes; the Windows text can.
LATIN = ("Le Café\n\nZoë mangea une crème brûlée à Noël, naïve et sûre.\n\n"
         "Ça coûte 12 € ? Non : 7,50 £ ; déjà payé.\n")
WINDOWS = LATIN.replace("naïve", "“naïve”").replace("Noël,", "Noël — ")


def encoded(name: str) -> bytes:
    match name:
        case "utf-8":
            return WINDOWS.encode("utf-8")
        case "utf-8 with BOM":
            return codecs.BOM_UTF8 + WINDOWS.encode("utf-8")
        case "utf-16-le with BOM":
            return codecs.BOM_UTF16_LE + WINDOWS.encode("utf-16-le")
        case "utf-16-be with BOM":
            return codecs.BOM_UTF16_BE + WINDOWS.encode("utf-16-be")
        case "windows-1252, CRLF":
            return WINDOWS.replace("\n", "\r\n").encode("cp1252")
        case "latin-1, CR":
            return LATIN.replace("\n", "\r").replace("€", "E").encode("latin-1")
    raise AssertionError(name)


def one_story(folder: BookFolder, raw: bytes) -> BookFolder:
    folder.write("s/story.txt", raw)
    folder.write("book.yaml", MANIFEST)
    return folder


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8 with BOM", "utf-16-le with BOM",
                                      "utf-16-be with BOM", "windows-1252, CRLF", "latin-1, CR"])
def test_every_common_encoding_builds_with_every_letter(book: BookFolder, encoding: str) -> None:
    raw = encoded(encoding)
    built = assert_built(build(one_story(book, raw)))
    expected = WINDOWS if "1252" in encoding or "utf" in encoding else LATIN.replace("€", "E")
    assert_all_text_there(expected, built)


def test_a_guessed_encoding_is_reported_where_it_first_matters(book: BookFolder) -> None:
    one_story(book, encoded("windows-1252, CRLF"))
    checked = run_command(book, "check", book.root)
    assert_diagnostic(checked, "OCT202", "s/story.txt", 1, "info")
    assert "read as cp1252" in checked.output


def test_mojibake_is_reported_with_its_line_and_repaired_by_fix(book: BookFolder) -> None:
    damaged = WINDOWS.encode("utf-8").decode("cp1252", errors="replace").replace("\ufffd", "")
    one_story(book, damaged.encode("utf-8"))
    outcome = build(book, "--epub")
    assert_built(outcome, ("epub",))
    assert_diagnostic(outcome, "OCT301", "s/story.txt", 3, "warning")
    fixed = run_command(book, "fix", book.root)
    assert fixed.run.returncode == 0, fixed.output
    repaired = (book.root / "s" / "story.txt").read_text(encoding="utf-8")
    assert "crème brûlée" in repaired and "Ã" not in repaired and "â€" not in repaired


def test_control_and_bidi_characters_never_reach_the_epub(book: BookFolder) -> None:
    text = ("Control\n\nA bell\x07 rang, a NUL\x00 hid, a form feed\x0c fell.\n\n"
            "The price is \u202e01$\u202c today, \u2067isolated\u2069 too.\n")
    one_story(book, text.encode("utf-8"))
    outcome = build(book)
    built = assert_built(outcome)
    assert_diagnostic(outcome, "OCT207", "s/story.txt", 3, "warning")
    assert_diagnostic(outcome, "OCT302", "s/story.txt", 5, "warning")
    assert_all_text_there(text, built)
    with zipfile.ZipFile(built["epub"]) as archive:
        xhtml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                        if n.endswith(".xhtml"))
    for char in "\x07\x00\x0c\u202e\u202c\u2067\u2069":
        assert char not in xhtml, hex(ord(char))
    assert epubcheck_problems(built["epub"]) == []


def test_bytes_that_are_no_text_encoding_are_refused(book: BookFolder) -> None:
    one_story(book, bytes(range(256)) * 64)
    outcome = build(book)
    assert_refused(outcome, "OCT201", "book.yaml", 5)  # the manifest entry naming the file
    assert "s/story.txt: not a text file" in outcome.output
