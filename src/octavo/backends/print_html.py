"""Book parts → HTML documents for the print layout, through the print templates.

One document per story, per part title page and per back-matter page, plus one for the front
matter, so each can be laid out on its own (and, later, in parallel and only when it changed).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import assert_never

import jinja2

from octavo.document import (
    BackMatter,
    Book,
    Chapter,
    CopyrightPage,
    Dedication,
    MatterPage,
    Part,
    TableOfContents,
    TitlePage,
    join_names,
)
from octavo.render.templating import render_template
from octavo.resources import styles_dir

# KDP's minimums are 0.375 in inside (to 150 pages) and 0.25 in elsewhere; these leave room to
# spare and scale with the page, so 5×8 gets slightly tighter margins than 6×9.
_MARGINS = {"top": 0.75 / 9, "bottom": 0.8 / 9, "inside": 0.8 / 6, "outside": 0.6 / 6}


@dataclass(frozen=True, slots=True)
class TocEntry:
    kind: str  # "part" | "story" | "story-in-part" | "back"
    title: str
    byline: str | None
    page: int


def geometry_css(env: jinja2.Environment, book: Book) -> str:
    trim = book.print.trim
    values = {
        "width": f"{trim.width_in:.4f}",
        "height": f"{trim.height_in:.4f}",
        "top": f"{max(0.5, _MARGINS['top'] * trim.height_in):.3f}",
        "bottom": f"{max(0.55, _MARGINS['bottom'] * trim.height_in):.3f}",
        "inside": f"{max(0.6, _MARGINS['inside'] * trim.width_in):.3f}",
        "outside": f"{max(0.45, _MARGINS['outside'] * trim.width_in):.3f}",
        "font_size": f"{book.print.font_size_pt:g}",
    }
    return render_template(env, "print/page.css.j2", **values)


def print_stylesheet_path() -> str:
    return str(styles_dir() / "print.css")


class PrintHtml:
    """Renders each kind of print document; `first_folio` is the number of its first page."""

    def __init__(self, env: jinja2.Environment, book: Book) -> None:
        self.env = env
        self.book = book
        self.common = {"language": book.meta.language, "book_title": book.meta.title}

    def _render(self, template: str, kind: str, title: str, first_folio: int, **values: object) -> str:
        return render_template(self.env, f"print/{template}", kind=kind, title=title,
                               first_folio=first_folio, **self.common, **values)

    def story(self, chapter: Chapter, first_folio: int) -> str:
        return self._render("story.html.j2", "story", chapter.title, first_folio, chapter=chapter,
                            running_heads=self.book.running_heads(chapter.title))

    def part(self, part: Part, first_folio: int) -> str:
        return self._render("part.html.j2", "part", part.title, first_folio, part=part)

    def back(self, page: BackMatter, first_folio: int) -> str:
        return self._render("back.html.j2", "matter-back", page.title, first_folio, page=page,
                            running_heads=self.book.running_heads(page.title))

    def front(self, toc: list[TocEntry], copyright_lines: list[str]) -> str:
        meta = self.book.meta
        pages = []
        for node in self.book.front:
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
            "front.html.j2", "front", meta.title, 1, pages=pages, meta=meta, toc=toc,
            copyright_lines=copyright_lines,
            authors=join_names(meta.authors) if meta.authors else None,
            editors=join_names(meta.editors) if meta.editors else None,
        )

