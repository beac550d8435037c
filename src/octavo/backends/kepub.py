"""Kobo's markup for a `.kepub.epub`, as Kobo's own renderer wants it.

What Kobo needs (as documented by kepubify and calibre's kepub support, written anew here):
- every sentence of every paragraph-like element wrapped in
  `<span class="koboSpan" id="kobo.P.S">` (P counts paragraphs, S sentences in it, per file);
  Kobo highlights, bookmarks and counts reading progress by them;
- the body's content inside `<div id="book-columns"><div id="book-inner">`, which its
  renderer paginates;
- the cover marked `cover-image` in the package (octavo always does).
The XHTML stays valid: ids are unique, spans sit only where phrasing content may.
"""

from __future__ import annotations

import re

from lxml import etree

XHTML = "http://www.w3.org/1999/xhtml"
EPUB = "http://www.idpf.org/2007/ops"
_H = f"{{{XHTML}}}"
# Elements whose text is a "paragraph" for Kobo's counters.
_PARAGRAPHS = frozenset(f"{_H}{t}" for t in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li",
                                             "dt", "dd", "figcaption", "td", "th", "caption"))
# Inline elements whose text is wrapped inside them (a sentence may not cross them).
_INLINE = frozenset(f"{_H}{t}" for t in ("em", "strong", "i", "b", "span", "a", "cite", "small",
                                         "sub", "sup", "q", "abbr", "code", "mark", "s", "u"))
# A sentence ends after . ! ? or … (and any closing quotes or brackets), before a space.
_SENTENCE = re.compile(r"[^.!?…]*(?:[.!?…]+[\"'”’»)\]]*\s*|$)")


def sentences(text: str) -> list[str]:
    """`text` cut after each sentence end; the pieces join back to `text` exactly."""
    pieces = [m.group(0) for m in _SENTENCE.finditer(text) if m.group(0)]
    return pieces or [text]


class _Counter:
    def __init__(self) -> None:
        self.paragraph = 0
        self.segment = 0

    def next_paragraph(self) -> None:
        self.paragraph += 1
        self.segment = 0

    def span(self, text: str) -> etree._Element:
        self.segment += 1
        span = etree.Element(f"{_H}span", {"class": "koboSpan",
                                           "id": f"kobo.{self.paragraph}.{self.segment}"})
        span.text = text
        return span


def _is_marker(element: etree._Element) -> bool:
    return bool(element.get(f"{{{EPUB}}}type") == "pagebreak"
                or element.get("class") == "koboSpan")


def _wrap_text(element: etree._Element, counter: _Counter) -> None:
    """Wrap the sentences of `element`'s own text and of its inline children's, in order."""
    if element.text and element.text.strip():
        spans = [counter.span(piece) for piece in sentences(element.text)]
        element.text = None
        for index, span in enumerate(spans):
            element.insert(index, span)
    for child in list(element):
        if child.tag in _INLINE and not _is_marker(child):
            _wrap_text(child, counter)
        if child.tail and child.tail.strip():
            spans = [counter.span(piece) for piece in sentences(child.tail)]
            child.tail = None
            position = element.index(child) + 1
            for offset, span in enumerate(spans):
                element.insert(position + offset, span)


def _walk(element: etree._Element, counter: _Counter) -> None:
    for child in element:
        if not isinstance(child.tag, str) or child.tag == "{http://www.w3.org/2000/svg}svg":
            continue
        if child.tag in _PARAGRAPHS:
            counter.next_paragraph()
            _wrap_text(child, counter)
        else:
            _walk(child, counter)


def kepubify_document(content: bytes) -> bytes:
    """One XHTML content document with Kobo's spans and wrappers."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    root = etree.fromstring(content, parser)
    body = root.find(f"{_H}body")
    if body is None:
        return content
    counter = _Counter()
    _walk(body, counter)
    columns = etree.Element(f"{_H}div", {"id": "book-columns"})
    inner = etree.SubElement(columns, f"{_H}div", {"id": "book-inner"})
    inner.text, body.text = body.text, None
    for child in list(body):
        inner.append(child)
    body.append(columns)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="utf-8",
                                doctype="<!DOCTYPE html>")
    return out


def kepubify(entries: dict[str, bytes]) -> dict[str, bytes]:
    """The EPUB's files with every content document (not the nav document) in Kobo's markup."""
    out = {}
    for name, content in entries.items():
        is_page = name.endswith(".xhtml") and not name.endswith("/nav.xhtml")
        out[name] = kepubify_document(content) if is_page else content
    return out
