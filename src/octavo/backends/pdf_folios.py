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


# The operators that name a resource, and which operand: (operator → (category, operand index)).
# An operand that is a device colour space or not a name at all is left as it is.
_NAMED_RESOURCES = {
    "Tf": ("/Font", 0), "gs": ("/ExtGState", 0), "Do": ("/XObject", 0),
    "cs": ("/ColorSpace", 0), "CS": ("/ColorSpace", 0), "sh": ("/Shading", 0),
    "scn": ("/Pattern", -1), "SCN": ("/Pattern", -1), "BDC": ("/Properties", 1),
    "DP": ("/Properties", 1),
}
_DEVICE_SPACES = {"/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/Pattern"}


def stamp_folios(book: Any, first: int, kinds: list[FolioKind], sheets: Sequence[Any]) -> None:
    """Draw page i of the laid-out sheets (`sheets`: the parts as pikepdf PDFs, in order) over
    page `first + i` of `book` for every body page that carries a folio.

    The folio's drawing is written into the page's own content, its resources added to the
    page's under names of their own (`/Folio{part}-{name}`): the same marks as drawing the
    sheet's page as a form, without a form object and its dictionary on every page (about
    0.4 KB a page). (Not pikepdf's add_overlay either: it names the resource at random, and the
    same book must give the same bytes.)"""
    pages = [(part, page) for part, sheet in enumerate(sheets) for page in sheet.pages]
    for index, kind in enumerate(kinds):
        if kind != "none":
            part, folio = pages[index]
            stamp_page(book, book.pages[first + index], sheets[part], folio, f"Folio{part}-")


def stamp_document(document: Any, kinds: Sequence[FolioKind], sheet: Any, first: int) -> None:
    """Draw pages `first`, `first + 1`... of the laid-out `sheet` over the pages of one laid-out
    `document` that carry a folio (`kinds`, one per page of it)."""
    for index, kind in enumerate(kinds):
        if kind != "none":
            stamp_page(document, document.pages[index], sheet, sheet.pages[first + index],
                       "Folio0-")


def stamp_page(book: Any, page: Any, sheet: Any, folio: Any, prefix: str) -> None:
    """The folio sheet's page `folio` (of `sheet`) drawn over `page` (of `book`), in its content."""
    if list(page.mediabox) != list(folio.mediabox):
        raise ValueError("the folio sheet's pages are not the book's size")
    drawing = _renamed_drawing(book, sheet, page, folio, prefix)
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(b"Q\nq\n" + drawing + b"\nQ\n")
    page.contents_coalesce()


def _renamed_drawing(book: Any, sheet: Any, page: Any, folio: Any, prefix: str) -> bytes:
    """The folio page's content with every resource it names renamed `prefix + name`, and those
    resources copied into `page`'s resources (which the pages of one laid-out document share)."""
    drawing, needed = renamed_drawing(sheet, folio, prefix)
    add_resources(book, page, needed)
    return drawing


def renamed_drawing(sheet: Any, page: Any, prefix: str) -> tuple[bytes, list[tuple[str, Any, Any]]]:
    """A sheet page's content with every resource it names renamed `prefix + name`, and those
    resources: (category, new name, the sheet's object), to add to the pages it is drawn on
    (read once, it may be drawn on many pages)."""
    import pikepdf

    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    instructions: list[Any] = []
    needed: dict[tuple[str, str], tuple[str, Any, Any]] = {}
    for instruction in pikepdf.parse_content_stream(page):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            instructions.append(instruction)
            continue
        operands, operator = list(instruction.operands), str(instruction.operator)
        named = _NAMED_RESOURCES.get(operator)
        if named is not None and operands:
            category, at = named
            name = operands[at]
            if isinstance(name, pikepdf.Name) and str(name) not in _DEVICE_SPACES:
                source = resources[category][name]
                if not source.is_indirect:  # copied as an object of its own
                    source = resources[category][name] = sheet.make_indirect(source)
                renamed = pikepdf.Name(f"/{prefix}{str(name)[1:]}")
                needed.setdefault((category, str(renamed)), (category, renamed, source))
                operands[at] = renamed
        instructions.append(pikepdf.ContentStreamInstruction(operands, instruction.operator))
    return pikepdf.unparse_content_stream(instructions), list(needed.values())


def add_resources(document: Any, page: Any, needed: list[tuple[str, Any, Any]]) -> None:
    """The resources a drawing needs, copied into `page`'s resources (which the pages of one
    laid-out document share) where they are not there yet."""
    import pikepdf

    ours = page.obj.Resources
    for category, renamed, source in needed:
        if category not in ours:
            ours[category] = pikepdf.Dictionary()
        if renamed not in ours[category]:
            ours[category][renamed] = document.copy_foreign(source)
