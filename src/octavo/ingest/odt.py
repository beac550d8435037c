"""OpenDocument text (.odt) → blocks, through odfpy: paragraphs and headings, italics and bold
where the automatic styles say so, line breaks, footnotes and endnotes. Plain structure; comments
never reach the book (they are counted and reported)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from octavo.diagnostics import Diagnostic, OctavoError, Severity, Span
from octavo.document import (
    Block,
    Emphasis,
    Footnote,
    Heading,
    Inline,
    LineBreak,
    Paragraph,
    SceneBreak,
    Strong,
    Text,
    inline_text,
)
from octavo.ingest.container import open_container
from octavo.ingest.model import RawStory
from octavo.ingest.options import ReadOptions
from octavo.ingest.plaintext import is_scene_break
from octavo.ingest.structure import (
    leading_heading,
    merge_text,
    number_paragraphs,
    renumber_notes,
    tidy_breaks,
    verse_or_paragraph,
)

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
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
    try:
        return _story(document, display)
    except RecursionError:  # spans within spans thousands deep: no word processor writes that
        raise OctavoError.single("OCT220", "the OpenDocument file is nested too deeply to read",
                                 Span(display)) from None


def _story(document: Any, display: str) -> RawStory:
    reader = _Reader(_text_styles(document))
    blocks: list[Block] = []
    for element in _paragraph_elements(document.text):
        inlines = merge_text(reader.inlines(element, (False, False)))
        text = inline_text(inlines).strip()
        if not text and not any(isinstance(n, Footnote) for n in inlines):
            continue
        if element.qname == (_TEXT, "h"):
            level = int(element.attributes.get((_TEXT, "outline-level"), "1") or 1)
            blocks.append(Heading(min(6, level), inlines))
        elif is_scene_break(text) and len(text) <= 12:
            blocks.append(SceneBreak())
        else:
            blocks.append(verse_or_paragraph(inlines, None))
    heading, body = leading_heading(tidy_breaks(blocks), display)
    numbered, _ = number_paragraphs(tuple(body), display)
    notes = []
    if reader.comments:
        notes.append(Diagnostic(Severity.WARNING, "OCT228", f"{reader.comments} comment(s) in "
                                "the OpenDocument file are not part of the book and were left out",
                                Span(display)))
    return RawStory(heading, renumber_notes(numbered), tuple(notes))


def _paragraph_elements(root: Any) -> Iterator[Any]:
    for child in getattr(root, "childNodes", []):
        if getattr(child, "qname", None) in ((_TEXT, "p"), (_TEXT, "h")):
            yield child
        elif getattr(child, "qname", None) not in ((_OFFICE, "annotation"), (_TEXT, "note")) \
                and getattr(child, "childNodes", None):
            yield from _paragraph_elements(child)


def _text_styles(document: Any) -> dict[str, tuple[bool, bool]]:
    """Automatic and named text styles → (italic, bold)."""
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


class _Reader:
    def __init__(self, styles: dict[str, tuple[bool, bool]]) -> None:
        self.styles = styles
        self.comments = 0

    def inlines(self, element: Any, inherited: tuple[bool, bool]) -> list[Inline]:
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
            elif qname == (_TEXT, "note"):
                out.extend(self.note(child))
            elif qname == (_OFFICE, "annotation"):
                self.comments += 1
            elif qname == (_OFFICE, "annotation-end"):
                pass
            else:
                out.extend(self.styled(child, inherited))
        return out

    def styled(self, child: Any, inherited: tuple[bool, bool]) -> list[Inline]:
        style = child.attributes.get((_TEXT, "style-name")) if hasattr(child, "attributes") else None
        italic, bold = self.styles.get(str(style), (False, False)) if style else (False, False)
        nodes: tuple[Inline, ...] = merge_text(self.inlines(child, (inherited[0] or italic,
                                                                    inherited[1] or bold)))
        if italic and not inherited[0]:
            nodes = (Emphasis(nodes),)
        if bold and not inherited[1]:
            nodes = (Strong(nodes),)
        return list(nodes)

    def note(self, element: Any) -> list[Inline]:
        kind = "endnote" if element.attributes.get((_TEXT, "note-class")) == "endnote" else "footnote"
        blocks: list[Block] = []
        for part in getattr(element, "childNodes", []):
            if getattr(part, "qname", None) == (_TEXT, "note-body"):
                for paragraph in _paragraph_elements(part):
                    inlines = merge_text(self.inlines(paragraph, (False, False)))
                    if inline_text(inlines).strip():
                        blocks.append(Paragraph(inlines))
        return [Footnote(0, tuple(blocks), kind)] if blocks else []
