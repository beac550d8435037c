"""Novel, collection or anthology: inferred from the authors, or said; bylines, labels and
running heads follow."""

from __future__ import annotations

from pathlib import Path

from octavo.backends.base import NullProgress
from octavo.diagnostics import Diagnostics
from octavo.document import Book
from octavo.pipeline import load_book


def book_of(tmp_path: Path, manifest: str, files: dict[str, str]) -> tuple[Book, Diagnostics]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "book.yaml").write_text(manifest, encoding="utf-8")
    diags = Diagnostics()
    return load_book(tmp_path / "book.yaml", diags, NullProgress()), diags


CHAPTERS = {"chapter-1.txt": "It began.\n", "chapter-2.txt": "It went on.\n"}
STORIES = {"harbour.txt": "The Harbour\n\nIt began.\n", "rain.txt": "The Rain\n\nIt rained.\n"}


def test_one_author_and_chapter_files_make_a_novel(tmp_path: Path) -> None:
    book, diags = book_of(tmp_path, "title: T\nauthor: Jo\nlanguage: en\n"
                          "contents: [chapter-1.txt, chapter-2.txt]\n", CHAPTERS)
    assert book.kind == "novel" and book.unit_noun == "chapter"
    assert [c.byline for c in book.chapters()] == [None, None]
    assert [d.code for d in diags] == ["OCT165"] and "novel" in diags.items[0].message
    assert book.running_heads("Ch") == ("Jo", "T")


def test_one_author_and_titled_stories_make_a_collection(tmp_path: Path) -> None:
    book, diags = book_of(tmp_path, "title: T\nauthor: Jo\nlanguage: en\n"
                          "contents: [harbour.txt, rain.txt]\n", STORIES)
    assert book.kind == "collection" and book.unit_noun == "story"
    assert [d.code for d in diags] == ["OCT165"] and "collection" in diags.items[0].message
    assert [c.byline for c in book.chapters()] == [None, None]
    assert book.running_heads("The Rain") == ("Jo", "The Rain")


def test_several_authors_make_an_anthology_with_bylines_and_no_note(tmp_path: Path) -> None:
    book, diags = book_of(tmp_path, "title: T\neditor: Ed\nlanguage: en\ncontents:\n"
                          "  - {file: harbour.txt, author: Ann}\n  - {file: rain.txt, author: Bo}\n",
                          STORIES)
    assert book.kind == "anthology" and [c.byline for c in book.chapters()] == ["Ann", "Bo"]
    assert list(diags) == []
    # Issue 10: an anthology's versos carry the story's author, its rectos the story's title.
    assert book.running_heads("The Rain", "Bo") == ("Bo", "The Rain")


def test_running_heads_said_in_the_manifest_win_over_the_kinds(tmp_path: Path) -> None:
    anthology, _ = book_of(tmp_path, "title: T\neditor: Ed\nlanguage: en\n"
                           "build: {running_heads: {verso: book-title}}\ncontents:\n"
                           "  - {file: harbour.txt, author: Ann}\n"
                           "  - {file: rain.txt, author: Bo}\n", STORIES)
    assert anthology.running_heads("The Rain", "Bo") == ("T", "The Rain")
    # A back-matter page has no author: the anthology's default verso falls back to its editors.
    plain, _ = book_of(tmp_path, "title: T\neditor: Ed\nlanguage: en\ncontents:\n"
                       "  - {file: harbour.txt, author: Ann}\n  - {file: rain.txt, author: Bo}\n",
                       STORIES)
    assert plain.running_heads("Acknowledgements") == ("Ed", "Acknowledgements")
    novel, _ = book_of(tmp_path, "title: T\nauthor: Jo\nlanguage: en\n"
                       "build: {running_heads: {recto: story-title}}\n"
                       "contents: [chapter-1.txt, chapter-2.txt]\n", CHAPTERS)
    assert novel.kind == "novel" and novel.running_heads("Ch") == ("Jo", "Ch")


def test_kind_said_wins_and_hidden_authors_are_reported(tmp_path: Path) -> None:
    book, diags = book_of(tmp_path, "title: T\nauthor: Jo\nkind: novel\nlanguage: en\n"
                          "contents:\n  - harbour.txt\n  - {file: rain.txt, author: Guest}\n",
                          STORIES)
    assert book.kind == "novel" and [d.code for d in diags] == ["OCT166"]
    assert "Guest" in diags.items[0].message
    said, quiet = book_of(tmp_path, "title: T\nauthor: Jo\nkind: anthology\nlanguage: en\n"
                          "contents: [harbour.txt, rain.txt]\n", STORIES)
    assert said.kind == "anthology" and list(quiet) == []
    assert [c.byline for c in said.chapters()] == ["Jo", "Jo"]


def test_numbering_in_words_digits_and_other_languages(tmp_path: Path) -> None:
    base = "title: T\nauthor: Jo\nkind: novel\ncontents: [chapter-1.txt, chapter-2.txt]\n"
    words, _ = book_of(tmp_path, base + "language: en\nnumbering: words\n", CHAPTERS)
    assert [c.shown_label for c in words.chapters()] == ["Chapter One", "Chapter Two"]
    digits, _ = book_of(tmp_path, base + "language: en\nnumbering: digits\n", CHAPTERS)
    assert [c.shown_label for c in digits.chapters()] == ["Chapter 1", "Chapter 2"]
    french, _ = book_of(tmp_path, base + "language: fr\nnumbering: words\n", CHAPTERS)
    assert [c.shown_label for c in french.chapters()] == ["Chapitre Un", "Chapitre Deux"]
    hawaiian, diags = book_of(tmp_path, base + "language: haw\nnumbering: words\n", CHAPTERS)
    assert [c.shown_label for c in hawaiian.chapters()] == ["1", "2"]
    # No number words in Hawaiian (OCT168), and no generated labels either (OCT158).
    assert sorted(d.code for d in diags) == ["OCT158", "OCT168"]
    none, _ = book_of(tmp_path, base + "language: en\n", CHAPTERS)
    assert [c.number_label for c in none.chapters()] == [None, None]
