"""A normalised story as Markdown: what `octavo normalize` prints and `--in-place` writes.

Paragraphs are separated by one blank line, every scene break is the line `* * *`, emphasis is
`*…*`. octavo's plain-text reader understands the same conventions, so the output reads back
as the same story, whichever reader gets it.
"""

from __future__ import annotations

from typing import assert_never

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

SCENE_BREAK = "* * *"


def _escape(text: str) -> str:
    """Literal *, _ and \\ in the text, so they are not read back as emphasis."""
    if "\\" not in text and "*" not in text and "_" not in text:
        return text
    # (each mark after a backslash; the backslashes first, so that none added is doubled:
    # many times faster than str.translate, whose path to two-character strings is slow)
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")


def story_markdown(story: RawStory) -> str:
    parts: list[str] = []
    heading = story.heading
    title = ": ".join(p for p in (heading.label, heading.title) if p) if heading else ""
    if title:
        parts.append(f"# {title}")
    parts.extend(_block(block) for block in story.blocks)
    return "\n\n".join(parts) + "\n"


def to_markdown(text: str, display: str) -> str:
    """Normalise plain-text manuscript text and return it as Markdown."""
    from octavo.ingest.plaintext import parse_plaintext
    from octavo.normalise import normalise_story

    return story_markdown(normalise_story(parse_plaintext(text, display)))


def _block(block: Block) -> str:
    match block:
        case Paragraph(children=children):
            text = _inlines(children)
            return "\\" + text if text.startswith("#") else text  # not a heading when read back
        case Heading(level=level, children=children):
            return f"{'#' * min(6, level + 1)} {_inlines(children)}"
        case SceneBreak():
            return SCENE_BREAK
        case BlockQuote(blocks=blocks):
            inner = "\n\n".join(_block(b) for b in blocks)
            return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))
        case Verse(lines=lines):
            # A backslash at a line's end is a hard break, in CommonMark as for octavo's own
            # plain-text reader (unlike two trailing spaces, which authors leave by accident).
            return "\\\n".join(_inlines(line) for line in lines)
        case ListBlock(items=items, ordered=ordered, start=start):
            return "\n".join(f"{f'{start + n}.' if ordered else '-'} "
                             + " ".join(_block(b) for b in item) for n, item in enumerate(items))
        case Aside(blocks=blocks):
            return "\n\n".join(_block(b) for b in blocks)
        case _:
            assert_never(block)


def inline_markdown(inlines: tuple[Inline, ...]) -> str:
    """Inline nodes as Markdown (what `octavo fix` writes into a paragraph of a .md file)."""
    return _inlines(inlines)


def _inlines(inlines: tuple[Inline, ...]) -> str:
    out: list[str] = []
    for node in inlines:
        match node:
            case Text(value=value):
                out.append(_escape(value))
            case Emphasis(children=children):
                out.append(f"*{_inlines(children)}*")
            case Strong(children=children):
                out.append(f"**{_inlines(children)}**")
            case SmallCaps(children=children):
                out.append(_inlines(children))
            case Link(href=href, children=children):
                out.append(f"[{_inlines(children)}]({href})")
            case Code(value=value):
                out.append(f"`{value}`")
            case LineBreak():
                out.append(" ")
            case Footnote(blocks=blocks):
                out.append(" (" + " ".join(_block(b) for b in blocks) + ")")
            case Image(alt=alt):
                out.append(_escape(alt))
            case _:
                assert_never(node)
    return "".join(out)
