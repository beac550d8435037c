"""Lay out a whole book at one page geometry: body, back matter, then the front matter.

Order of work: body first (so every story's first page number is known), then back matter,
then the front matter, whose contents page needs those numbers. Body folios start at 1 on the
first body page; the front matter carries roman folios on its pages of text. Where a document
opens (`build.openings`: on a recto, or on the next page) is decided here; part title pages
always open on a recto.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from octavo.backends.base import NullProgress, Progress
from octavo.backends.pdf_assemble import OutlineNode
from octavo.backends.pdf_folios import FolioKind
from octavo.backends.pdf_layout import LaidOut, PdfLayout
from octavo.backends.print_html import PrintHtml, TocEntry
from octavo.document import BackMatter, Book, Chapter, MatterPage, Part, TableOfContents


@dataclass(frozen=True, slots=True)
class Placed:
    laid_out: LaidOut
    blank_before: bool  # a blank verso comes first, so this document opens on a recto
    node_id: str = ""  # the Book node the document lays out (for the EPUB's page list)


@dataclass(slots=True)
class Composition:
    front: LaidOut
    body: list[Placed] = field(default_factory=list)
    body_pages: int = 0  # blank versos included
    outline: list[OutlineNode] = field(default_factory=list)  # body pages, 0-based from body start
    front_outline: list[OutlineNode] = field(default_factory=list)
    body_folios: list[FolioKind] = field(default_factory=list)  # per body page, blanks included
    body_heads: list[str] = field(default_factory=list)  # per body page: its running strings

    @property
    def front_pages(self) -> int:
        """The front matter padded to an even count: the body opens on a recto."""
        return self.front.pages + self.front.pages % 2

    @property
    def pages(self) -> int:
        return self.front_pages + self.body_pages


class _Body:
    def __init__(self, recto_openings: bool) -> None:
        self.recto_openings = recto_openings
        self.placed: list[Placed] = []
        self.pages = 0
        self.folios: list[FolioKind] = []  # the folio each body page carries
        self.heads: list[str] = []  # and the markup of its running heads

    def next_start(self, recto: bool | None = None) -> tuple[str, bool]:
        """(side of the first page, blank verso first) for the next document."""
        recto = self.recto_openings if recto is None else recto
        blank = recto and self.pages % 2 == 1
        start = self.pages + (1 if blank else 0)
        return ("recto" if start % 2 == 0 else "verso"), blank

    def place(self, laid_out: LaidOut, blank: bool, node_id: str) -> int:
        """Add a document; return its first page's index in the body."""
        if blank:
            self.pages += 1
            self.folios.append("none")
            self.heads.append("")
        first = self.pages
        self.placed.append(Placed(laid_out, blank, node_id))
        self.pages += laid_out.pages
        self.folios.extend(laid_out.folios or ["none"] * laid_out.pages)
        self.heads.extend([laid_out.running_strings] * laid_out.pages)
        return first


Render = Callable[[str], LaidOut]
# Stands for a document not laid out yet while the documents to lay out are being planned.
_NOT_YET = LaidOut(pdf=b"", pages=1, anchors={})


def compose_book(book: Book, layout: PdfLayout, html: PrintHtml, copyright_lines: list[str],
                 progress: Progress, workers: int = 1) -> Composition:
    # Plan the documents (each story's HTML depends on the side it opens on, so on the page
    # counts before it), lay them out in parallel, and plan again until nothing is missing:
    # with recto openings one round, with openings on the next page two (a document's page
    # count does not depend on its side, the two sides' text blocks being the same width).
    documents = _Remembered(html)
    for _ in range(3):
        if not layout.prefetch(_planned_documents(book, layout, documents), workers, progress):
            break
    body, outline, toc = _place_body(book, layout.render, documents, NullProgress())

    progress.step("Front matter")
    front = layout.render(html.front([*html.front_entries(), *toc], copyright_lines))
    return Composition(front=front, body=body.placed, body_pages=body.pages,
                       outline=outline, front_outline=_front_outline(book, front),
                       body_folios=body.folios, body_heads=body.heads)


