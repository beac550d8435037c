"""Read any PDF's text lines with PDFium and measure its typesetting (octavo.typeset.measure).

pypdfium2 (Google's PDFium, the engine in Chrome) gives each character's origin on the
baseline, its loose box (the advance, so word spaces are measured exactly as rendered) and the
matrix that turns its nominal font size into the size on the page. It reads a 330-page book
in a few seconds, where pdfminer-based readers take tens of seconds, and it ships as a wheel.

    python benchmarks/typeset_measure.py BOOK.pdf [--list KIND]
"""

from __future__ import annotations

import argparse
import ctypes
import sys
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

SRC = Path(__file__).resolve().parent.parent / "src"
if str(SRC) not in sys.path:
    sys.path.insert(0, str(SRC))

from octavo.typeset.measure import Line, Page, Report, measure  # noqa: E402

_SPACES = frozenset(" \u00a0\u2002\u2003\u2009\u202f")


def _page_lines(page: pdfium.PdfPage) -> tuple[Line, ...]:
    height = page.get_height()
    text = page.get_textpage()
    raw = text.raw
    x, y = ctypes.c_double(), ctypes.c_double()
    matrix = pdfium_c.FS_MATRIX()
    # One character: (char, origin x, baseline from the top, right edge of its advance, size).
    rows: list[list[tuple[str, float, float, float, float]]] = []
    current: list[tuple[str, float, float, float, float]] = []
    for index in range(text.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(raw, index):
            if current:
                rows.append(current)
                current = []
            continue
        char = chr(pdfium_c.FPDFText_GetUnicode(raw, index))
        if char == "\x02":  # PDFium's mark for an ASCII hyphen that ends a line
            char = "-"
        pdfium_c.FPDFText_GetCharOrigin(raw, index, x, y)
        pdfium_c.FPDFText_GetMatrix(raw, index, matrix)
        size = pdfium_c.FPDFText_GetFontSize(raw, index) * abs(matrix.d or matrix.a)
        right = text.get_charbox(index, loose=True)[2]
        baseline = height - y.value
        if current and abs(current[-1][2] - baseline) > 0.5:
            rows.append(current)
            current = []
        current.append((char, x.value, baseline, right, size))
    if current:
        rows.append(current)
    lines = [line for row in rows if (line := _line(row)) is not None]
    lines.sort(key=lambda line: (round(line.baseline, 1), line.x0))
    return tuple(_merge_same_baseline(lines))


def _line(row: list[tuple[str, float, float, float, float]]) -> Line | None:
    words: list[str] = []
    starts: list[float] = []
    ends: list[float] = []
    word = ""
    for char, x0, _, x1, _ in row:
        if char in _SPACES or char in "\r\n":
            if word:
                words.append(word)
                word = ""
            continue
        if not word:
            starts.append(x0)
        word += char
        if len(ends) < len(starts):
            ends.append(x1)
        else:
            ends[-1] = x1
    if word:
        words.append(word)
    if not words:
        return None
    sizes = sorted(size for char, *_, size in row if char not in _SPACES)
    gaps = tuple(start - end for start, end in zip(starts[1:], ends[:-1], strict=True))
    return Line(baseline=row[0][2], x0=starts[0], x1=ends[-1], size=sizes[len(sizes) // 2],
                words=tuple(words), gaps=gaps)


def _merge_same_baseline(lines: list[Line]) -> list[Line]:
    """PDFium may split one visual line into several runs (a change of font, say); join runs that
    share a baseline and follow each other from left to right."""
    merged: list[Line] = []
    for line in lines:
        if merged and abs(merged[-1].baseline - line.baseline) < 0.5 and line.x0 >= merged[-1].x1 - 0.5:
            prev = merged[-1]
            gap = line.x0 - prev.x1
            joined = gap > 0.15 * line.size
            words = (prev.words + line.words) if joined else (
                (*prev.words[:-1], prev.words[-1] + line.words[0], *line.words[1:]))
            gaps = (*prev.gaps, gap, *line.gaps) if joined else (prev.gaps + line.gaps)
            merged[-1] = Line(baseline=prev.baseline, x0=prev.x0, x1=line.x1,
                              size=prev.size,
                              words=words, gaps=gaps)
        else:
            merged.append(line)
    return merged


def _is_front_matter(label: str) -> bool:
    """Front matter is labelled i, ii, iii... in octavo's PDFs (and most books'); body pages
    1, 2, 3... A PDF without labels has no front matter to skip."""
    return bool(label) and not label.isdigit()


def _section_starts(document: pdfium.PdfDocument) -> set[int]:
    """The pages (0-based) the PDF's bookmarks point at: where each story and each back-matter
    section (acknowledgments, contributors) begins. A back-matter page is no story's page."""
    starts: set[int] = set()
    for item in document.get_toc():
        dest = item.get_dest()
        index = dest.get_index() if dest is not None else None
        if index is not None:
            starts.add(index)
    return starts


def read_pages(path: Path) -> list[Page]:
    """Every page of the PDF at `path`, numbered from 1, with its text lines top to bottom.
    Where the PDF has bookmarks, they say which pages open a story or section."""
    document = pdfium.PdfDocument(str(path))
    try:
        starts = _section_starts(document)
        pages = [Page(number=index + 1, lines=_page_lines(document[index]),
                      front=_is_front_matter(document.get_page_label(index)),
                      opening=(index in starts) if starts else None)
                 for index in range(len(document))]
    finally:
        document.close()
    return _without_back_matter(pages) if starts else pages


def _without_back_matter(pages: list[Page]) -> list[Page]:
    """Pages of a bookmarked section that opens without a story's title (a heading larger than
    the body: acknowledgments, notes on the contributors) marked as not measured, as front
    matter is."""
    sizes = [round(line.size, 1) for page in pages for line in page.lines for _ in line.words]
    body = max(set(sizes), key=sizes.count) if sizes else 0.0
    result: list[Page] = []
    back = False
    for page in pages:
        if page.opening:
            back = not any(line.size >= 1.25 * body for line in page.lines)
        result.append(replace(page, front=True) if back else page)
    return result


def measure_pdf(path: Path, bottom_margin_in: float | None = None) -> Report:
    """The typesetting report of the PDF at `path`; `bottom_margin_in`, the text frame's bottom
    margin, tells full pages from pages run a line long (see octavo.typeset.measure)."""
    pages = read_pages(path)
    frame_bottom = None
    if bottom_margin_in is not None:
        document = pdfium.PdfDocument(str(path))
        try:
            frame_bottom = document[0].get_height() - 72 * bottom_margin_in
        finally:
            document.close()
    return measure(pages, frame_bottom)


FIGURES = (
    ("runts", lambda r: f"{r.runts}/{r.multi_line_paragraphs} = {100 * r.runt_share:.1f} %"),
    ("fragments alone on a last line", lambda r: str(r.fragment_runts)),
    ("loose lines", lambda r: f"{r.loose_lines}/{r.justified_lines} = {100 * r.loose_share:.1f} %"),
    ("hyphen across the page turn (recto)", lambda r: str(r.page_turn_hyphens)),
    ("hyphen at a verso foot", lambda r: str(r.verso_foot_hyphens)),
    ("ladders of > 2 hyphens", lambda r: str(r.ladders)),
    ("short pages (not a story's last)", lambda r: f"{r.short_pages}/{r.body_pages}"),
    ("long pages", lambda r: str(r.long_pages)),
    ("last pages with < 5 lines", lambda r: f"{r.short_last_pages}/{r.last_pages}"),
    ("spreads ending on one baseline",
     lambda r: f"{r.matched_spreads}/{r.spreads} = {100 * r.spread_match_share:.1f} %"),
    ("widows / orphans", lambda r: f"{r.widows} / {r.orphans}"),
    ("openings set a line or more lower than most", lambda r: str(r.low_openings)),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--list", metavar="KIND", help="print every finding of this kind")
    parser.add_argument("--bottom-margin", type=float, metavar="INCHES",
                        help="the text frame's bottom margin (octavo: 0.8 in on a 9-in page)")
    args = parser.parse_args(argv)
    report = measure_pdf(args.pdf, args.bottom_margin)
    for name, figure in FIGURES:
        print(f"{name:40} {figure(report)}")
    if args.list:
        for finding in report.of_kind(args.list):
            print(finding)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
