"""Count what a careful reader faults in laid-out text, from line positions alone.

Input is a book's pages, each a list of text lines with their baseline, left and right edges,
type size, words and rendered word spaces: read from any PDF (benchmarks/typeset_measure.py)
or from WeasyPrint's line boxes (the layout pass). When the reader knows each line's paragraph
(WeasyPrint does) it says so; from a PDF the paragraphs are recovered from the page: a first
line is indented, or follows a centred line (a heading, a scene-break ornament) or a blank gap,
or follows a line that stopped short of the measure.

The figures are those of issue 10: runts, hyphenated fragments alone on a last line, loose
lines, hyphens across the page turn, ladders of hyphens, short pages, short last pages,
unbalanced spreads, widows and orphans. Every fault is also listed with its page, so a test or
a person can look at it.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Hyphens that end a line: WeasyPrint's automatic one (U+2010), a soft hyphen, ASCII and
# non-breaking hyphens. A line ending with one of them continues its word on the next line.
LINE_END_HYPHENS = frozenset("\u2010\u00ad-\u2011")

RUNT_MAX_LETTERS = 7  # a last line of one word of at most this many letters is a runt
LOOSE_SPACE_EM = 0.5  # a justified line whose word spaces are wider than this is loose
LAST_PAGE_MIN_LINES = 5
LADDER_MAX = 2  # at most this many hyphenated lines in a row


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text as laid out. Lengths in points; `baseline` from the page's top."""

    baseline: float
    x0: float
    x1: float
    size: float  # the type size (em) of most of the line's characters
    words: tuple[str, ...]
    gaps: tuple[float, ...] = ()  # rendered width of each word space
    paragraph: int | None = None  # the paragraph it belongs to, when the reader knows
    separator: bool = False  # known to be no paragraph's line (an ornament, a heading)

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def ends_with_hyphen(self) -> bool:
        return bool(self.words) and self.words[-1][-1:] in LINE_END_HYPHENS


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based, in the whole book: odd pages are rectos
    lines: tuple[Line, ...]  # top to bottom
    opening: bool | None = None  # a story's first page, when the reader knows
    front: bool = False  # front matter (title, contents...): not measured

    @property
    def recto(self) -> bool:
        return self.number % 2 == 1


@dataclass(slots=True)
class Paragraph:
    lines: list[tuple[int, Line]] = field(default_factory=list)  # (page number, line)

    @property
    def last_words(self) -> tuple[str, ...]:
        return self.lines[-1][1].words


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    page: int
    text: str

    def __str__(self) -> str:
        return f"p. {self.page}: {self.kind}: {self.text}"


@dataclass(frozen=True, slots=True)
class Report:
    paragraphs: int
    multi_line_paragraphs: int
    runts: int
    fragment_runts: int
    justified_lines: int
    loose_lines: int
    hyphenated_lines: int
    page_turn_hyphens: int  # the last word of a recto continues overleaf
    verso_foot_hyphens: int  # the last word of a verso continues on the facing recto
    ladders: int  # runs of more than LADDER_MAX hyphenated lines
    body_pages: int
    short_pages: int  # not a story's last page, ending a line or more above full depth
    long_pages: int  # a line or more below full depth (a spread run long on purpose)
    last_pages: int
    short_last_pages: int  # a story's last page with fewer than LAST_PAGE_MIN_LINES lines
    spreads: int  # facing pages both full text pages (neither a story's last page)
    matched_spreads: int  # ...ending on the same baseline
    widows: int
    orphans: int
    findings: tuple[Finding, ...]
    # Openings whose text starts a line or more below most openings' (a deeper sink, or a
    # heading of more lines): not a fault, but a difference a reader comparing openings sees.
    low_openings: int = 0

    @staticmethod
    def _share(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    @property
    def runt_share(self) -> float:
        return self._share(self.runts, self.multi_line_paragraphs)

    @property
    def loose_share(self) -> float:
        return self._share(self.loose_lines, self.justified_lines)

    @property
    def spread_match_share(self) -> float:
        return self._share(self.matched_spreads, self.spreads) if self.spreads else 1.0

    def of_kind(self, kind: str) -> list[Finding]:
        return [finding for finding in self.findings if finding.kind == kind]


def _mode(values: Iterable[float], quantum: float) -> float:
    counts = Counter(round(value / quantum) for value in values)
    if not counts:
        return 0.0
    best = max(counts.items(), key=lambda item: (item[1], -item[0]))[0]
    return best * quantum


def _deepest_shared(values: Iterable[float], quantum: float) -> float:
    """The full depth of pages whose text ends inside the frame: no such page ends deeper, so
    it is the deepest depth that a twentieth of them (and at least two) share. The commonest
    depth is not: where a page in two ends a line short, it may be that one."""
    depths = list(values)
    counts = Counter(round(value / quantum) for value in depths)
    shared = [key for key, count in counts.items() if count >= max(2, len(depths) / 20)]
    return max(shared) * quantum if shared else _mode(depths, quantum)


def _letters(word: str) -> int:
    return sum(1 for char in word if char.isalpha())


@dataclass(frozen=True, slots=True)
class _Geometry:
    body_size: float
    pitch: float
    left: dict[bool, float]  # recto? → left edge of the measure
    right: dict[bool, float]
    indent: float


def _geometry(pages: Sequence[Page]) -> _Geometry:
    lines = [line for page in pages for line in page.lines]
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size, 1)] += len(line.words)
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0
    body = [(page, line) for page in pages for line in page.lines if _is_body(line, body_size)]
    steps = []
    for page in pages:
        baselines = [line.baseline for line in page.lines if _is_body(line, body_size)]
        steps += [b - a for a, b in itertools.pairwise(baselines) if b - a > 0.5 * body_size]
    pitch = _mode(steps, 0.05) or 1.2 * body_size
    left: dict[bool, float] = {}
    right: dict[bool, float] = {}
    for recto in (True, False):
        side = [line for page, line in body if page.recto == recto]
        if not side:
            side = [line for _, line in body]
        left[recto] = _mode((line.x0 for line in side), 0.25) if side else 0.0
        right[recto] = _mode((line.x1 for line in side if len(line.words) > 3), 0.25) if side else 0.0
    indents = [line.x0 - left[page.recto] for page, line in body
               if 0.3 * body_size < line.x0 - left[page.recto] < 4 * body_size]
    indent = _mode(indents, 0.25) if indents else body_size
    return _Geometry(body_size, pitch, left, right, indent)


