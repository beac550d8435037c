"""Normalise a story's text before compiling: typography and spaces, on Text nodes only.

Runs per story, with no state shared between stories, so stories can be normalised in parallel.
A paragraph's text nodes are typeset together (joined by an invisible boundary marker and split
again), so a quote next to an emphasised word is judged by the word, not by the node edge.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import TypeVar, assert_never

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
from octavo.normalise.quotes import BOUNDARY, speech_in_singles
from octavo.normalise.typography import (
    HouseStyle,
    Prepared,
    finish,
    house_style_for,
    prepare,
    typeset_paragraph,
)

__all__ = ["HouseStyle", "house_style_for", "normalise_story", "normalise_text", "to_markdown",
           "typeset"]


# A story whose speech marks were swapped to the house style's is normalised again until it no
# longer changes (stray marks can read differently once swapped); others need one pass.
_MAX_PASSES = 3
T = TypeVar("T")


def _until_stable(once: Callable[[T], tuple[T, bool]], value: T) -> T:
    """Apply `once`, and again while it swapped speech marks and still changes the result."""
    result, swapped = once(value)
    for _ in range(_MAX_PASSES - 1):
        if not swapped:
            break
        again, swapped = once(result)
        if again == result:
            break
        result = again
    return result


def typeset(paragraphs: list[str], style: HouseStyle | None = None) -> list[str]:
    """Typeset the paragraphs of one story (the author's quote habit is judged on all of them)."""
    house = style or HouseStyle()
    return _until_stable(lambda ps: _typeset_once(ps, house), paragraphs)


def _typeset_once(paragraphs: list[str], style: HouseStyle) -> tuple[list[str], bool]:
    prepared = [prepare(p, style) for p in paragraphs]
    single_outer = speech_in_singles([p.marks for p in prepared])
    swapped = single_outer is not None and single_outer != style.single_outer
    return [finish(p, style, single_outer).strip() for p in prepared], swapped


def normalise_text(text: str, style: HouseStyle | None = None) -> str:
    return typeset_paragraph(text, style).strip()


def normalise_story(story: RawStory, style: HouseStyle | None = None) -> RawStory:
    house = style or HouseStyle()
    return _until_stable(lambda s: _normalise_once(s, house), story)


def _normalise_once(story: RawStory, style: HouseStyle) -> tuple[RawStory, bool]:
    prepared = {id(b): prepare(_joined(b), style) for b in story.blocks if isinstance(b, Paragraph)}
    single_outer = speech_in_singles([p.marks for p in prepared.values()])
    heading = story.heading
    if heading is not None and heading.title:
        heading = dataclasses.replace(heading, title=normalise_text(heading.title, style))
    fix = _Typesetter(style, single_outer, prepared)
    swapped = single_outer is not None and single_outer != style.single_outer
    return dataclasses.replace(story, heading=heading,
                               blocks=tuple(fix.block(b) for b in story.blocks)), swapped


def _joined(block: Paragraph) -> str:
    return BOUNDARY.join(_leaves(block.children))


def _leaves(inlines: tuple[Inline, ...]) -> list[str]:
    """The text to typeset, in order. Code, breaks, images and notes are not part of it (a
    note's own text is typeset on its own)."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.value)
        elif isinstance(node, Emphasis | Strong | SmallCaps | Link):
            out.extend(_leaves(node.children))
    return out


class _Typesetter:
    def __init__(self, style: HouseStyle, single_outer: bool | None,
                 prepared: dict[int, Prepared]) -> None:
        self.style = style
        self.single_outer = single_outer
        self.prepared = prepared  # paragraphs already prepared while judging the quote habit

    def block(self, block: Block) -> Block:
        match block:
            case Paragraph(children=children):
                return dataclasses.replace(block, children=self.inlines(children, id(block)))
            case Heading(children=children):
                return dataclasses.replace(block, children=self.inlines(children, id(block)))
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

    def inlines(self, inlines: tuple[Inline, ...], key: int | None = None) -> tuple[Inline, ...]:
        inlines = self.notes(inlines)
        prepared = self.prepared.get(key) if key is not None else None
        if len(inlines) == 1 and isinstance(inlines[0], Text):  # most paragraphs: one text node
            prepared = prepared or prepare(inlines[0].value, self.style)
            value = finish(prepared, self.style, self.single_outer).strip()
            return (Text(value),) if value else ()
        leaves = _leaves(inlines)
        if not leaves:  # an empty heading ("##" alone), a lone image: nothing to set
            return inlines
        prepared = prepared or prepare(BOUNDARY.join(leaves), self.style)
        typeset_text = finish(prepared, self.style, self.single_outer)
        values = typeset_text.split(BOUNDARY)
        if len(values) != len(leaves):  # a rule ate a boundary: fall back to node by node
            values = [typeset_paragraph(v, self.style, self.single_outer) for v in leaves]
        values[0] = values[0].lstrip()
        values[-1] = values[-1].rstrip()
        rebuilt = _rebuild(inlines, iter(values))
        return tuple(node for node in rebuilt if not (isinstance(node, Text) and not node.value))

    def notes(self, inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
        """The same inlines with each note's own blocks typeset."""
        out: list[Inline] = []
        for node in inlines:
            if isinstance(node, Footnote):
                node = dataclasses.replace(node, blocks=tuple(self.block(b) for b in node.blocks))
            elif isinstance(node, Emphasis | Strong | SmallCaps | Link):
                node = dataclasses.replace(node, children=self.notes(node.children))
            out.append(node)
        return tuple(out)


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
