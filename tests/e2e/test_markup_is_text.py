"""Markup and template syntax in manuscripts and manifest fields come out as literal text."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import BookFolder
from tests.textcheck import XHTML, element_text, epub_documents, pdf_text

# Typography curls quotes in prose and sets a top-level quotation in double quotes, which is
# right; compare with every quote mark made the same.
STRAIGHT = str.maketrans({"‘": "'", "’": "'", "“": "'", "”": "'", '"': "'"})

HOSTILE = [
    "<script>alert(1)</script>",
    "</p><img src=x onerror=alert(2)>",
    "Fish & Chips & <b>bold</b>",
    "{{ 7*7 }}",
    "{% include 'secret.txt' %}",
]


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[BookFolder, Path]:
    book = BookFolder(tmp_path_factory.mktemp("hostile") / "book")
    book.write("secret.txt", "TOP SECRET CONTENT")
    book.write("stories/plain.txt", "Opening line.\n\n" + "\n\n".join(HOSTILE) + "\n")
    book.write("stories/marked.md", "# {{ 7*7 }} & <i>Title</i>\n\n" + "\n\n".join(HOSTILE) + "\n")
    book.manifest("""
        title: "Tales & <b>Bold</b> {{ 7*7 }}"
        author: "<script>alert(3)</script>"
        language: en
        description: "A & B {% include 'secret.txt' %}"
        dedication: "For <em>you</em> & {{ me }}"
        contents:
          - file: stories/plain.txt
            title: "</title><script>alert(4)</script>"
          - stories/marked.md
        """)
    result = book.build()
    assert result.returncode == 0, result.stderr
    return book, book.root / "dist"


def test_epub_keeps_markup_as_text(hostile_book: tuple[BookFolder, Path]) -> None:
    _, out = hostile_book
    (epub,) = out.glob("*.epub")
    documents = epub_documents(epub)
    all_text = " ".join(element_text(root) for root in documents.values()).translate(STRAIGHT)
    for snippet in [*HOSTILE, "Tales & <b>Bold</b> {{ 7*7 }}", "</title><script>alert(4)</script>",
                    "{{ 7*7 }} & <i>Title</i>", "For <em>you</em> & {{ me }}"]:
        assert snippet.translate(STRAIGHT) in all_text, snippet
    for name, root in documents.items():
        tags = {etree.QName(el).localname for el in root.iter() if isinstance(el.tag, str)}
        assert not tags & {"script", "iframe", "object", "embed", "b", "i"}, name
        for el in root.iter(f"{XHTML}img"):
            assert not any(a.startswith("on") for a in el.attrib), name
    assert "TOP SECRET" not in all_text and " 49 " not in f" {all_text} "


def test_pdf_keeps_markup_as_text(hostile_book: tuple[BookFolder, Path]) -> None:
    _, out = hostile_book
    (pdf,) = out.glob("*.pdf")
    text = " ".join(pdf_text(pdf).split()).translate(STRAIGHT)
    for snippet in ["<script>alert(1)</script>", "Fish & Chips & <b>bold</b>", "{{ 7*7 }}",
                    "{% include 'secret.txt' %}", "</title><script>alert(4)</script>"]:
        assert snippet.translate(STRAIGHT) in text, snippet
    assert "TOP SECRET" not in text
