"""Block and inline nodes → escaped XHTML fragments, shared by the EPUB and print backends.

Every piece of manuscript text passes through `escape` here and nowhere else, so a `<script>` or
`{{ x }}` in a manuscript reaches both formats as literal text. The output is well-formed XML
(void elements self-closed) so the same fragment serves EPUB's XHTML and WeasyPrint's HTML.
"""

from __future__ import annotations

import base64
import re
from typing import Literal, assert_never

from markupsafe import Markup

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
from octavo.normalise.typography import URL_OR_EMAIL
from octavo.render.direction import Direction, text_direction

# Line breaking allows a break before an em dash, which strands "—”" at the start of a line
# after a cut-off word ("I lo / —”"). A word joiner (invisible) glues the dash to what precedes
# it, as the Standard Ebooks toolset does; the break after the dash is still allowed.
_DASH_AFTER_TEXT = re.compile("(?<=\\S)(?=[—―])")


# URLs and e-mail addresses: a span the print stylesheet keeps from hyphenation, with a break
# opportunity after each / . and - inside (not in "://", not at the end), so a long address
# breaks where a reader expects and never gains a hyphen that is not part of it.
_URL = re.compile(URL_OR_EMAIL)
_URL_BREAK = re.compile(r"(?<=[/.\-])(?<!:/)(?=[^/])")


def escape(text: str) -> str:
    """markupsafe's escaping of a plain string (the same five characters, the same entities),
    without making a Markup of each piece."""
    return (text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
            .replace("'", "&#39;").replace('"', "&#34;"))


def _set(text: str) -> str:
    if "@" in text or "://" in text or "www." in text:
        pieces: list[str] = []
        position = 0
        for match in _URL.finditer(text):
            pieces.append(_set_plain(text[position : match.start()]))
            parts = _URL_BREAK.split(match.group(0))
            pieces.append(f'<span class="url">{"<wbr/>".join([escape(p) for p in parts])}</span>')
            position = match.end()
        pieces.append(_set_plain(text[position:]))
        return "".join(pieces)
    return _set_plain(text)


def _set_plain(text: str) -> str:
    return escape(_DASH_AFTER_TEXT.sub("\u2060", text) if "—" in text else text)


# Where the fragment goes: the EPUB (notes as linked asides, images as package files) or the
# print HTML (footnotes floated to the page foot, images embedded, nothing fetched).
Target = Literal["epub", "print"]
IMAGE_FOLDER = "images"  # in the EPUB package, beside text/

# The fragments are built as plain strings, each piece of manuscript text passed through
# `escape` once, and marked safe (Markup) only where a public function returns them: a book
# has hundreds of thousands of nodes, and a Markup made and formatted per node cost more than
# the rest of the rendering. Pieces are joined with f-strings and str.join only, never with
# `+`: `"<em>" + Markup(...)` would call Markup.__radd__, which escapes the "<em>".


def render_inlines(inlines: tuple[Inline, ...], target: Target = "epub") -> Markup:
    return Markup(_inlines(inlines, target))


def render_inline(node: Inline, target: Target = "epub") -> Markup:
    return Markup(_inline(node, target))


def _inlines(inlines: tuple[Inline, ...], target: Target) -> str:
    if len(inlines) == 1 and inlines[0].__class__ is Text:
        return _set(inlines[0].value)  # the common paragraph
    return "".join([_inline(node, target) for node in inlines])


