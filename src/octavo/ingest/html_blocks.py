"""Sanitised HTML → blocks: shared by the web-page and EPUB readers.

The element tree given here has already been through nh3 (see html_clean.py), so it holds only
text and harmless structure. Paragraph-level elements become blocks; text run together with
`<br>`s is cut into paragraphs at a blank line, and a run of short broken lines is verse.
"""

from __future__ import annotations

import re

from lxml import etree

from octavo.document import (
    Block,
    BlockQuote,
    Code,
    Emphasis,
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
from octavo.ingest.plaintext import is_scene_break
from octavo.ingest.structure import merge_text, split_lines, tidy_breaks, verse_or_paragraph

SAFE_SCHEMES = ("http://", "https://", "mailto:")
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "blockquote", "ul", "ol", "li", "h1",
               "h2", "h3", "h4", "h5", "h6", "hr", "pre", "table", "tbody", "thead", "tfoot",
               "tr", "td", "th", "center", "dl", "dt", "dd", "header", "footer", "aside", "nav",
               "figure", "figcaption", "address", "body", "html", "details", "summary"}
_EMPHASIS = {"em", "i", "cite", "dfn", "var", "u", "ins"}
_STRONG = {"strong", "b"}
_CODE = {"code", "kbd", "samp", "tt"}
_SKIP = {"script", "style", "template", "head", "title", "meta", "link", "img", "svg", "math",
         "noscript", "iframe", "object", "embed", "select", "option", "button", "input", "form"}
_VERSE_CLASS = re.compile(r"\b(?:verse|poem|poetry|lyrics?|stanza|song)\b", re.IGNORECASE)
_SMALL_CAPS_CLASS = re.compile(r"\bsmall-?caps\b", re.IGNORECASE)


