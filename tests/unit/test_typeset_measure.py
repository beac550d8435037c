"""The typesetting measurement, on PDFs drawn word by word where every answer is known.

The PDFs are written directly with pikepdf in Courier (every glyph 0.6 em wide), so each word's
place, each word space and each baseline is set by the test: a loose line is one whose spaces
the test made wider than half an em, a runt is a last line the test made of one short word.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from typeset_measure import measure_pdf, read_pages

SIZE = 10.0  # pt; Courier advances 6 pt per character
CHAR = 0.6 * SIZE
LEFT, RIGHT = 60.0, 360.0  # the measure: 300 pt, 50 characters
INDENT = 2 * CHAR
TOP, PITCH = 80.0, 14.0
HEIGHT = 600.0


@dataclass(frozen=True)
class L:
    """One line to draw: its words; `full` spreads them over the whole measure (a justified
    line), `indent` starts it one indent in (a paragraph's first line), `centre` centres it."""

    words: str
    full: bool = False
    indent: bool = False
    centre: bool = False
    size: float = SIZE


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _content(lines: list[L | None]) -> bytes:
    """None is an empty line (a blank gap of one line)."""
    ops = ["BT"]
    for row, line in enumerate(lines):
        if line is None:
            continue
        baseline = HEIGHT - (TOP + row * PITCH)
        words = line.words.split()
        width = 0.6 * line.size
        natural = width * sum(len(word) for word in words)
        x = LEFT + (INDENT if line.indent else 0.0)
        if line.centre:
            x = LEFT + (RIGHT - LEFT - natural - width * (len(words) - 1)) / 2
        gap = width
        if line.full and len(words) > 1:
            gap = (RIGHT - x - natural) / (len(words) - 1)
        for word in words:
            ops.append(f"/F1 {line.size} Tf 1 0 0 1 {x:.3f} {baseline:.3f} Tm ({_escape(word)}) Tj")
            x += width * len(word) + gap
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def write_pdf(path: Path, pages: list[list[L | None]]) -> Path:
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Courier,
        Encoding=pikepdf.Name.WinAnsiEncoding))
    for lines in pages:
        page = pikepdf.Page(pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=[0, 0, 420, HEIGHT],
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
            Contents=pdf.make_stream(_content(lines))))
        pdf.pages.append(page)
    pdf.save(path)
    return path


def title(text: str) -> L:
    return L(text, centre=True, size=2 * SIZE)


# 44 letters in 10 words over the 300-pt measure: spaces of 4 pt (0.4 em), not loose.
FULL = "aaaaa bbbbb ccccc ddddd eeee ffff gggg hhhh iiii jjjj"
# A first line, one indent (12 pt) in: 42 letters, spaces of 4 pt.
FIRST = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiiii jjjjj"


def test_reads_lines_words_and_rendered_spaces(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "a.pdf", [[title("Title"), L(FULL, full=True), L("one two")]])
    page = read_pages(pdf)[0]
    assert [line.text for line in page.lines] == ["Title", FULL, "one two"]
    body = page.lines[1]
    assert body.size == pytest.approx(SIZE)
    assert body.baseline == pytest.approx(TOP + PITCH, abs=0.01)
    assert body.x0 == pytest.approx(LEFT, abs=0.01)
    assert body.x1 == pytest.approx(RIGHT, abs=0.01)
    assert body.gaps == pytest.approx([4.0] * 9, abs=0.01)


def test_runts_fragments_and_loose_lines(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "a.pdf", [[
        title("Story"),
        None,
        # 1: three lines, ends in a runt of 3 letters
        L(FIRST, full=True, indent=True),
        L(FULL, full=True),
        L("it."),
        # 2: ends in two words: no runt
        L(FIRST, full=True, indent=True),
        L("of it."),
        # 3: a loose line (3 words over the measure: spaces of 12 em), then a long last word
        L("aaaa bbbb cccc", full=True, indent=True),
        L("extraordinarily."),
        # 4: a hyphenated fragment alone on the last line, however long
        L("aaaa bbbb cccc dddd eeee ffff gggg hhhh extraordi-", full=True, indent=True),
        L("narily."),
        # 5: one line only: never a runt
        L("Yes.", indent=True),
    ]])
    report = measure_pdf(pdf)
    assert report.paragraphs == 5
    assert report.multi_line_paragraphs == 4
    assert [f.text for f in report.of_kind("runt")] == ["it.", "narily."]
    assert report.fragment_runts == 1
    assert report.runt_share == pytest.approx(2 / 4)
    assert report.justified_lines == 5
    assert [f.text for f in report.of_kind("loose")] == ["aaaa bbbb cccc"]
    assert report.loose_share == pytest.approx(1 / 5)


