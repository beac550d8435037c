"""Folios composed from digits at the join, heads drawn per document (pdf_numbers.py).

A folio shift (a story that grows or shrinks) gives every later page a new number and lays out
nothing else: no document, no sheet; the numbers look exactly as WeasyPrint draws them (the
pages render to the same pixels as with whole folio sheets); a stylesheet whose folios digits do
not compose sends the book to whole folio sheets; and a damaged finished document is made again.
"""

from __future__ import annotations

import io
import subprocess
import zlib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageChops

from octavo.backends import pdf_numbered
from octavo.backends.pdf_layout import LAID_OUT_KIND
from octavo.backends.pdf_numbered import HEADED_KIND
from octavo.backends.pdf_numbers import append_drawing, can_append, spliceable
from octavo.cache import CACHE_DIR_NAME
from tests.conftest import BookFolder
from tests.speed.test_join_cache import (
    WORD_BEFORE_FOLIO,
    edit_story,
    entries,
    foreign,
    same_length_edit,
)
from tests.speed.test_pdf_parallel import (
    STORIES,
    digest,
    opening,
    path_of,
    pdf,
    printed_folios,
    write_book,
)

SHEETS = "pdf-folios"


@pytest.fixture(autouse=True)
def _digits_for_short_books(monkeypatch: pytest.MonkeyPatch,
                            request: pytest.FixtureRequest) -> None:
    """These books are short, so that the tests are quick; a book of their length takes the
    whole sheets (cheaper than calibrating), except here, where the digits are under test."""
    if "short_books_take_the_sheets" not in request.node.name:
        monkeypatch.setattr(pdf_numbered, "CALIBRATION_WORTH", 0.0)


def test_short_books_take_the_sheets_and_long_ones_the_digits(book: BookFolder) -> None:
    # A book of a few dozen pages: calibrating would lay out more pages than the book has.
    write_book(book)
    pdf(book, "short", workers=1)
    assert entries(book, HEADED_KIND) == set() and entries(book, SHEETS)
    # The same rule, on the book's page count: the 100k-word benchmark book (300 pages, 30
    # stories) composes its folios from digits.
    from types import SimpleNamespace

    def long_book(pages: int, documents: int) -> bool:
        return pdf_numbered.worth_calibrating(SimpleNamespace(  # type: ignore[arg-type]
            body_folios=[None] * pages, body=[None] * documents))

    assert long_book(300, 30) and not long_book(60, 3) and not long_book(150, 30)


def test_a_spliced_stream_decodes_to_the_content_and_the_drawing_appended() -> None:
    content = b"1 0 0 -1 0 648 cm\nBT /F 10 Tf (x) Tj ET\n" * 200
    encoded = spliceable(content)
    assert zlib.decompress(encoded) == content and can_append(encoded)
    once = append_drawing(encoded, b"q\nBT [<0014>] TJ ET\nQ\n", ending=content)
    assert zlib.decompress(once) == content + b"q\nBT [<0014>] TJ ET\nQ\n"
    assert not can_append(once)  # its final block is no longer the empty one
    assert not can_append(zlib.compress(content))
    with pytest.raises(ValueError):
        append_drawing(zlib.compress(content), b"Q\n")


def rendered(path: Path, out: Path) -> list[Image.Image]:
    out.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(path), str(out / "p")], check=True)
    return [Image.open(page).convert("L") for page in sorted(out.glob("*.png"))]


