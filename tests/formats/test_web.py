"""Web pages and EPUBs as manuscripts: an AO3 download, a FanFiction.net page and an AO3-shaped
EPUB build into one book; chrome and hostile markup never reach it, the works' metadata does
where the manifest is silent, and the fan-fiction habits are found and handled as asked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from octavo.diagnostics import OctavoError
from octavo.document import block_text
from octavo.ingest.epub_in import read_epub
from octavo.ingest.html import read_html
from octavo.ingest.options import ReadOptions
from tests.conftest import BookFolder
from tests.formats.buildcheck import (
    Built,
    assert_epubcheck_clean,
    assert_pdf_sound,
    assert_words_in_order,
    build_book,
    story_words,
)
from tests.formats.web_fixtures import (
    AO3_DOWNLOAD,
    AO3_EPUB_CHAPTER,
    AO3_WORDS,
    AO3_WORK_PAGE,
    AO3_WORK_WORDS,
    EPUB_CHAPTERS,
    EPUB_WORDS,
    FFN_PAGE,
    FFN_WORDS,
    epub_bytes,
)
from tests.hardening.harness import assert_diagnostic, assert_refused, build

pytestmark = pytest.mark.xdist_group("web")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = BookFolder(tmp_path_factory.mktemp("web") / "book")
    folder.write("s/tidewater.html", AO3_DOWNLOAD)
    folder.write("s/salt.html", FFN_PAGE)
    folder.write("s/copper.epub", epub_bytes(EPUB_CHAPTERS))
    folder.manifest("""\
        title: Downloads
        editor: Ed Itor
        language: en
        date: 2024-01-01
        contents:
          - s/tidewater.html
          - file: s/salt.html
            habits: {authors_notes: endnote, disclaimers: drop}
          - s/copper.epub
        """)
    return build_book(folder)


def test_every_word_in_order_and_valid(built: Built) -> None:
    for number, words in ((1, AO3_WORDS), (2, FFN_WORDS), (3, EPUB_WORDS)):
        assert_words_in_order(words, story_words(built.story_xhtml(number)), f"story {number}")
    pdf_words = re.findall(r"[^\W\d_]+|\d+", " ".join(built.pdf_pages()))
    assert_words_in_order(f"{AO3_WORDS} {FFN_WORDS} {EPUB_WORDS}", pdf_words, "PDF")
    assert_epubcheck_clean(built.epub)
    assert built.pdf is not None
    assert_pdf_sound(built.pdf, 8)


def test_metadata_gives_titles_and_authors(built: Built) -> None:
    first, second, third = (built.story_xhtml(n) for n in (1, 2, 3))
    assert ">The Tidewater Letters</h1>" in first and "by Wren Calloway" in first
    assert ">Salt and Iron</h1>" in second and "by Pell Marsh" in second
    assert ">The Copper Year</h1>" in third and "by Tamsin Reed" in third
    assert "<h3>Chapter 1: The First Letter</h3>" in first  # chapter headings stay


def test_structure_survives(built: Built) -> None:
    first = built.story_xhtml(1)
    assert "<em>lit</em>" in first and "<strong>fog</strong>" in first
    assert '<span class="small-caps">Harbour Town</span>' in first
    assert first.count('<span class="line">') == 4  # the <br/> lines of the letter
    assert '<hr class="scene-break' in first and '<hr class="scene-break' in built.story_xhtml(3)


def test_nothing_hostile_or_remote_reaches_the_book(built: Built) -> None:
    everything = built.every_byte().decode("utf-8", errors="replace")
    for hostile in ("<script", "onclick", "javascript:", "evil.example", "tracker.example",
                    "<iframe", "url(", "cookie"):
        assert hostile not in everything, hostile
    assert "rocks below the stair" in built.story_xhtml(1)  # the text of the bad link stays
    assert_diagnostic(built.outcome, "OCT230", "s/tidewater.html", None, "warning")


def test_site_chrome_is_dropped(built: Built) -> None:
    everything = " ".join(built.story_xhtml(n) for n in (1, 2, 3))
    for chrome in ("Post Review", "Next", "Privacy", "kudos", "Just In", "Posted originally",
                   "Chapter Text", "Leave kudos"):
        assert chrome not in everything, chrome
    # Summaries and the site's notes are kept aside, not printed in the story.
    assert "forty letters" not in everything and "Thanks to my beta" not in everything


def test_habits_follow_the_manifest(built: Built) -> None:
    second = built.story_xhtml(2)
    assert "I don't own" not in second and "I don’t own" not in second  # dropped, as asked
    notes = second.split('class="story-notes"', 1)
    assert len(notes) == 2 and "This is my first story" in notes[1]  # moved to the end
    assert "Edited 3/4/12" in second  # update stamps: kept by default
    assert "Disclaimer" not in second


def test_epub_with_climbing_paths_is_refused(tmp_path: Path) -> None:
    data = epub_bytes(EPUB_CHAPTERS, extra={"OEBPS/../../../etc/evil.xhtml": b"<p>x</p>"})
    with pytest.raises(OctavoError) as caught:
        read_epub(data, "s.epub", ReadOptions())
    assert caught.value.diagnostics[0].code == "OCT222"
    folder = BookFolder(tmp_path / "book")
    folder.write("s/copper.epub", data)
    folder.manifest("title: T\nlanguage: en\ncontents:\n  - s/copper.epub\n")
    outcome = build(folder)
    assert_refused(outcome, "OCT222", "book.yaml", 4)
    assert not (tmp_path / "etc").exists()


def test_epub_reads_its_spine_in_order(tmp_path: Path) -> None:
    chapters = [(f"Chapter {n}", f"<p>Paragraph number {n} of the story.</p>") for n in range(1, 6)]
    story = read_epub(epub_bytes(chapters), "s.epub", ReadOptions())
    texts = [getattr(b, "children", ()) for b in story.blocks]
    numbers = [int(m) for t in texts for c in t for m in re.findall(r"number (\d)", getattr(c, "value", ""))]
    assert numbers == [1, 2, 3, 4, 5]


def test_chapters_without_headings_never_run_together() -> None:
    chapters = [("The Shaft", "<p>First chapter text.</p>"), ("The Smelter", "<p>Second.</p>")]
    story = read_epub(epub_bytes(chapters, headings=False), "s.epub", ReadOptions())
    kinds = [(type(b).__name__, block_text(b)) for b in story.blocks]
    assert kinds == [("Paragraph", "First chapter text."), ("Heading", "The Smelter"),
                     ("Paragraph", "Second.")]


def test_an_ao3_work_page_saved_from_the_browser() -> None:
    story = read_html(AO3_WORK_PAGE.encode(), "low.html", ReadOptions())
    meta = story.meta
    assert (meta.title, meta.authors, meta.rating, meta.fandoms, meta.words, meta.published,
            meta.language) == ("Low Water", ("Jo Morrow",), "Mature", ("Harbour Town (TV)",), 2318,
                               "2020-06-01", "en")
    assert meta.tags == ("Angst", "Hurt/Comfort")
    assert meta.summary == "The tide goes out and does not come back."
    assert meta.notes == ("For my sister.",)
    text = " ".join(block_text(b) for b in story.blocks)
    assert_words_in_order(AO3_WORK_WORDS, text.replace(",", " ").replace(".", " ").split(), "page")
    for chrome in ("Kudos", "kudos", "Comment", "Terms", "Fandoms", "Entire Work", "Work Text",
                   "For my sister", "tide goes out"):
        assert chrome not in text, chrome


def test_ao3_epub_chapter_notes_are_kept_aside() -> None:
    chapters = [*EPUB_CHAPTERS, ("Chapter 3", AO3_EPUB_CHAPTER)]
    story = read_epub(epub_bytes(chapters, headings=False), "s.epub", ReadOptions())
    text = " ".join(block_text(b) for b in story.blocks)
    assert "Chapter 3: Tailings" in text and "The tailings pond froze" in text
    assert "exams" not in text and "Sorry for the wait, exams!" in story.meta.notes
