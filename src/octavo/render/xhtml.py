"""Block and inline nodes → escaped XHTML fragments, shared by the EPUB and print backends.

Every piece of manuscript text passes through `escape` here and nowhere else, so a `<script>` or
`{{ x }}` in a manuscript reaches both formats as literal text. The output is well-formed XML
(void elements self-closed) so the same fragment serves EPUB's XHTML and WeasyPrint's HTML.
"""

from __future__ import annotations

import re
from typing import assert_never

from markupsafe import Markup, escape

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
from octavo.normalise.typography import URL_OR_EMAIL
from octavo.render.direction import Direction, dir_attribute

# Line breaking allows a break before an em dash, which strands "—”" at the start of a line
# after a cut-off word ("I lo / —”"). A word joiner (invisible) glues the dash to what precedes
# it, as the Standard Ebooks toolset does; the break after the dash is still allowed.
_DASH_AFTER_TEXT = re.compile("(?<=\\S)(?=[—―])")


# URLs and e-mail addresses: a span the print stylesheet keeps from hyphenation, with a break
# opportunity after each / . and - inside (not in "://", not at the end), so a long address
# breaks where a reader expects and never gains a hyphen that is not part of it.
_URL = re.compile(URL_OR_EMAIL)
_URL_BREAK = re.compile(r"(?<=[/.\-])(?<!:/)(?=[^/])")


def _set(text: str) -> Markup:
    if "@" in text or "://" in text or "www." in text:
        pieces: list[Markup] = []
        position = 0
        for match in _URL.finditer(text):
            pieces.append(_set_plain(text[position : match.start()]))
            parts = _URL_BREAK.split(match.group(0))
            pieces.append(Markup('<span class="url">%s</span>')
                          % Markup("<wbr/>").join(escape(part) for part in parts))
            position = match.end()
        pieces.append(_set_plain(text[position:]))
        return Markup("").join(pieces)
    return _set_plain(text)


def _set_plain(text: str) -> Markup:
    return escape(_DASH_AFTER_TEXT.sub("\u2060", text) if "—" in text else text)


def render_inlines(inlines: tuple[Inline, ...]) -> Markup:
    return Markup("").join(render_inline(node) for node in inlines)


def render_inline(node: Inline) -> Markup:
    match node:
        case Text(value=value):
            return _set(value)
        case Emphasis(children=children):
            return Markup("<em>%s</em>") % render_inlines(children)
        case Strong(children=children):
            return Markup("<strong>%s</strong>") % render_inlines(children)
        case SmallCaps(children=children):
            return Markup('<span class="small-caps">%s</span>') % render_inlines(children)
        case Link(href=href, children=children):
            return Markup('<a href="%s">%s</a>') % (href, render_inlines(children))
        case _:
            assert_never(node)


SCENE_BREAK_STYLES = ("ornament", "asterism", "space")


def render_blocks(blocks: tuple[Block, ...], heading_offset: int = 1,
                  scene_break: str = "ornament", direction: Direction = "ltr") -> Markup:
    """Render blocks; a manuscript's level-1 heading becomes h(1 + heading_offset). Scene
    breaks carry the book's style as a class, which each stylesheet draws. A block whose text
    runs the other way from the book's `direction` gets its own `dir`."""
    return Markup("\n").join(render_block(block, heading_offset, scene_break, direction)
                             for block in blocks)


def render_block(block: Block, heading_offset: int = 1, scene_break: str = "ornament",
                 direction: Direction = "ltr") -> Markup:
    match block:
        case Paragraph(children=children):
            return Markup("<p%s>%s</p>") % (dir_attribute(inline_text(children), direction),
                                            render_inlines(children))
        case Heading(level=level, children=children):
            tag = f"h{min(6, level + heading_offset)}"
            return Markup(f"<{tag}%s>%s</{tag}>") % (
                dir_attribute(inline_text(children), direction), render_inlines(children))
        case SceneBreak():
            return Markup('<hr class="scene-break %s"/>') % scene_break
        case BlockQuote(blocks=blocks):
            inner = render_blocks(blocks, heading_offset, scene_break, direction)
            return Markup("<blockquote>\n%s\n</blockquote>") % inner
        case Verse(lines=lines):
            body = Markup("<br/>\n").join(
                Markup('<span class="line">%s</span>') % render_inlines(line) for line in lines
            )
            return Markup('<p class="verse"%s>%s</p>') % (dir_attribute(block_text(block),
                                                                        direction), body)
        case _:
            assert_never(block)
