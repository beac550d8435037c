"""Find where each laid-out page begins in the book's text (for the EPUB's page list).

Reads WeasyPrint's box tree after layout: the first visible character of each page belongs to
an element of the print HTML, and the print templates put a story's blocks, in order, inside
`div.story-text` (a back or front page's inside its `section`, after the `.matter-title`), so
the element's place among its siblings is the block's index in the `Book`. The offset counts
visible characters of that block laid out on earlier pages (see `octavo.pagemap`); a hyphen
the layout added at a line end is not in the text and is not counted.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any
from xml.etree.ElementTree import Element

from octavo.pagemap import PageMap, PageStart, counts, roman

# Elements whose element children are blocks of the Book, and those of them that are not.
_CONTAINER_CLASSES = ("story-text", "matter", "dedication")
_NOT_BLOCKS = ("matter-title", "running-strings")
_ITEM_CLASSES = ("contributor",)
# Text that is in a block's markup but not its text: a footnote's own words (floated to the
# page's foot) and a note's call number. The EPUB does not count them either.
_NOT_TEXT = ("footnote", "noteref")
# List pages whose entries are items: the contents page's lines.
_ITEM_LISTS = ("toc-list",)


@dataclass(frozen=True, slots=True)
class LocalStart:
    """Where a page of one laid-out document starts: the `section` id holding it (front
    matter), the block path inside the container, the visible-character offset in it."""

    section: str | None
    block: tuple[int, ...] | None
    offset: int = 0
    item: int | None = None


def _classes(element: Element) -> list[str]:
    return (element.get("class") or "").split()


def _block_text(element: Element) -> str:
    """The element's text without its notes' (see _NOT_TEXT)."""
    parts = [element.text or ""]
    for child in element:
        if not any(c in _NOT_TEXT for c in _classes(child)):
            parts.append(_block_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _is_item(element: Element) -> bool:
    return any(c in _ITEM_CLASSES for c in _classes(element))


def _text_boxes(box: Any, out: list[Any]) -> None:
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        if "::" not in (box.element_tag or "") and box.style["visibility"] == "visible":
            out.append(box)
        return
    for child in getattr(box, "children", None) or ():
        _text_boxes(child, out)


class _Tree:
    """Parent links and block addresses for the elements of one print document."""

    def __init__(self, root: Element) -> None:
        self.parent = {child: parent for parent in root.iter() for child in parent}
        # Each parent's block children and their indices, computed once: a story of 20,000
        # paragraphs must not cost 20,000 list scans per page.
        self._blocks: dict[int, dict[int, int]] = {}
        self._items: dict[int, dict[int, int]] = {}

    def block_index(self, parent: Element, child: Element) -> int | None:
        if id(parent) not in self._blocks:
            siblings = [e for e in parent if not any(c in _NOT_BLOCKS for c in _classes(e))]
            self._blocks[id(parent)] = {id(e): n for n, e in enumerate(siblings)}
        return self._blocks[id(parent)].get(id(child))

    def item_index(self, parent: Element, child: Element, is_item: Any) -> int:
        if id(parent) not in self._items:
            items = [e for e in parent if is_item(e)]
            self._items[id(parent)] = {id(e): n for n, e in enumerate(items)}
        return self._items[id(parent)][id(child)]

    def ancestors(self, element: Element) -> list[Element]:
        chain = [element]
        while chain[-1] in self.parent:
            chain.append(self.parent[chain[-1]])
        return chain

    def address(self, element: Element) -> tuple[Element | None, LocalStart]:
        """The block element holding `element` (None outside any block) and its address."""
        chain = self.ancestors(element)
        section = next((e.get("id") for e in chain if e.tag == "section" and e.get("id")), None)
        path: list[int] = []
        block: Element | None = None
        for child, parent in itertools.pairwise(chain):
            if any(c in _ITEM_CLASSES for c in _classes(child)):
                index = self.item_index(parent, child, _is_item)
                return None, LocalStart(section, None, item=index)
            if child.tag == "li" and any(c in _ITEM_LISTS for c in _classes(parent)):
                index = self.item_index(parent, child, lambda e: True)
                return None, LocalStart(section, None, item=index)
            classes = _classes(parent)
            if parent.tag == "blockquote" or any(c in _CONTAINER_CLASSES for c in classes):
                position = self.block_index(parent, child)
                if position is None:
                    return None, LocalStart(section, None)
                path.insert(0, position)
                if block is None:
                    block = child
        if not path:
            return None, LocalStart(section, None)
        return block, LocalStart(section, tuple(path))


def page_starts(document: Any) -> list[LocalStart | None]:
    """For each page of a rendered WeasyPrint document, where it starts (None: a page without
    text, such as a blank one)."""
    root_element = document.pages[0]._page_box.children[0].element if document.pages else None
    if root_element is None:
        return [None for _ in document.pages]
    tree = _Tree(root_element)
    progress: dict[int, tuple[str, int]] = {}  # id(block) → (its visible text, position)
    starts: list[LocalStart | None] = []
    for page in document.pages:
        found: list[Any] = []
        for child in page._page_box.children:
            if getattr(child, "element_tag", None) == "html":
                _text_boxes(child, found)
        start: LocalStart | None = None
        for box in found:
            block, address = tree.address(box.element)
            if block is None:
                if start is None:
                    start = address
                continue
            if any(any(c in _NOT_TEXT for c in _classes(e)) for e in tree.ancestors(box.element)):
                continue  # a note's text or call: not the block's own
            key = id(block)
            if key not in progress:
                text = "".join(c for c in _block_text(block) if counts(c))
                progress[key] = (text, 0)
            if start is None:
                start = LocalStart(address.section, address.block, progress[key][1])
            progress[key] = _advance(progress[key], box.text)
        starts.append(start)
    return starts


def _advance(state: tuple[str, int], laid_out: str) -> tuple[str, int]:
    """Move through a block's visible text by the characters of one laid-out piece; a
    character that does not match (a hyphen added at a line break) is skipped."""
    text, position = state
    for char in laid_out:
        if not counts(char):
            continue
        if position < len(text) and text[position].casefold() == char.casefold():
            position += 1
    return text, position


@dataclass(frozen=True, slots=True)
class PlacedPages:
    """One body or back-matter document as the PDF assembles it: the Book node it lays out,
    where each of its pages starts, and whether a blank verso comes before it."""

    document: str
    starts: tuple[LocalStart | None, ...]
    blank_before: bool = False


def book_page_map(front: Sequence[LocalStart | None], front_pages: int,
                  body: Sequence[PlacedPages], trailing_blanks: int,
                  print_isbn: str | None) -> PageMap:
    """The whole print edition's page map, page for page as `pdf.py` assembles the PDF.

    `front` holds the front-matter document's pages, padded with blank pages to
    `front_pages`; then each body document, after its blank verso when it has one; then the
    `trailing_blanks` the print shop's page count asks for at the end. Folios are roman in
    the front matter and arabic from 1 after it, as the PDF labels and prints them. A blank
    page's marker goes where the page before it ends (the document before it)."""
    pages: list[PageStart] = []

    def label() -> str:
        index = len(pages)
        return roman(index + 1) if index < front_pages else str(index - front_pages + 1)

    def add(document: str, start: LocalStart | None) -> None:
        if start is None:
            pages.append(PageStart(label(), document, blank=True))
        else:
            pages.append(PageStart(label(), document, start.block, start.offset, start.item))

    current = "titlepage"
    for start in front:
        if start is not None and start.section:
            current = start.section
        add(current, start)
    while len(pages) < front_pages:
        add(current, None)
    for placed in body:
        if placed.blank_before:
            add(current, None)
        current = placed.document
        for start in placed.starts:
            add(current, start)
    for _ in range(trailing_blanks):
        add(current, None)
    return PageMap(_blanks_between_openings(pages), print_isbn)


def _blanks_between_openings(pages: list[PageStart]) -> tuple[PageStart, ...]:
    """A blank page between two pages that both open the same EPUB document (the half title's
    blank verso before the title page) is marked at that document's start with them, so the
    markers stay in page order rather than the blank one going to the document's end."""
    def opens(page: PageStart) -> bool:
        return not page.blank and page.block is None and page.item is None

    out = list(pages)
    for index in range(1, len(out) - 1):
        before, page, after = out[index - 1], out[index], out[index + 1]
        if page.blank and opens(before) and opens(after) \
                and before.document == page.document == after.document:
            out[index] = replace(page, blank=False)
    return tuple(out)
