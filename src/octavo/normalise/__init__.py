"""Normalise a story's text before compiling: typography and spaces, on Text nodes only.

Runs per story, with no state shared between stories, so stories can be normalised in parallel.
"""

from __future__ import annotations

import dataclasses
from typing import assert_never

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
)
from octavo.ingest.model import RawStory
from octavo.normalise.typography import smarten, tidy_spaces


def normalise_text(text: str) -> str:
    return smarten(tidy_spaces(text))


def normalise_story(story: RawStory) -> RawStory:
    heading = story.heading
    if heading is not None:
        heading = dataclasses.replace(
            heading, title=normalise_text(heading.title).strip() if heading.title else None)
    return dataclasses.replace(story, heading=heading,
                               blocks=tuple(_block(b) for b in story.blocks))


def _block(block: Block) -> Block:
    match block:
        case Paragraph(children=children) | Heading(children=children):
            return dataclasses.replace(block, children=_strip_edges(_inlines(children)))
        case SceneBreak():
            return block
        case BlockQuote(blocks=blocks):
            return dataclasses.replace(block, blocks=tuple(_block(b) for b in blocks))
        case Verse(lines=lines):
            return dataclasses.replace(block, lines=tuple(_inlines(line) for line in lines))
        case _:
            assert_never(block)


def _inlines(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    return tuple(_inline(node) for node in inlines)


def _inline(node: Inline) -> Inline:
    match node:
        case Text(value=value):
            return Text(normalise_text(value))
        case Emphasis() | Strong() | SmallCaps() | Link():
            return dataclasses.replace(node, children=_inlines(node.children))
        case _:
            assert_never(node)


def _strip_edges(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """No leading or trailing space in a paragraph (authors indent with spaces, or leave a
    no-break space at the end of a line)."""
    items = list(inlines)
    if items and isinstance(items[0], Text):
        items[0] = Text(items[0].value.lstrip())
    if items and isinstance(items[-1], Text):
        items[-1] = Text(items[-1].value.rstrip())
    return tuple(i for i in items if not (isinstance(i, Text) and not i.value))
