"""Block and inline nodes → escaped XHTML fragments, shared by the EPUB and print backends.

Every piece of manuscript text passes through `escape` here and nowhere else, so a `<script>` or
`{{ x }}` in a manuscript reaches both formats as literal text. The output is well-formed XML
(void elements self-closed) so the same fragment serves EPUB's XHTML and WeasyPrint's HTML.
"""

from __future__ import annotations

import base64
import re
from typing import Literal, assert_never

from markupsafe import Markup, escape

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
    block_text,
    inline_text,
    notes_of,
)
from octavo.render.direction import Direction, dir_attribute

# Line breaking allows a break before an em dash, which strands "—”" at the start of a line
# after a cut-off word ("I lo / —”"). A word joiner (invisible) glues the dash to what precedes
# it, as the Standard Ebooks toolset does; the break after the dash is still allowed.
_DASH_AFTER_TEXT = re.compile("(?<=\\S)(?=[—―])")


def _set(text: str) -> Markup:
    return escape(_DASH_AFTER_TEXT.sub("\u2060", text) if "—" in text else text)


# Where the fragment goes: the EPUB (notes as linked asides, images as package files) or the
# print HTML (footnotes floated to the page foot, images embedded, nothing fetched).
Target = Literal["epub", "print"]
IMAGE_FOLDER = "images"  # in the EPUB package, beside text/


def render_inlines(inlines: tuple[Inline, ...], target: Target = "epub") -> Markup:
    return Markup("").join(render_inline(node, target) for node in inlines)


def render_inline(node: Inline, target: Target = "epub") -> Markup:
    match node:
        case Text(value=value):
            return _set(value)
        case Emphasis(children=children):
            return Markup("<em>%s</em>") % render_inlines(children, target)
        case Strong(children=children):
            return Markup("<strong>%s</strong>") % render_inlines(children, target)
        case SmallCaps(children=children):
            return Markup('<span class="small-caps">%s</span>') % render_inlines(children, target)
        case Link(href=href, children=children):
            return Markup('<a href="%s">%s</a>') % (href, render_inlines(children, target))
        case Code(value=value):
            return Markup("<code>%s</code>") % value
        case LineBreak():
            return Markup("<br/>")
        case Footnote():
            return _note_call(node, target)
        case Image(alt=alt):
            if target == "epub":
                return Markup('<img src="../%s/%s" alt="%s"/>') % (IMAGE_FOLDER, node.file_name, alt)
            data = base64.b64encode(node.data).decode("ascii")
            return Markup('<img src="data:%s;base64,%s" alt="%s"/>') % (node.media_type, data, alt)
        case _:
            assert_never(node)


def _note_call(note: Footnote, target: Target) -> Markup:
    """The note's mark in the text. In print a footnote's own text stands here, floated by the
    print stylesheet to the foot of the page (WeasyPrint draws the call and the marker)."""
    if target == "print" and note.kind == "footnote":
        parts = [render_inlines(b.children, target) if isinstance(b, Paragraph)
                 else Markup("%s") % block_text(b) for b in note.blocks]
        # data-note: the call and marker show the story's own number (shared with endnotes).
        return Markup('<span class="footnote" data-note="%d">%s</span>') % (
            note.number, Markup("<br/>").join(parts))
    epub_type = "noteref" if target == "epub" else None
    attributes = Markup(' epub:type="%s" role="doc-noteref"') % epub_type if epub_type else Markup("")
    return Markup('<a class="noteref" id="noteref-%d" href="#note-%d"%s>%d</a>') % (
        note.number, note.number, attributes, note.number)


