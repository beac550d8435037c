"""Page-break markers and the page list, placed where the print edition's pages begin.

`octavo.pagemap` says where each print page starts (document, block path, visible-character
offset); this module renders a document's blocks with `<span epub:type="pagebreak">` markers at
those places, between blocks or inside a block's text, and lists the pages for the nav
document's `page-list`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from markupsafe import Markup, escape

from octavo.document import Block, BlockQuote, SceneBreak
from octavo.pagemap import PageMap, PageStart, index_after, visible_length
from octavo.render.direction import Direction
from octavo.render.xhtml import render_block, render_blocks


def marker_id(label: str) -> str:
    return f"page-{label}"


def marker(label: str) -> Markup:
    return Markup('<span epub:type="pagebreak" role="doc-pagebreak" id="%s" aria-label="%s"/>') % (
        marker_id(label), label)


@dataclass(slots=True)
class DocumentMarks:
    """The page starts that fall in one content document."""

    at_start: list[str] = field(default_factory=list)
    at_end: list[str] = field(default_factory=list)  # blank versos after it
    in_blocks: dict[tuple[int, ...], list[tuple[int, str]]] = field(default_factory=dict)
    before_items: dict[int, list[str]] = field(default_factory=dict)

    def start(self) -> Markup:
        return Markup("").join(marker(label) for label in self.at_start)

    def end(self) -> Markup:
        return Markup("").join(marker(label) for label in self.at_end)

    def before_item(self, index: int) -> Markup:
        return Markup("").join(marker(label) for label in self.before_items.get(index, ()))


def marks_by_document(page_map: PageMap | None) -> dict[str, DocumentMarks]:
    found: dict[str, DocumentMarks] = {}
    if page_map is None:
        return found
    for page in page_map.pages:
        marks = found.setdefault(page.document, DocumentMarks())
        if page.blank:
            marks.at_end.append(page.label)
        elif page.item is not None:
            marks.before_items.setdefault(page.item, []).append(page.label)
        elif page.block is None:
            marks.at_start.append(page.label)
        else:
            marks.in_blocks.setdefault(page.block, []).append((page.offset, page.label))
    return found


def render_marked_blocks(blocks: Sequence[Block], heading_offset: int, scene_break: str,
                         direction: Direction, marks: DocumentMarks | None,
                         path: tuple[int, ...] = ()) -> Markup:
    """`render_blocks` with the page-break markers of `marks` at their places, inside the
    blocks' text (before a scene break, which has none), so the blocks' own structure is
    unchanged."""
    if marks is None or not marks.in_blocks:  # no page starts inside these blocks' text
        return render_blocks(tuple(blocks), heading_offset, scene_break, direction)
    out: list[Markup] = []
    for index, block in enumerate(blocks):
        here = (*path, index)
        inside = sorted(marks.in_blocks.get(here, ())) if marks else []
        if isinstance(block, SceneBreak):  # no text to hold a marker: it goes just before
            out.extend(marker(label) for _, label in inside)
            inside = []
        if isinstance(block, BlockQuote) and marks:
            inner = render_marked_blocks(block.blocks, heading_offset, scene_break, direction,
                                         marks, here)
            out.append(Markup("<blockquote>\n%s\n</blockquote>") % inner)
        elif inside:
            out.append(_block_with_marks(block, heading_offset, scene_break, direction, inside))
        else:
            out.append(render_block(block, heading_offset, scene_break, direction))
    return Markup("\n").join(out)


def _block_with_marks(block: Block, heading_offset: int, scene_break: str,
                      direction: Direction, marks: list[tuple[int, str]]) -> Markup:
    """The block as `render_block` draws it, with markers put into its text: the n-th visible
    character of the rendered text is the n-th of `block_text` (a note's call, which the
    print edition does not count either, is skipped), so any node type the renderer knows is
    marked without being rendered twice."""
    rendered = str(render_block(block, heading_offset, scene_break, direction))
    return Markup(insert_markers(rendered, sorted(marks)))


# Our own renderer's output: well-formed tags and escaped text, so a tokenizer suffices.
_TAG = re.compile(r"(<[^>]*>)")
_SKIPPED = re.compile(r'^<a\b[^>]*\bclass="noteref"')


def insert_markers(markup: str, marks: list[tuple[int, str]]) -> str:
    """`markup` with a page-break marker before the visible character number `offset` of its
    text for each (offset, label); one that falls inside a word goes after that word; one past
    the last character goes at the end."""
    pending = list(marks)
    out: list[str] = []
    seen = 0  # visible characters of text passed so far
    skip_depth = 0  # inside a note call
    for token in _TAG.split(markup):
        if not token:
            continue
        if token.startswith("<"):
            if skip_depth:
                skip_depth += 0 if token.endswith("/>") else (-1 if token.startswith("</") else 1)
            elif _SKIPPED.match(token) and not token.endswith("/>"):
                skip_depth = 1
            out.append(token)
            continue
        if skip_depth or not pending:
            out.append(token)
            continue
        text = html.unescape(token)
        length = visible_length(text)
        cuts = []
        while pending and pending[0][0] < seen + length:
            offset, label = pending.pop(0)
            cuts.append((word_end(text, index_after(text, max(0, offset - seen))), label))
        last = 0
        for index, label in cuts:
            out.append(str(escape(text[last:index])))
            out.append(str(marker(label)))
            last = index
        out.append(str(escape(text[last:])) if cuts else token)
        seen += length
    out.extend(str(marker(label)) for _, label in pending)
    # A marker after the block's last letter belongs inside it, before its closing tags.
    if pending:
        closing = re.search(r"((?:</[^>]+>\s*)+)$", "".join(out[:-len(pending)]))
        if closing:
            head = "".join(out[:-len(pending)])
            return head[:closing.start()] + "".join(out[-len(pending):]) + closing.group(1)
    return "".join(out)


def word_end(text: str, index: int) -> int:
    """`index`, or the end of the word it falls inside: a page that begins inside a word (one
    the print edition hyphenated across the page turn) gets its marker after that word, so no
    reading system shows or reads the word in two pieces."""
    while 0 < index < len(text) and not text[index - 1].isspace() and not text[index].isspace():
        index += 1
    return index


@dataclass(frozen=True, slots=True)
class PageLink:
    label: str
    href: str  # "story-001.xhtml#page-12", relative to the text folder


def page_links(page_map: PageMap | None, href_of: dict[str, str]) -> list[PageLink]:
    """The page list: every print page whose document is in the EPUB, in order."""
    if page_map is None:
        return []
    return [PageLink(page.label, f"{href_of[page.document]}#{marker_id(page.label)}")
            for page in page_map.pages if page.document in href_of]


def without_unplaced(page_map: PageMap, documents: set[str]) -> tuple[PageMap, list[PageStart]]:
    """The page map less the pages whose document the EPUB does not have, and those pages."""
    kept = tuple(p for p in page_map.pages if p.document in documents)
    dropped = [p for p in page_map.pages if p.document not in documents]
    return replace(page_map, pages=kept), dropped