class _Remembered:
    """The body documents' HTML, each made once a build: placing the body is planned two or
    three times over (a story's HTML takes milliseconds to make, a 300-story book's seconds),
    and a document opening on the same side is the same HTML each time."""

    def __init__(self, html: PrintHtml) -> None:
        self.html = html
        self.labels = html.labels
        self._made: dict[tuple[int, int, str], str] = {}

    def _once(self, item: object, folio: int, side: str, make: Callable[[], str]) -> str:
        key = (id(item), folio, side)  # the items live as long as the build's Book
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    def story(self, chapter: Chapter, first_folio: int, start_side: str) -> str:
        return self._once(chapter, first_folio, start_side,
                          lambda: self.html.story(chapter, first_folio, start_side))

    def part(self, part: Part, first_folio: int, start_side: str) -> str:
        return self._once(part, first_folio, start_side,
                          lambda: self.html.part(part, first_folio, start_side))

    def back(self, page: BackMatter, first_folio: int, start_side: str) -> str:
        return self._once(page, first_folio, start_side,
                          lambda: self.html.back(page, first_folio, start_side))


def _planned_documents(book: Book, layout: PdfLayout, html: _Remembered
                       ) -> list[tuple[str, str]]:
    """(title, HTML) of every body document, each opening on the side the page counts known
    so far say."""
    wanted: list[tuple[str, str]] = []
    titles = _LastTitle()

    def planned(document: str) -> LaidOut:
        wanted.append((titles.last, document))
        return layout.peek(document) or _NOT_YET

    _place_body(book, planned, html, titles)
    return wanted


class _LastTitle(NullProgress):
    """The title of the document being placed (placing reports each before laying it out)."""

    last = ""

    def step(self, label: str) -> None:
        self.last = label


def _place_body(book: Book, render: Render, html: _Remembered, progress: Progress
                ) -> tuple[_Body, list[OutlineNode], list[TocEntry]]:
    body = _Body(book.print.openings == "recto")
    outline: list[OutlineNode] = []
    toc: list[TocEntry] = []
    for item in book.body:
        if isinstance(item, Part):
            progress.step(item.title)
            side, blank = body.next_start(recto=True)
            first = body.place(render(html.part(item, _folio_for(side), side)), blank, item.id)
            part_node = OutlineNode(item.title, first)
            toc.append(TocEntry("part", item.title, None, first + 1))
            for chapter in item.chapters:
                part_node.children.append(_story(chapter, body, render, html, toc, progress,
                                                 in_part=True))
            outline.append(part_node)
        else:
            outline.append(_story(item, body, render, html, toc, progress, in_part=False))
    for page in book.back:
        progress.step(page.title)
        side, blank = body.next_start()
        first = body.place(render(html.back(page, _folio_for(side), side)), blank, page.id)
        outline.append(OutlineNode(page.title, first))
        toc.append(TocEntry("back", page.title, None, first + 1))
    return body, outline, toc


def _folio_for(side: str) -> int:
    """The page number a document is laid out from. Its folios are drawn at the join, so only
    the parity matters (the first body page, a recto, is 1): the same story laid out after a
    longer or shorter one is the same layout, and is laid out once."""
    return 1 if side == "recto" else 2


def _story(chapter: Chapter, body: _Body, render: Render, html: _Remembered,
           toc: list[TocEntry], progress: Progress, *, in_part: bool) -> OutlineNode:
    progress.step(chapter.title)
    side, blank = body.next_start()
    first = body.place(render(html.story(chapter, _folio_for(side), side)), blank, chapter.id)
    toc.append(TocEntry("story-in-part" if in_part else "story", chapter.title,
                        (html.labels.names(chapter.authors) if chapter.bylined else "") or None,
                        first + 1))
    return OutlineNode(chapter.title, first)


def _front_outline(book: Book, front: LaidOut) -> list[OutlineNode]:
    """Bookmarks for the contents page and the front-matter pages of text (a foreword)."""
    nodes = []
    for page in book.front:
        if isinstance(page, TableOfContents | MatterPage) and page.id in front.anchors:
            nodes.append(OutlineNode(page.title, front.anchors[page.id]))
    return nodes


def document_count(book: Book) -> int:
    """How many documents the body and back matter make (for progress)."""
    return (sum(1 for _ in book.chapters()) + len(book.back) + 1
            + sum(1 for item in book.body if isinstance(item, Part)))
