"""A Word document's paragraphs and runs → blocks and inlines.

Works on the document's XML (as python-docx loaded it), with the styles resolved once: what a
paragraph is (heading, quote, verse, list item, scene break, centred line) comes from its style
and its own properties; what a run is (italic, bold, underlined, small capitals) from its
properties and its character style. Tracked changes are kept or dropped as the manifest decided.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from octavo.document import (
    Emphasis,
    Image,
    Inline,
    LineBreak,
    Link,
    SmallCaps,
    Strong,
    Text,
)
from octavo.ingest.structure import merge_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
V = "{urn:schemas-microsoft-com:vml}"
SAFE_SCHEMES = ("http://", "https://", "mailto:")

PAGE_BREAK = object()  # a sentinel among a paragraph's pieces: the page ends here


def on(element: etree._Element | None) -> bool | None:
    """A Word toggle property: <w:i/> is on, <w:i w:val="0"/> off, absent None."""
    if element is None:
        return None
    return element.get(f"{W}val", "true").lower() not in ("0", "false", "off", "none")


@dataclass(frozen=True, slots=True)
class StyleInfo:
    name: str = ""
    based_on: str | None = None
    italic: bool | None = None
    bold: bool | None = None
    underline: bool | None = None
    small_caps: bool | None = None
    caps: bool | None = None
    align: str | None = None
    left: int | None = None
    first_line: int | None = None
    outline: int | None = None
    num_id: str | None = None  # a list style's numbering


def read_styles(root: etree._Element | None) -> dict[str, StyleInfo]:
    styles: dict[str, StyleInfo] = {}
    if root is None:
        return styles
    for style in root.iter(f"{W}style"):
        rpr = style.find(f"{W}rPr")
        ppr = style.find(f"{W}pPr")
        name = style.find(f"{W}name")
        based = style.find(f"{W}basedOn")
        underline = rpr.find(f"{W}u") if rpr is not None else None
        styles[style.get(f"{W}styleId", "")] = StyleInfo(
            name=(name.get(f"{W}val", "") if name is not None else "").lower(),
            based_on=based.get(f"{W}val") if based is not None else None,
            italic=on(rpr.find(f"{W}i")) if rpr is not None else None,
            bold=on(rpr.find(f"{W}b")) if rpr is not None else None,
            underline=(underline.get(f"{W}val", "single") != "none") if underline is not None else None,
            small_caps=on(rpr.find(f"{W}smallCaps")) if rpr is not None else None,
            caps=on(rpr.find(f"{W}caps")) if rpr is not None else None,
            align=_attr(ppr, "jc"), left=_twips(ppr, "left", "start"),
            first_line=_twips(ppr, "firstLine"), outline=_int(_attr(ppr, "outlineLvl")),
            num_id=_num_id(ppr),
        )
    return styles


def _num_id(ppr: etree._Element | None) -> str | None:
    element = ppr.find(f"{W}numPr/{W}numId") if ppr is not None else None
    return element.get(f"{W}val") if element is not None else None


def _attr(ppr: etree._Element | None, tag: str) -> str | None:
    if ppr is None:
        return None
    element = ppr.find(f"{W}{tag}")
    return element.get(f"{W}val") if element is not None else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _twips(ppr: etree._Element | None, *names: str) -> int | None:
    if ppr is None:
        return None
    ind = ppr.find(f"{W}ind")
    if ind is None:
        return None
    for name in names:
        value = _int(ind.get(f"{W}{name}"))
        if value is not None:
            return value
    return None


class Styles:
    """Style lookups with inheritance (basedOn), cached."""

    def __init__(self, styles: dict[str, StyleInfo]) -> None:
        self.styles = styles
        self._chains: dict[str, list[StyleInfo]] = {}

    def chain(self, style_id: str | None) -> list[StyleInfo]:
        if not style_id:
            return []
        if style_id not in self._chains:
            chain: list[StyleInfo] = []
            current: str | None = style_id
            while current and current in self.styles and len(chain) < 20:
                chain.append(self.styles[current])
                current = self.styles[current].based_on
            self._chains[style_id] = chain
        return self._chains[style_id]

    def first(self, style_id: str | None, pick: Callable[[StyleInfo], object]) -> object:
        for info in self.chain(style_id):
            value = pick(info)
            if value is not None:
                return value
        return None

    def names(self, style_id: str | None) -> list[str]:
        return [info.name for info in self.chain(style_id)]


@dataclass(slots=True)
class Changes:
    """Tracked changes met while reading, and what to do with them."""

    policy: str | None  # "accept", "refuse" or None (only counting: the caller refuses)
    count: int = 0
    first: tuple[str, str, int] | None = None  # (kind, description, paragraph number)
    formatting: int = 0

    def meet(self, kind: str, element: etree._Element, paragraph: int) -> None:
        self.count += 1
        if self.first is None:
            author = element.get(f"{W}author") or "someone"
            date = element.get(f"{W}date")
            text = "".join(t.text or "" for t in element.iter(f"{W}t", f"{W}delText"))[:60]
            what = f"{kind} by {author}" + (f" on {date[:10]}" if date else "")
            self.first = (kind, f"{what}: '{text}'", paragraph)

    def keep(self, kind: str) -> bool:
        """Whether the content of an insertion ("ins") or deletion ("del") stays."""
        if self.policy == "refuse":
            return kind == "del"
        return kind == "ins"


@dataclass(slots=True)
class RunContext:
    """What run conversion needs from the document: styles, relationships, notes, images."""

    styles: Styles
    changes: Changes
    hyperlink: Callable[[str], str | None]  # relationship id → external address
    image: Callable[[str, str], Image | None]  # relationship id, alt text → image
    footnote: Callable[[str, str], Inline | None]  # note id, kind → a Footnote
    comments: int = 0
    hidden: int = 0
    paragraph: int = 0
    notes: list[str] = field(default_factory=list)


Piece = tuple[tuple[bool, bool, bool], Inline] | object  # ((italic, bold, small caps), node) | PAGE_BREAK


def paragraph_pieces(p: etree._Element, context: RunContext, style_id: str | None) -> list[Piece]:
    pieces: list[Piece] = []
    _collect(p, context, style_id, pieces)
    return pieces


def _collect(parent: etree._Element, context: RunContext, style_id: str | None,
             pieces: list[Piece]) -> None:
    for child in parent:
        tag = child.tag
        if tag == f"{W}r":
            pieces.extend(_run(child, context, style_id))
        elif tag in (f"{W}ins", f"{W}moveTo", f"{W}del", f"{W}moveFrom"):
            kind = "ins" if tag in (f"{W}ins", f"{W}moveTo") else "del"
            context.changes.meet("an insertion" if kind == "ins" else "a deletion", child,
                                 context.paragraph)
            if context.changes.keep(kind):
                _collect(child, context, style_id, pieces)
        elif tag == f"{W}hyperlink":
            inner: list[Piece] = []
            _collect(child, context, style_id, inner)
            address = context.hyperlink(child.get(f"{R}id", "")) if child.get(f"{R}id") else None
            if address and address.lower().startswith(SAFE_SCHEMES):
                children = build_inlines(inner)
                if children:
                    pieces.append(((False, False, False), Link(address, children)))
            else:
                pieces.extend(inner)
        elif tag in (f"{W}smartTag", f"{W}sdt", f"{W}sdtContent", f"{W}fldSimple",
                     f"{W}customXml", f"{W}bdo", f"{W}dir"):
            _collect(child, context, style_id, pieces)
        elif tag == f"{W}commentRangeStart":
            context.comments += 1


def _run(run: etree._Element, context: RunContext, style_id: str | None) -> Iterator[Piece]:
    rpr = run.find(f"{W}rPr")
    styles = context.styles
    char_style = None
    props: dict[str, bool | None] = {}
    if rpr is not None:
        if rpr.find(f"{W}rPrChange") is not None:
            context.changes.formatting += 1
        if on(rpr.find(f"{W}vanish")):
            context.hidden += 1
            return
        rstyle = rpr.find(f"{W}rStyle")
        char_style = rstyle.get(f"{W}val") if rstyle is not None else None
        underline = rpr.find(f"{W}u")
        props = {"i": on(rpr.find(f"{W}i")), "b": on(rpr.find(f"{W}b")),
                 "sc": on(rpr.find(f"{W}smallCaps")), "caps": on(rpr.find(f"{W}caps")),
                 "u": (underline.get(f"{W}val", "single") != "none") if underline is not None else None}

    def flag(key: str, pick: Callable[[StyleInfo], bool | None]) -> bool:
        value = props.get(key)
        if value is None:
            value = styles.first(char_style, pick)  # type: ignore[assignment]
        return bool(value)

    italic = flag("i", lambda s: s.italic) or flag("u", lambda s: s.underline)
    flags = (italic, flag("b", lambda s: s.bold), flag("sc", lambda s: s.small_caps))
    caps = flag("caps", lambda s: s.caps)
    for child in run:
        tag = child.tag
        if tag in (f"{W}t", f"{W}delText"):
            if tag == f"{W}delText" and not context.changes.keep("del"):
                continue
            text = child.text or ""
            yield flags, Text(text.upper() if caps else text)
        elif tag == f"{W}tab":
            yield flags, Text("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            if child.get(f"{W}type") in ("page", "column"):
                yield PAGE_BREAK
            else:
                yield flags, LineBreak()
        elif tag == f"{W}noBreakHyphen":
            yield flags, Text("\u2011")
        elif tag == f"{W}sym":
            char = child.get(f"{W}char", "")
            if re.fullmatch(r"[0-9A-Fa-f]{1,6}", char) and int(char, 16) < 0x110000:
                yield flags, Text(chr(int(char, 16)))
        elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
            kind = "footnote" if tag == f"{W}footnoteReference" else "endnote"
            note = context.footnote(child.get(f"{W}id", ""), kind)
            if note is not None:
                yield (False, False, False), note
        elif tag == f"{W}drawing" or tag == f"{W}pict":
            yield from _pictures(child, context, flags)
        elif tag == f"{W}commentReference":
            pass  # counted at its range start


def _pictures(element: etree._Element, context: RunContext,
              flags: tuple[bool, bool, bool]) -> Iterator[Piece]:
    for doc_pr in element.iter(f"{WP}docPr"):
        alt = doc_pr.get("descr") or doc_pr.get("title") or ""
        for blip in element.iter(f"{A}blip"):
            rel = blip.get(f"{R}embed") or blip.get(f"{R}link") or ""
            image = context.image(rel, alt)
            if image is not None:
                yield flags, image
        return
    for data in element.iter(f"{V}imagedata"):  # old VML pictures
        title = data.get("{urn:schemas-microsoft-com:office:office}title", "")
        image = context.image(data.get(f"{R}id", ""), title)
        if image is not None:
            yield flags, image


def build_inlines(pieces: list[Piece]) -> tuple[Inline, ...]:
    """Pieces → inlines: consecutive pieces with the same formatting share one wrapper."""
    out: list[Inline] = []
    group: list[Inline] = []
    current: tuple[bool, bool, bool] = (False, False, False)

    def flush() -> None:
        if not group:
            return
        node_list = list(merge_text(group))
        italic, bold, small_caps = current
        nodes: tuple[Inline, ...] = tuple(node_list)
        if small_caps:
            nodes = (SmallCaps(nodes),)
        if italic:
            nodes = (Emphasis(nodes),)
        if bold:
            nodes = (Strong(nodes),)
        out.extend(nodes)
        group.clear()

    for piece in pieces:
        if piece is PAGE_BREAK or not isinstance(piece, tuple):
            continue
        flags, node = piece
        if flags != current and not (isinstance(node, Text) and not node.value.strip() and group):
            flush()
            current = flags
        group.append(node)
    flush()
    return merge_text(out)