def _tag(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""  # a comment or processing instruction
    return tag.rsplit("}", 1)[-1].lower()


def _style(element: etree._Element) -> str:
    return (element.get("style") or "").lower().replace(" ", "")


def _centred(element: etree._Element) -> bool:
    return (element.get("align") or "").lower() == "center" or "text-align:center" in _style(
        element) or _tag(element) == "center"


def html_blocks(root: etree._Element) -> list[Block]:
    """The blocks of `root`'s content, breaks tidied."""
    return tidy_breaks(_Converter().blocks(root))


class _Converter:
    def blocks(self, element: etree._Element, centred: bool = False) -> list[Block]:
        out: list[Block] = []
        pending: list[Inline] = []

        def flush() -> None:
            if pending:
                out.extend(_inline_blocks(merge_text(pending), centred))
                pending.clear()

        if element.text:
            pending.append(Text(element.text))
        for child in element:
            tag = _tag(child)
            if tag in _SKIP or not tag:
                pass
            elif tag in _BLOCK_TAGS:
                flush()
                out.extend(self.block(child, tag, centred))
            else:
                pending.extend(self.inlines(child))
            if child.tail:
                pending.append(Text(child.tail))
        flush()
        return out

    def block(self, element: etree._Element, tag: str, centred: bool) -> list[Block]:
        centred = centred or _centred(element)
        if tag == "hr":
            return [SceneBreak()]
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            children = _trim(merge_text(self.inlines(element, own=False)))
            return [Heading(int(tag[1]), children)] if inline_text(children).strip() else []
        if tag == "blockquote":
            inner = self.blocks(element)
            return [BlockQuote(tuple(inner))] if inner else []
        if tag in ("ul", "ol"):
            items = [tuple(item) for item in self.list_items(element) if item]
            start = element.get("start") or "1"
            first = int(start) if start.isdigit() else 1
            return [ListBlock(tuple(items), tag == "ol", first)] if items else []
        if tag == "pre" or _VERSE_CLASS.search(element.get("class") or ""):
            return self.verse(element, tag)
        return self.blocks(element, centred)

    def list_items(self, element: etree._Element) -> list[list[Block]]:
        """Each <li>'s blocks; whatever a sloppy page put straight inside the list (text, a
        <p>, another list) is an item of its own, so no word is lost."""
        items: list[list[Block]] = []
        if element.text and element.text.strip():
            items.append(_inline_blocks((Text(element.text),), False))
        for child in element:
            tag = _tag(child)
            if tag == "li":
                items.append(self.blocks(child))
            elif tag in _BLOCK_TAGS:
                items.append(self.block(child, tag, False))
            elif tag and tag not in _SKIP:
                items.append(_inline_blocks(merge_text(self.inlines(child)), False))
            if child.tail and child.tail.strip():
                items.append(_inline_blocks((Text(child.tail),), False))
        return items

    def verse(self, element: etree._Element, tag: str) -> list[Block]:
        if tag == "pre":
            raw_lines = [line.rstrip() for line in "".join(element.itertext()).split("\n")]
            kept = [line for line in raw_lines if line.strip()]
            if not kept:
                return []
            indents = tuple((len(line) - len(line.lstrip())) // 2 for line in kept)
            return [Verse(tuple((Text(line.strip()),) for line in kept), None,
                          indents if any(indents) else ())]
        inner = self.blocks(element)
        lines: list[tuple[Inline, ...]] = []
        for block in inner:
            if isinstance(block, Verse):
                lines.extend(block.lines)
            elif isinstance(block, Paragraph):
                lines.extend(line for line in split_lines(block.children) if inline_text(line).strip())
            else:
                return inner
        return [Verse(tuple(lines))] if lines else []

    def inlines(self, element: etree._Element, own: bool = True) -> list[Inline]:
        tag = _tag(element)
        if tag in _SKIP or not tag:
            return []
        if tag == "br":
            return [LineBreak()]
        children: list[Inline] = [Text(element.text)] if element.text else []
        for child in element:
            if _tag(child) in _BLOCK_TAGS:  # a block inside an inline: its text, run on
                children.append(Text(" " + " ".join(child.itertext()) + " "))
            else:
                children.extend(self.inlines(child))
            if child.tail:
                children.append(Text(child.tail))
        if not own:
            return children
        merged = merge_text(children)
        if tag in _CODE:
            return [Code("".join(element.itertext()))]
        style = _style(element)
        if tag in _EMPHASIS or "font-style:italic" in style:
            return [Emphasis(merged)] if merged else []
        if tag in _STRONG or "font-weight:bold" in style:
            return [Strong(merged)] if merged else []
        if _SMALL_CAPS_CLASS.search(element.get("class") or "") or "font-variant:small-caps" in style:
            return [SmallCaps(merged)] if merged else []
        if tag == "a":
            href = (element.get("href") or "").strip()
            if href.lower().startswith(SAFE_SCHEMES) and merged:
                return [Link(href, merged)]
        return list(merged)


def _trim(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    out = list(inlines)
    while out and isinstance(out[0], LineBreak):
        out.pop(0)
    while out and isinstance(out[-1], LineBreak):
        out.pop()
    if out and isinstance(out[0], Text):
        out[0] = Text(out[0].value.lstrip())
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].value.rstrip())
    return tuple(n for n in out if not (isinstance(n, Text) and not n.value))


def _collapse(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """HTML's whitespace: runs of spaces and newlines are one space."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(Text(re.sub(r"[ \t\r\n\f]+", " ", node.value)))
        else:
            out.append(node)
    return tuple(out)


def _inline_blocks(inlines: tuple[Inline, ...], centred: bool) -> list[Block]:
    """Loose inline content: paragraphs at blank lines (two <br>s), verse where its lines are
    short, a scene break where it is only a marker."""
    inlines = _collapse(inlines)
    paragraphs: list[list[Inline]] = [[]]
    breaks = 0
    for node in inlines:
        if isinstance(node, LineBreak):
            breaks += 1
            continue
        if isinstance(node, Text) and not node.value.strip() and breaks:
            continue
        if breaks >= 2:
            paragraphs.append([])
        elif breaks == 1:
            paragraphs[-1].append(LineBreak())
        breaks = 0
        paragraphs[-1].append(node)
    out: list[Block] = []
    for paragraph in paragraphs:
        children = _trim(merge_text(paragraph))
        text = inline_text(children).strip()
        if not text and not any(not isinstance(n, Text | LineBreak) for n in children):
            continue
        if text and is_scene_break(text) and len(text) <= 12:
            out.append(SceneBreak())
        else:
            out.append(verse_or_paragraph(children, None, "center" if centred else None))
    return out
