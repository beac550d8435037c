"""Folios and running heads are drawn when the laid-out documents are joined.

A story's pages depend only on its own text and on the side its first page falls on; its page
numbers depend on every story before it. So each body document is laid out with its head and
foot margins left empty (`HIDE_BODY_FOLIOS`), which lets stories be laid out in parallel and
cached, and a folio shift re-numbers pages without laying out text again. Each laid-out page
records which folio it carries (`folio_kind`) and the document its running heads (the
running-strings markup the print templates write); at the join one "folio sheet" is laid out
for the whole body with the same stylesheets, so heads and folios have the same face, size,
place and drawing order as in one pass, and each of its pages is drawn over the book's page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from typing import Any, Literal

FolioKind = Literal["opening", "running", "none"]

# Appended after every stylesheet (a book's build.css included) when a body document is laid
# out: the rules that draw a body page's folio, emptied.
HIDE_BODY_FOLIOS = """
@page body:left { @top-left { content: none; } @top-center { content: none; } }
@page body:right { @top-center { content: none; } @top-right { content: none; } }
@page body:first { @bottom-center { content: none; } }
"""
# The running heads' strings as the print templates write them (escaped, in our own markup).
_RUNNING_STRINGS = re.compile(r'<div class="running-strings"[^>]*>.*?</div>', re.S)


def running_strings(html: str) -> str:
    """The markup that sets a document's running-head strings, or ""."""
    found = _RUNNING_STRINGS.search(html)
    return found.group(0) if found else ""

# The sheet's pages take the same named page as the book's (`body`), so the stylesheets place
# a running folio exactly as in one pass; an opening page (a document's first, which only a
# document of its own could be) gets a page of its own name with the opening's foot folio.
_SHEET_RULES = """
@page folio-opening { @bottom-center { content: counter(page); } }
html { break-before: recto; }
body { margin: 0; }
.sheet { height: 1px; }
.sheet + .sheet { break-before: page; }
.sheet.opening { page: folio-opening; }
.sheet.running { page: body; }
.sheet.none { page: folio-none; }
"""


def folio_kind(page: Any) -> FolioKind:
    """Which folio WeasyPrint's laid-out `page` would carry under print.css's rules."""
    page_type = page._page_box.page_type
    if page_type.name != "body" or page_type.blank:
        return "none"
    return "opening" if page_type.index == 0 else "running"


# Pages per part of the folio sheet, about: the parts are laid out in parallel (and cached), and
# a part of this size takes a worker about half a second.
SHEET_PART_PAGES = 48


def folio_sheet_html(kinds: list[FolioKind], heads: list[str], language: str,
                     direction: str, first_folio: int = 1) -> str:
    """One page per body page, numbered from `first_folio` (1 for the body's first page),
    carrying only its running heads (`heads`: each page's document's running-strings markup)
    and folio."""
    pages = "".join(f'<div class="sheet {kind}">{head if kind == "running" else ""}</div>'
                    for kind, head in zip(kinds, heads, strict=True))
    numbering = f"@page :first {{ counter-reset: page {first_folio}; }}"
    return (f'<!DOCTYPE html><html lang="{escape(language)}" dir="{escape(direction)}"><head>'
            f'<meta charset="utf-8"/><title>folios</title><style>{_SHEET_RULES}{numbering}'
            f'</style></head><body class="folio-sheet">{pages}</body></html>')


def sheet_parts(kinds: list[FolioKind]) -> list[tuple[int, int]]:
    """The body pages cut into parts of about SHEET_PART_PAGES, (start, end) each, to be laid
    out as folio sheets of their own. A part begins only on a recto that opens a document, so
    each part's first page is what it would be in one sheet: the first page of a document, on
    the same side, and in a new page group (no running page is a part's `:first` page)."""
    parts: list[tuple[int, int]] = []
    start = 0
    for index, kind in enumerate(kinds):
        if index - start >= SHEET_PART_PAGES and index % 2 == 0 and kind == "opening":
            parts.append((start, index))
            start = index
    if start < len(kinds) or not parts:
        parts.append((start, len(kinds)))
    return parts


def stamp_folios(book: Any, first: int, kinds: list[FolioKind], sheet: Sequence[Any]) -> None:
    """Draw page i of the laid-out `sheet` (pikepdf pages, the folio sheets' in order) over page
    `first + i` of `book` for every body page that carries a folio. (Not pikepdf's add_overlay: it names the
    resource at random, and the same book must give the same bytes.)"""
    import pikepdf

    for index, kind in enumerate(kinds):
        if kind == "none":
            continue
        page, folio = book.pages[first + index], sheet[index]
        if list(page.mediabox) != list(folio.mediabox):
            raise ValueError("the folio sheet's pages are not the book's size")
        form = book.copy_foreign(folio.as_form_xobject())
        # Numbered by page: the pages of one laid-out document share one resource dictionary.
        name = f"/OctavoFolio{first + index}"
        page.add_resource(form, pikepdf.Name.XObject, pikepdf.Name(name))
        page.contents_add(b"q\n", prepend=True)
        page.contents_add(f"Q\nq {name} Do Q\n".encode())
        page.contents_coalesce()
