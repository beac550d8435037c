"""Page-break markers and the page list, placed where the print edition's pages begin.

`octavo.pagemap` says where each print page starts (document, block path, visible-character
offset); this module renders a document's blocks with `<span epub:type="pagebreak">` markers at
those places, between blocks or inside a block's text, and lists the pages for the nav
document's `page-list`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import assert_never

from markupsafe import Markup

from octavo.document import (
    Block,
    BlockQuote,
    Emphasis,
    Heading,
    Inline,
    Link,
    Paragraph,
    SceneBreak,
    SmallCaps,
    Strong,
    Text,
    Verse,
    block_text,
    inline_text,
)
from octavo.pagemap import PageMap, PageStart, index_after
from octavo.render.direction import Direction, dir_attribute
from octavo.render.xhtml import render_block, render_inline


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
    """`render_blocks` with the page-break markers of `marks` at their places. A marker at a
    block's first character goes before the block; a marker past its last character (a page
    that began in text the layout dropped) goes after it."""
    out: list[Markup] = []
    for index, block in enumerate(blocks):
        here = (*path, index)
        inside = sorted(marks.in_blocks.get(here, ())) if marks else []
        leading = [label for offset, label in inside if offset <= 0]
        inside = [(offset, label) for offset, label in inside if offset > 0]
        out.extend(marker(label) for label in leading)
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
    text = block_text(block)
    cuts = sorted((word_end(text, index_after(text, offset)), label) for offset, label in marks)
    match block:
        case Paragraph(children=children):
            return Markup("<p%s>%s</p>") % (dir_attribute(inline_text(children), direction),
                                            _inlines_with_marks(children, cuts))
        case Heading(level=level, children=children):
            tag = f"h{min(6, level + heading_offset)}"
            return Markup(f"<{tag}%s>%s</{tag}>") % (
                dir_attribute(inline_text(children), direction), _inlines_with_marks(children, cuts))
        case Verse(lines=lines):
            rendered = []
            start = 0
            for line in lines:
                length = len(inline_text(line))
                local = [(at - start, label) for at, label in cuts if start <= at <= start + length]
                cuts = [(at, label) for at, label in cuts if at > start + length]
                rendered.append(Markup('<span class="line">%s</span>') % _inlines_with_marks(line, local))
                start += length + 1  # the "\n" that block_text puts between lines
            body = Markup("<br/>\n").join(rendered)
            return Markup('<p class="verse"%s>%s</p>') % (dir_attribute(text, direction), body)
        case SceneBreak() | BlockQuote():
            return Markup("").join(marker(label) for _, label in cuts) + render_block(
                block, heading_offset, scene_break, direction)
        case _:
            assert_never(block)


def word_end(text: str, index: int) -> int:
    """`index`, or the end of the word it falls inside: a page that begins inside a word (one
    the print edition hyphenated across the page turn) gets its marker after that word, so no
    reading system shows or reads the word in two pieces."""
    while 0 < index < len(text) and not text[index - 1].isspace() and not text[index].isspace():
        index += 1
    return index


def _inlines_with_marks(inlines: tuple[Inline, ...], cuts: list[tuple[int, str]]) -> Markup:
    """Inline content with markers at character positions `cuts` of its plain text."""
    out: list[Markup] = []
    position = 0
    pending = list(cuts)

    def walk(nodes: tuple[Inline, ...]) -> Markup:
        nonlocal position, pending
        pieces: list[Markup] = []
        for node in nodes:
            match node:
                case Text(value=value):
                    start = position
                    end = start + len(value)
                    cut_here = [(at, label) for at, label in pending if at < end]
                    pending = [(at, label) for at, label in pending if at >= end]
                    last = 0
                    for at, label in cut_here:
                        piece = value[last:max(last, at - start)]
                        if piece:
                            pieces.append(render_inline(Text(piece)))
                        pieces.append(marker(label))
                        last = max(last, at - start)
                    if value[last:]:
                        pieces.append(render_inline(Text(value[last:])))
                    position = end
                case Emphasis(children=children):
                    pieces.append(Markup("<em>%s</em>") % walk(children))
                case Strong(children=children):
                    pieces.append(Markup("<strong>%s</strong>") % walk(children))
                case SmallCaps(children=children):
                    pieces.append(Markup('<span class="small-caps">%s</span>') % walk(children))
                case Link(href=href, children=children):
                    pieces.append(Markup('<a href="%s">%s</a>') % (href, walk(children)))
                case _:
                    assert_never(node)
        return Markup("").join(pieces)

    out.append(walk(inlines))
    out.extend(marker(label) for _, label in pending)  # past the end: after the last letter
    return Markup("").join(out)


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
