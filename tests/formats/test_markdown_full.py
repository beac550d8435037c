"""Markdown with every construct builds to both formats with its structure; deep nesting loses
nothing; .odt and .rtf read as plain structure; other formats are named and refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from octavo.document import Paragraph, SceneBreak, block_text, walk_blocks
from octavo.ingest.markdown import parse_markdown
from tests.conftest import BookFolder
from tests.formats.buildcheck import (
    Built,
    assert_epubcheck_clean,
    assert_pdf_sound,
    assert_words_in_order,
    build_book,
    story_words,
)
from tests.formats.office_fixtures import ODT_WORDS, RTF, RTF_WORDS, odt_bytes
from tests.hardening.harness import assert_refused, build

pytestmark = pytest.mark.xdist_group("markdown")

FULL = """\
---
title: The Night Ferry
subtitle: A Crossing
author: [Ines Albrecht, Tom Vey]
epigraph: "The sea has no back door."
dedication: For the crew of the Kestrel.
language: en-GB
---

The ferry left at *nine*, **late** as ever, with [Captain Orme]{.smallcaps} at the wheel.[^1]
She wrote the names down:\\
one per line,
and kept the `manifest.txt` open.

#

- coffee
- rope

1. Leave port.
2. Cross.

```verse
Row, row, the water's black,
  the lantern swings and sways,
    and no one rows us back.
```

::: verse
The gulls are gone,
  the wind is on.
:::

After the crossing, nobody spoke.

