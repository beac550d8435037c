"""Book conventions a reader sees: blank-line scene breaks never lost at a page turn, stories
that follow on the next page, contents entries kept with their bylines, right-to-left books
bound on the right."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from tests.conftest import BookFolder
from tests.print_books import POINTS, make_book, outline_pages, page_lines, words

pytestmark = pytest.mark.xdist_group("print-conventions")

ORNAMENT = "* * *"


@pytest.fixture(scope="module")
def spaced(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Blank-line scene breaks after every other paragraph: some fall at a page turn."""
    folder = BookFolder(tmp_path_factory.mktemp("space") / "book")
    return make_book(folder, "scene_break: space", stories=(("Alpha Tide", 40),),
                     breaks_every=2).artifacts[0].path


def test_a_blank_line_break_at_a_page_turn_is_drawn_as_the_ornament(spaced: Path) -> None:
    pages = len(PdfReader(spaced).pages)
    at_edges = 0
    for index in range(10, pages):
        lines = [line for line in page_lines(spaced, index) if not line.isdigit()
                 and "ANN WRITER" not in line and "ALPHA TIDE" not in line]  # heads, folios
        ornaments = [n for n, line in enumerate(lines) if line.replace(" ", "") == "***"]
        # Drawn only where the page begins or ends with the break, never mid-page.
        assert all(n in (0, len(lines) - 1) for n in ornaments), (index, lines)
        at_edges += len(ornaments)
    assert at_edges >= 1


def test_a_blank_line_break_mid_page_stays_blank(spaced: Path) -> None:
    # The space itself: consecutive lines of one page, one of them followed by a gap of two
    # line heights (a paragraph gap) where the break was.
    page = [w for w in words(spaced) if w.page == 11]
    tops = sorted({round(w.y0) for w in page})
    gaps = [b - a for a, b in pairwise(tops)]
    line = min(gaps)
    assert any(gap > 1.8 * line for gap in gaps)


@pytest.fixture(scope="module")
def follow_on(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`openings: any`, and enough stories for a contents of two pages."""
    folder = BookFolder(tmp_path_factory.mktemp("any") / "book")
    stories = tuple((f"The Long Story Number {n} of the Harbour Series", 2) for n in range(22))
    return make_book(folder, "openings: any", stories=stories).artifacts[0].path


def test_stories_open_on_the_next_page_with_any(follow_on: Path) -> None:
    with pikepdf.open(follow_on) as pdf:
        opening = outline_pages(pdf)
    starts = [opening[f"The Long Story Number {n} of the Harbour Series"] for n in range(22)]
    gaps = {b - a for a, b in pairwise(starts)}
    assert gaps == {1}, gaps  # one page each, no blank versos between
    assert {s % 2 for s in starts} == {0, 1}  # so some open on a verso
    # Back matter follows the same setting.
    assert opening["About the Contributors"] == starts[-1] + 1


def test_contents_entry_never_splits_from_its_byline(follow_on: Path) -> None:
    with pikepdf.open(follow_on) as pdf:
        toc = outline_pages(pdf)["Contents"]
    found = [w for w in words(follow_on) if w.page in (toc, toc + 1)]
    assert {w.page for w in found} == {toc, toc + 1}  # the contents runs over two pages
    for page in (toc, toc + 1):
        lines = page_lines(follow_on, page)
        entries = [n for n, line in enumerate(lines) if line.startswith("The Long Story")]
        for n in entries:
            assert n + 1 < len(lines) and lines[n + 1] == "Ann Writer", (page, lines)


def test_right_to_left_book_is_bound_on_the_right(tmp_path: Path) -> None:
    result = make_book(BookFolder(tmp_path / "book"), "gutter: 1.2",
                       stories=(("Alpha Tide", 12),), language="he")
    path = result.artifacts[0].path
    with pikepdf.open(path) as pdf:
        assert pdf.Root.ViewerPreferences.Direction == "/R2L"
        start = outline_pages(pdf)["Alpha Tide"]
    # A recto is on the left in a right-to-left book, so its spine edge is its right one, and
    # the 1.2 in gutter is there; a verso (on the right) has it on the left.
    assert start % 2 == 0
    for index, inside_right in ((start + 1, False), (start + 2, True)):
        on_page = [w for w in words(path) if w.page == index]
        left = min(w.x0 for w in on_page) / POINTS
        right = (432 - max(w.x1 for w in on_page)) / POINTS
        inside, outside = (right, left) if inside_right else (left, right)
        assert inside == pytest.approx(1.2, abs=0.02) and outside < 0.7, (index, left, right)