def test_folios_from_digits_look_as_the_folio_sheets_draw_them(
        book: BookFolder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    write_book(book, "any", stories=(*STORIES, ("Delta Sand", 6)))
    digits = pdf(book, "digits", workers=1, use_cache=False)
    monkeypatch.setattr(pdf_numbered, "folio_model", lambda *args: None)
    sheets = pdf(book, "sheets", workers=1, use_cache=False)
    assert printed_folios(digits) == printed_folios(sheets)
    ours, theirs = rendered(path_of(digits), tmp_path / "d"), rendered(path_of(sheets),
                                                                       tmp_path / "s")
    assert len(ours) == len(theirs) == digits.artifacts[0].pages
    for index, (a, b) in enumerate(zip(ours, theirs, strict=True)):
        assert ImageChops.difference(a, b).getbbox() is None, f"page {index + 1} differs"


def test_a_folio_shift_draws_new_numbers_and_lays_out_nothing_else(book: BookFolder) -> None:
    write_book(book)
    before = pdf(book, "before", workers=1)
    laid_out, headed, sheets = (entries(book, kind) for kind in (LAID_OUT_KIND, HEADED_KIND,
                                                                  SHEETS))
    write_book(book, stories=(("Alpha Tide", 30), *STORIES[1:]))  # the first story grows
    after = pdf(book, "after", workers=1)
    # Laid out again: the grown story, and the contents page (its numbers changed).
    assert len(entries(book, LAID_OUT_KIND) - laid_out) == 2
    assert len(entries(book, HEADED_KIND) - headed) == 1  # the grown story, finished again
    assert entries(book, SHEETS) == sheets  # no sheet laid out again
    old, new = printed_folios(before), printed_folios(after)
    beta, gamma = opening(before, "Beta Wind"), opening(before, "Gamma Light")
    shift = opening(after, "Gamma Light") - gamma
    assert shift > 0 and opening(after, "Beta Wind") - beta == shift
    # The later stories' pages are the pages they were, under numbers `shift` higher: the same
    # words, the same heads, the new folio where the old one was.
    for index in range(beta, gamma + 2):
        label, margin, count = old[index]
        new_label, new_margin, new_count = new[index + shift]
        assert new_label == str(int(label) + shift) and new_count == count
        assert [w for w in new_margin if w != new_label] == [w for w in margin if w != label]
        assert (label in margin) == (new_label in new_margin)
    assert digest(after) == digest(pdf(book, "cold", workers=1, use_cache=False))


def test_an_edit_that_keeps_the_page_count_finishes_that_story_alone(book: BookFolder) -> None:
    write_book(book)
    pdf(book, "first", workers=1)
    headed, sheets = entries(book, HEADED_KIND), entries(book, SHEETS)
    assert len(headed) == len(STORIES)
    edit_story(book, 1, same_length_edit)
    warm = pdf(book, "warm", workers=1)
    assert len(entries(book, HEADED_KIND) - headed) == 1
    assert entries(book, SHEETS) == sheets
    assert digest(warm) == digest(pdf(book, "cold", workers=1, use_cache=False))


def test_a_word_before_the_folio_sends_the_book_to_whole_folio_sheets(book: BookFolder) -> None:
    write_book(book, css=WORD_BEFORE_FOLIO)
    result = pdf(book, "first", workers=1)
    assert entries(book, HEADED_KIND) == set()  # no document finished for digits
    folios = printed_folios(result)
    rectos = [margin for label, margin, _ in folios.values()
              if int(label) % 2 == 1 and "p." in margin]
    assert rectos and all(label in margin for label, margin, _ in folios.values()
                          if int(label) % 2 == 1 and "p." in margin)
    assert digest(pdf(book, "warm", workers=1)) == digest(
        pdf(book, "cold", workers=1, use_cache=False))


@pytest.mark.parametrize("damage", ["truncated", "another PDF", "content cut otherwise"])
def test_a_damaged_headed_document_is_finished_again(book: BookFolder, damage: str) -> None:
    write_book(book)
    cold = pdf(book, "cold", workers=1, use_cache=False)
    pdf(book, "first", workers=1)
    paths = [p for p in (book.root / CACHE_DIR_NAME / HEADED_KIND).rglob("*") if p.is_file()]
    longest = max(paths, key=lambda p: p.stat().st_size)
    payload = longest.read_bytes()
    if damage == "truncated":
        longest.write_bytes(payload[:300])
    elif damage == "another PDF":
        other = io.BytesIO()
        with pikepdf.new() as blank:
            blank.add_blank_page()
            blank.save(other)
        foreign(longest, other.getvalue())
    else:  # the same pages, but their content compressed as a whole: no number can be added
        with pikepdf.open(io.BytesIO(payload[len(b"OCTAVO-CACHE-1\n") + 32:])) as document:
            for page in document.pages:
                contents = page.obj.Contents
                first = contents[0] if isinstance(contents, pikepdf.Array) else contents
                first.write(first.read_bytes())
            out = io.BytesIO()
            document.save(out)
        foreign(longest, out.getvalue())
    assert digest(pdf(book, "again", workers=1)) == digest(cold)
    assert longest.read_bytes() == payload  # made again, and kept
