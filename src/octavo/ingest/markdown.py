"""Markdown manuscripts → blocks, through markdown-it-py (CommonMark, raw HTML off).

Raw HTML is never interpreted: with `html` off, markdown-it hands it over as text, so a
`<script>` in a manuscript stays literal. Links survive only with http(s) or mailto addresses;
images, lists and code become plain text with a warning until the document model grows them.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from octavo.diagnostics import Diagnostic, Severity, Span
from octavo.document import (
    Block,
    BlockQuote,
    Emphasis,
    Heading,
    Inline,
    Link,
    Paragraph,
    SceneBreak,
    Strong,
    Text,
    inline_text,
)
from octavo.ingest.model import ManuscriptHeading, RawStory
from octavo.ingest.plaintext import blank_comment, split_heading

_SAFE_SCHEMES = ("http://", "https://", "mailto:")


def parse_markdown(text: str, display: str) -> RawStory:
    parser = MarkdownIt("commonmark", {"html": False})
    lines = [blank_comment(line) for line in text.split("\n")]
    tokens = parser.parse("\n".join(lines))
    reader = _Reader(display, lines)
    blocks = reader.blocks(tokens, 0, len(tokens))
    heading = None
    if blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1:
        first = blocks[0]
        title = inline_text(first.children).strip()
        parts = split_heading(title)
        span = first.span or Span(display, 1, 1)
        heading = (ManuscriptHeading(parts[0], parts[1], span) if parts
                   else ManuscriptHeading(None, title, span))
        blocks = blocks[1:]
    return RawStory(heading=heading, blocks=tuple(blocks), diagnostics=tuple(reader.notes))


class _Reader:
    def __init__(self, display: str, lines: list[str]) -> None:
        self.display = display
        self.lines = lines
        self.notes: list[Diagnostic] = []
        self._warned: set[str] = set()
        self._block_lines = (0, 0)  # the source lines of the block being read, 0-based
        self._item_number = ""  # "3. ": an ordered list item's number, for its first paragraph

    def span(self, token: Token, needle: str = "") -> Span:
        """Where `token` is. Inline tokens carry no position, so they are looked for (by
        `needle`, e.g. a link's address) in the lines of the block that holds them."""
        if token.map:
            return Span(self.display, token.map[0] + 1, 1)
        start, end = self._block_lines
        for number in range(start, min(end, len(self.lines))):
            column = self.lines[number].find(needle) if needle else -1
            if column >= 0:
                return Span(self.display, number + 1, column + 1)
        return Span(self.display, start + 1, 1)

    def warn_once(self, code: str, what: str, token: Token, needle: str = "") -> None:
        if what not in self._warned:
            self._warned.add(what)
            self.notes.append(Diagnostic(Severity.WARNING, code, what, self.span(token, needle)))

    def blocks(self, tokens: list[Token], start: int, end: int) -> list[Block]:
        out: list[Block] = []
        i = start
        while i < end:
            token = tokens[i]
            kind = token.type
            if kind in ("paragraph_open", "heading_open"):
                self._block_lines = (token.map[0], token.map[1]) if token.map else (0, 0)
                inline = tokens[i + 1]
                children = tuple(self.inlines(inline.children or []))
                if kind == "heading_open":
                    out.append(Heading(int(token.tag[1]), children, self.span(token)))
                elif children:
                    if self._item_number:  # lists are plain paragraphs, but keep their numbers
                        children = tuple(_merge_text([Text(self._item_number), *children]))
                        self._item_number = ""
                    out.append(Paragraph(children, self.span(token)))
                i += 3
            elif kind == "hr":
                out.append(SceneBreak(self.span(token)))
                i += 1
            elif kind == "blockquote_open":
                close = _matching_close(tokens, i)
                out.append(BlockQuote(tuple(self.blocks(tokens, i + 1, close)), self.span(token)))
                i = close + 1
            elif kind in ("fence", "code_block"):
                self.warn_once("OCT205", "code blocks are set as ordinary paragraphs", token)
                out.extend(Paragraph((Text(line),), self.span(token))
                           for line in token.content.splitlines() if line.strip())
                i += 1
            else:
                if kind in ("bullet_list_open", "ordered_list_open"):
                    self.warn_once("OCT205", "lists are set as ordinary paragraphs", token)
                elif kind == "list_item_open" and token.info:  # info: the item's number
                    self._item_number = f"{token.info}{token.markup} "
                elif kind == "list_item_close" and self._item_number:  # no paragraph took it
                    out.append(Paragraph((Text(self._item_number.strip()),), self.span(token)))
                    self._item_number = ""
                i += 1  # list/item wrappers: their paragraphs are read on their own
        return out

    def inlines(self, tokens: list[Token]) -> list[Inline]:
        out: list[Inline] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind in ("text", "code_inline"):
                out.append(Text(token.content))
            elif kind in ("softbreak", "hardbreak"):
                out.append(Text(" "))
            elif kind in ("em_open", "strong_open", "link_open"):
                close = _matching_close(tokens, i)
                children = tuple(self.inlines(tokens[i + 1 : close]))
                if kind == "em_open":
                    out.append(Emphasis(children))
                elif kind == "strong_open":
                    out.append(Strong(children))
                else:
                    out.append(self.link(str(token.attrs.get("href", "")), children, token))
                i = close
            elif kind == "image":
                self.warn_once("OCT205", "images are not supported yet; their text is kept", token,
                               f"]({token.attrs.get('src', '')}")
                out.append(Text(token.content))
            i += 1
        return _merge_text(out)

    def link(self, href: str, children: tuple[Inline, ...], token: Token) -> Inline:
        if href.lower().startswith(_SAFE_SCHEMES):
            return Link(href, children)
        self.notes.append(Diagnostic(
            Severity.WARNING, "OCT206",
            f"link to '{href[:80]}' kept as plain text: only http, https and mailto links are "
            "allowed", self.span(token, f"]({href}")))
        return Text(inline_text(children))  # the refused link's words, kept as text


def _matching_close(tokens: list[Token], open_index: int) -> int:
    depth = 0
    for index in range(open_index, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _merge_text(inlines: list[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].value + node.value)
        elif not (isinstance(node, Text) and not node.value):
            merged.append(node)
    return merged