def test_a_first_line_after_a_centred_ornament_or_a_blank_gap_starts_a_paragraph(tmp_path: Path) -> None:
    pdf = write_pdf(tmp_path / "a.pdf", [[
        title("Story"),
        L(FULL, full=True),  # not indented: the first paragraph after the title
        L("end."),
        L("* * *", centre=True),
        L(FULL, full=True),
        L(FULL, full=True),
        None,
        L(FULL, full=True),  # after a blank line: a new paragraph even though the last was full
        L("a b"),
    ]])
    report = measure_pdf(pdf)
    assert report.paragraphs == 3
    assert [f.text for f in report.of_kind("runt")] == ["end."]


def _body(lines: int, last: str = "end of it.") -> list[L | None]:
    return [L(FIRST if index == 0 else FULL, full=True, indent=index == 0)
            for index in range(lines - 1)] + [L(last)]


TURN = [L(FIRST, full=True, indent=True), L(FULL[:-3] + "ab-", full=True)]


def test_pages_spreads_turns_and_last_pages(tmp_path: Path) -> None:
    depth = 20
    pages: list[list[L | None]] = [
        [title("One"), *[None] * 5, *_body(depth - 6)],  # p. 1, recto, opening
        _body(depth),  # p. 2 verso, full
        _body(depth - 1),  # p. 3 recto, one line short: the spread 2–3 is unbalanced
        [*_body(depth - 2), *TURN],  # p. 4: full, ends in a hyphen
        [L(FULL, full=True), L("tail end."), *_body(depth - 2)],  # p. 5 recto: matches p. 4
        _body(3),  # p. 6: the story's last page, 3 lines
        [title("Two"), *[None] * 5, *_body(depth - 6)],  # p. 7 opening
        _body(depth - 4),  # p. 8 verso
        [*_body(depth - 2), *TURN],  # p. 9 recto, hyphen at the turn
        [L(FULL, full=True), L("tail end."), *_body(5)],  # p. 10, last page, 7 lines
    ]
    report = measure_pdf(write_pdf(tmp_path / "a.pdf", pages))
    assert report.body_pages == 10
    assert [f.page for f in report.of_kind("short-page")] == [3, 8]
    assert report.last_pages == 2
    assert [f.page for f in report.of_kind("short-last-page")] == [6]
    assert report.spreads == 3  # 2–3, 4–5, 8–9; 6–7 and 10 hold a last page
    assert report.matched_spreads == 1
    assert report.verso_foot_hyphens == 1
    assert report.page_turn_hyphens == 1
    assert report.widows == 0 and report.orphans == 0


def test_widows_orphans_and_ladders(tmp_path: Path) -> None:
    pages: list[list[L | None]] = [
        [title("One"), *_body(4), L(FIRST, full=True, indent=True)],  # an orphan at the foot
        [L(FULL, full=True), L("orphan's end."), L(FIRST, full=True, indent=True), L(FULL, full=True)],
        [L("a widow."),  # ...and this paragraph's last line alone at the top: a widow
         L("aaaa bbbb cccc dddd eeee ffff gggg hhhh iiiii-", full=True, indent=True),
         L("jjjj bbbb cccc dddd eeee ffff gggg hhhh iiiiii-", full=True),
         L("jjjj bbbb cccc dddd eeee ffff gggg hhhh iiiiii-", full=True),
         L("jjjj the end.")],
    ]
    report = measure_pdf(write_pdf(tmp_path / "a.pdf", pages))
    assert [f.page for f in report.of_kind("orphan")] == [1]
    assert [f.text for f in report.of_kind("widow")] == ["a widow."]
    assert report.hyphenated_lines == 3
    assert report.ladders == 1


def test_front_matter_labelled_in_roman_is_not_measured(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "a.pdf", [[title("Contents"), L("x.")], [title("One"), *_body(3, "it.")]])
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.Root.PageLabels = pikepdf.Dictionary(Nums=[
            0, pikepdf.Dictionary(S=pikepdf.Name.r), 1, pikepdf.Dictionary(S=pikepdf.Name.D)])
        pdf.save(path)
    report = measure_pdf(path)
    assert report.body_pages == 1
    assert [f.page for f in report.of_kind("runt")] == [2]


def test_an_opening_set_a_line_lower_than_the_others_is_counted(tmp_path: Path) -> None:
    depth = 20
    pages: list[list[L | None]] = []
    for sink in (5, 5, 6):  # the third story's text starts a line lower
        pages += [[title("One"), *[None] * sink, *_body(depth - 1 - sink)], _body(depth), _body(8)]
    report = measure_pdf(write_pdf(tmp_path / "a.pdf", pages))
    assert report.low_openings == 1
    assert measure_pdf(write_pdf(tmp_path / "b.pdf", pages[:6])).low_openings == 0
