"""House style chosen in book.yaml reaches the books: quotes, dashes, ellipses, last-word ties
and the drawing of scene breaks."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from octavo.normalise import HouseStyle, house_style_for, typeset
from octavo.pipeline import build
from tests.conftest import BookFolder

STAMP = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
STORY = 'He said -- "It\'s \'odd\'..." and left.\n\n* * *\n\nShe laughed at it all.\n'


def epub_story(book: BookFolder, build_options: str, language: str = "en-US",
               story: str = STORY) -> str:
    book.write("stories/s.txt", story)
    book.manifest(f"title: Tales\nlanguage: {language}\ncontents: [stories/s.txt]\n"
                  f"build: {{{build_options}}}\n")
    result = build(book.root / "book.yaml", book.root / "out", ("epub",), timestamp=STAMP)
    with zipfile.ZipFile(result.artifacts[0].path) as archive:
        # Without the invisible word joiners that keep dashes off line starts (tested apart).
        return archive.read("EPUB/text/story-001.xhtml").decode().replace("\u2060", "")


def test_quotes_are_kept_unless_the_book_asks() -> None:
    for language in ("en-US", "en-GB", "fr"):
        assert house_style_for(language).quotes is None
        assert house_style_for(language, "keep").quotes is None
    assert house_style_for("en-GB", quotes="american").quotes.outer == ("“", "”")  # type: ignore[union-attr]
    assert house_style_for("en-US", quotes="british").quotes.outer == ("‘", "’")  # type: ignore[union-attr]


def test_the_authors_marks_are_kept_by_default(book: BookFolder) -> None:
    xhtml = epub_story(book, "trim: 6x9")
    assert "He said—“It’s ‘odd’…” and left." in xhtml
    assert '<hr class="scene-break ornament"/>' in xhtml


def test_american_conversion(book: BookFolder) -> None:
    xhtml = epub_story(book, "quotes: american", story="'It's \"odd\",' he said.\n")
    assert "“It’s ‘odd’,” he said." in xhtml


def test_british_spaced_dashes_spaced_ellipsis_and_asterism(book: BookFolder) -> None:
    xhtml = epub_story(book, "quotes: british, dashes: spaced-en, ellipsis: spaced, "
                             "scene_break: asterism")
    assert "He said – ‘It’s “odd”.\u00a0.\u00a0.’ and left." in xhtml  # no-break spaces
    assert '<hr class="scene-break asterism"/>' in xhtml


def test_language_en_gb_alone_does_not_convert(book: BookFolder) -> None:
    assert "He said—“It’s ‘odd’…” and left." in epub_story(book, "scene_break: space", "en-GB")


def test_tie_last_word_is_off_by_default_and_idempotent() -> None:
    text = ["She laughed at it all."]
    assert typeset(text) == text
    tied = typeset(text, HouseStyle(tie_last_word=True))
    assert tied == ["She laughed at it\u00a0all."]
    assert typeset(tied, HouseStyle(tie_last_word=True)) == tied


@pytest.mark.parametrize("bad", ["scene_break: stars", "quotes: french", "tie_last_word: 3"])
def test_unknown_style_values_are_refused(book: BookFolder, bad: str) -> None:
    from octavo.diagnostics import OctavoError

    book.manifest(f"title: Tales\nlanguage: en\ncontents: [stories/one.txt]\nbuild: {{{bad}}}\n")
    with pytest.raises(OctavoError) as caught:
        build(book.root / "book.yaml", book.root / "out", ("epub",), timestamp=STAMP)
    assert caught.value.diagnostics[0].code == "OCT105"


def test_every_scene_break_style_passes_through_both_stylesheets() -> None:
    from octavo.resources import styles_dir

    for sheet in ("epub.css", "print.css"):
        css = (styles_dir() / sheet).read_text(encoding="utf-8")
        for style in ("ornament", "asterism", "space"):
            assert f"hr.scene-break.{style}" in css, (sheet, style)


def test_scene_break_styles_render_in_print(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from tests.print_books import words

    for style, mark in (("ornament", "* * *"), ("asterism", None), ("space", None)):
        book = BookFolder(tmp_path / style)
        book.write("stories/s.txt", STORY)
        book.manifest(f"title: Tales\nlanguage: en\ncontents: [stories/s.txt]\n"
                      f"build: {{scene_break: {style}}}\n")
        result = build(book.root / "book.yaml", book.root / "out", ("pdf",), timestamp=STAMP)
        text = "\n".join(page.extract_text() for page in PdfReader(result.artifacts[0].path).pages)
        flat = " ".join(text.replace("\u2003", " ").replace("\u2002", " ").split())
        if style == "asterism":
            # Three asterisks as a ⁂: one, and below it a pair it stands centred over.
            stars = [word for word in words(result.artifacts[0].path) if word.text == "*"]
            assert len(stars) == 3, flat
            top, left, right = sorted(stars, key=lambda word: (round(word.y0), word.x0))
            assert left.y0 == pytest.approx(right.y0) and left.y0 > top.y0 + 2
            assert left.x1 == pytest.approx(top.x0, abs=0.5)
            assert top.x1 == pytest.approx(right.x0, abs=0.5)
        elif mark is None:
            assert "*" not in flat
        else:
            assert " ".join(mark.split()) in flat, flat
