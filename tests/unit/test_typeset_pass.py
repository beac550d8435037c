"""The layout pass (backends/pdf_typeset.py, pdf_paginate.py), judged by the measurement.

Small books are built twice, with the pass and without it (everything else equal), and their
PDFs are read back with benchmarks/typeset_measure.py and pdftotext: the pass must remove the
runts and loose lines WeasyPrint leaves, keep every word in order, balance facing pages, and
give the same PDF twice. The pagination model itself is tested on flows made by hand.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from functools import partialmethod
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from octavo.backends.pdf_layout import PdfLayout
from octavo.backends.pdf_paginate import (
    COST_SHORT_LAST_PAGE,
    COST_SHORT_PAGE,
    COST_SHORT_SPREAD,
    Flow,
    Position,
    Unit,
    _page_cost,
    choose_depths,
    fill_page,
    may_be_spaced,
    paginate,
    settle,
    spaced,
)
from octavo.backends.pdf_typeset import (
    SPACED,
    TRACKED,
    Quality,
    VariantSearch,
    _ladders,
    _probe_worthy,
    _reads_better,
    _variants_for,
    has_fault,
    short_last_page,
    split_story_text,
    tie_paragraph_ends,
)
from octavo.pipeline import build
from tests.conftest import BookFolder

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from typeset_measure import measure_pdf, read_pages

REPO = Path(__file__).resolve().parents[2]
STAMP = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
# octavo's on a 6 × 9 in page: the folio's place 0.42 in from the trim, its line and a gap
# (backends/print_geometry.py).
BOTTOM_MARGIN_IN = 0.78


def _paragraphs() -> list[str]:
    """The sample's two stories' paragraphs, headings and sign-offs left out (benchmarks/synth.py)."""
    from synth import SAMPLES, read_paragraphs

    return [paragraph for sample in SAMPLES for paragraph in read_paragraphs(sample)]


def _build(root: Path, paragraphs: list[str], *, typeset: bool, monkeypatch: pytest.MonkeyPatch) -> Path:
    book = BookFolder(root)
    book.write("stories/one.txt", "\n\n".join(paragraphs) + "\n")
    book.write("book.yaml", "title: Small Hours\nauthor: Ann Writer\nlanguage: en-US\n"
               "contents:\n  - {file: stories/one.txt, title: One}\n")
    with monkeypatch.context() as patch:
        patch.setattr(PdfLayout, "render", partialmethod(PdfLayout.render, typeset=typeset))
        result = build(book.root / "book.yaml", book.root / "out", ("pdf",), timestamp=STAMP)
    return result.artifacts[0].path


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A ten-page story of the sample's prose: without the pass, with it, and with it again."""
    monkeypatch = pytest.MonkeyPatch()
    paragraphs = _paragraphs()
    root = tmp_path_factory.mktemp("typeset")
    try:
        return {
            "without": _build(root / "without", paragraphs, typeset=False, monkeypatch=monkeypatch),
            "with": _build(root / "with", paragraphs, typeset=True, monkeypatch=monkeypatch),
            "again": _build(root / "again", paragraphs, typeset=True, monkeypatch=monkeypatch),
        }
    finally:
        monkeypatch.undo()


def test_the_pass_removes_the_runts_and_loose_lines_weasyprint_leaves(books: dict[str, Path]) -> None:
    without = measure_pdf(books["without"], BOTTOM_MARGIN_IN)
    after = measure_pdf(books["with"], BOTTOM_MARGIN_IN)
    assert without.runts >= 2 and without.loose_lines >= 2  # the book has faults to remove
    assert after.runts == 0
    assert after.fragment_runts == 0
    assert after.loose_lines < without.loose_lines
    assert after.loose_share <= 0.02
    assert after.ladders == 0
    assert after.widows == 0 and after.orphans == 0


def test_the_pass_balances_facing_pages(books: dict[str, Path]) -> None:
    without = measure_pdf(books["without"], BOTTOM_MARGIN_IN)
    after = measure_pdf(books["with"], BOTTOM_MARGIN_IN)
    assert without.matched_spreads < without.spreads  # WeasyPrint left a spread unbalanced
    assert after.spreads >= 3
    assert after.matched_spreads == after.spreads
    assert after.short_pages == 0
    assert after.page_turn_hyphens == 0
    assert after.short_last_pages == 0


# The text frame of a 6 × 9 in page (0.78 in top and bottom margins) and a line more, for pages
# run long: running heads above it and the opening page's folio below it are left out.
FRAME = ("-x", "0", "-y", "54", "-W", "432", "-H", "552")


def _body_words(pdf: Path) -> list[str]:
    """The story's words in reading order, from pdftotext inside the text frame of each body
    page (the front matter, labelled in roman numerals, left out), hyphenated words joined
    again, also where the hyphen ends a page and the word goes on overleaf. A blank-line scene
    break at a page's top or foot is drawn as the ornament, which the pass may move to another
    page: its asterisks are no words, and are left out."""
    body = [page.number for page in read_pages(pdf) if not page.front]
    assert body and body[0] > 1  # the book has front matter, and it is left out
    lines = [line.strip() for number in body for line in subprocess.run(
        ["pdftotext", "-raw", *FRAME, "-f", str(number), "-l", str(number), str(pdf), "-"],
        capture_output=True, text=True, check=True).stdout.replace("\f", "\n").splitlines()]
    joined = re.sub(r"[\u2010\u00ad]\n", "", "\n".join(line for line in lines if line))
    return [word for word in joined.replace("\u00a0", " ").split() if word != "*"]


