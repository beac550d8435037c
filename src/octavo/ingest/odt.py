"""OpenDocument text (.odt) → blocks, through odfpy: paragraphs and headings, with italics and
bold where the automatic styles say so. Plain structure; nothing else is read."""

from __future__ import annotations

import io

from octavo.diagnostics import OctavoError, Span
from octavo.document import Block, Emphasis, Heading, Inline, LineBreak, Strong, Text, inline_text
from octavo.ingest.container import open_container
from octavo.ingest.model import RawStory
from octavo.ingest.options import ReadOptions
from octavo.ingest.plaintext import is_scene_break
from octavo.ingest.structure import (
    leading_heading,
    merge_text,
    number_paragraphs,
    tidy_breaks,
    verse_or_paragraph,
)

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"


def read_odt(raw: bytes, display: str, options: ReadOptions) -> RawStory:
    open_container(raw, display, "OpenDocument")
    from odf import opendocument

    try:
        document = opendocument.load(io.BytesIO(raw))
    except Exception as exc:  # odfpy raises many kinds for a damaged file
        raise OctavoError.single("OCT220", f"not a readable OpenDocument file: {exc}",
                                 Span(display)) from None
    styles = _text_styles(document)
    blocks: list[Block] = []
    for element in _paragraph_elements(document.text):
        inlines = merge_text(_inlines(element, styles, (False, False)))
        text = inline_text(inlines).strip()
        if not text:
            continue
        if element.qname == (_TEXT, "h"):
            level = int(element.attributes.get((_TEXT, "outline-level"), "1") or 1)
            blocks.append(Heading(min(6, level), inlines))
        elif is_scene_break(text) and len(text) <= 12:
            from octavo.document import SceneBreak

            blocks.append(SceneBreak())
        else:
            blocks.append(verse_or_paragraph(inlines, None))
    heading, body = leading_heading(tidy_breaks(blocks), display)
    numbered, _ = number_paragraphs(tuple(body), display)
    return RawStory(heading, numbered)


def _paragraph_elements(root: object):  # type: ignore[no-untyped-def]
    for child in getattr(root, "childNodes", []):
        if getattr(child, "qname", None) in ((_TEXT, "p"), (_TEXT, "h")):
            yield child
        elif getattr(child, "childNodes", None):
            yield from _paragraph_elements(child)


def _text_styles(document: object) -> dict[str, tuple[bool, bool]]:
    """Automatic text styles → (italic, bold)."""
    found: dict[str, tuple[bool, bool]] = {}
    for container in (getattr(document, "automaticstyles", None), getattr(document, "styles", None)):
        for style in getattr(container, "childNodes", []):
            name = style.attributes.get((_STYLE, "name")) if hasattr(style, "attributes") else None
            if not name:
                continue
            italic = bold = False
            for props in getattr(style, "childNodes", []):
                attributes = getattr(props, "attributes", {})
                italic = italic or attributes.get((_FO, "font-style")) == "italic"
                bold = bold or attributes.get((_FO, "font-weight")) == "bold"
            found[name] = (italic, bold)
    return found


def _inlines(element: object, styles: dict[str, tuple[bool, bool]],
             inherited: tuple[bool, bool]) -> list[Inline]:
    out: list[Inline] = []
    for child in getattr(element, "childNodes", []):
        if child.nodeType == child.TEXT_NODE:
            out.append(Text(str(child.data)))
            continue
        qname = getattr(child, "qname", None)
        if qname == (_TEXT, "s"):
            out.append(Text(" " * int(child.attributes.get((_TEXT, "c"), "1") or 1)))
        elif qname == (_TEXT, "tab"):
            out.append(Text("\t"))
        elif qname == (_TEXT, "line-break"):
            out.append(LineBreak())
        elif qname in ((_TEXT, "note"), (_TEXT, "annotation")):
            continue  # notes and comments: not plain structure
        else:
            style = child.attributes.get((_TEXT, "style-name")) if hasattr(child, "attributes") else None
            italic, bold = styles.get(str(style), (False, False)) if style else (False, False)
            inner = merge_text(_inlines(child, styles, (inherited[0] or italic, inherited[1] or bold)))
            nodes: tuple[Inline, ...] = inner
            if italic and not inherited[0]:
                nodes = (Emphasis(nodes),)
            if bold and not inherited[1]:
                nodes = (Strong(nodes),)
            out.extend(nodes)
    return out
