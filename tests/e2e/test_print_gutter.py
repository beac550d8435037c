"""The inside margin follows the final page count, by each shop's table: a 30-page, a 320-page
and a 650-page book (16 pt type on 6 × 9 in pages keeps them cheap), each built once. The
margin is measured from poppler's word boxes: justified lines run to the inside margin.

Each build counts its layouts of the whole book (one "PDF" stage of the build's progress per
layout, and the build's OCT450 note when there is more than one): a book whose first count
stays in its step of the table is laid out once, and one whose count crosses a threshold is
laid out again at the margin the count calls for."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from octavo.backends.base import NullProgress
from octavo.check.pdf_preflight import preflight
from octavo.pipeline import build
from octavo.print_profiles import VISIBLE_INSIDE_IN, resolve_rules
from tests.conftest import BookFolder
from tests.print_books import POINTS, SENTENCE, STAMP, words

pytestmark = pytest.mark.xdist_group("print-gutter")

# (profile, words, the shop's step the page count must land in, its gutter). The typesetting
# pass sets about 13 % more words to the page (shrinkable word spaces): 100,000 words make
# some 650 pages, well inside IngramSpark's step from 601.
BOOKS = {
    "30-kdp": ("kdp", 3_000, (24, 150), 0.375),
    "30-ingram": ("ingram", 3_000, (18, 150), 0.5),
    "320-kdp": ("kdp", 49_000, (301, 500), 0.625),
    "650-ingram": ("ingram", 100_000, (601, 1200), 0.875),
}


class Stages(NullProgress):
    """The build's progress, as the console shows it: here only the stages are kept."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def stage(self, name: str, total: int) -> None:
        self.names.append(name)


@dataclass(frozen=True)
class Built:
    path: Path
    layouts: int  # "PDF" stages: one per layout of the whole book
    notes: list[str]  # the OCT450 notes of the build


def _build(root: Path, profile: str, total_words: int) -> Built:
    folder = BookFolder(root)
    paragraphs = total_words // 26 // 4
    for index in range(4):
        folder.write(f"s/{index}.txt", f"Chapter 1: Story {index}\n\n" + "\n\n".join(
            f"{n}. {SENTENCE}" for n in range(paragraphs)) + "\n")
    folder.write("book.yaml", "title: Long\nauthor: A Writer\nlanguage: en\n"
                 "contents: [s/0.txt, s/1.txt, s/2.txt, s/3.txt]\n"
                 f"build: {{trim: 6x9, font_size: 16, print: {profile}}}\n")
    stages = Stages()
    result = build(folder.root / "book.yaml", folder.root / "out", ("pdf",), timestamp=STAMP,
                   progress=stages)
    return Built(result.artifacts[0].path, stages.names.count("PDF"),
                 [d.message for d in result.diagnostics if d.code == "OCT450"])


@pytest.fixture(scope="module", params=sorted(BOOKS))
def built_book(request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Built]:
    profile, total_words, _, _ = BOOKS[request.param]
    return request.param, _build(tmp_path_factory.mktemp(request.param), profile,
                                 total_words)


@pytest.fixture(scope="module")
def long_book(built_book: tuple[str, Built]) -> tuple[str, Path]:
    return built_book[0], built_book[1].path


def inside_margins(path: Path) -> list[float]:
    """For each body page with text, its text's distance from the spine edge (inches)."""
    nearest: dict[int, float] = {}
    for word in words(path):
        inside = word.x0 if word.page % 2 == 0 else 432 - word.x1
        nearest[word.page] = min(nearest.get(word.page, 1e9), inside / POINTS)
    return [nearest[page] for page in sorted(nearest) if page >= 10]


def test_gutter_follows_the_final_page_count(long_book: tuple[str, Path]) -> None:
    key, path = long_book
    profile, _, (low, high), required = BOOKS[key]
    pages = len(PdfReader(path).pages)
    assert low <= pages <= high, f"{key}: {pages} pages"
    assert resolve_rules(profile).required_gutter(pages) == required
    margins = inside_margins(path)
    assert margins
    # Never narrower than the shop's figure; set at that figure plus the visible margin.
    assert min(margins) >= required - 0.005
    assert min(margins) == pytest.approx(required + VISIBLE_INSIDE_IN, abs=0.01)


def test_the_shops_preflight_accepts_it(long_book: tuple[str, Path]) -> None:
    key, path = long_book
    profile = BOOKS[key][0]
    assert preflight(path, resolve_rules(profile)) == []
    if key == "320-kdp":
        # A shop asking a wider gutter than the book has gets located findings: the page, what
        # was measured, what is required (ten pages, then a summary).
        rules = resolve_rules(profile)
        wide = dataclasses.replace(rules, profile=dataclasses.replace(
            rules.profile, gutter_table=((10_000, 1.0),)))
        findings = [f for f in preflight(path, wide) if f.code == "OCT433"]
        assert len(findings) == 11
        pages = len(PdfReader(path).pages)
        for finding in findings[:10]:
            number = re.fullmatch(rf"page (\d+): text (0\.8\d\d) in from the spine edge; KDP "
                                  rf"needs 1 in for {pages} pages", finding.message)
            assert number, finding.message
            assert finding.span.path.endswith(f"#page={number.group(1)}")
        assert findings[-1].message.startswith("and ")


def test_a_count_inside_its_step_is_laid_out_once(built_book: tuple[str, Built]) -> None:
    # Each of these books' first estimate lands in the step its final count is in.
    key, built = built_book
    assert built.layouts == 1 and built.notes == [], key


def test_a_count_across_a_threshold_is_laid_out_again(tmp_path: Path) -> None:
    # 22,000 words: the first estimate (some 152 pages) calls for KDP's 0.5 in gutter; at that
    # margin the book makes 150 pages, inside the 0.375 in step, so it is laid out again there
    # (its paragraphs are all one length: each loses a line at the wider measure).
    built = _build(tmp_path, "kdp", 22_000)
    pages = len(PdfReader(built.path).pages)
    assert built.layouts == 2
    (note,) = built.notes
    first, second = (int(n) for n in re.findall(r"inside margin, (\d+) pages", note))
    assert resolve_rules("kdp").required_gutter(first) == 0.375 and second == pages
    assert note.startswith("laid out 2 times to fit the inside margin to the final page count "
                           "(at a 0.75 in inside margin, ")
    assert note.endswith(f"kept 0.625 in for {pages} pages (KDP requires 0.375 in)")
    margins = inside_margins(built.path)
    assert min(margins) == pytest.approx(0.375 + VISIBLE_INSIDE_IN, abs=0.01)
    assert preflight(built.path, resolve_rules("kdp")) == []
