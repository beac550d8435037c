"""The "every word is there" checks fail on missing, extra and doubled text, and read an EPUB's
documents in reading order."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.textcheck import (
    assert_no_extra_words,
    assert_story_words,
    epub_documents,
    tokens,
)

MANUSCRIPT = tokens("The Harbour\n\nThe boat came in at dawn. Nobody leaves tonight.")


def test_the_exact_story_passes() -> None:
    assert_story_words(MANUSCRIPT, tokens("The Harbour by A. Writer"),
                       tokens("The boat came in at dawn. Nobody leaves tonight."), "EPUB")


@pytest.mark.parametrize("body", [
    "The boat came in at dawn. Nobody EVIL leaves tonight.",  # an injected word
    "The boat came in at dawn. The boat came in at dawn. Nobody leaves tonight.",  # doubled
    "The boat came in at dawn. Nobody leaves.",  # a word missing
    "The boat came in at dusk. Nobody leaves tonight.",  # a word changed
])
def test_extra_doubled_missing_or_changed_text_fails(body: str) -> None:
    with pytest.raises(AssertionError):
        assert_story_words(MANUSCRIPT, tokens("The Harbour"), tokens(body), "EPUB")


def test_pdf_words_beyond_the_manuscripts_and_furniture_fail() -> None:
    furniture = {"Harbour", "Contents", "Tales"}
    pdf = tokens("Tales Contents 3 The Harbour The boat came in at dawn. 4 Harbour Nobody leaves "
                 "tonight.")
    assert_no_extra_words(MANUSCRIPT, pdf, furniture, "PDF")
    for wrong in ("Nobody leaves tonight tonight", "EVIL Nobody leaves tonight"):
        with pytest.raises(AssertionError):
            assert_no_extra_words(MANUSCRIPT, pdf + tokens(wrong), furniture, "PDF")


def test_epub_documents_come_in_spine_order(tmp_path: Path) -> None:
    epub = tmp_path / "book.epub"
    page = ('<html xmlns="http://www.w3.org/1999/xhtml"><body><p>{}</p></body></html>')
    with zipfile.ZipFile(epub, "w") as archive:
        archive.writestr("META-INF/container.xml",
                         '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
                         '<rootfiles><rootfile full-path="EPUB/content.opf"/></rootfiles></container>')
        archive.writestr("EPUB/content.opf",
                         '<package xmlns="http://www.idpf.org/2007/opf"><manifest>'
                         '<item id="a" href="text/a.xhtml"/><item id="z" href="text/z.xhtml"/>'
                         '<item id="nav" href="nav.xhtml"/></manifest>'
                         '<spine><itemref idref="z"/><itemref idref="a"/></spine></package>')
        for name, word in (("EPUB/text/a.xhtml", "second"), ("EPUB/text/z.xhtml", "first"),
                           ("EPUB/nav.xhtml", "nav")):
            archive.writestr(name, page.format(word))
    assert list(epub_documents(epub)) == ["EPUB/text/z.xhtml", "EPUB/text/a.xhtml", "EPUB/nav.xhtml"]
