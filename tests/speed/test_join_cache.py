"""The join's own cache: finished documents, font subsets and the preflight's measures.

The tests of whole folio sheets build a book whose stylesheet puts a word before the folio
(`WORD_BEFORE_FOLIO`), which digits do not compose (pdf_numbers.py): such books still draw
their folios and heads from parts of one sheet. (Folios from digits: test_folio_digits.py.)

A warm build joins documents finished by an earlier build (their folios drawn in), reuses the
font subsets cut for the same glyphs and the preflight's measures of unchanged pages; each is
made again exactly when what it was made from changed, a damaged entry is made again, never
trusted, and the PDF is byte for byte the cold serial build's.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from octavo.backends import pdf_folios, pdf_numbered, pdf_pieces
from octavo.backends.pdf_fonts import NAME_KIND, SUBSET_KIND
from octavo.backends.pdf_memo import MEMO_KIND
from octavo.backends.pdf_pieces import FINISHED_KIND
from octavo.cache import _MAGIC, CACHE_DIR_NAME
from octavo.check import pdf_preflight
from tests.conftest import BookFolder
from tests.print_books import story_text
from tests.speed.test_pdf_parallel import STORIES, digest, pdf, write_book

# A book's own stylesheet that puts a word before the recto folio: not a number of digits.
WORD_BEFORE_FOLIO = '@page body:right { @top-right { content: "p. " counter(page); } }\n'


def entries(folder: BookFolder, kind: str) -> set[str]:
    return {p.name for p in (folder.root / CACHE_DIR_NAME / kind).rglob("*") if p.is_file()}


def edit_story(folder: BookFolder, index: int, edit: Callable[[str], str]) -> None:
    title, paragraphs = STORIES[index]
    folder.write(f"stories/s{index:02d}.txt", edit(story_text(title, paragraphs, 0, index)))


def same_length_edit(text: str) -> str:
    """A proofreader's correction that moves no line: one letter for another."""
    return text.replace("The tide", "The tida", 1)


def foreign(path: Path, payload: bytes) -> None:
    """A well-formed cache entry (its checksum right) whose payload is not what it should be."""
    path.write_bytes(_MAGIC + hashlib.sha256(payload).digest() + payload)


@pytest.fixture
def parts_per_story(monkeypatch: pytest.MonkeyPatch) -> None:
    # Every story a part of the folio sheet of its own (a part is cut only where a document
    # opens on a recto), as in a long book where a part holds a few stories of many pages.
    monkeypatch.setattr(pdf_folios, "SHEET_PART_PAGES", 1)


def test_an_edited_story_is_the_only_document_finished_again(
        book: BookFolder, parts_per_story: None) -> None:
    write_book(book, css=WORD_BEFORE_FOLIO)
    pdf(book, "first", workers=1)
    finished, sheets = entries(book, FINISHED_KIND), entries(book, "pdf-folios")
    assert len(finished) == len(STORIES) + 1  # the stories and the front matter
    edit_story(book, 1, same_length_edit)
    warm = pdf(book, "warm", workers=1)
    assert len(entries(book, FINISHED_KIND) - finished) == 1
    assert entries(book, "pdf-folios") == sheets  # no part of the folio sheet laid out again
    assert digest(warm) == digest(pdf(book, "cold", workers=1, use_cache=False))


def test_a_folio_shift_finishes_the_documents_after_it_again(
        book: BookFolder, parts_per_story: None) -> None:
    write_book(book, css=WORD_BEFORE_FOLIO)
    pdf(book, "first", workers=1)
    finished = entries(book, FINISHED_KIND)
    # The first story grows.
    write_book(book, stories=(("Alpha Tide", 30), *STORIES[1:]), css=WORD_BEFORE_FOLIO)
    warm = pdf(book, "warm", workers=1)
    # The first story, the two after it (their folios moved on) and the contents page.
    assert len(entries(book, FINISHED_KIND) - finished) == len(STORIES) + 1
    assert digest(warm) == digest(pdf(book, "cold", workers=1, use_cache=False))


def test_a_finished_document_from_another_part_of_the_sheet_is_not_reused(
        book: BookFolder, monkeypatch: pytest.MonkeyPatch) -> None:
    # Cut differently, the sheet's parts differ, and so may the folios' resources: the key of a
    # finished document holds the part it was drawn from.
    write_book(book, css=WORD_BEFORE_FOLIO)
    monkeypatch.setattr(pdf_folios, "SHEET_PART_PAGES", 1)
    pdf(book, "first", workers=1)
    finished = entries(book, FINISHED_KIND)
    monkeypatch.setattr(pdf_folios, "SHEET_PART_PAGES", 10_000)
    whole = pdf(book, "whole", workers=1)
    assert len(entries(book, FINISHED_KIND) - finished) == len(STORIES)
    assert digest(whole) == digest(pdf(book, "cold", workers=1, use_cache=False))


@pytest.mark.parametrize("damage", ["truncated", "not a PDF", "another PDF"])
def test_a_damaged_finished_document_is_finished_again(book: BookFolder, damage: str) -> None:
    write_book(book)
    cold = pdf(book, "cold", workers=1, use_cache=False)
    pdf(book, "first", workers=1)
    paths = sorted(p for p in (book.root / CACHE_DIR_NAME / FINISHED_KIND).rglob("*")
                   if p.is_file())
    longest = max(paths, key=lambda p: p.stat().st_size)  # the longest story's, of pages
    if damage == "truncated":
        longest.write_bytes(longest.read_bytes()[:300])
    elif damage == "not a PDF":
        foreign(longest, b"%PDF-1.7\nnot a PDF at all")
    else:  # a whole PDF, but not that document: one blank page
        other = io.BytesIO()
        with pikepdf.new() as blank:
            blank.add_blank_page()
            blank.save(other)
        foreign(longest, other.getvalue())
    again = pdf(book, "again", workers=1)
    assert digest(again) == digest(cold)
    assert longest.is_file()  # made again, and kept


