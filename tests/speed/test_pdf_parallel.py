"""The PDF laid out in parallel and from the cache is the PDF laid out in one process afresh.

Each story is laid out on its own (in worker processes when there are several) with its folios
left out, and the folios are drawn when the stories are joined; so a story after one that grew
is renumbered, not laid out again, and a damaged cache entry is laid out again, not trusted.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pikepdf
import pytest

from octavo.backends import pdf_folios
from octavo.cache import CACHE_DIR_NAME
from octavo.pipeline import BuildResult, build
from tests.conftest import BookFolder
from tests.print_books import STAMP, page_lines, story_text, words

STORIES = (("Alpha Tide", 14), ("Beta Wind", 3), ("Gamma Light", 9))
LAID_OUT = "pdf-document"


def write_book(folder: BookFolder, openings: str = "recto",
               stories: tuple[tuple[str, int], ...] = STORIES, css: str | None = None) -> None:
    names = []
    for index, (title, paragraphs) in enumerate(stories):
        name = f"stories/s{index:02d}.txt"
        folder.write(name, story_text(title, paragraphs, 0, index))
        names.append(name)
    if css is not None:  # the book's own stylesheet, after the house style
        folder.write("build.css", css)
    own = ", css: build.css" if css is not None else ""
    folder.write("book.yaml", (
        "title: Harbour & Tide\nauthor: Ann Writer\nlanguage: en-GB\n"
        f"build: {{openings: {openings}{own}}}\ncontents: [{', '.join(names)}]\n"))


def pdf(folder: BookFolder, out: str, *, workers: int, use_cache: bool = True) -> BuildResult:
    return build(folder.root / "book.yaml", folder.root / out, ("pdf",), timestamp=STAMP,
                 use_cache=use_cache, workers=workers)


def path_of(result: BuildResult) -> Path:
    return result.artifacts[0].path


def digest(result: BuildResult) -> str:
    return hashlib.sha256(path_of(result).read_bytes()).hexdigest()


def laid_out_entries(folder: BookFolder) -> set[str]:
    return {p.name for p in (folder.root / CACHE_DIR_NAME / LAID_OUT).rglob("*") if p.is_file()}


def printed_folios(result: BuildResult) -> dict[int, tuple[str, list[str], int]]:
    """For every body page: its page label (the number a reader's viewer shows), the words
    printed in its head or foot margin (within 0.7 in of the top or bottom edge: its folio and
    running head), and how many words the page has in all."""
    with pikepdf.open(path_of(result)) as document:
        labels = [page.label for page in document.pages]
        height = float(document.pages[0].mediabox[3])
    found: dict[int, tuple[str, list[str], int]] = {
        index: (label, [], 0) for index, label in enumerate(labels) if label.isdigit()}
    for word in words(path_of(result)):
        if word.page in found:
            label, margin, count = found[word.page]
            if word.y1 < 0.7 * 72 or word.y0 > height - 0.7 * 72:
                margin.append(word.text)
            found[word.page] = (label, margin, count + 1)
    return found


@pytest.mark.parametrize("openings", ["recto", "any"])
def test_parallel_and_cached_layouts_are_the_serial_cold_layout(book: BookFolder,
                                                                openings: str) -> None:
    write_book(book, openings)
    serial = pdf(book, "serial", workers=1, use_cache=False)
    parallel = pdf(book, "parallel", workers=2)
    warm = pdf(book, "warm", workers=2)
    assert digest(serial) == digest(parallel) == digest(warm)
    assert words(path_of(serial)) == words(path_of(warm))
    # The folios drawn at the join are the body's page numbers, on every page of text.
    folios = printed_folios(serial)
    assert folios[min(folios)][:2] == ("1", ["1"])  # the first story opens on page 1
    for label, margin, count in folios.values():
        if count:  # every page of text, and no blank one, carries its own number
            assert [word for word in margin if word.isdigit()] == [label]
        else:
            assert margin == []
    assert sum(1 for _, _, count in folios.values() if count) >= 5


def test_a_longer_story_renumbers_the_next_ones_without_laying_them_out_again(
        book: BookFolder) -> None:
    write_book(book)
    before = pdf(book, "before", workers=2)
    first_entries = laid_out_entries(book)
    longer = (("Alpha Tide", 30), *STORIES[1:])
    write_book(book, stories=longer)
    after = pdf(book, "after", workers=2)
    new = laid_out_entries(book) - first_entries
    # The story that changed and the front matter (its contents page lists new numbers); the
    # two stories after it only moved.
    assert len(new) == 2
    cold = pdf(book, "cold", workers=1, use_cache=False)
    assert digest(after) == digest(cold)
    gamma_before, gamma_after = (opening(result, "Gamma Light") for result in (before, after))
    assert gamma_after > gamma_before  # it moved on, and its folio with it
    label, margin, _ = printed_folios(after)[gamma_after]
    assert margin == [label] and printed_folios(cold)[gamma_after] == (label, margin, _)


def opening(result: BuildResult, title: str) -> int:
    """The index of the page where the story `title` opens (not the contents page)."""
    return next(index for index in printed_folios(result)
                if title in " ".join(page_lines(path_of(result), index)))


def test_a_damaged_laid_out_story_is_laid_out_again(book: BookFolder) -> None:
    write_book(book)
    cold = pdf(book, "cold", workers=1, use_cache=False)
    pdf(book, "first", workers=1)
    entries = sorted((book.root / CACHE_DIR_NAME / LAID_OUT).rglob("*"))
    files = [p for p in entries if p.is_file()]
    assert len(files) >= 4  # three stories and the front matter
    files[0].write_bytes(files[0].read_bytes()[:200])  # truncated
    blob = files[1].read_bytes()
    files[1].write_bytes(blob[:-10] + b"0123456789")  # a changed byte: its checksum fails
    again = pdf(book, "again", workers=1)
    assert digest(again) == digest(cold)


def test_laid_out_stories_outlive_a_change_of_the_build_time(book: BookFolder) -> None:
    # The build's time is the newest manuscript's: editing any story changes it, and that
    # alone must not lay out every other story again.
    write_book(book)
    pdf(book, "first", workers=1)
    entries = laid_out_entries(book)
    later = STAMP.replace(day=STAMP.day + 1)
    again = build(book.root / "book.yaml", book.root / "again", ("pdf",), timestamp=later,
                  workers=1)
    cold = build(book.root / "book.yaml", book.root / "cold", ("pdf",), timestamp=later,
                 workers=1, use_cache=False)
    assert laid_out_entries(book) == entries
    assert digest(again) == digest(cold)


def test_folios_drawn_from_a_sheet_in_parts_are_those_of_one_sheet(
        book: BookFolder, monkeypatch: pytest.MonkeyPatch) -> None:
    # The folio sheet is laid out in parts (in parallel, each cached); each part is numbered
    # from its first page, so the folios and heads are those one sheet would draw.
    write_book(book, stories=(*STORIES, ("Delta Sand", 6), ("Echo Reef", 11)))
    monkeypatch.setattr(pdf_folios, "SHEET_PART_PAGES", 10_000)
    whole = pdf(book, "whole", workers=1, use_cache=False)
    monkeypatch.setattr(pdf_folios, "SHEET_PART_PAGES", 2)
    parts = pdf(book, "parts", workers=2)
    sheets = [p for p in (book.root / CACHE_DIR_NAME / "pdf-folios").rglob("*") if p.is_file()]
    assert len(sheets) >= 3
    assert words(path_of(parts)) == words(path_of(whole))
    assert pdf(book, "parts-warm", workers=2).artifacts[0].pages == whole.artifacts[0].pages


def test_the_sheet_is_cut_only_where_a_document_opens_on_a_recto(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_folios, "SHEET_PART_PAGES", 3)
    kinds: list[pdf_folios.FolioKind] = [
        "opening", "running", "running", "opening", "running", "none", "opening", "running",
        "none", "running", "opening"]
    # Index 3 opens a document on a verso, 6 on a recto; 10 opens one on a recto again.
    assert pdf_folios.sheet_parts(kinds) == [(0, 6), (6, 10), (10, 11)]
    assert pdf_folios.sheet_parts([]) == [(0, 0)]
