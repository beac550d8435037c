"""Damaged files of every format: read, or refused with a located diagnostic; never a crash."""

from __future__ import annotations

import random

import pytest

from octavo.diagnostics import OctavoError
from octavo.ingest import load_reader
from octavo.ingest.options import ReadOptions
from tests.formats.docx_fixture import build_document, rewrite
from tests.formats.office_fixtures import RTF, odt_bytes
from tests.formats.web_fixtures import AO3_DOWNLOAD, EPUB_CHAPTERS, FFN_PAGE, epub_bytes

GOOD = {".docx": build_document(), ".odt": odt_bytes(), ".epub": epub_bytes(EPUB_CHAPTERS),
        ".html": AO3_DOWNLOAD.encode(), ".rtf": RTF}


def _damaged(suffix: str, seed: int) -> bytes:
    rng = random.Random(seed)
    data = bytearray(GOOD[suffix])
    match seed % 4:
        case 0:  # truncated
            return bytes(data[: rng.randint(1, len(data) - 1)])
        case 1:  # bytes flipped
            for _ in range(20):
                data[rng.randrange(len(data))] = rng.randrange(256)
            return bytes(data)
        case 2:  # not this format at all
            return bytes(rng.randrange(256) for _ in range(2000))
        case _:
            return b""


def _read(suffix: str, data: bytes) -> None:
    try:
        load_reader(suffix)(data, f"s{suffix}", ReadOptions("accept"))
    except OctavoError as exc:
        assert exc.diagnostics and all(d.span is not None for d in exc.diagnostics)


@pytest.mark.parametrize("suffix", sorted(GOOD))
@pytest.mark.parametrize("seed", range(8))
def test_damaged_files_never_crash(suffix: str, seed: int) -> None:
    _read(suffix, _damaged(suffix, seed))


@pytest.mark.parametrize("part", ["word/document.xml", "word/_rels/document.xml.rels",
                                  "word/styles.xml", "[Content_Types].xml", "word/footnotes.xml"])
def test_word_parts_broken_or_missing(part: str) -> None:
    data = build_document()
    _read(".docx", rewrite(data, {part: b"<not xml"}))
    _read(".docx", rewrite(data, {part: None}))


def test_pages_of_any_shape() -> None:
    for page in ("", "<", "<html>", "plain text, no markup at all", "<p>" * 5000 + "deep",
                 FFN_PAGE.replace("</div>", ""), "\x00\x01binary"):
        _read(".html", page.encode())


@pytest.mark.parametrize("opening", ["<div>", "<b>", "<blockquote>", "<ul><li>", "<span>", "<i><p>"])
def test_pages_nested_past_any_parser_keep_every_word(opening: str) -> None:
    from octavo.document import block_text
    from octavo.ingest.html import read_html

    closing = "".join(f"</{tag}" for tag in reversed(opening.split("<")[1:]))
    page = "<p>Before the nest.</p>" + opening * 20000 + "The deepest words." + closing * 20000 + (
        "<p>After the nest.</p>")
    story = read_html(page.encode(), "deep.html", ReadOptions())
    text = " ".join(block_text(b) for b in story.blocks).split()
    assert text[:3] == ["Before", "the", "nest."] and text[-3:] == ["After", "the", "nest."]
    assert "deepest" in text
    assert "OCT233" in {d.code for d in story.diagnostics}