def test_a_font_subset_is_cut_again_only_for_new_glyphs(book: BookFolder) -> None:
    write_book(book)
    pdf(book, "first", workers=1)
    subsets, names = entries(book, SUBSET_KIND), entries(book, NAME_KIND)
    assert subsets  # the body face at least
    assert len(names) >= len(STORIES)  # each document's own subset of it, at least
    edit_story(book, 1, same_length_edit)  # no new letter
    pdf(book, "same-glyphs", workers=1)
    assert entries(book, SUBSET_KIND) == subsets
    assert entries(book, NAME_KIND) == names  # the edited story's subset is the same program
    edit_story(book, 1, lambda text: text.replace("The tide", "Quixotic jazz", 1))
    new_glyphs = pdf(book, "new-glyphs", workers=1)
    assert len(entries(book, SUBSET_KIND) - subsets) == 1  # the body face, with Q, x, j, z
    # The edited story's own subset of the body face is a new program, read once.
    assert len(entries(book, NAME_KIND) - names) == 1
    assert digest(new_glyphs) == digest(pdf(book, "cold", workers=1, use_cache=False))


@pytest.mark.parametrize("kind", [SUBSET_KIND, NAME_KIND])
def test_a_damaged_font_entry_is_made_again(book: BookFolder, kind: str) -> None:
    write_book(book)
    cold = pdf(book, "cold", workers=1, use_cache=False)
    pdf(book, "first", workers=1)
    for path in (book.root / CACHE_DIR_NAME / kind).rglob("*"):
        if path.is_file():
            foreign(path, b"not a font program" if kind == SUBSET_KIND else b"\x00\xff")
    assert digest(pdf(book, "again", workers=1)) == digest(cold)


def measured_pages(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The pages the preflight asks PDFium to measure, recorded as it asks."""
    asked: list[int] = []
    measure = pdf_preflight.text_extents

    def recorded(path: Path, trims: list[tuple[float, float, float, float]],
                 pages: list[int] | None = None) -> object:
        asked.extend(range(len(trims)) if pages is None else pages)
        return measure(path, trims, pages)

    monkeypatch.setattr(pdf_preflight, "text_extents", recorded)
    return asked


def test_the_preflight_measures_only_the_pages_that_changed(
        book: BookFolder, monkeypatch: pytest.MonkeyPatch) -> None:
    write_book(book)
    asked = measured_pages(monkeypatch)
    first = pdf(book, "first", workers=1)
    pages = first.artifacts[0].pages
    assert sorted(asked) == list(range(pages))
    asked.clear()
    again = pdf(book, "again", workers=1)
    assert asked == [] and again.diagnostics == first.diagnostics
    edit_story(book, 1, same_length_edit)
    warm = pdf(book, "warm", workers=1)
    # The pages of the edited story (3 paragraphs: one page or two), nothing else.
    assert 1 <= len(asked) <= 2
    asked.clear()
    cold = pdf(book, "cold", workers=1, use_cache=False)
    assert sorted(asked) == list(range(pages))
    assert warm.diagnostics == cold.diagnostics


def test_a_damaged_preflight_memo_is_measured_again(book: BookFolder,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    write_book(book)
    first = pdf(book, "first", workers=1)
    (memo,) = [p for p in (book.root / CACHE_DIR_NAME / MEMO_KIND).rglob("*") if p.is_file()]
    foreign(memo, b"[1, 2, 3]")
    asked = measured_pages(monkeypatch)
    again = pdf(book, "again", workers=1)
    assert sorted(asked) == list(range(first.artifacts[0].pages))
    assert again.diagnostics == first.diagnostics


def test_documents_finished_in_worker_processes_are_those_finished_here(
        book: BookFolder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    write_book(book, "any", css=WORD_BEFORE_FOLIO)
    serial = pdf(book, "serial", workers=1, use_cache=False)
    monkeypatch.setattr(pdf_pieces, "_DOCUMENTS_FOR_WORKERS", 1)
    finishers = tmp_path / "finishers"
    finish_here = pdf_pieces._finish_here

    def noted(*args: object) -> list[bytes]:  # which process finished documents
        with finishers.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return finish_here(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_pieces, "_finish_here", noted)
    assert digest(pdf(book, "workers", workers=2, use_cache=False)) == digest(serial)
    assert str(os.getpid()) not in finishers.read_text().split()


def test_documents_finished_for_digits_in_workers_are_those_finished_here(
        book: BookFolder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(pdf_numbered, "CALIBRATION_WORTH", 0.0)  # digits for a short book
    write_book(book, "any")
    serial = pdf(book, "serial", workers=1, use_cache=False)
    monkeypatch.setattr(pdf_numbered, "_DOCUMENTS_FOR_WORKERS", 1)
    finishers = tmp_path / "finishers"
    finish_headed = pdf_numbered.finish_headed

    def noted(*args: object) -> bytes:  # which process finished documents
        with finishers.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return finish_headed(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf_numbered, "finish_headed", noted)
    assert digest(pdf(book, "workers", workers=2, use_cache=False)) == digest(serial)
    pids = finishers.read_text().split()
    assert len(pids) == len(STORIES) and str(os.getpid()) not in pids