def _is_body(line: Line, body_size: float) -> bool:
    return abs(line.size - body_size) <= 0.04 * body_size and bool(line.words)


class _Reader:
    """Recovers stories, paragraphs and page depths from the pages."""

    def __init__(self, pages: Sequence[Page]) -> None:
        self.pages = [page for page in pages if page.lines and not page.front]
        self.geo = _geometry(self.pages)

    def is_opening(self, page: Page) -> bool:
        if page.opening is not None:
            return page.opening
        return any(line.size >= 1.25 * self.geo.body_size for line in page.lines)

    def body_lines(self, page: Page) -> list[Line]:
        return [line for line in page.lines if _is_body(line, self.geo.body_size)]

    def is_separator(self, page: Page, line: Line) -> bool:
        if line.separator:
            return True
        if line.paragraph is not None:
            return False
        left, right = self.geo.left[page.recto], self.geo.right[page.recto]
        before, after = line.x0 - left, right - line.x1
        centred = before > 2 * self.geo.body_size and abs(before - after) < 0.25 * self.geo.body_size
        return centred

    def is_indented(self, page: Page, line: Line) -> bool:
        offset = line.x0 - self.geo.left[page.recto]
        return abs(offset - self.geo.indent) < 0.2 * self.geo.body_size

    def is_full(self, page: Page, line: Line) -> bool:
        return line.x1 >= self.geo.right[page.recto] - 0.1 * self.geo.body_size

    def stories(self) -> list[list[Page]]:
        stories: list[list[Page]] = []
        for page in self.pages:
            if self.is_opening(page):
                stories.append([page])
            elif stories and self.body_lines(page):
                stories[-1].append(page)
        return stories

    def paragraphs(self, story: list[Page]) -> list[Paragraph]:
        paragraphs: list[Paragraph] = []
        current: Paragraph | None = None
        previous: tuple[Page, Line] | None = None
        for page in story:
            for line in self.body_lines(page):
                if self.is_separator(page, line):
                    current, previous = None, None
                    continue
                if line.paragraph is not None:
                    starts = current is None or current.lines[-1][1].paragraph != line.paragraph
                else:
                    starts = (
                        current is None or previous is None
                        or self.is_indented(page, line)
                        or not self.is_full(*previous)
                        or (previous[0] is page
                            and line.baseline - previous[1].baseline > 1.4 * self.geo.pitch)
                    )
                if starts:
                    current = Paragraph()
                    paragraphs.append(current)
                assert current is not None
                current.lines.append((page.number, line))
                previous = (page, line)
        return paragraphs


