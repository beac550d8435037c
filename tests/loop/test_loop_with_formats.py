"""The authoring loop with the input formats: contents patterns and `octavo add` take every
format octavo reads, and the rebuild cache of `watch`/`preview` reads a story again when its
habits or Word settings change."""

from __future__ import annotations

from pathlib import Path

from octavo.backends.base import NullProgress
from octavo.diagnostics import Diagnostics
from octavo.document import block_text
from octavo.pipeline import SourceCache, load_book

PAGE = ("<html><body><h1>The Harbour</h1><p>A/N: Sorry this took so long!</p>"
        "<p>The tide came in over the harbour wall.</p></body></html>")


def test_a_pattern_takes_web_pages_as_well_as_markdown(tmp_path: Path) -> None:
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "2-rain.md").write_text("# The Rain\n\nIt rained.\n", encoding="utf-8")
    (tmp_path / "s" / "10-harbour.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "s" / "notes.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a manuscript
    (tmp_path / "book.yaml").write_text("title: T\neditor: Ed\nlanguage: en\n"
                                        "contents: [s/*]\n", encoding="utf-8")
    book = load_book(tmp_path / "book.yaml", Diagnostics(), NullProgress())
    assert [c.title for c in book.chapters()] == ["The Rain", "The Harbour"]


def test_add_lists_a_web_page(octavo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert octavo(tmp_path, "new", "b").exit_code == 0
    folder = tmp_path / "b"
    (folder / "harbour.html").write_text(PAGE, encoding="utf-8")
    result = octavo(folder, "add", "harbour.html")
    assert result.exit_code == 0, result.output
    assert "harbour.html" in (folder / "book.yaml").read_text(encoding="utf-8")


def test_the_cache_reads_a_story_again_when_its_habits_change(tmp_path: Path) -> None:
    (tmp_path / "harbour.html").write_text(PAGE, encoding="utf-8")
    manifest = tmp_path / "book.yaml"
    cache: SourceCache = {}

    def first_paragraphs(habits: str) -> list[str]:
        manifest.write_text(f"title: T\nauthor: Ann\nlanguage: en\n{habits}"
                            "contents: [harbour.html]\n", encoding="utf-8")
        book = load_book(manifest, Diagnostics(), NullProgress(), memory=cache)
        return [block_text(b) for b in next(iter(book.chapters())).blocks][:1]

    assert first_paragraphs("") == ["A/N: Sorry this took so long!"]
    assert first_paragraphs("habits: {authors_notes: drop}\n") == [
        "The tide came in over the harbour wall."]
    assert first_paragraphs("") == ["A/N: Sorry this took so long!"]
    assert len(cache) == 2  # one reading per setting, each used again
