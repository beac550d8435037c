"""Markup, template syntax and hostile links in any field or manuscript stay inert text.

(tests/e2e/test_markup_is_text.py holds the first, smaller version of this; this module puts a
hostile string in every text field the manifest has, and Markdown links and images too.)
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import BookFolder
from tests.hardening.harness import (
    assert_built,
    assert_reported,
    build,
    epubcheck_problems,
)
from tests.textcheck import XHTML, element_text, epub_documents, pdf_text

SCRIPT = "<script>alert(1)</script>"
IMG = "</p><img src=x onerror=alert(2)>"
TEMPLATE = "{{ 7*7 }} {% include 'secret.txt' %}"
AMP = "Fish & Chips < 3"
# Each manifest field gets its own tag so a test can tell which field came out where.
FIELDS = ["title", "subtitle", "author", "editor", "publisher", "rights", "description",
          "dedication", "acknowledgements", "subject", "story title", "story subtitle",
          "story author", "part", "bio", "front title", "front text", "back title"]
STRAIGHT = str.maketrans({"‘": "'", "’": "'", "“": "'", "”": "'", '"': "'"})


def hostile(field: str) -> str:
    return f"[{field}] {SCRIPT} {IMG} {TEMPLATE} {AMP}"


def manifest() -> str:
    value = {name: json.dumps(hostile(name)) for name in FIELDS}  # JSON strings are YAML
    return f"""\
title: {value['title']}
subtitle: {value['subtitle']}
author: {value['author']}
editor: {value['editor']}
language: en
publisher: {value['publisher']}
rights: {value['rights']}
description: {value['description']}
subjects: [{value['subject']}]
dedication: {value['dedication']}
acknowledgements: {value['acknowledgements']}
contents:
  - file: s/plain.txt
    title: {value['story title']}
    subtitle: {value['story subtitle']}
    author: {value['story author']}
  - part: {value['part']}
    contents:
      - s/marked.md
contributors:
  - name: {value['story author']}
    bio: {value['bio']}
front:
  - title: {value['front title']}
    file: s/before.md
back:
  - title: {value['back title']}
    file: s/after.md
"""


MARKDOWN = f"""\
# The Marked Story

A paragraph with {SCRIPT} and {IMG} and {TEMPLATE} and {AMP}.

<iframe src="https://example.com/"></iframe>

A [script link](javascript:alert(3)), a [file link](file:///etc/passwd), a
[relative link](../../secret.txt) and a [good link](https://example.com/page).

![an image outside the book](../../secret.png) and ![remote](https://example.com/x.png).

<a href="javascript:alert(4)" onclick="alert(5)">raw html link</a>
"""


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[BookFolder, dict[str, Path],
                                                                    str]:
    folder = BookFolder(tmp_path_factory.mktemp("data") / "book")
    folder.write("secret.txt", "TOP SECRET CONTENT")
    folder.write("s/plain.txt", f"Opening line.\n\n{SCRIPT}\n\n{IMG}\n\n{TEMPLATE}\n\n{AMP}\n")
    folder.write("s/marked.md", MARKDOWN)
    folder.write("s/after.md", f"An afterword with {SCRIPT} in it.\n")
    folder.write("s/before.md", hostile("front text") + "\n")
    folder.write("book.yaml", manifest())
    outcome = build(folder)
    return folder, assert_built(outcome), outcome.output


def all_epub_text(epub: Path) -> str:
    return " ".join(element_text(root) for root in epub_documents(epub).values())


def test_every_manifest_field_comes_out_literally_in_the_epub(
        hostile_book: tuple[BookFolder, dict[str, Path], str]) -> None:
    _, built, _ = hostile_book
    text = " ".join(all_epub_text(built["epub"]).split()).translate(STRAIGHT)
    with zipfile.ZipFile(built["epub"]) as archive:
        opf = archive.read("EPUB/content.opf").decode("utf-8")
    shown_in_opf_only = {"description", "rights", "subject", "publisher"}
    for field in FIELDS:
        if field in shown_in_opf_only:
            assert f"[{field}] &lt;script&gt;" in opf, field
        else:
            assert hostile(field).translate(STRAIGHT) in text, field


def test_no_live_markup_or_unsafe_link_reaches_the_epub(
        hostile_book: tuple[BookFolder, dict[str, Path], str]) -> None:
    _, built, _ = hostile_book
    for name, root in epub_documents(built["epub"]).items():
        tags = {etree.QName(el).localname for el in root.iter() if isinstance(el.tag, str)}
        assert not tags & {"script", "iframe", "object", "embed", "img", "style"}, name
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            assert not any(attr.startswith("on") for attr in element.attrib), name
            for attr in ("href", "src"):
                value = element.get(attr, "")
                assert not value.startswith(("javascript:", "file:", "data:")), (name, value)
                if etree.QName(element).localname == "link" and attr == "href":
                    assert value.endswith(".css") and "//" not in value, (name, value)
        hrefs = [a.get("href") for a in root.iter(f"{XHTML}a")]
        assert not [h for h in hrefs if h and h.startswith("..") and "secret" in h], name
    text = all_epub_text(built["epub"])
    assert "TOP SECRET" not in text and " 49 " not in f" {text} "
    assert "https://example.com/page" in " ".join(
        a.get("href", "") for root in epub_documents(built["epub"]).values()
        for a in root.iter(f"{XHTML}a"))
    assert epubcheck_problems(built["epub"]) == []


def test_unsafe_links_and_images_are_reported_where_they_are(
        hostile_book: tuple[BookFolder, dict[str, Path], str]) -> None:
    _, _, output = hostile_book
    assert_reported(output, "OCT206", "s/marked.md", 8, "warning")
    assert_reported(output, "OCT205", "s/marked.md", 10, "warning")


def test_the_pdf_shows_the_same_text_literally(
        hostile_book: tuple[BookFolder, dict[str, Path], str]) -> None:
    _, built, _ = hostile_book
    # Without white space (a line may break inside "</script>" after the slash) or case (small
    # capitals come out of the PDF as lower case).
    text = "".join(pdf_text(built["pdf"]).split()).translate(STRAIGHT).casefold()
    for field in ("title", "story title", "part", "dedication", "bio", "front text"):
        assert "".join(hostile(field).split()).translate(STRAIGHT).casefold() in text, field
    assert "TOP SECRET" not in text
