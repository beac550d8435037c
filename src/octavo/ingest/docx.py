"""Word (.docx) manuscripts → blocks, through python-docx.

python-docx opens the package and resolves parts and relationships; the paragraphs are read
from its XML with the styles resolved (see docx_text), because what a fiction manuscript means
lives in places mammoth's HTML loses: alignment (a centred `* * *`), indentation (a block
quote), page breaks, Shift-Enter lines, tracked changes, and each paragraph's position.

Before python-docx sees the bytes, the zip container is checked (container.py): no climbing
paths, no zip bomb, no XML entities. Macros are dropped unread, external relationships are never
followed, comments never reach the book, and tracked changes need the manifest's decision.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from octavo.diagnostics import Diagnostic, OctavoError, Severity, Span
from octavo.document import (
    Block,
    BlockQuote,
    Footnote,
    Heading,
    Image,
    Inline,
    ListBlock,
    Paragraph,
    SceneBreak,
    Verse,
    inline_text,
)
from octavo.ingest.container import open_container
from octavo.ingest.docx_package import (
    external_relationships,
    notes_part,
    numbering_formats,
    part_xml,
    without_macros,
)
from octavo.ingest.docx_text import (
    PAGE_BREAK,
    Changes,
    Piece,
    RunContext,
    Styles,
    W,
    build_inlines,
    paragraph_pieces,
    read_styles,
)
from octavo.ingest.images import checked_image
from octavo.ingest.model import RawStory
from octavo.ingest.options import ReadOptions
from octavo.ingest.plaintext import is_scene_break
from octavo.ingest.structure import (
    leading_heading,
    renumber_notes,
    tidy_breaks,
    verse_or_paragraph,
)

_QUOTE_STYLES = ("quote", "block text", "blockquote", "block quote", "quotation", "extract")
_VERSE_STYLES = ("verse", "poem", "poetry", "lyric", "song", "stanza")
_QUOTE_INDENT = 567  # twips: a left indent of 1 cm or more sets a paragraph apart


@dataclass(slots=True)
class _Para:
    """One body paragraph, classified."""

    kind: str  # "heading", "title", "quote", "verse", "list", "text", "break"
    inlines: tuple[Inline, ...]
    number: int
    level: int = 0
    align: str | None = None
    ordered: bool = False
    indent: int = 0


def read_docx(raw: bytes, display: str, options: ReadOptions) -> RawStory:
    notes: list[Diagnostic] = []
    span = Span(display)
    container = open_container(raw, display, "Word")
    raw = without_macros(container, raw, notes, span)
    external_relationships(container, notes, span)
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise OctavoError.single("OCT220", f"not a readable Word file: {exc}", span) from None
    part = document.part
    styles = Styles(read_styles(part_xml(part, RT.STYLES)))
    numbering = numbering_formats(part_xml(part, RT.NUMBERING))
    changes = Changes(options.docx_changes)
    note_parts = {"footnote": notes_part(part_xml(part, RT.FOOTNOTES), "footnote"),
                  "endnote": notes_part(part_xml(part, RT.ENDNOTES), "endnote")}

    def hyperlink(rel_id: str) -> str | None:
        rel = part.rels.get(rel_id)
        return str(rel.target_ref) if rel is not None and rel.is_external else None

    def image(rel_id: str, alt: str) -> Image | None:
        rel = part.rels.get(rel_id)
        if rel is None or rel.is_external:
            notes.append(Diagnostic(Severity.WARNING, "OCT225", "a picture linked from outside "
                                    "the file is not fetched" + (f" (alt text '{alt[:60]}')" if alt else ""),
                                    Span(display, 0, 1, paragraph=context.paragraph)))
            return None
        where = Span(display, 0, 1, paragraph=context.paragraph)
        return checked_image(rel.target_part.blob, alt, where, notes)

    def footnote(note_id: str, kind: str) -> Inline | None:
        paragraphs = note_parts[kind].get(note_id)
        if paragraphs is None:
            return None
        blocks: list[Block] = []
        for p in paragraphs:
            pieces = paragraph_pieces(p, context, _style_id(p))
            inlines = build_inlines(pieces)
            if inline_text(inlines).strip():
                blocks.append(Paragraph(_strip_edges(inlines), Span(display, 0, 1,
                                                                     paragraph=context.paragraph)))
        return Footnote(0, tuple(blocks), kind) if blocks else None

    context = RunContext(styles, changes, hyperlink, image, footnote)
    paras = list(_paragraphs(document.element.body, context, styles, numbering, notes, display))
    if changes.count and changes.policy is None and changes.first is not None:
        _, description, number = changes.first
        raise OctavoError.single(
            "OCT226", f"the Word file has {changes.count} tracked change(s), the first {description}; "
            "say in book.yaml whether to take them (docx: {changes: accept}) or the text before "
            "them (docx: {changes: refuse})", Span(display, 0, 1, paragraph=number))
    if changes.count:
        taken = "accepted" if changes.policy == "accept" else "refused"
        notes.append(Diagnostic(Severity.INFO, "OCT227", f"{changes.count} tracked change(s) "
                                f"{taken}, as book.yaml says", span))
    if changes.formatting:
        notes.append(Diagnostic(Severity.INFO, "OCT227", f"{changes.formatting} tracked "
                                "formatting change(s): the formatting is read as it now stands", span))
    if context.comments:
        notes.append(Diagnostic(Severity.WARNING, "OCT228", f"{context.comments} comment(s) in the "
                                "Word file are not part of the book and were left out", span))
    if context.hidden:
        notes.append(Diagnostic(Severity.WARNING, "OCT234", f"{context.hidden} run(s) of hidden "
                                "text (Word's 'hidden' font setting) left out, as Word prints them",
                                span))
    blocks = _group(paras, display)
    heading, body = leading_heading(tidy_breaks(blocks), display)
    return RawStory(heading, renumber_notes(tuple(body)), tuple(notes))


def _style_id(p: etree._Element) -> str | None:
    style = p.find(f"{W}pPr/{W}pStyle")
    return style.get(f"{W}val") if style is not None else None


def _strip_edges(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    from octavo.document import Text

    if inlines and isinstance(inlines[0], Text):
        inlines = (Text(inlines[0].value.lstrip()), *inlines[1:])
    if inlines and isinstance(inlines[-1], Text):
        inlines = (*inlines[:-1], Text(inlines[-1].value.rstrip()))
    return tuple(n for n in inlines if not (isinstance(n, Text) and not n.value))


def _body_paragraphs(body: etree._Element, notes: list[Diagnostic], display: str
                     ) -> list[etree._Element]:
    found: list[etree._Element] = []
    tables = 0
    for child in body:
        if child.tag == f"{W}p":
            found.append(child)
        elif child.tag == f"{W}tbl":
            tables += 1
            found.extend(child.iter(f"{W}p"))
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            found.extend(child.iter(f"{W}p"))
    if tables:
        notes.append(Diagnostic(Severity.WARNING, "OCT234", f"{tables} table(s) set as plain "
                                "paragraphs, cell by cell", Span(display)))
    return found


def _paragraphs(body: etree._Element, context: RunContext, styles: Styles,
                numbering: dict[str, bool], notes: list[Diagnostic], display: str
                ) -> Iterator[_Para]:
    number = 0
    for p in _body_paragraphs(body, notes, display):
        style_id = _style_id(p)
        ppr = p.find(f"{W}pPr")
        context.paragraph = number + 1
        pieces = paragraph_pieces(p, context, style_id)
        if ppr is not None and ppr.find(f"{W}pageBreakBefore") is not None:
            pieces.insert(0, PAGE_BREAK)
        segments: list[list[Piece]] = [[]]
        for piece in pieces:
            if piece is PAGE_BREAK:
                segments.append([])
            else:
                segments[-1].append(piece)
        section_break = ppr is not None and ppr.find(f"{W}sectPr") is not None
        for index, segment in enumerate(segments):
            if index > 0:
                yield _Para("break", (), number)
            inlines = _strip_edges(build_inlines(segment))
            if not inline_text(inlines).strip() and not _has_objects(inlines):
                if _align(p, style_id, styles) == "center" and len(segments) == 1:
                    yield _Para("break", (), number)  # an empty centred line between scenes
                continue
            number += 1
            context.paragraph = number
            yield _classify(p, ppr, style_id, inlines, number, styles, numbering)
        if section_break:
            yield _Para("break", (), number)


def _has_objects(inlines: tuple[Inline, ...]) -> bool:
    return any(isinstance(n, Image | Footnote) for n in inlines)


def _align(p: etree._Element, style_id: str | None, styles: Styles) -> str | None:
    jc = p.find(f"{W}pPr/{W}jc")
    value = jc.get(f"{W}val") if jc is not None else styles.first(style_id, lambda s: s.align)
    return "center" if value == "center" else None


def _classify(p: etree._Element, ppr: etree._Element | None, style_id: str | None,
              inlines: tuple[Inline, ...], number: int, styles: Styles,
              numbering: dict[str, bool]) -> _Para:
    names = styles.names(style_id)
    text = inline_text(inlines).strip()
    align = _align(p, style_id, styles)
    if is_scene_break(text) and len(text) <= 12:
        return _Para("break", (), number)
    if any(n == "title" for n in names):
        return _Para("heading", inlines, number, level=1)
    for name in names:
        match = re.fullmatch(r"heading (\d)", name)
        if match:
            return _Para("heading", inlines, number, level=int(match.group(1)))
    outline = ppr.find(f"{W}outlineLvl") if ppr is not None else None
    level = (int(outline.get(f"{W}val", "9")) if outline is not None
             else styles.first(style_id, lambda s: s.outline))
    if isinstance(level, int) and level < 6:
        return _Para("heading", inlines, number, level=level + 1)
    if any(word in n for n in names for word in _VERSE_STYLES):
        return _Para("verse", inlines, number, indent=_left(ppr, style_id, styles))
    num = ppr.find(f"{W}numPr/{W}numId") if ppr is not None else None
    num_id = num.get(f"{W}val") if num is not None else styles.first(style_id, lambda s: s.num_id)
    if isinstance(num_id, str) and num_id != "0":
        return _Para("list", inlines, number, ordered=numbering.get(num_id, False))
    if any(word in n for n in names for word in _QUOTE_STYLES):
        return _Para("quote", inlines, number)
    left = _left(ppr, style_id, styles)
    first = ppr.find(f"{W}ind") if ppr is not None else None
    hanging = first is not None and first.get(f"{W}hanging") is not None
    if left >= _QUOTE_INDENT and align != "center" and not hanging:
        return _Para("quote", inlines, number)
    return _Para("text", inlines, number, align=align)


def _left(ppr: etree._Element | None, style_id: str | None, styles: Styles) -> int:
    ind = ppr.find(f"{W}ind") if ppr is not None else None
    if ind is not None:
        for name in ("left", "start"):
            value = ind.get(f"{W}{name}")
            if value is not None and value.lstrip("-").isdigit():
                return int(value)
    inherited = styles.first(style_id, lambda s: s.left)
    return inherited if isinstance(inherited, int) else 0


def _group(paras: list[_Para], display: str) -> list[Block]:
    """Consecutive quotes → one block quote, verse paragraphs → one verse, list items → a list."""
    blocks: list[Block] = []
    index = 0
    while index < len(paras):
        para = paras[index]
        span = Span(display, 0, 1, paragraph=para.number)
        run_end = index
        while run_end + 1 < len(paras) and paras[run_end + 1].kind == para.kind and para.kind in (
                "quote", "verse", "list") and paras[run_end + 1].ordered == para.ordered:
            run_end += 1
        run = paras[index: run_end + 1]
        if para.kind == "break":
            blocks.append(SceneBreak(span))
        elif para.kind == "heading":
            blocks.append(Heading(para.level, para.inlines, span))
        elif para.kind == "quote":
            blocks.append(BlockQuote(tuple(verse_or_paragraph(
                q.inlines, Span(display, 0, 1, paragraph=q.number)) for q in run), span))
        elif para.kind == "verse":
            blocks.append(_verse(run, span))
        elif para.kind == "list":
            blocks.append(ListBlock(tuple((Paragraph(q.inlines, Span(display, 0, 1, paragraph=q.number)),)
                                          for q in run), para.ordered, 1, span))
        else:
            blocks.append(verse_or_paragraph(para.inlines, span, para.align))
        index = run_end + 1
    return blocks


def _verse(run: list[_Para], span: Span) -> Verse:
    """Paragraphs in a verse style, one line each (or several, cut by Shift-Enter); a deeper
    left indent than the stanza's own is kept as indentation."""
    from octavo.ingest.structure import split_lines

    base = min(p.indent for p in run)
    lines: list[tuple[Inline, ...]] = []
    indents: list[int] = []
    for para in run:
        for line in split_lines(para.inlines):
            lines.append(_strip_edges(line))
            indents.append(max(0, (para.indent - base) // 360))
    return Verse(tuple(lines), span, tuple(indents) if any(indents) else ())