def test_every_word_stays_in_order(books: dict[str, Path]) -> None:
    without, after = _body_words(books["without"]), _body_words(books["with"])
    assert len(after) > 2000
    assert after == without


def test_two_builds_give_the_same_pdf(books: dict[str, Path]) -> None:
    first, second = read_pages(books["with"]), read_pages(books["again"])
    assert [page.lines for page in first] == [page.lines for page in second]
    assert books["with"].read_bytes() == books["again"].read_bytes()


@pytest.fixture(scope="module")
def tide_books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The visual book (tests/visual/): one sentence repeated one to four times a paragraph.
    Tracked a little looser, WeasyPrint breaks some of its paragraphs badly."""
    from tests.print_books import make_book

    books: dict[str, Path] = {}
    for name in ("without", "with"):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(PdfLayout, "render",
                          partialmethod(PdfLayout.render, typeset=name == "with"))
            result = make_book(BookFolder(tmp_path_factory.mktemp(name)), "scene_break: space",
                               stories=(("Alpha Tide", 40), ("Beta Wind", 3)), breaks_every=2)
        books[name] = result.artifacts[0].path
    return books


def test_the_pass_never_breaks_a_paragraph_in_two(tide_books: dict[str, Path]) -> None:
    # A line stopping short inside a justified paragraph reads as the paragraph's end (and a
    # runt): the pass must not take a variant that WeasyPrint broke so.
    without = measure_pdf(tide_books["without"], BOTTOM_MARGIN_IN)
    after = measure_pdf(tide_books["with"], BOTTOM_MARGIN_IN)
    assert without.paragraphs == after.paragraphs >= 43
    assert after.runts <= without.runts
    assert _body_words(tide_books["with"]) == _body_words(tide_books["without"])


_GRID_SENTENCE = "The tide came in over the flats, slow and grey, and the gulls rose with it. "


def _baseline_offsets(pdf: Path) -> list[float]:
    """Per body page, each line's distance below the page's first line of running text, in
    lines (the body's line pitch); openings, running heads and folios (not at the body size),
    ornaments and quotations (set inside their padding, not at the measure's edge) left out."""
    pages = [page for page in read_pages(pdf) if not page.front]
    sizes = [round(line.size, 1) for page in pages for line in page.lines]
    body_size = max(set(sizes), key=sizes.count)
    offsets: list[float] = []
    for page in pages:
        if any(line.size > body_size + 1 for line in page.lines):
            continue  # an opening page: its heading's lines are at the body size in some styles
        body = [line for line in page.lines if abs(line.size - body_size) < 0.1]
        # The lines of the running text that start at the measure's edge (not a paragraph's
        # indented first line, nor a quotation's lines, set inside the quotation's padding).
        left = min((line.x0 for line in body), default=0.0)
        body = [line for line in body if abs(line.x0 - left) < 0.5]
        if len(body) < 3:
            continue
        pitch = min(b.baseline - a.baseline for a, b in pairwise(body))
        offsets += [(line.baseline - body[0].baseline) / pitch for line in body]
    return offsets


@pytest.mark.parametrize(("style", "scene_break"), [
    ("classic", "asterism"), ("modern", "ornament"), ("modern", "asterism"), ("pulp", "ornament"),
    ("pulp", "asterism")])
def test_block_quotes_and_scene_breaks_keep_the_text_on_the_baseline_grid(
        tmp_path: Path, style: str, scene_break: str) -> None:
    # The pass balances spreads by whole lines: a block a fraction of a line taller would put
    # every line after it off the facing page's baselines.
    book = BookFolder(tmp_path)
    text = _GRID_SENTENCE * 8
    book.write("one.md", "\n\n".join([text, f"> {text}\n>\n> {text}", text, "* * *", text,
                                       f"> {text}", "* * *", text, text, "* * *", text, text]) + "\n")
    book.write("book.yaml", "title: Grid\nauthor: Ann Writer\nlanguage: en\n"
               f"build: {{style: {style}, scene_break: {scene_break}}}\ncontents: [one.md]\n")
    pdf = build(book.root / "book.yaml", book.root / "out", ("pdf",),
                timestamp=STAMP).artifacts[0].path
    offsets = _baseline_offsets(pdf)
    assert len(offsets) > 30
    assert max(abs(offset - round(offset)) for offset in offsets) < 0.02


def _opening_grid_error(pdf: Path, opening: int) -> tuple[float, float]:
    """On the story's opening page `opening` (1-based in the PDF): how far (in points) its
    first line of text sits off the baseline grid of the story's next page (the page facing
    a verso opening), and the difference between the two pages' last baselines."""
    pages = read_pages(pdf)
    sizes = [round(line.size, 1) for page in pages for line in page.lines]
    body_size = max(set(sizes), key=sizes.count)

    def body(number: int) -> list[Any]:
        lines = [line for line in pages[number - 1].lines if abs(line.size - body_size) < 0.1]
        return [line for line in lines if line.baseline < 0.9 * 648]  # no folio at the foot

    text, grid = body(opening), body(opening + 1)
    pitch = min(b.baseline - a.baseline for a, b in pairwise(grid))
    first = next(line for line in text if len(line.words) > 3)  # not the byline
    steps = (first.baseline - grid[0].baseline) / pitch
    return abs(steps - round(steps)) * pitch, abs(text[-1].baseline - grid[-1].baseline)


def test_a_story_opening_on_a_verso_sits_on_the_grid_and_ends_level_with_its_recto(
        tmp_path: Path) -> None:
    # `build.openings: any`: the second story opens on the verso after the first's one page,
    # and faces its own page 2. Its text must be on that page's baselines, and end level.
    book = BookFolder(tmp_path)
    paragraphs = _paragraphs()
    book.write("stories/one.txt", "\n\n".join(paragraphs[:3]) + "\n")
    book.write("stories/two.txt", "\n\n".join(paragraphs[:40]) + "\n")
    book.write("book.yaml", "title: Small Hours\nauthor: Ann Writer\nlanguage: en-US\n"
               "build: {openings: any}\ncontents:\n  - {file: stories/one.txt, title: One}\n"
               "  - {file: stories/two.txt, title: Two}\n")
    pdf = build(book.root / "book.yaml", book.root / "out", ("pdf",), timestamp=STAMP).artifacts[0].path
    pages = read_pages(pdf)
    openings = [page.number for page in pages if not page.front
                and any(line.size > 14 and "Two" in line.words for line in page.lines)]
    assert len(openings) == 1 and openings[0] % 2 == 0  # a verso
    off_grid, level = _opening_grid_error(pdf, openings[0])
    assert off_grid < 0.5
    assert level < 0.5


def test_a_story_opening_on_a_recto_sits_on_the_grid(books: dict[str, Path]) -> None:
    pages = read_pages(books["with"])
    opening = next(page.number for page in pages if not page.front)
    off_grid, _ = _opening_grid_error(books["with"], opening)
    assert off_grid < 0.5


# ---- Ties ---------------------------------------------------------------------------------------

def _story(body: str) -> str:
    return ('<body class="story"><section class="story"><header></header>'
            f'<div class="story-text">\n{body}\n</div>\n</section></body>')


def test_a_short_last_word_is_tied_to_the_word_before() -> None:
    html = _story("<p>The boat came in at dawn.</p>\n<p>It rained for <em>three</em> days and nights.</p>")
    tied = tie_paragraph_ends(html)
    assert "<p>The boat came in at\u00a0dawn.</p>" in tied
    assert "days and\u00a0nights.</p>" in tied


def test_no_tie_for_a_long_last_word_a_single_word_or_across_a_tag() -> None:
    html = _story("<p>It was all quite extraordinary.</p>\n<p>Yes.</p>\n<p>She said <em>no</em></p>\n"
                  "<hr class=\"scene-break ornament\"/>")
    assert tie_paragraph_ends(html) == html


def test_text_outside_the_story_is_never_tied() -> None:
    html = "<p>A front matter page.</p>" + _story("<p>It ends here.</p>")
    tied = tie_paragraph_ends(html)
    assert tied.startswith("<p>A front matter page.</p>")
    assert "ends\u00a0here." in tied


def test_the_story_text_splits_into_its_top_level_elements() -> None:
    parts = split_story_text(_story('<p>One <em>a</em>.</p>\n<hr class="x"/>\n<blockquote><p>Two.</p>'
                                    "</blockquote>\n<p>Three<br>four.</p>"))
    assert parts is not None
    assert parts[1] == ['<p>One <em>a</em>.</p>', '<hr class="x"/>',
                        "<blockquote><p>Two.</p></blockquote>", "<p>Three<br>four.</p>"]


# ---- The pagination model, on flows made by hand ------------------------------------------------

LINE = 10.0


def _paragraph(lines: int, hyphen_at: int | None = None) -> Unit:
    unit = Unit(element=None, lines=[object()] * lines, heights=[LINE] * lines)
    unit.hyphenated = [index == hyphen_at for index in range(lines)]
    return unit


def _flow(units: list[Unit], depth: int = 10, pages: int = 12, first: int = 10) -> Flow:
    """Pages of `depth` lines (the first holds `first`), and room to run a line long."""
    page: Any = SimpleNamespace()
    return Flow(units=units, pages=[page] * pages, text_boxes=[], first_top=(depth - first) * LINE,
                bottom=depth * LINE + 0.5, top=0.0, pitch=LINE, margin_bottom=100.0, starts=[])


def test_a_page_fills_as_weasyprint_fills_it_with_orphans_and_widows() -> None:
    flow = _flow([_paragraph(8), _paragraph(3)])
    # 8 lines, then 3 lines that cannot split 2 + 1 (a widow) nor 1 + 2 (an orphan): pushed.
    plan = fill_page(flow, Position(0), 0.0, flow.bottom)
    assert (plan.end, plan.lines) == (Position(1), 8)
    flow = _flow([_paragraph(7), _paragraph(4)])
    # 7 + 3 would leave one line: two go over, so that two lines open the next page.
    plan = fill_page(flow, Position(0), 0.0, flow.bottom)
    assert (plan.end, plan.lines) == (Position(1, 2), 9)


def test_pages_remembered_by_the_search_follow_a_paragraph_set_again() -> None:
    # The search paginates the story thousands of times, a paragraph changed each time: the
    # pages it remembers must be those of the paragraphs in place now, not those before.
    flow = _flow([_paragraph(6), _paragraph(6), _paragraph(6), _paragraph(6)], pages=6)
    first = [(plan.end, plan.lines) for plan in paginate(flow, [0] * 6) or []]
    longer = _paragraph(7)
    original, flow.units[1] = flow.units[1], longer
    changed = [(plan.end, plan.lines) for plan in paginate(flow, [0] * 6) or []]
    fresh = _flow([_paragraph(6), _paragraph(7), _paragraph(6), _paragraph(6)], pages=6)
    assert changed == [(plan.end, plan.lines) for plan in paginate(fresh, [0] * 6) or []]
    assert changed != first
    flow.units[1] = original
    assert [(plan.end, plan.lines) for plan in paginate(flow, [0] * 6) or []] == first


def test_a_scene_break_goes_over_with_the_paragraph_it_would_be_cut_from() -> None:
    scene = Unit(element=None, heights=[2 * LINE], avoid_break_after=True)
    flow = _flow([_paragraph(7), scene, _paragraph(5)])
    plan = fill_page(flow, Position(0), 0.0, flow.bottom)
    assert plan.end == Position(1)  # one line left after the break: it follows the paragraph
    assert plan.lines == 7


def test_a_spread_runs_one_line_long_to_take_a_widow_back() -> None:
    # Page 1 holds 10; then 21 lines: pages 2 and 3 would hold 10 and 10, and the last line
    # alone would widow onto page 4. One line long on both pages of the spread takes it.
    flow = _flow([_paragraph(10), _paragraph(11), _paragraph(10)])
    normal = paginate(flow, [0] * 12)
    assert normal is not None and any(plan.capacity - plan.bottom > 0.75 * LINE for plan in normal[:-1])
    _, deltas = choose_depths(flow)
    plans = paginate(flow, deltas)
    assert plans is not None
    assert deltas[1] == deltas[2]  # both pages of the spread together
    assert all(plan.capacity - plan.bottom <= 0.75 * LINE for plan in plans[:-1])


def test_no_page_ends_on_a_hyphen_where_a_depth_avoids_it() -> None:
    # The spread's recto (page 3) would end on a hyphenated line at normal depth.
    flow = _flow([_paragraph(10), _paragraph(30, hyphen_at=19)])
    normal = paginate(flow, [0] * 12)
    assert normal is not None and normal[2].ends_hyphenated
    _, deltas = choose_depths(flow)
    plans = paginate(flow, deltas)
    assert plans is not None and not any(plan.ends_hyphenated for plan in plans[:-1])


def test_a_story_opening_on_a_verso_balances_pages_one_two_three_four() -> None:
    # `build.openings: any`: a story may open on a verso, and then its pages 1–2, 3–4... face
    # each other. Pages of 10, 10 and 11 lines, then 10: pages 3 and 4 run long together.
    units = [_paragraph(10), _paragraph(10), _paragraph(11), _paragraph(10)]
    flow = _flow(units)
    flow.opens_on_recto = False
    assert [flow.is_recto(index) for index in range(4)] == [False, True, False, True]
    _, deltas = choose_depths(flow)
    plans = paginate(flow, deltas)
    assert deltas == [0, 0, 1, 1]
    assert plans is not None and all(plan.capacity - plan.bottom <= 0.75 * LINE for plan in plans[:-1])
    # Opening on a recto, the same story's pages 2–3 face each other and run long together.
    _, recto_deltas = choose_depths(_flow(units))
    assert recto_deltas[1] == recto_deltas[2] == 1


def _scene_break() -> Unit:
    element: Any = SimpleNamespace(tag="hr", get=lambda name: "scene-break ornament")
    return Unit(element=element, heights=[LINE], avoid_break_after=True)


def test_once_settled_a_scene_break_may_end_a_page_instead_of_leaving_it_short() -> None:
    # Nine lines, a scene break, then five lines: WeasyPrint carries the break overleaf with
    # the paragraph (page 1 a line short); the settled flow lets it end the page (drawn there
    # as the ornament), full depth.
    flow = _flow([_paragraph(9), _scene_break(), _paragraph(5)])
    strict = fill_page(flow, Position(0), 0.0, flow.bottom)
    assert strict.end == Position(1) and not strict.ends_with_scene_break
    settle(flow)
    free = fill_page(flow, Position(0), 0.0, flow.bottom)
    assert free.end == Position(2) and free.ends_with_scene_break
    assert flow.bottom - free.bottom < LINE


def test_settling_puts_the_opening_text_on_the_grid_of_the_other_pages() -> None:
    flow = _flow([_paragraph(30)])
    flow.first_top = 3.28 * LINE  # a heading 3.28 lines tall
    settle(flow)
    assert flow.first_top == 3 * LINE
    flow.first_top = 3.7 * LINE
    settle(flow)
    assert flow.first_top == 4 * LINE


def test_a_ladder_of_hyphens_counts_against_a_paragraph_setting() -> None:
    assert _ladders([True, True, False, True, True, True, True, False]) == 1
    assert _ladders([True, True, False, True, True]) == 0
    # Retracked without the ladder reads better even if it hyphenates as often elsewhere.
    assert _reads_better(Quality(False, 0, 0, 3), Quality(False, 1, 0, 3))
    assert not _reads_better(Quality(True, 0, 0, 0), Quality(False, 1, 0, 3))


def test_a_recto_opening_sinks_a_line_deeper_rather_than_end_a_line_short() -> None:
    # Nine lines, then three that cannot split: the opening would end a line short. Settled,
    # its text starts a line lower and ends at the full depth, level with every other page.
    flow = _flow([_paragraph(9), _paragraph(3), _paragraph(25)])
    settle(flow)
    _, deltas = choose_depths(flow)
    plans = paginate(flow, deltas)
    assert plans is not None
    assert plans[0].top == flow.first_top + LINE and plans[0].capacity == flow.bottom
    assert all(plan.capacity - plan.bottom <= 0.75 * LINE for plan in plans[:-1])
    # Opening on a verso, the opening faces its story's page 2: it never sinks.
    flow = _flow([_paragraph(9), _paragraph(3), _paragraph(25)])
    flow.opens_on_recto = False
    settle(flow)
    plans = paginate(flow, choose_depths(flow)[1])
    assert plans is not None and plans[0].top == flow.first_top


def test_a_scene_break_ending_a_page_draws_its_ornament_on_the_last_baseline() -> None:
    from octavo.backends.pdf_paginate import _drop_to_foot

    moved: list[float] = []
    ornament = SimpleNamespace(translate=lambda dx, dy: moved.append(dy))
    scene_break = SimpleNamespace(children=[ornament], padding_top=7.0, padding_bottom=7.0)
    _drop_to_foot(scene_break)
    assert moved == [7.0]  # down through its bottom padding
    assert (scene_break.padding_top, scene_break.padding_bottom) == (14.0, 0)  # same height


def test_two_paragraphs_together_mend_a_spread_no_one_paragraph_can(monkeypatch: pytest.MonkeyPatch) -> None:
    import octavo.backends.pdf_typeset as pass_module

    # Pages of ten lines. A spread runs a line short; paragraphs 2 and 5 may each be set a
    # line longer, 6 a line shorter. No one of them mends the spread; 2 and 5 together do.
    lengths = [3, 7, 3, 6, 3, 6, 6, 6, 3, 3]
    changes = {2: 1, 5: 1, 6: -1}
    clean = Quality(False, 0, 0, 0)

    def search() -> tuple[int, int, dict[int, str]]:
        flow = _flow([_paragraph(length) for length in lengths], pages=8)
        settle(flow)
        variants = {(index, "loose"): _paragraph(lengths[index] + change)
                    for index, change in changes.items()}
        retracked: dict[int, str] = {}
        found = VariantSearch(flow, variants, dict.fromkeys(variants, clean),
                              dict.fromkeys(range(len(lengths)), clean), retracked, 1000)
        before, deltas = choose_depths(flow)
        return before, found.fix_faults(before, deltas)[0], retracked

    before, after, retracked = search()
    assert before >= COST_SHORT_SPREAD and after == 0
    assert retracked == {2: "loose", 5: "loose"}
    monkeypatch.setattr(pass_module, "LOOKAHEAD", 0)  # one change at a time: stuck
    assert search()[1] == before


@pytest.fixture(scope="module")
def probed(tmp_path_factory: pytest.TempPathFactory) -> SimpleNamespace:
    """A five-page story built with the pass, its probes watched: for the story as first laid
    out, every variant the filter for the pages' sake leaves out, laid out too; and the first
    line of every variant probed."""
    import octavo.backends.pdf_typeset as pass_module

    probe = pass_module.probe_variants
    seen = SimpleNamespace(lengths=[], worthy=0, left_out=0, first_lines=[], opening_lines=[])

    def probe_and_check(html: str, flow: Flow, wanted: dict[int, tuple[str, ...]],
                        lay_out: Any) -> Any:
        if not seen.lengths:  # (the paragraph's lines, a left-out variant's)
            worthy = [index for index in range(len(flow.units)) if _probe_worthy(flow, index)]
            unprobed = {index: tuple(name for name in TRACKED
                                     if name not in _variants_for(flow, index, for_pages=True))
                        for index in worthy}
            found, _ = probe(html, flow, {i: names for i, names in unprobed.items() if names}, lay_out)
            seen.lengths += [(len(flow.units[key[0]].lines), len(unit.lines)) for key, unit in found.items()]
            seen.worthy, seen.left_out = len(worthy), sum(len(names) for names in unprobed.values())
            first = next(index for index, unit in enumerate(flow.units) if unit.child_index == 0)
            opening, _ = probe(html, flow, {first: ("tight",)}, lay_out)
            seen.opening_lines = [unit.lines[0] for unit in opening.values()]
        found, document = probe(html, flow, wanted, lay_out)
        seen.first_lines += [unit.lines[0] for unit in found.values() if unit.child_index > 0]
        return found, document

    monkeypatch = pytest.MonkeyPatch()
    try:
        monkeypatch.setattr(pass_module, "probe_variants", probe_and_check)
        _build(tmp_path_factory.mktemp("probed"), _paragraphs()[:40], typeset=True,
               monkeypatch=monkeypatch)
    finally:
        monkeypatch.undo()
    return seen


def test_the_variants_left_unprobed_for_the_pages_sake_would_not_change_a_paragraph_length(
        probed: SimpleNamespace) -> None:
    assert len(probed.lengths) == probed.left_out > 0
    # A heuristic, but one that almost never leaves out a variant the pages could use...
    assert sum(original != variant for original, variant in probed.lengths) <= 0.02 * len(probed.lengths)
    assert probed.left_out >= probed.worthy * len(TRACKED) // 2  # ... and saves laying out most


def test_no_variant_takes_the_lead_in_of_the_story_first_paragraph(probed: SimpleNamespace) -> None:
    from weasyprint.formatting_structure import boxes

    # The book's lead-in sets the story's first line in small capitals (`p:first-child`); a
    # variant laid out first in its probe document must not be taken for that paragraph...
    assert probed.first_lines
    for line in probed.first_lines:
        for box in line.descendants():
            if isinstance(box, boxes.TextBox):
                assert box.style["font_variant_caps"] == "normal", box.text
    # ... and the first paragraph's own variants are set with it, as in the story (they were
    # never probed: a fragment alone on its last line, `disap-` / `pointed.`, stayed there).
    assert len(probed.opening_lines) == 1
    caps = [box.style["font_variant_caps"] for box in probed.opening_lines[0].descendants()
            if isinstance(box, boxes.TextBox)]
    assert caps and all(cap == "small-caps" for cap in caps)


def test_a_word_broken_across_the_page_turn_alone_is_a_fault_worth_mending() -> None:
    # Seven paragraphs; the sixth's word broken after its fourth line falls at the foot of a
    # recto, the story's only fault. Set without hyphenation it no longer does.
    spec = [(6, None), (4, 2), (3, None), (8, None), (7, None), (6, 3), (7, 2)]
    flow = _flow([_paragraph(lines, hyphen) for lines, hyphen in spec], first=10, pages=8)
    settle(flow)
    variants = {(5, "plain"): _paragraph(6)}
    clean = Quality(False, 0, 0, 0)
    cost, deltas = choose_depths(flow)
    assert has_fault(flow, deltas) and cost < COST_SHORT_SPREAD  # cheaper than a short spread
    search = VariantSearch(flow, variants, dict.fromkeys(variants, clean),
                           dict.fromkeys(range(len(spec)), clean), {}, 1000)
    after, deltas = search.fix_faults(cost, deltas)
    assert not has_fault(flow, deltas) and after < cost
    assert search.retracked == {5: "plain"}


# ---- Blocks of lines (a chat, verse) and the space around blocks ------------------------------

def _chat(turns: int, first: int = 0) -> str:
    names = ("Theo", "Marguerite", "Jonah")
    return "\n".join(f"{names[(first + turn) % 3]}: message number {first + turn} about the fridge"
                     for turn in range(turns))


def test_a_chat_broken_across_a_page_keeps_the_text_on_the_baseline_grid(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Chat blocks (a block of one-line blocks, half a line of padding above and below): one
    # broken across a page leaves half its padding on each page, and WeasyPrint sets every
    # line after it half a line off the facing page's baselines. The pass models such blocks
    # (they were left outside it) and makes each fragment a whole number of lines; a scene
    # break's ornament (a block of one line too) stays a scene break.
    outcomes = _record_outcomes(monkeypatch)
    book = BookFolder(tmp_path)
    text = _GRID_SENTENCE * 7
    parts = []
    for index in range(9):
        parts += [text, _chat(5 + index % 3, index), *(["* * *"] if index % 4 == 1 else [])]
    book.write("stories/one.txt", "\n\n".join([*parts, text]) + "\n")
    book.write("book.yaml", "title: Chat\nauthor: Ann Writer\nlanguage: en-US\n"
               "contents:\n  - {file: stories/one.txt, title: One}\n")
    pdf = build(book.root / "book.yaml", book.root / "out", ("pdf",),
                timestamp=STAMP).artifacts[0].path
    assert sum(outcome.modelled for outcome in outcomes) == 1  # the story (not the front matter)
    offsets = _baseline_offsets(pdf)
    assert len(offsets) > 40
    assert max(abs(offset - round(offset)) for offset in offsets) < 0.02
    report = measure_pdf(pdf, BOTTOM_MARGIN_IN)
    assert report.short_pages == 0 and report.widows == 0 and report.orphans == 0
    words = _body_words(pdf)
    assert words.count("fridge") == sum(5 + index % 3 for index in range(9))


def _chat_unit(lines: int) -> Unit:
    """A block of `lines` one-line blocks with half a line of padding above and below."""
    heights = [LINE] * lines
    heights[0] += LINE / 2
    heights[-1] += LINE / 2
    return Unit(element=None, lines=[object()] * lines, heights=heights, ragged=True,
                pad_top=LINE / 2, pad_bottom=LINE / 2, child_index=1,
                hyphenated=[False] * lines)


def test_a_page_broken_inside_a_chat_ends_on_its_foot_once_settled() -> None:
    # Seven lines, then a chat of four: two of its lines fit below its half line of padding.
    flow = _flow([_paragraph(7), _chat_unit(4), _paragraph(6)])
    as_laid_out = fill_page(flow, Position(0), 0.0, flow.bottom)
    assert as_laid_out.end == Position(1, 2) and as_laid_out.bottom == 9.5 * LINE  # WeasyPrint's
    settle(flow)
    first, second = paginate(flow, [0, 0]) or []
    assert first.end == Position(1, 2) and first.bottom == 10 * LINE  # its last line on the foot
    # The chat's two lines and its padding overleaf make three lines: what follows is on the grid.
    assert second.bottom == (3 + 6) * LINE


def test_a_block_with_a_line_more_space_around_it_mends_a_page_a_line_short() -> None:
    # A story opening on a verso (no deeper sink): eight lines and a one-line block; the
    # three-line paragraph after them cannot break 1 + 2 or 2 + 1, so the page ends a line
    # short, unless the block takes a line more space.
    block = Unit(element=SimpleNamespace(tag="div", get=lambda name: ""), heights=[LINE],
                 child_index=1)
    assert may_be_spaced(block) and not may_be_spaced(_scene_break())
    units = [_paragraph(8), block, _paragraph(3), _paragraph(12), _paragraph(10)]
    flow = _flow(units, first=10, pages=5)
    flow.opens_on_recto = False
    settle(flow)
    cost, deltas = choose_depths(flow)
    assert has_fault(flow, deltas)
    variants = {(1, SPACED): spaced(block, LINE)}
    clean = Quality(False, 0, 0, 0)
    search = VariantSearch(flow, variants, dict.fromkeys(variants, clean),
                           dict.fromkeys(range(len(units)), clean), {}, 1000)
    after, deltas = search.fix_faults(cost, deltas)
    assert not has_fault(flow, deltas) and after < cost
    assert search.retracked == {1: SPACED}
    assert (paginate(flow, deltas) or [])[0].bottom == 10 * LINE  # the page full


def test_a_paragraph_retracked_for_its_reading_may_be_set_again_for_the_pages() -> None:
    # The second paragraph reads better loose (same length) and was set so; set tight it is a
    # line shorter, and only then does the three-line paragraph after it fit on the page,
    # which otherwise ends two lines short.
    units = [_paragraph(3), _paragraph(5), _paragraph(3), *[_paragraph(2) for _ in range(10)]]
    flow = _flow(units, first=10, pages=5)
    settle(flow)
    variants = {(1, "loose"): _paragraph(5), (1, "tight"): _paragraph(4)}
    clean = Quality(False, 0, 0, 0)
    retracked = {1: "loose"}
    flow.units[1] = variants[(1, "loose")]
    cost, deltas = choose_depths(flow)
    assert has_fault(flow, deltas)
    search = VariantSearch(flow, variants, dict.fromkeys(variants, clean),
                           dict.fromkeys(range(len(units)), clean), retracked, 1000)
    after, deltas = search.fix_faults(cost, deltas)
    assert not has_fault(flow, deltas) and after == 0
    assert retracked == {1: "tight"}


def test_a_last_page_costs_more_for_each_line_it_lacks() -> None:
    # The search gains a short last page's lines one at a time: each line is worth having.
    flow = _flow([_paragraph(1)])
    costs = [_page_cost(flow, fill_page(flow, Position(0), 0.0, flow.bottom), 2, True)]
    for lines in (2, 3, 4, 5):
        flow.units = [_paragraph(lines)]
        costs.append(_page_cost(flow, fill_page(flow, Position(0), 0.0, flow.bottom), 2, True))
    assert costs[0] > costs[1] > costs[2] > costs[3] >= COST_SHORT_LAST_PAGE and costs[4] == 0


def _story_ending_on_a_short_page() -> tuple[Flow, dict[tuple[int, str], Unit]]:
    """Pages of ten lines, the story opening on a verso: 10, 10, 10 and 4 lines, the last
    paragraph alone on the last page (4 lines cannot come back: three pages of whole
    paragraphs; run long, a page would have to split a paragraph 1 + 9). The last paragraph
    set looser is a line longer."""
    flow = _flow([_paragraph(10), _paragraph(10), _paragraph(10), _paragraph(4)], pages=5)
    flow.opens_on_recto = False
    settle(flow)
    return flow, {(3, "looser"): _paragraph(5)}


def test_a_short_last_page_no_change_as_good_mends_takes_one_loose_line() -> None:
    # The looser setting that gives the last page its fifth line has one loose line: the
    # ordinary search never takes it; the last resort does, for the last page's sake.
    flow, variants = _story_ending_on_a_short_page()
    clean = Quality(False, 0, 0, 0)
    judged = {(3, "looser"): Quality(False, 0, 1, 0)}
    search = VariantSearch(flow, variants, judged, dict.fromkeys(range(4), clean), {}, 1000)
    cost, deltas = choose_depths(flow)
    assert short_last_page(flow, deltas) and cost >= COST_SHORT_LAST_PAGE
    assert search.fix_faults(cost, deltas) == (cost, deltas) and search.retracked == {}
    after, deltas = search.mend_last_page(cost, deltas)
    assert search.retracked == {3: "looser"} and after == 0
    assert not has_fault(flow, deltas)
    assert [plan.lines for plan in paginate(flow, deltas) or []] == [10, 10, 10, 5]


def test_the_last_resort_never_takes_two_loose_lines_or_a_runt() -> None:
    clean = Quality(False, 0, 0, 0)
    for worse in (Quality(False, 0, 2, 0), Quality(True, 0, 0, 0)):
        flow, variants = _story_ending_on_a_short_page()
        search = VariantSearch(flow, variants, {(3, "looser"): worse},
                               dict.fromkeys(range(4), clean), {}, 1000)
        cost, deltas = choose_depths(flow)
        assert search.mend_last_page(cost, deltas) == (cost, deltas)
        assert search.retracked == {} and short_last_page(flow, deltas)


# ---- Full-page plates ---------------------------------------------------------------------------

def _plate() -> Unit:
    return Unit(element=None, heights=[12 * LINE], child_index=1, plate=True)


def test_a_plate_stays_on_its_page_and_the_text_flows_around_it() -> None:
    # Ten lines, a plate WeasyPrint put on the second page, fifteen lines.
    flow = _flow([_paragraph(10), _plate(), _paragraph(15)], pages=4)
    flow.plates = {1: 1}
    plans = paginate(flow, [0, 0, 0, 0]) or []
    assert [(plan.start, plan.end) for plan in plans] == [
        (Position(0), Position(1)), (Position(1), Position(2)), (Position(2), Position(2, 10)),
        (Position(2, 10), Position(3))]
    assert _page_cost(flow, plans[1], 2, False) == 0  # a plate page is never "short"
    # A page a line short would carry a line onto the plate's page: no such pagination.
    assert paginate(flow, [-1, 0, 0, 0]) is None
    cost, deltas = choose_depths(flow)
    assert cost < 10**9 and (paginate(flow, deltas) or [])[1].start == Position(1)


def test_once_settled_a_plate_moves_to_the_next_page_turn_instead_of_a_short_page() -> None:
    # Ten lines, then four before a plate WeasyPrint put on the third page: the second page
    # would hold four lines. Settled, the text after the plate fills that page and the plate
    # follows at the page turn.
    flow = _flow([_paragraph(10), _paragraph(4), _plate(), _paragraph(8), _paragraph(9)],
                 pages=5)
    flow.plates = {2: 2}
    as_laid_out = paginate(flow, [0] * 5) or []
    assert [plan.lines for plan in as_laid_out] == [10, 4, 0, 10, 7]
    assert _page_cost(flow, as_laid_out[1], 2, False) >= COST_SHORT_SPREAD  # short
    settle(flow)
    cost, deltas = choose_depths(flow)
    plans = paginate(flow, deltas) or []
    assert [plan.plate for plan in plans] == [False, False, True, False]
    assert [plan.lines for plan in plans] == [10, 10, 0, 11] and cost < COST_SHORT_PAGE
    assert plans[1].end == Position(3, 6, plate=2) and plans[3].start == Position(3, 6)
    assert plans[2].reach == 2  # the plate, on the page WeasyPrint gave it


def test_a_story_with_a_plate_goes_through_the_pass(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    # Stories with a full-page plate were left as WeasyPrint laid them out.
    from tests.e2e.test_print_plates import _book

    outcomes = _record_outcomes(monkeypatch)
    pdf = _book(tmp_path / "book", "bleed: true")
    assert sum(outcome.modelled for outcome in outcomes) == 1  # the story
    texts = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"],
                            capture_output=True, text=True, check=True).stdout.strip()
             for n in range(1, int(re.search(r"Pages:\s+(\d+)", subprocess.run(
                 ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout)[1]) + 1)]
    story = [index for index, text in enumerate(texts) if "The tide" in text]
    plate = [index for index in range(story[0], story[-1]) if not texts[index]]
    assert len(plate) == 1  # the plate's page, between text pages, without head or folio
    numbers = [int(n) for n in re.findall(r"^(\d+)\. The tide", "\n".join(texts), re.MULTILINE)]
    assert numbers == list(range(10))  # every paragraph, in order


def _record_outcomes(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The pass's outcome for every story it typesets from now on, in order."""
    import octavo.backends.pdf_typeset as pass_module

    outcomes: list[Any] = []
    typeset_story = pass_module.typeset_story

    def typeset_and_record(html: str, lay_out: Any) -> Any:
        document, outcome = typeset_story(html, lay_out)
        outcomes.append(outcome)
        return document, outcome

    monkeypatch.setattr(pass_module, "typeset_story", typeset_and_record)
    return outcomes
