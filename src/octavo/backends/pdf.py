"""Book → print-ready PDF: each story laid out on its own by WeasyPrint, merged by pikepdf.

Order of work: body first (so every story's first page number is known), then back matter,
then the front matter, whose contents page needs those numbers. Folios start at 1 on the first
body page; the front matter is unnumbered (labelled i, ii, … in viewers).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from octavo.backends.base import Artifact, BuildOptions, Progress, atomic_output
from octavo.backends.pdf_assemble import Assembler, OutlineNode, PdfInfo
from octavo.backends.pdf_layout import LaidOut, PdfLayout
from octavo.backends.print_html import PrintHtml, TocEntry, geometry_css, print_stylesheet_path
from octavo.diagnostics import Diagnostics
from octavo.document import Book, Chapter, Part, TableOfContents, join_names
from octavo.render.direction import language_direction
from octavo.render.imprint import copyright_lines
from octavo.render.templating import make_environment

POINTS_PER_INCH = 72


class PdfBackend:
    name: ClassVar[str] = "pdf"
    suffix: ClassVar[str] = ".pdf"

    def emit(self, book: Book, options: BuildOptions, diags: Diagnostics,
             progress: Progress) -> Artifact:
        env = make_environment(book.root, book.scene_break, language_direction(book.meta.language),
                               target="print")
        html = PrintHtml(env, book)
        layout = PdfLayout(book.root, geometry_css(env, book), Path(print_stylesheet_path()),
                           options.timestamp)
        trim = book.print.trim
        size = (trim.width_in * POINTS_PER_INCH, trim.height_in * POINTS_PER_INCH)
        progress.stage("PDF", sum(1 for _ in book.chapters()) + len(book.back) + 1
                       + sum(1 for item in book.body if isinstance(item, Part)))

        body = _Body()
        outline: list[OutlineNode] = []
        toc: list[TocEntry] = []
        for item in book.body:
            if isinstance(item, Part):
                progress.step(item.title)
                first = body.place(layout.render(html.part(item, body.pages + 1)))
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
            first = body.place(layout.render(html.back(page, body.pages + 1)))
            outline.append(OutlineNode(page.title, first))
            toc.append(TocEntry("back", page.title, None, first + 1))

        progress.step("Front matter")
        front = layout.render(html.front(toc, [*copyright_lines(book.meta, options.timestamp.year),
                                         "Typeset with octavo in Charis SIL."]))
        final = Assembler(*size)
        final.append(front.pdf)
        final.pad_to_even()
        front_pages = final.pages
        for laid_out in body.documents:
            final.append(laid_out.pdf)
            final.pad_to_even()
        for node in outline:
            _shift(node, front_pages)

        path = options.output_dir / f"{options.stem}.pdf"
        with atomic_output(path) as partial:
            final.save(partial, _front_outline(book, front) + outline, front_pages,
                       _info(book, options))
        return Artifact(format="pdf", path=path, size=path.stat().st_size, pages=final.pages)


class _Body:
    """The body's documents in order, and where each starts once blank versos are added."""

    def __init__(self) -> None:
        self.documents: list[LaidOut] = []
        self.pages = 0

    def place(self, laid_out: LaidOut) -> int:
        """Add a document; return its first page's index in the body. An odd-length document
        is followed by a blank verso, so the next one opens on a right-hand page."""
        first = self.pages
        self.documents.append(laid_out)
        self.pages += laid_out.pages + laid_out.pages % 2
        return first


def _story(chapter: Chapter, body: _Body, layout: PdfLayout, html: PrintHtml,
           toc: list[TocEntry], progress: Progress, *, in_part: bool) -> OutlineNode:
    progress.step(chapter.title)
    first = body.place(layout.render(html.story(chapter, body.pages + 1)))
    toc.append(TocEntry("story-in-part" if in_part else "story", chapter.title,
                        chapter.byline, first + 1))
    return OutlineNode(chapter.title, first)


def _shift(node: OutlineNode, offset: int) -> None:
    node.page += offset
    for child in node.children:
        _shift(child, offset)


def _front_outline(book: Book, front: LaidOut) -> list[OutlineNode]:
    nodes = []
    for page in book.front:
        if isinstance(page, TableOfContents) and page.id in front.anchors:
            nodes.append(OutlineNode(page.title, front.anchors[page.id]))
    return nodes


def _info(book: Book, options: BuildOptions) -> PdfInfo:
    meta = book.meta
    people = meta.authors or meta.editors
    return PdfInfo(
        title=meta.title if not meta.subtitle else f"{meta.title}: {meta.subtitle}",
        authors=join_names(people),
        subject=meta.description,
        keywords=", ".join(meta.subjects) or None,
        language=meta.language,
        timestamp=options.timestamp,
    )