def measure(pages: Sequence[Page], frame_bottom: float | None = None) -> Report:
    """Count the faults of the laid-out `pages` (front matter before the first story's opening
    page is not counted). `frame_bottom`, the foot of the text frame in points from the page's
    top, tells full pages from pages run one line long on purpose (they end below it); without
    it the full depth is where most pages end."""
    reader = _Reader(pages)
    geo = reader.geo
    findings: list[Finding] = []
    counts: Counter[str] = Counter()

    def fault(kind: str, page: int, text: str) -> None:
        counts[kind] += 1
        findings.append(Finding(kind, page, text))

    last_page_of: dict[int, bool] = {}
    openings: set[int] = set()  # below a heading the text may sit off the other pages' lines
    depth_of: dict[int, float] = {}
    lines_on: dict[int, int] = {}
    page_by_number: dict[int, Page] = {}
    paragraphs: list[Paragraph] = []
    for story in reader.stories():
        for index, page in enumerate(story):
            body = reader.body_lines(page)
            page_by_number[page.number] = page
            last_page_of[page.number] = index == len(story) - 1
            if index == 0:
                openings.add(page.number)
            depth_of[page.number] = body[-1].baseline if body else 0.0
            lines_on[page.number] = sum(1 for line in body if not reader.is_separator(page, line))
        paragraphs += reader.paragraphs(story)

    first_line_at: dict[int, Line] = {}
    last_line_at: dict[int, Line] = {}
    for paragraph in paragraphs:
        for number, line in paragraph.lines:
            first_line_at.setdefault(number, line)
            last_line_at[number] = line

    for paragraph in paragraphs:
        lines = paragraph.lines
        counts["paragraphs"] += 1
        if len(lines) >= 2:
            counts["multi_line"] += 1
            words = paragraph.last_words
            fragment = lines[-2][1].ends_with_hyphen
            if len(words) == 1 and (fragment or _letters(words[0]) <= RUNT_MAX_LETTERS):
                fault("runt", lines[-1][0], words[0])
                if fragment:
                    fault("fragment", lines[-1][0], lines[-2][1].words[-1] + " / " + words[0])
        run = 0
        for position, (number, line) in enumerate(lines):
            last = position == len(lines) - 1
            if not last and reader.is_full(page_by_number[number], line):
                counts["justified"] += 1
                if line.gaps and statistics.fmean(line.gaps) > LOOSE_SPACE_EM * line.size:
                    fault("loose", number, line.text)
            if not last and line.ends_with_hyphen:
                counts["hyphenated"] += 1
                run += 1
                if run == LADDER_MAX + 1:
                    fault("ladder", number, line.text)
                if lines[position + 1][0] != number:
                    fault("page-turn-hyphen" if page_by_number[number].recto else "verso-foot-hyphen",
                          number, line.words[-1])
            else:
                run = 0
        first_page, last_page = lines[0][0], lines[-1][0]
        if first_page != last_page:
            if first_line_at.get(last_page) is lines[-1][1] and len(lines) >= 2 and lines[-2][0] != last_page:
                fault("widow", last_page, lines[-1][1].text)
            if last_line_at.get(first_page) is lines[0][1] and lines[1][0] != first_page:
                fault("orphan", first_page, lines[0][1].text)

    full_pages = [n for n, last in last_page_of.items() if not last and depth_of[n]]
    within = [n for n in full_pages if frame_bottom is None or depth_of[n] <= frame_bottom]
    if frame_bottom is not None and [n for n in within if n not in openings]:
        full_depth = _deepest_shared((depth_of[n] for n in within if n not in openings), 0.5)
    else:
        full_depth = _mode((depth_of[n] for n in within or full_pages), 0.5)
    tolerance = 0.75 * geo.pitch
    for number in full_pages:
        if depth_of[number] < full_depth - tolerance:
            fault("short-page", number, f"ends {(full_depth - depth_of[number]) / geo.pitch:.1f} lines short")
        elif depth_of[number] > full_depth + tolerance:
            counts["long"] += 1
    for number, last in last_page_of.items():
        if last:
            counts["last"] += 1
            if lines_on[number] < LAST_PAGE_MIN_LINES:
                fault("short-last-page", number, f"{lines_on[number]} lines")
    for verso in sorted(n for n in full_pages if n % 2 == 0):
        recto = verso + 1
        if recto in depth_of and not last_page_of[recto] and depth_of[recto]:
            counts["spreads"] += 1
            if abs(depth_of[verso] - depth_of[recto]) <= 0.25 * geo.pitch:
                counts["matched"] += 1
            else:
                fault("unbalanced-spread", verso, f"{verso}–{recto}")

    opening_tops = {number: first_line_at[number].baseline for number in openings
                    if number in first_line_at}
    usual_top = _mode(opening_tops.values(), 0.5)
    low_openings = sum(1 for top in opening_tops.values() if top > usual_top + 0.5 * geo.pitch)

    return Report(
        low_openings=low_openings,
        paragraphs=counts["paragraphs"], multi_line_paragraphs=counts["multi_line"],
        runts=counts["runt"], fragment_runts=counts["fragment"],
        justified_lines=counts["justified"], loose_lines=counts["loose"],
        hyphenated_lines=counts["hyphenated"], page_turn_hyphens=counts["page-turn-hyphen"],
        verso_foot_hyphens=counts["verso-foot-hyphen"], ladders=counts["ladder"],
        body_pages=len(last_page_of), short_pages=counts["short-page"], long_pages=counts["long"],
        last_pages=counts["last"], short_last_pages=counts["short-last-page"],
        spreads=counts["spreads"], matched_spreads=counts["matched"],
        widows=counts["widow"], orphans=counts["orphan"], findings=tuple(findings),
    )