[^1]: Orme had been a smuggler, *once*.
"""
FULL_WORDS = ("The sea has no back door The ferry left at nine late as ever with Captain Orme at "
              "the wheel She wrote the names down one per line and kept the manifest txt open coffee "
              "rope Leave port Cross Row row the water s black the lantern swings and sways and no "
              "one rows us back The gulls are gone the wind is on After the crossing nobody spoke")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = BookFolder(tmp_path_factory.mktemp("md") / "book")
    folder.write("s/ferry.md", FULL)
    folder.write("s/orchard.odt", odt_bytes())
    folder.write("s/salt.rtf", RTF)
    folder.manifest("title: Crossings\neditor: Ed\nlanguage: en\ndate: 2024-01-01\n"
                    "contents:\n  - s/ferry.md\n  - s/orchard.odt\n  - s/salt.rtf\n")
    return build_book(folder)


def test_every_word_in_order_and_valid(built: Built) -> None:
    assert_words_in_order(FULL_WORDS, story_words(built.story_xhtml(1)), "Markdown")
    assert_words_in_order(ODT_WORDS, story_words(built.story_xhtml(2)), "OpenDocument")
    assert_words_in_order(RTF_WORDS, story_words(built.story_xhtml(3)), "RTF")
    # A word hyphenated at a line end (or a page turn) is read back whole.
    pdf_text = re.sub(r"[\u2010\u00ad]\n", "", "\n".join(built.pdf_pages()))
    pdf_words = re.findall(r"[^\W\d_]+|\d+", pdf_text)
    assert_words_in_order(RTF_WORDS, pdf_words, "PDF")
    assert_words_in_order(ODT_WORDS.split(" Glass")[0], pdf_words, "PDF")
    assert_epubcheck_clean(built.epub)
    assert built.pdf is not None
    assert_pdf_sound(built.pdf, 8)


def test_markdown_structure(built: Built) -> None:
    xhtml = built.story_xhtml(1)
    assert ">The Night Ferry</h1>" in xhtml and "A Crossing" in xhtml
    assert "by Ines Albrecht and Tom Vey" in xhtml
    assert 'lang="en-GB"' in xhtml  # the story's own language
    assert '<div class="story-epigraph">' in xhtml and '<div class="story-dedication">' in xhtml
    assert '<span class="small-caps">Captain Orme</span>' in xhtml
    assert "<code>manifest.txt</code>" in xhtml and "down:<br/>" in xhtml
    assert '<hr class="scene-break' in xhtml and "<h2></h2>" not in xhtml  # a lone #: a break
    assert "<ul>" in xhtml and "<ol>" in xhtml
    assert '<span class="line indent-1">' in xhtml and '<span class="line indent-2">' in xhtml
    assert re.search(r'href="#note-1" epub:type="noteref"', xhtml)
    assert re.search(r'id="note-1" epub:type="footnote".*href="#noteref-1"', xhtml, re.S)
    pages = [" ".join(page.split()) for page in built.pdf_pages()]
    call = next(i for i, page in enumerate(pages) if "ferry left" in page)
    assert "smuggler" in pages[call]  # the footnote on its call's page


def test_odt_keeps_italics_and_breaks(built: Built) -> None:
    xhtml = built.story_xhtml(2)
    assert ">The Glass Orchard</h1>" in xhtml and "<em>clear as water</em>" in xhtml
    assert '<hr class="scene-break' in xhtml
    assert 'href="#note-1" epub:type="noteref"' in xhtml and "wind is east" in xhtml
    assert "EDITORCOMMENT" not in xhtml  # comments never reach the book
    assert ">The Salt Road</h1>" in built.story_xhtml(3)


@pytest.mark.parametrize("source", [
    ">" * 3000 + " deepest words\n\nThe paragraph after.\n",
    "".join("  " * i + f"- item{i}\n" for i in range(300)) + "\nThe paragraph after.\n",
    "".join("   " * i + f"1. item{i}\n" for i in range(200)) + "\nThe paragraph after.\n",
    "[" * 5000 + " bracketed words\n\nThe paragraph after.\n",
    "*" * 5000 + "starred words\n\nThe paragraph after.\n",
    "> - " * 300 + "mixed words\n\nThe paragraph after.\n",
], ids=["quotes", "bullets", "numbers", "brackets", "stars", "mixed"])
def test_deep_nesting_loses_nothing(source: str) -> None:
    story = parse_markdown(source, "deep.md")
    text = " ".join(block_text(b) for b in walk_blocks(story.blocks)
                    if isinstance(b, Paragraph))
    expected = re.findall(r"[^\W_]+", re.sub(r"[>\-\[*]|\b1\.", " ", source))
    assert_words_in_order(" ".join(expected), re.findall(r"[^\W\d_]+|\d+", text), "deep")
    last = story.blocks[-1]
    assert isinstance(last, Paragraph) and block_text(last) == "The paragraph after."


def test_flattening_is_reported() -> None:
    story = parse_markdown(">" * 50 + " deep\n", "deep.md")
    assert [(d.code, d.span.line if d.span else 0) for d in story.diagnostics] == [("OCT233", 1)]


def test_lone_hash_is_a_break_never_an_empty_heading() -> None:
    story = parse_markdown("One.\n\n#\n\nTwo.\n\n##\n\nThree.\n", "s.md")
    assert [type(b) for b in story.blocks] == [Paragraph, SceneBreak, Paragraph, SceneBreak,
                                               Paragraph]


def test_other_formats_are_named(tmp_path: Path) -> None:
    folder = BookFolder(tmp_path / "book")
    folder.write("s/one.pages", "whatever")
    folder.manifest("title: T\ncontents:\n  - s/one.pages\n")
    outcome = build(folder, "--epub")
    assert_refused(outcome, "OCT201", "book.yaml", 3)
    assert ".docx, .docm, .html, .xhtml, .epub, .odt, .rtf" in outcome.output or (
        ".docx, .html, .xhtml, .epub, .odt, .rtf" in outcome.output)


def test_dashes_around_text_are_breaks_not_front_matter() -> None:
    story = parse_markdown("---\nThe first lines, between breaks.\n---\n\nMore.\n", "s.md")
    # (CommonMark reads a line over `---` as a heading: the words stay, whatever they become.)
    texts = [block_text(b) for b in story.blocks if block_text(b)]
    assert texts == ["The first lines, between breaks.", "More."] and story.meta.title is None


def test_unknown_front_matter_keys_are_reported() -> None:
    story = parse_markdown("---\ntitle: Tide\nrating: T\n---\n\nBody.\n", "s.md")
    assert story.meta.title == "Tide"
    assert [(d.code, "rating" in d.message) for d in story.diagnostics] == [("OCT235", True)]
