"""Markdown manuscripts → blocks, through markdown-it-py (CommonMark, raw HTML off) and
mdit-py-plugins: YAML front matter, footnotes, `::: verse` containers and `[text]{.smallcaps}`.

Raw HTML is never interpreted: with `html` off, markdown-it hands it over as text, so a
`<script>` in a manuscript stays literal. Links survive only with http(s) or mailto addresses.
Hard breaks (`\\`, two trailing spaces) are kept; a fenced ```` ```verse ```` block or a
`::: verse` container is verse, line by line with its indentation; a lone `#` line (an empty
heading to CommonMark) is a scene break, as authors mean it. Images and code blocks become plain
text with a warning.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from octavo.diagnostics import Diagnostic, Severity, Span
from octavo.document import (
    Block,
    BlockQuote,
    Code,
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
from octavo.ingest.markdown_prep import aside, cap_nesting, front_matter
from octavo.ingest.model import ManuscriptHeading, RawStory, WorkMeta
from octavo.ingest.plaintext import blank_comment, split_heading
from octavo.ingest.structure import renumber_notes

if TYPE_CHECKING:  # markdown_it is imported by the first Markdown manuscript read, not before
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_SAFE_SCHEMES = ("http://", "https://", "mailto:")
_VERSE_INFO = ("verse", "poem", "poetry", "lyrics", "song")


@cache
def _parser(with_front_matter: bool = True) -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_plugin
    from mdit_py_plugins.container import container_plugin
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.front_matter import front_matter_plugin

    # Nesting is capped in the source (markdown_prep), well inside this limit.
    parser = MarkdownIt("commonmark", {"html": False, "maxNesting": 100})
    if with_front_matter:
        parser.use(front_matter_plugin)
    parser.use(footnote_plugin).use(attrs_plugin, spans=True)
    for name in _VERSE_INFO:
        parser.use(container_plugin, name=name)
    return parser


def parse_markdown(text: str, display: str) -> RawStory:
    lines = [blank_comment(line) for line in text.split("\n")]
    lines, notes = cap_nesting(lines, display)
    tokens = _parser().parse("\n".join(lines))
    reader = _Reader(display, lines)
    reader.notes.extend(notes)
    meta = WorkMeta()
    prefix: list[Block] = []
    values = None
    if tokens and tokens[0].type == "front_matter":
        values, found = front_matter(tokens[0].content, display)
        reader.notes.extend(found)
        if values is None:  # not front matter: `---` breaks around the story's first lines
            tokens = _parser(with_front_matter=False).parse("\n".join(lines))
    if values is not None:
        language = values.get("language")
        if language is not None:
            from octavo.metadata_values import normalise_language

            language = normalise_language(language)
        meta = WorkMeta(title=values.get("title"), subtitle=values.get("subtitle"),
                        authors=values.get("author", ()), language=language)
        span = Span(display, 1, 1)
        prefix = [*aside("dedication", values.get("dedication"), span),
                  *aside("epigraph", values.get("epigraph"), span)]
        tokens = tokens[1:]
    reader.collect_notes(tokens)
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
    return RawStory(heading=heading, blocks=renumber_notes(tuple(prefix + blocks)),
                    diagnostics=tuple(reader.notes), meta=meta)


class _Reader:
    def __init__(self, display: str, lines: list[str]) -> None:
        self.display = display
        self.lines = lines
        self.notes: list[Diagnostic] = []
        self._warned: set[str] = set()
        self._block_lines = (0, 0)  # the source lines of the block being read, 0-based
        self._footnotes: dict[int, tuple[Block, ...]] = {}

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

    def collect_notes(self, tokens: list[Token]) -> None:
        """Footnote definitions (gathered by the plugin at the end) → blocks, by note id."""
        i = 0
        while i < len(tokens):
            if tokens[i].type == "footnote_open":
                close = _matching_type(tokens, i, "footnote_close")
                note_id = int(tokens[i].meta.get("id", 0))
                self._footnotes[note_id] = tuple(self.blocks(tokens, i + 1, close))
                i = close
            i += 1

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
                if kind == "heading_open" and not inline_text(children).strip():
                    out.append(SceneBreak(self.span(token)))  # a lone "#": a break, to authors
                elif kind == "heading_open":
                    out.append(Heading(int(token.tag[1]), children, self.span(token)))
                elif children:
                    out.append(Paragraph(children, self.span(token)))
                i += 3
            elif kind == "hr":
                out.append(SceneBreak(self.span(token)))
                i += 1
            elif kind == "blockquote_open":
                close = _matching_close(tokens, i)
                out.append(BlockQuote(tuple(self.blocks(tokens, i + 1, close)), self.span(token)))
                i = close + 1
            elif kind in ("bullet_list_open", "ordered_list_open"):
                close = _matching_close(tokens, i)
                out.extend(self.list_block(tokens, i, close))
                i = close + 1
            elif kind.startswith("container_") and kind.endswith("_open"):
                close = _matching_close(tokens, i)
                if token.map:  # the container's own lines, its ::: fences excluded
                    source = [line for line in self.lines[token.map[0] + 1: token.map[1]]
                              if not line.strip().startswith(":::")]
                    out.extend(self.verse(source, token))
                i = close + 1
            elif kind == "fence" and token.info.strip().lower() in _VERSE_INFO:
                out.extend(self.verse(token.content.split("\n"), token))
                i += 1
            elif kind in ("fence", "code_block"):
                self.warn_once("OCT205", "code blocks are set as ordinary paragraphs", token)
                out.extend(Paragraph((Text(line),), self.span(token))
                           for line in token.content.splitlines() if line.strip())
                i += 1
            elif kind == "footnote_block_open":
                i = _matching_type(tokens, i, "footnote_block_close") + 1
            else:
                i += 1
        return out

    def list_block(self, tokens: list[Token], start: int, close: int) -> list[Block]:
        """A list; but a lone numbered item ("1986. A great year.") is a paragraph that
        happens to start with a number, as authors mean it, and keeps its number."""
        items: list[tuple[Block, ...]] = []
        i = start + 1
        while i < close:
            if tokens[i].type == "list_item_open":
                item_close = _matching_close(tokens, i)
                items.append(tuple(self.blocks(tokens, i + 1, item_close)))
                i = item_close + 1
            else:
                i += 1
        ordered = tokens[start].type == "ordered_list_open"
        if ordered and len(items) == 1:
            number = next((t for t in tokens[start:close] if t.type == "list_item_open"), None)
            marker = f"{number.info}{number.markup} " if number is not None else ""
            blocks = list(items[0])
            if blocks and isinstance(blocks[0], Paragraph):
                blocks[0] = Paragraph(tuple(_merge_text([Text(marker), *blocks[0].children])),
                                      blocks[0].span)
            elif marker:
                blocks.insert(0, Paragraph((Text(marker.strip()),), self.span(tokens[start])))
            return blocks
        first = tokens[start].attrs.get("start", 1)
        return [ListBlock(tuple(items), ordered, int(first) if str(first).isdigit() else 1,
                          self.span(tokens[start]))]

    def verse(self, source: list[str], token: Token) -> list[Block]:
        """Lines of verse as written: each line one line, a blank line between stanzas, leading
        spaces kept as indentation (two spaces a step)."""
        stanzas: list[list[str]] = [[]]
        for line in source:
            if line.strip():
                stanzas[-1].append(line.rstrip())
            elif stanzas[-1]:
                stanzas.append([])
        out: list[Block] = []
        first_line = (token.map[0] + 2) if token.map else 1
        for stanza in stanzas:
            if not stanza:
                continue
            indents = tuple((len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())) // 2
                            for line in stanza)
            lines = tuple(tuple(self.inlines(_inline_tokens(line.strip()))) for line in stanza)
            out.append(Verse(lines, Span(self.display, first_line, 1),
                             indents if any(indents) else ()))
        return out

    def inlines(self, tokens: list[Token]) -> list[Inline]:
        out: list[Inline] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            kind = token.type
            if kind == "text":
                out.append(Text(token.content))
            elif kind == "code_inline":
                out.append(Code(token.content))
            elif kind == "softbreak":
                out.append(Text(" "))
            elif kind == "hardbreak":
                out.append(LineBreak())
            elif kind == "footnote_ref":
                blocks = self._footnotes.get(int(token.meta.get("id", -1)))
                if blocks:
                    out.append(Footnote(0, blocks))
            elif kind in ("em_open", "strong_open", "link_open", "span_open"):
                close = _matching_close(tokens, i)
                children = tuple(self.inlines(tokens[i + 1 : close]))
                if kind == "em_open":
                    out.append(Emphasis(children))
                elif kind == "strong_open":
                    out.append(Strong(children))
                elif kind == "span_open":
                    classes = str(token.attrs.get("class", "")).split()
                    if {"smallcaps", "small-caps", "sc"} & set(classes):
                        out.append(SmallCaps(children))
                    else:
                        out.extend(children)
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


def _inline_tokens(line: str) -> list[Token]:
    tokens = _parser().parseInline(line)
    return (tokens[0].children or []) if tokens else []


def _matching_type(tokens: list[Token], start: int, closing: str) -> int:
    for index in range(start, len(tokens)):
        if tokens[index].type == closing:
            return index
    return len(tokens) - 1


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