def _inline(node: Inline, target: Target) -> str:
    kind = node.__class__
    if kind is Text:
        return _set(node.value)  # type: ignore[union-attr]
    if kind is Emphasis:
        return f"<em>{_inlines(node.children, target)}</em>"  # type: ignore[union-attr]
    match node:
        case Text(value=value):
            return _set(value)
        case Emphasis(children=children):
            return f"<em>{_inlines(children, target)}</em>"
        case Strong(children=children):
            return f"<strong>{_inlines(children, target)}</strong>"
        case SmallCaps(children=children):
            return f'<span class="small-caps">{_inlines(children, target)}</span>'
        case Link(href=href, children=children):
            return f'<a href="{escape(href)}">{_inlines(children, target)}</a>'
        case Code(value=value):
            return f"<code>{escape(value)}</code>"
        case LineBreak():
            return "<br/>"
        case Footnote():
            return _note_call(node, target)
        case Image(alt=alt):
            if target == "epub":
                return (f'<img src="../{escape(IMAGE_FOLDER)}/{escape(node.file_name)}" '
                        f'alt="{escape(alt)}"/>')
            data = base64.b64encode(node.data).decode("ascii")
            return f'<img src="data:{escape(node.media_type)};base64,{data}" alt="{escape(alt)}"/>'
        case _:
            assert_never(node)


def _note_call(note: Footnote, target: Target) -> str:
    """The note's mark in the text. In print a footnote's own text stands here, floated by the
    print stylesheet to the foot of the page (WeasyPrint draws the call and the marker)."""
    if target == "print" and note.kind == "footnote":
        parts = [_inlines(b.children, target) if isinstance(b, Paragraph)
                 else escape(block_text(b)) for b in note.blocks]
        # data-note: the call and marker show the story's own number (shared with endnotes).
        return f'<span class="footnote" data-note="{note.number:d}">{"<br/>".join(parts)}</span>'
    attributes = ' epub:type="noteref" role="doc-noteref"' if target == "epub" else ""
    number = f"{note.number:d}"
    return (f'<a class="noteref" id="noteref-{number}" href="#note-{number}"{attributes}>'
            f"{number}</a>")


def render_notes(blocks: tuple[Block, ...], target: Target = "epub") -> Markup:
    """The notes called in `blocks`, set after the story: every note in the EPUB (each an aside
    linked back to its call), only the endnotes in print (footnotes sit on their pages)."""
    notes = [n for n in notes_of(blocks) if target == "epub" or n.kind == "endnote"]
    if not notes:
        return Markup("")
    asides = []
    for note in notes:
        number = f"{note.number:d}"
        role = ' role="doc-backlink"' if target == "epub" else ""
        back = f'<a class="note-backlink" href="#noteref-{number}"{role}>{number}.</a> '
        first, rest = (note.blocks[0], note.blocks[1:]) if note.blocks else (Paragraph(()), ())
        if isinstance(first, Paragraph):
            body = f"<p>{back}{_inlines(first.children, target)}</p>"
        else:
            body = f"<p>{back}</p>\n{_block(first, 1, 'ornament', 'ltr', target)}"
        if rest:
            body = f"{body}\n{_blocks(rest, 1, 'ornament', 'ltr', target)}"
        kind = "endnote" if note.kind == "endnote" else "footnote"
        semantics = ""
        if target == "epub":
            semantics = f' epub:type="{kind}"' + (' role="doc-footnote"' if kind == "footnote"
                                                  else "")
        asides.append(f'<aside class="note" id="note-{number}"{semantics}>\n{body}\n</aside>')
    joined = "\n".join(asides)
    return Markup(f'<section class="notes" aria-label="Notes">\n{joined}\n</section>')


SCENE_BREAK_STYLES = ("ornament", "asterism", "space")


def render_blocks(blocks: tuple[Block, ...], heading_offset: int = 1,
                  scene_break: str = "ornament", direction: Direction = "ltr",
                  target: Target = "epub") -> Markup:
    """Render blocks; a manuscript's level-1 heading becomes h(1 + heading_offset). Scene
    breaks carry the book's style as a class, which each stylesheet draws. A block whose text
    runs the other way from the book's `direction` gets its own `dir`."""
    return Markup(_blocks(blocks, heading_offset, scene_break, direction, target))


