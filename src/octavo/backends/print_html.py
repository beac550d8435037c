"""Book parts → HTML documents for the print layout, through the print templates.

One document per story, per part title page and per back-matter page, plus one for the front
matter, so each can be laid out on its own (and, later, in parallel and only when it changed).
Each document knows the side its first page falls on (`recto` or `verso`), so a story that
follows on the next page (`build.openings: any`) has its margins and heads the right way round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import assert_never

import jinja2
from markupsafe import Markup

from octavo.backends.print_images import for_the_press, press_mode
from octavo.document import (
    BackMatter,
    Block,
    Book,
    Chapter,
    CopyrightPage,
    Dedication,
    Image,
    MatterPage,
    Paragraph,
    Part,
    PrintSettings,
    TableOfContents,
    Text,
    TitlePage,
)
from octavo.i18n import labels_for
from octavo.print_profiles import resolve_rules
from octavo.render.templating import render_template
from octavo.render.xhtml import render_inlines
from octavo.resources import styles_dir

# The drop cap: opening quotation marks, then one letter or digit (with its combining marks).
_DROP = re.compile(r"[\"'“‘«„‚(\[]*[^\W_][\u0300-\u036f]*")


@dataclass(frozen=True, slots=True)
class TocEntry:
    kind: str  # "part" | "story" | "story-in-part" | "back" | "front"
    title: str
    byline: str | None
    page: int | None  # the printed folio, or None for a front-matter page (roman, resolved
    target: str | None = None  # by the layout from this element id)


# How near a picture's shape must come to the page's to be printed as a full-page plate: the
# trim, the trim and the outer bleed (6.125 × 9.25 in) and the trim bled all round all pass.
PLATE_SHAPE_TOLERANCE = 0.05


def plate_image(block: Block, settings: PrintSettings) -> Image | None:
    """The picture of `block` if it is a full-page plate: alone in its paragraph and shaped
    like the page (width over height within 5 % of the trim's)."""
    if not isinstance(block, Paragraph) or len(block.children) != 1:
        return None
    picture = block.children[0]
    if not isinstance(picture, Image):
        return None
    import io

    from PIL import Image as Picture

    try:
        with Picture.open(io.BytesIO(picture.data)) as opened:
            width, height = opened.size
    except Exception:  # ingest checked it; a picture Pillow cannot size stays in the text
        return None
    page = settings.trim.width_in / settings.trim.height_in
    return picture if height and abs(width / height / page - 1) <= PLATE_SHAPE_TOLERANCE \
        else None


def stylesheet_paths(style_sheet: str) -> list[str]:
    """The packaged stylesheets of a print build, in cascade order: structure, house style."""
    return [str(styles_dir() / "print.css"), str(styles_dir() / style_sheet)]


def print_stylesheet_path() -> str:
    return str(styles_dir() / "print.css")


class PrintHtml:
    """Renders each kind of print document; `first_folio` is the number of its first page."""

    def __init__(self, env: jinja2.Environment, book: Book) -> None:
        self.env = env
        self.book = book
        self.labels = labels_for(book.meta.language, dict(book.labels))
        self.common = {"language": book.meta.language, "book_title": book.meta.title,
                       "lead_in": book.print.lead_in, "labels": self.labels}
        rules = resolve_rules(book.print.profile, pdf_standard=book.print.pdf_standard,
                              paper=book.print.paper)
        self.press = press_mode(rules.pdf_standard, rules.black_and_white)

    def _render(self, template: str, kind: str, title: str, first_folio: int,
                start_side: str, **values: object) -> str:
        return render_template(self.env, f"print/{template}", kind=kind, title=title,
                               first_folio=first_folio, start_side=start_side,
                               **{**self.common, **values})

    def story(self, chapter: Chapter, first_folio: int, start_side: str = "recto") -> str:
        chapter = for_the_press(chapter, self.press)
        lead, blocks = self._lead(chapter)
        # A story whose text does not open with a letter of plain text (a scene break, verse,
        # an italic first word) cannot drop one: its first line is set in small capitals.
        lead_in = "small-caps" if self.book.print.lead_in == "drop-cap" and lead is None \
            else self.book.print.lead_in
        return self._render("story.html.j2", "story", chapter.title, first_folio, start_side,
                            chapter=chapter, lead=lead, segments=self._segments(blocks),
                            lead_in=lead_in,
                            running_heads=self.book.running_heads(
                                chapter.title, self.labels.names(chapter.authors) or None,
                                names=self.labels.names))

    def _lead(self, chapter: Chapter) -> tuple[Markup | None, tuple[Block, ...]]:
        """With a drop cap, the first paragraph with its first letter (and any quotation mark
        before it) in an element of its own, which floats; the rest of the blocks."""
        blocks = chapter.blocks
        if self.book.print.lead_in != "drop-cap" or not blocks:
            return None, blocks
        first = blocks[0]
        if not isinstance(first, Paragraph) or not first.children:
            return None, blocks
        head = first.children[0]
        if not isinstance(head, Text):
            return None, blocks
        match = _DROP.match(head.value)
        if match is None:
            return None, blocks
        rest = (Text(head.value[match.end():]), *first.children[1:])
        lead = Markup('<p class="lead"><span class="drop-cap">%s</span>%s</p>') % (
            match.group(0), render_inlines(rest))
        return lead, blocks[1:]

    def _segments(self, blocks: tuple[Block, ...]) -> list[tuple[str, object]]:
        """The story's blocks as runs of text ("blocks", the blocks) and, in a book that bleeds,
        full-page plates ("plate", the picture's <img/>): a picture alone in its paragraph and
        shaped like the page is a page of its own, printed to the bleed edges."""
        segments: list[tuple[str, object]] = []
        run: list[Block] = []
        for block in blocks:
            picture = plate_image(block, self.book.print) if self.book.print.bleed else None
            if picture is None:
                run.append(block)
                continue
            if run:
                segments.append(("blocks", tuple(run)))
                run = []
            segments.append(("plate", render_inlines((picture,), "print")))
        if run or not segments:
            segments.append(("blocks", tuple(run)))
        return segments

    def part(self, part: Part, first_folio: int, start_side: str = "recto") -> str:
        return self._render("part.html.j2", "part", part.title, first_folio, start_side,
                            part=part)

    def back(self, page: BackMatter, first_folio: int, start_side: str = "recto") -> str:
        page = for_the_press(page, self.press)
        return self._render("back.html.j2", "matter-back", page.title, first_folio, start_side,
                            page=page, running_heads=self.book.running_heads(
                                page.title, names=self.labels.names))

    def front(self, toc: list[TocEntry], copyright_lines: list[str]) -> str:
        meta = self.book.meta
        pages = []
        for node in for_the_press(self.book.front, self.press):
            match node:
                case TitlePage():
                    kind = "titlepage"
                case CopyrightPage():
                    kind = "copyright"
                case Dedication():
                    kind = "dedication"
                case TableOfContents():
                    kind = "toc"
                case MatterPage():
                    kind = "matter"
                case _:
                    assert_never(node)
            pages.append({"kind": kind, "node": node, "id": node.id})
        return self._render(
            "front.html.j2", "front", meta.title, 1, "recto", pages=pages, meta=meta, toc=toc,
            copyright_lines=copyright_lines,
            authors=self.labels.names(meta.authors) if meta.authors else None,
            editors=self.labels.names(meta.editors) if meta.editors else None,
        )

    def front_entries(self) -> list[TocEntry]:
        """The front-matter pages after the contents (a foreword), for the contents page."""
        entries: list[TocEntry] = []
        after_toc = False
        for node in self.book.front:
            if isinstance(node, TableOfContents):
                after_toc = True
            elif after_toc and isinstance(node, MatterPage):
                entries.append(TocEntry("front", node.title, None, None, node.id))
        return entries


def geometry_css(env: jinja2.Environment, book: Book, pages: int = 24) -> str:
    """The page rules of `book` at the gutter its print shop asks for `pages` pages (the
    backend itself picks the gutter from the final page count: backends/pdf.py)."""
    from octavo.backends.pdf import rules_for
    from octavo.backends.print_geometry import geometry_css as page_css
    from octavo.backends.print_geometry import page_geometry
    from octavo.fonts import FALLBACK_FAMILIES
    from octavo.render.direction import language_direction

    rules = rules_for(book)
    geometry = page_geometry(book.print, rules, rules.gutter_for(pages))
    return page_css(env, geometry, book.print, language_direction(book.meta.language),
                    FALLBACK_FAMILIES)