def render_notes(blocks: tuple[Block, ...], target: Target = "epub") -> Markup:
    """The notes called in `blocks`, set after the story: every note in the EPUB (each an aside
    linked back to its call), only the endnotes in print (footnotes sit on their pages)."""
    notes = [n for n in notes_of(blocks) if target == "epub" or n.kind == "endnote"]
    if not notes:
        return Markup("")
    asides = []
    for note in notes:
        back = Markup('<a class="note-backlink" href="#noteref-%d"%s>%d.</a> ') % (
            note.number, Markup(' role="doc-backlink"') if target == "epub" else Markup(""),
            note.number)
        first, rest = (note.blocks[0], note.blocks[1:]) if note.blocks else (Paragraph(()), ())
        if isinstance(first, Paragraph):
            body = Markup("<p>%s%s</p>") % (back, render_inlines(first.children, target))
        else:
            body = Markup("<p>%s</p>\n%s") % (back, render_block(first, target=target))
        if rest:
            body = Markup("%s\n%s") % (body, render_blocks(rest, target=target))
        kind = "endnote" if note.kind == "endnote" else "footnote"
        semantics = (Markup(' epub:type="%s"%s') % (kind, Markup(' role="doc-footnote"')
                                                    if kind == "footnote" else Markup(""))
                     if target == "epub" else Markup(""))
        asides.append(Markup('<aside class="note" id="note-%d"%s>\n%s\n</aside>') % (
            note.number, semantics, body))
    return Markup('<section class="notes" aria-label="Notes">\n%s\n</section>') % Markup(
        "\n").join(asides)


SCENE_BREAK_STYLES = ("ornament", "asterism", "space")


def render_blocks(blocks: tuple[Block, ...], heading_offset: int = 1,
                  scene_break: str = "ornament", direction: Direction = "ltr",
                  target: Target = "epub") -> Markup:
    """Render blocks; a manuscript's level-1 heading becomes h(1 + heading_offset). Scene
    breaks carry the book's style as a class, which each stylesheet draws. A block whose text
    runs the other way from the book's `direction` gets its own `dir`."""
    return Markup("\n").join(render_block(block, heading_offset, scene_break, direction, target)
                             for block in blocks)


_MAX_INDENT = 6  # verse indents beyond six ems are drawn at six


def render_block(block: Block, heading_offset: int = 1, scene_break: str = "ornament",
                 direction: Direction = "ltr", target: Target = "epub") -> Markup:
    match block:
        case Paragraph(children=children, align=align):
            if children and all(isinstance(c, Image) for c in children):
                css = Markup(' class="figure"')  # a picture on its own line: set apart, centred
            else:
                css = Markup(' class="centred"') if align == "center" else Markup("")
            return Markup("<p%s%s>%s</p>") % (css, dir_attribute(inline_text(children), direction),
                                              render_inlines(children, target))
        case Heading(level=level, children=children):
            tag = f"h{min(6, level + heading_offset)}"
            return Markup(f"<{tag}%s>%s</{tag}>") % (
                dir_attribute(inline_text(children), direction), render_inlines(children, target))
        case SceneBreak():
            return Markup('<hr class="scene-break %s"/>') % scene_break
        case BlockQuote(blocks=blocks):
            inner = render_blocks(blocks, heading_offset, scene_break, direction, target)
            return Markup("<blockquote>\n%s\n</blockquote>") % inner
        case Verse(lines=lines, indents=indents):
            rendered = []
            for number, line in enumerate(lines):
                indent = min(_MAX_INDENT, indents[number]) if number < len(indents) else 0
                line_class = f"line indent-{indent}" if indent > 0 else "line"
                rendered.append(Markup('<span class="%s">%s</span>') % (
                    line_class, render_inlines(line, target)))
            body = Markup("<br/>\n").join(rendered)
            return Markup('<p class="verse"%s>%s</p>') % (dir_attribute(block_text(block),
                                                                        direction), body)
        case ListBlock(items=items, ordered=ordered, start=start):
            tag = "ol" if ordered else "ul"
            first = Markup(' start="%d"') % start if ordered and start != 1 else Markup("")
            rendered_items = Markup("\n").join(
                Markup("<li>%s</li>") % render_blocks(item, heading_offset, scene_break,
                                                      direction, target) for item in items)
            return Markup(f"<{tag}%s>\n%s\n</{tag}>") % (first, rendered_items)
        case Aside(kind=kind, blocks=blocks, title=title):
            inner = render_blocks(blocks, heading_offset, scene_break, direction, target)
            heading = (Markup('<p class="story-aside-title">%s</p>\n') % title if title
                       else Markup(""))
            element = "aside" if kind == "notes" else "div"
            label = Markup(' aria-label="%s"') % title if title and element == "aside" else Markup("")
            return Markup(f'<{element} class="story-%s"%s>\n%s%s\n</{element}>') % (
                kind, label, heading, inner)
        case _:
            assert_never(block)