def render_block(block: Block, heading_offset: int = 1, scene_break: str = "ornament",
                 direction: Direction = "ltr", target: Target = "epub") -> Markup:
    return Markup(_block(block, heading_offset, scene_break, direction, target))


def _blocks(blocks: tuple[Block, ...], heading_offset: int, scene_break: str,
            direction: Direction, target: Target) -> str:
    return "\n".join([_block(block, heading_offset, scene_break, direction, target)
                      for block in blocks])


_MAX_INDENT = 6  # verse indents beyond six ems are drawn at six


def _dir(direction: Direction | None, base: Direction) -> str:
    """` dir="…"` for an element whose text runs in `direction`, when that is not `base`."""
    return "" if direction is None or direction == base else f' dir="{direction}"'


def _inline_direction(inlines: tuple[Inline, ...]) -> Direction | None:
    """`text_direction(inline_text(inlines))`, without joining the text: the first piece of it
    with a strong letter decides."""
    for node in inlines:
        kind = node.__class__
        if kind is Text or kind is Code:
            found = text_direction(node.value)  # type: ignore[union-attr]
        elif kind is Emphasis or kind is Strong or kind is SmallCaps or kind is Link:
            found = _inline_direction(node.children)  # type: ignore[union-attr]
        elif kind is LineBreak or kind is Footnote or kind is Image:
            continue
        else:  # a subclass of a node type: the exact way
            found = text_direction(inline_text((node,)))
        if found is not None:
            return found
    return None


def _block(block: Block, heading_offset: int, scene_break: str, direction: Direction,
           target: Target) -> str:
    match block:
        case Paragraph(children=children, align=align):
            if children and all(isinstance(c, Image) for c in children):
                css = ' class="figure"'  # a picture on its own line: set apart, centred
            else:
                css = ' class="centred"' if align == "center" else ""
            return (f"<p{css}{_dir(_inline_direction(children), direction)}>"
                    f"{_inlines(children, target)}</p>")
        case Heading(level=level, children=children):
            tag = f"h{min(6, level + heading_offset)}"
            return (f"<{tag}{_dir(_inline_direction(children), direction)}>"
                    f"{_inlines(children, target)}</{tag}>")
        case SceneBreak():
            return f'<hr class="scene-break {escape(scene_break)}"/>'
        case BlockQuote(blocks=blocks):
            inner = _blocks(blocks, heading_offset, scene_break, direction, target)
            return f"<blockquote>\n{inner}\n</blockquote>"
        case Verse(lines=lines, indents=indents):
            rendered = []
            for number, line in enumerate(lines):
                indent = min(_MAX_INDENT, indents[number]) if number < len(indents) else 0
                line_class = f"line indent-{indent}" if indent > 0 else "line"
                rendered.append(f'<span class="{escape(line_class)}">{_inlines(line, target)}'
                                "</span>")
            body = "<br/>\n".join(rendered)
            return (f'<p class="verse"{_dir(text_direction(block_text(block)), direction)}>'
                    f"{body}</p>")
        case ListBlock(items=items, ordered=ordered, start=start):
            tag = "ol" if ordered else "ul"
            first = f' start="{start:d}"' if ordered and start != 1 else ""
            rendered_items = "\n".join(
                f"<li>{_blocks(item, heading_offset, scene_break, direction, target)}</li>"
                for item in items)
            return f"<{tag}{first}>\n{rendered_items}\n</{tag}>"
        case Aside(kind=kind, blocks=blocks, title=title):
            inner = _blocks(blocks, heading_offset, scene_break, direction, target)
            heading = f'<p class="story-aside-title">{escape(title)}</p>\n' if title else ""
            element = "aside" if kind == "notes" else "div"
            label = f' aria-label="{escape(title)}"' if title and element == "aside" else ""
            return (f'<{element} class="story-{escape(kind)}"{label}>\n{heading}{inner}\n'
                    f"</{element}>")
        case _:
            assert_never(block)
