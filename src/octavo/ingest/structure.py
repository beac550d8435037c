"""Shared by the readers of formats without lines: tidy the blocks a reader found, number
their paragraphs for diagnostics, take the title from a leading heading."""

from __future__ import annotations

import dataclasses

from octavo.diagnostics import Span
from octavo.document import (
    Aside,
    Block,
    BlockQuote,
    Emphasis,
    Footnote,
    Heading,
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
    inline_text,
)
from octavo.ingest.model import ManuscriptHeading
from octavo.ingest.plaintext import split_heading

# A run of short lines broken by Shift-Enter (or <br>) reads as verse, not as a paragraph.
VERSE_MAX_LINE = 60
VERSE_MIN_LINES = 3


def merge_text(inlines: list[Inline]) -> tuple[Inline, ...]:
    """Adjacent text nodes joined, empty ones dropped."""
    merged: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            if not node.value:
                continue
            if merged and isinstance(merged[-1], Text):
                merged[-1] = Text(merged[-1].value + node.value)
                continue
        merged.append(node)
    return tuple(merged)


def _is_break(node: Inline) -> bool:
    return isinstance(node, LineBreak)


def split_lines(inlines: tuple[Inline, ...]) -> list[tuple[Inline, ...]]:
    """Inlines cut at their line breaks (top level only)."""
    lines: list[list[Inline]] = [[]]
    for node in inlines:
        if _is_break(node):
            lines.append([])
        else:
            lines[-1].append(node)
    return [tuple(line) for line in lines]


def verse_or_paragraph(inlines: tuple[Inline, ...], span: Span | None,
                       align: str | None = None) -> Block:
    """A paragraph, or verse when its line breaks cut it into several short lines."""
    lines = split_lines(inlines)
    texts = [inline_text(line).strip() for line in lines]
    if (len(lines) >= VERSE_MIN_LINES and all(len(t) <= VERSE_MAX_LINE for t in texts)
            and sum(1 for t in texts if t) >= VERSE_MIN_LINES):
        kept = [(_strip_line(line), _indent(line)) for line, t in zip(lines, texts, strict=True) if t]
        indents = tuple(i for _, i in kept)
        return Verse(tuple(line for line, _ in kept), span, indents if any(indents) else ())
    return Paragraph(inlines, span, align)


def _indent(line: tuple[Inline, ...]) -> int:
    text = inline_text(line)
    lead = text[: len(text) - len(text.lstrip(" \t\u00a0"))]
    return lead.count("\t") + (len(lead) - lead.count("\t")) // 2


def _strip_line(line: tuple[Inline, ...]) -> tuple[Inline, ...]:
    if line and isinstance(line[0], Text):
        line = (Text(line[0].value.lstrip(" \t\u00a0")), *line[1:])
    return merge_text(list(line))


def tidy_breaks(blocks: list[Block]) -> list[Block]:
    """A run of breaks is one break; a break at a story's edges or just before a heading (a
    chapter that starts on a new page) means nothing."""
    tidy: list[Block] = []
    for block in blocks:
        if isinstance(block, SceneBreak) and (not tidy or isinstance(tidy[-1], SceneBreak)):
            continue
        if isinstance(block, Heading) and tidy and isinstance(tidy[-1], SceneBreak):
            tidy.pop()
        tidy.append(block)
    while tidy and isinstance(tidy[-1], SceneBreak):
        tidy.pop()
    return tidy


def leading_heading(blocks: list[Block], display: str
                    ) -> tuple[ManuscriptHeading | None, list[Block]]:
    """A first level-1 heading is the story's title ("Chapter 3: The Fall" gives a label too)."""
    if not blocks or not isinstance(blocks[0], Heading) or blocks[0].level != 1:
        return None, blocks
    first = blocks[0]
    title = " ".join(inline_text(first.children).split())
    if not title:
        return None, blocks[1:]
    span = first.span or Span(display)
    parts = split_heading(title)
    heading = (ManuscriptHeading(parts[0], parts[1], span) if parts
               else ManuscriptHeading(None, title, span))
    return heading, blocks[1:]


def number_paragraphs(blocks: tuple[Block, ...], display: str, start: int = 1
                      ) -> tuple[tuple[Block, ...], int]:
    """Every block (nested ones too) gets a paragraph span `display:¶N`, in reading order;
    returns the blocks and the next number."""
    counter = start

    def span() -> Span:
        nonlocal counter
        counter += 1
        return Span(display, 0, 1, paragraph=counter - 1)

    def visit(block: Block) -> Block:
        match block:
            case BlockQuote(blocks=inner) | Aside(blocks=inner):
                here = span()
                return dataclasses.replace(block, blocks=tuple(visit(b) for b in inner), span=here)
            case ListBlock(items=items):
                here = span()
                return dataclasses.replace(block, span=here, items=tuple(
                    tuple(visit(b) for b in item) for item in items))
            case _:
                return dataclasses.replace(block, span=span())

    numbered = tuple(visit(b) for b in blocks)
    return numbered, counter


def renumber_notes(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Notes numbered 1, 2, … in the order they are called, whatever the source called them."""
    counter = 0

    def inlines(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
        nonlocal counter
        out: list[Inline] = []
        for node in nodes:
            if isinstance(node, Footnote):
                counter += 1
                node = dataclasses.replace(node, number=counter)
            elif isinstance(node, Emphasis | Strong | SmallCaps | Link):
                node = dataclasses.replace(node, children=inlines(node.children))
            out.append(node)
        return tuple(out)

    def visit(block: Block) -> Block:
        match block:
            case Paragraph(children=c) | Heading(children=c):
                return dataclasses.replace(block, children=inlines(c))
            case Verse(lines=lines):
                return dataclasses.replace(block, lines=tuple(inlines(line) for line in lines))
            case BlockQuote(blocks=inner) | Aside(blocks=inner):
                return dataclasses.replace(block, blocks=tuple(visit(b) for b in inner))
            case ListBlock(items=items):
                return dataclasses.replace(block, items=tuple(tuple(visit(b) for b in item)
                                                              for item in items))
            case _:
                return block

    return tuple(visit(b) for b in blocks)
