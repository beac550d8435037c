"""Whatever an author typed reaches the blocks of every format's reader, word for word and in
order: paragraphs of arbitrary text (quotes, markup-like characters, scripts, emoji), with
italic and bold runs, written as Word files, web pages and Markdown."""

from __future__ import annotations

import html
import io
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from octavo.document import block_text, notes_of
from octavo.ingest.docx import read_docx
from octavo.ingest.html import read_html
from octavo.ingest.options import ReadOptions
from tests.property.conftest import PROPERTY

_WORD = re.compile(r"[^\W_]+")
# Words from any script, with the punctuation and symbols manuscripts hold between them.
words = st.text(st.characters(categories=("L", "N"), exclude_characters="\x00"), min_size=1,
                max_size=12)
separators = st.sampled_from([" ", ", ", ". ", " — ", "… ", " “", "” ", " <", "> ", " & ",
                              " * ", " # ", " [", "] ", " `", " \\ ", " 🙂 "])
runs = st.lists(st.tuples(st.lists(words, min_size=1, max_size=6), separators,
                          st.sampled_from(["plain", "italic", "bold"])), min_size=1, max_size=6)
paragraphs = st.lists(runs, min_size=1, max_size=5)


def _text(run: tuple[list[str], str, str]) -> str:
    return " ".join(run[0]) + run[1]


def _expected(story: list[list[tuple[list[str], str, str]]]) -> list[str]:
    return _WORD.findall(" ".join(_text(r) for p in story for r in p))


def _read_words(blocks: tuple) -> list[str]:  # type: ignore[type-arg]
    texts = [block_text(b) for b in blocks] + [block_text(x) for n in notes_of(blocks)
                                                for x in n.blocks]
    return _WORD.findall(" ".join(texts))


@settings(PROPERTY, max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs)
def test_word_files_keep_every_word(story: list[list[tuple[list[str], str, str]]]) -> None:
    from docx import Document

    doc = Document()
    doc.add_paragraph("Title", style="Title")
    for paragraph in story:
        p = doc.add_paragraph()
        for run in paragraph:
            added = p.add_run(_text(run))
            added.italic = run[2] == "italic"
            added.bold = run[2] == "bold"
    buffer = io.BytesIO()
    doc.save(buffer)
    read = read_docx(buffer.getvalue(), "s.docx", ReadOptions())
    assert _read_words(read.blocks) == _expected(story)


@settings(PROPERTY, max_examples=60)
@given(paragraphs)
def test_web_pages_keep_every_word(story: list[list[tuple[list[str], str, str]]]) -> None:
    tags = {"plain": ("", ""), "italic": ("<em>", "</em>"), "bold": ("<b>", "</b>")}
    body = "".join("<p>" + "".join(tags[r[2]][0] + html.escape(_text(r)) + tags[r[2]][1]
                                   for r in paragraph) + "</p>\n" for paragraph in story)
    page = f"<html><head><title>t</title></head><body><article>{body}</article></body></html>"
    read = read_html(page.encode(), "s.html", ReadOptions())
    assert _read_words(read.blocks) == _expected(story)
