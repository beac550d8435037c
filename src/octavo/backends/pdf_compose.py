"""Lay out a whole book at one page geometry: body, back matter, then the front matter.

Order of work: body first (so every story's first page number is known), then back matter,
then the front matter, whose contents page needs those numbers. Body folios start at 1 on the
first body page; the front matter carries roman folios on its pages of text. Where a document
opens (`build.openings`: on a recto, or on the next page) is decided here; part title pages
always open on a recto.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from octavo.backends.base import Progress
from octavo.backends.pdf_assemble import OutlineNode
from octavo.backends.pdf_layout import LaidOut, PdfLayout
from octavo.backends.print_html import PrintHtml, TocEntry
from octavo.document import Book, Chapter, MatterPage, Part, TableOfContents


@dataclass(frozen=True, slots=True)
class Placed:
    laid_out: LaidOut
    blank_before: bool  # a blank verso comes first, so this document opens on a recto


@dataclass(slots=True)
class Composition:
    front: LaidOut
    body: list[Placed] = field(default_factory=list)
    body_pages: int = 0  # blank versos included
    outline: list[OutlineNode] = field(default_factory=list)  # body pages, 0-based from body start
    front_outline: list[OutlineNode] = field(default_factory=list)

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

    def next_start(self, recto: bool | None = None) -> tuple[int, str, bool]:
        """(first folio, side of the first page, blank verso first) for the next document."""
        recto = self.recto_openings if recto is None else recto
        blank = recto and self.pages % 2 == 1
        start = self.pages + (1 if blank else 0)
        return start + 1, ("recto" if start % 2 == 0 else "verso"), blank

    def place(self, laid_out: LaidOut, blank: bool) -> int:
        """Add a document; return its first page's index in the body."""
        if blank:
            self.pages += 1
        first = self.pages
        self.placed.append(Placed(laid_out, blank))
        self.pages += laid_out.pages
        return first


def compose_book(book: Book, layout: PdfLayout, html: PrintHtml, copyright_lines: list[str],
                 progress: Progress) -> Composition:
    body = _Body(book.print.openings == "recto")
    outline: list[OutlineNode] = []
    toc: list[TocEntry] = []
    for item in book.body:
        if isinstance(item, Part):
            progress.step(item.title)
            folio, side, blank = body.next_start(recto=True)
            first = body.place(layout.render(html.part(item, folio, side)), blank)
            part_node = OutlineNode(item.title, first)
            toc.append(TocEntry("part", item.title, None, first + 1))
            for chapter in item.chapters:
                part_node.children.append(_story(chapter, body, layout, html, toc, progress,
                                                 in_part=True))
            outline.append(part_node)
        else:
            outline.append(_story(item, body, layout, html, toc, progress, in_part=False))
    for page in book.back:
        progress.step(page.title)
        folio, side, blank = body.next_start()
        first = body.place(layout.render(html.back(page, folio, side)), blank)
        outline.append(OutlineNode(page.title, first))
        toc.append(TocEntry("back", page.title, None, first + 1))

    progress.step("Front matter")
    front = layout.render(html.front([*html.front_entries(), *toc], copyright_lines))
    composition = Composition(front=front, body=body.placed, body_pages=body.pages,
                              outline=outline, front_outline=_front_outline(book, front))
    return composition


def _story(chapter: Chapter, body: _Body, layout: PdfLayout, html: PrintHtml,
           toc: list[TocEntry], progress: Progress, *, in_part: bool) -> OutlineNode:
    progress.step(chapter.title)
    folio, side, blank = body.next_start()
    first = body.place(layout.render(html.story(chapter, folio, side)), blank)
    toc.append(TocEntry("story-in-part" if in_part else "story", chapter.title,
                        chapter.byline, first + 1))
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
