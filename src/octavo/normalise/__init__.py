"""Normalise a story's text before compiling: typography and spaces, on Text nodes only.

Runs per story, with no state shared between stories, so stories can be normalised in parallel.
A paragraph's text nodes are typeset together (joined by an invisible boundary marker and split
again), so a quote next to an emphasised word is judged by the word, not by the node edge. Each
paragraph is typeset on its own: the author's quotation marks are kept (or set in the house
style by nesting level) paragraph by paragraph, with nothing carried from one to the next.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, assert_never

from octavo.document import (
    Aside,
    Block,
    BlockQuote,
    Code,
    Emphasis,
    Footnote,
    Heading,
    Image,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    SceneBreak,
    SmallCaps,
    Strong,
    Text,
    Verse,
)
from octavo.ingest.model import RawStory
from octavo.normalise.markdown_out import to_markdown
from octavo.normalise.markers import BOUNDARY
from octavo.normalise.typography import (
    QUOTE_STYLES,
    HouseStyle,
    Prepared,
    clean,
    finish,
    house_style_for,
    prepare,
    typeset_paragraph,
)

__all__ = ["QUOTE_STYLES", "HouseStyle", "house_style_for", "normalise_story", "normalise_text",
           "to_markdown", "typeset"]

# A house style that turns double quotations into single ones (or back) sets a paragraph again
# until it no longer changes: a mark can read differently once swapped. Each paragraph settles
# on its own (one swapped paragraph does not send the whole story round again); keeping the
# author's marks always takes one pass.
_MAX_PASSES = 8


def typeset(paragraphs: list[str], style: HouseStyle | None = None) -> list[str]:
    """Typeset the paragraphs of one story. Each paragraph is decided on its own, so the result
    of one never depends on another."""
    house = style or HouseStyle()
    return [typeset_paragraph(p, house).strip() for p in paragraphs]


def normalise_text(text: str, style: HouseStyle | None = None) -> str:
    return typeset_paragraph(text, style).strip()


def normalise_story(story: RawStory, style: HouseStyle | None = None) -> RawStory:
    """The story typeset, in one walk: its result is a fixed point (typeset again, it does not
    change), because every paragraph is set again on its own until it is stable."""
    house = style or HouseStyle()
    heading = story.heading
    if heading is not None and heading.title:
        heading = dataclasses.replace(heading, title=normalise_text(heading.title, house))
    fix = _Typesetter(house)
    blocks = tuple(fix.block(b) for b in story.blocks)
    return dataclasses.replace(story, heading=heading, blocks=blocks)


def _leaves(inlines: tuple[Inline, ...]) -> list[str]:
    """The text to typeset, in order, cleaned of anything that could pass for one of the
    normaliser's markers. Code, breaks, images and notes are not part of it (a note's own text
    is typeset on its own)."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(clean(node.value))
        elif isinstance(node, Emphasis | Strong | SmallCaps | Link):
            out.extend(_leaves(node.children))
    return out


class _Typesetter:
    def __init__(self, style: HouseStyle) -> None:
        self.style = style
        # A house style turned a double quotation of the paragraph being set into a single one.
        self.swapped = False

    def block(self, block: Block) -> Block:
        match block:
            case Paragraph(children=children):
                typeset_children = self.inlines(children)
                if typeset_children is children:  # nothing to change (many paragraphs)
                    return block
                return _replace(block, children=typeset_children)
            case Heading(children=children):
                return dataclasses.replace(block, children=self.inlines(children))
            case SceneBreak():
                return block
            case BlockQuote(blocks=blocks):
                return dataclasses.replace(block, blocks=tuple(self.block(b) for b in blocks))
            case Verse(lines=lines):
                return dataclasses.replace(block, lines=tuple(self.inlines(line) for line in lines))
            case ListBlock(items=items):
                return dataclasses.replace(block, items=tuple(tuple(self.block(b) for b in item)
                                                              for item in items))
            case Aside(blocks=blocks):
                return dataclasses.replace(block, blocks=tuple(self.block(b) for b in blocks))
            case _:
                assert_never(block)

    def _finish(self, prepared: Prepared) -> str:
        text, swapped = finish(prepared, self.style)
        self.swapped |= swapped
        return text

    def inlines(self, inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
        """One paragraph's inlines typeset, and again while a house style swapped quotation
        kinds and the result still changes."""
        result = self._inlines_once(inlines)
        for _ in range(_MAX_PASSES - 1):
            if not self.swapped:
                break
            again = self._inlines_once(result)
            if again == result:
                break
            result = again
        return result

    def _inlines_once(self, inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
        inlines = self.notes(inlines)  # a note's paragraphs settle on their own, first
        self.swapped = False
        if len(inlines) == 1 and inlines[0].__class__ is Text:  # most paragraphs: one text node
            original = inlines[0].value
            value = self._finish(prepare(original, self.style)).strip()
            if value == original:
                return inlines
            return (Text(value),) if value else ()
        leaves = _leaves(inlines)
        if not leaves:  # an empty heading ("##" alone), a lone image: nothing to set
            return inlines
        typeset_text = self._finish(prepare(BOUNDARY.join(leaves), self.style, joined=True))
        values = typeset_text.split(BOUNDARY)
        if len(values) != len(leaves):  # a rule ate a boundary: fall back to node by node
            values = [typeset_paragraph(v, self.style) for v in leaves]
        values[0] = values[0].lstrip()
        values[-1] = values[-1].rstrip()
        rebuilt = _rebuild(inlines, iter(values))
        return tuple(node for node in rebuilt if not (isinstance(node, Text) and not node.value))

    def notes(self, inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
        """The same inlines with each note's own blocks typeset."""
        if len(inlines) == 1 and inlines[0].__class__ is Text:  # most paragraphs: no note
            return inlines
        out: list[Inline] = []
        for node in inlines:
            if isinstance(node, Footnote):
                node = dataclasses.replace(node, blocks=tuple(self.block(b) for b in node.blocks))
            elif isinstance(node, Emphasis | Strong | SmallCaps | Link):
                node = dataclasses.replace(node, children=self.notes(node.children))
            out.append(node)
        return tuple(out)


def _replace(block: Paragraph, children: tuple[Inline, ...]) -> Paragraph:
    """`dataclasses.replace(block, children=children)`, from the class's field names found
    once (replace looks them up on every call, which costs more than the rest of a short
    paragraph's walk)."""
    kind = block.__class__
    names = _FIELD_NAMES.get(kind)
    if names is None:
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind) if f.init)
    fields: dict[str, Any] = {name: getattr(block, name) for name in names}
    fields["children"] = children
    return kind(**fields)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _rebuild(inlines: tuple[Inline, ...], values: Iterator[str]) -> tuple[Inline, ...]:
    """The same tree with its text leaves, in order, replaced by `values`."""
    out: list[Inline] = []
    for node in inlines:
        match node:
            case Text():
                out.append(Text(next(values)))
            case Emphasis() | Strong() | SmallCaps() | Link():
                out.append(dataclasses.replace(node, children=_rebuild(node.children, values)))
            case Code() | LineBreak() | Footnote() | Image():
                out.append(node)
            case _:
                assert_never(node)
    return tuple(out)
