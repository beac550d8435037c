"""Body folios drawn from digits, apart from the running heads (a folio shift redraws numbers only).

A body page's running head depends only on its document (its running strings) and on the page's
side; its folio depends on every page before it. So the heads are laid out once per document's
strings (two pages each, a verso and a recto: `heads_sheet_html`) and drawn in when a document is
finished, and the folios are drawn at the join, from a model of how WeasyPrint draws a folio that
one small calibration sheet gives (`FolioModel`): for each kind of page (an opening's foot folio,
a running folio, on a recto or a verso), the drawing around the number, each digit's glyph and
advance, and where the number's start goes as its width grows (left-, centre- or right-aligned).

The model is trusted only after it has been checked against the sheet that draws heads and
folios together as the pages of one pass would (the book's own stylesheets, the book's widest
heads, numbers of one to five digits): when a book's stylesheet makes folios that digits do not
compose (a word before the number, kerned figures, a border), `calibrate` returns None and the
join draws whole folio sheets as before (pdf_folios.py).

A finished document's page that carries a folio ends in a Flate stream cut so that drawing can be
appended to it without decompressing it (`spliceable`, `append_drawing`): the number is the only
thing a folio shift changes on a page, and the only thing made again.
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import pikepdf

from octavo.backends.pdf_folios import _NAMED_RESOURCES, FolioKind, folio_sheet_html

# Hides the folios of a heads sheet's pages (the rules of page.css.j2 that draw them).
_HIDE_FOLIOS = """
@page body:left { @top-left { content: none; } }
@page body:right { @top-right { content: none; } }
"""
_SHEET_RULES = """
html { break-before: recto; }
body { margin: 0; }
.sheet { height: 1px; }
.sheet + .sheet { break-before: page; }
.sheet.running { page: body; }
.sheet.none { page: folio-none; }
"""
# The resource names of the calibration's folio drawing, in the pages it is drawn on.
PREFIX = "Folio-"
# Pages of the calibration sheet (1 to 110 holds every digit pair), and the wide one: numbers of
# five and six digits, wider than any book's (so the model does not depend on the book's length).
_CALIBRATION_PAGES = 110
_WIDE_PAGES = 12
WIDE_FIRST = 99_991
# Operators a folio's drawing may hold: state, text and clipping; anything painted (a rule, a
# background) would not follow the number, and sends the book to whole folio sheets.
_ALLOWED = {"q", "Q", "cm", "gs", "cs", "CS", "scn", "SCN", "sc", "SC", "k", "K", "g", "G", "rg",
            "RG", "BT", "ET", "Tm", "Tf", "TJ", "Tj", "Td", "TL", "Tc", "Tw", "Tz", "Ts", "Tr",
            "re", "W", "W*", "n"}
# Text-state operators, which may be set before or after the text matrix alike.
_TEXT_STATE = {"Tf", "Tc", "Tw", "Tz", "TL", "Ts", "Tr"}
# The end of a spliceable Flate stream: a sync flush, an empty final block, the Adler-32.
_SYNC = b"\x00\x00\xff\xff"
_EMPTY_FINAL = b"\x03\x00"
_ZLIB_HEADER = b"\x78\xda"  # deflate, 32K window, best compression


def heads_sheet_html(strings: Sequence[str], language: str, direction: str) -> str:
    """Pages carrying running heads only: an empty first page, then for each of `strings` (a
    document's running-strings markup) a verso and a recto (pages 1 + 2j and 2 + 2j)."""
    pages = ['<div class="sheet none"></div>']
    for markup in strings:
        pages.append(f'<div class="sheet running">{markup}</div>' * 2)
    return (f'<!DOCTYPE html><html lang="{escape(language)}" dir="{escape(direction)}"><head>'
            f'<meta charset="utf-8"/><title>heads</title><style>{_SHEET_RULES}{_HIDE_FOLIOS}'
            f'</style></head><body class="folio-sheet">{"".join(pages)}</body></html>')


def calibration_sheet_html(first: int, count: int, verso: str, recto: str, language: str,
                           direction: str) -> str:
    """The folio sheet of one pass (pdf_folios.py), numbered from `first` (odd: a recto):
    openings and running pages in turn on both sides, the running pages carrying `verso`'s
    heads on a verso and `recto`'s on a recto."""
    kinds = [_kind_of(offset) for offset in range(count)]
    heads = [verso if (first + offset) % 2 == 0 else recto for offset in range(count)]
    return folio_sheet_html(kinds, heads, language, direction, first_folio=first)


def _kind_of(offset: int) -> FolioKind:
    return "opening" if offset % 4 in (0, 1) else "running"


def widest_strings(heads: Sequence[str]) -> tuple[str, str]:
    """The running-strings markup with the longest verso head, and the one with the longest
    recto head (the heads most likely to meet a folio)."""
    def length(markup: str, which: str) -> int:
        found = re.search(rf'class="rh-{which}">(.*?)</span>', markup, re.S)
        return len(found.group(1)) if found else 0

    present = [markup for markup in heads if markup] or [""]
    return (max(present, key=lambda m: length(m, "verso")),
            max(present, key=lambda m: length(m, "recto")))


@dataclass(frozen=True, slots=True)
class _Class:
    """How the folio of one kind of page, on one side, is drawn: `opening` (the graphics
    state, the text object begun, its font set), then the number's text matrix and glyphs
    (`drawing`), then `after` (the text object ended)."""

    opening: bytes
    matrix: tuple[float, float, float, float]
    y: float
    after: bytes
    glyphs: dict[str, bytes]  # digit → its glyph (CID bytes)
    adjust: dict[str, float]  # digit → the TJ adjustment after it
    advance: dict[str, float]  # digit → its advance on the page, less the adjustment
    anchor: float  # the number's start for width 0
    pull: float  # how far the start moves left per unit of width (0, 0.5 or 1)

    def start(self) -> bytes:
        """The drawing up to the number: the state, the text object and its line begun (at
        the folio's height, the page's left edge; the number moves along it, `drawing`)."""
        a, b, c, d = self.matrix
        return self.opening + b" ".join(_number(v) for v in (a, b, c, d, 0, self.y)) + b" Tm\n"

    def drawing(self, number: int) -> bytes:
        digits = str(number)
        width = sum(self.advance[d] for d in digits)
        x = (self.anchor - self.pull * width) / self.matrix[0]  # along the line (b is 0)
        if all(self.adjust[digit] == 0 for digit in digits):
            text = b"<" + b"".join(self.glyphs[digit] for digit in digits).hex().encode() + b"> Tj"
        else:
            text = b"[" + b"".join(b"<" + self.glyphs[digit].hex().encode() + b">"
                                   + _number(self.adjust[digit]) for digit in digits) + b"] TJ"
        return _number(x) + b" 0 Td\n" + text + b"\n" + self.after


def _number(value: float) -> bytes:
    if value == int(value):
        return str(int(value)).encode()
    return f"{value:.6f}".rstrip("0").rstrip(".").encode()


@dataclass(frozen=True, slots=True)
class FolioModel:
    classes: dict[tuple[FolioKind, int], _Class]  # (kind, folio parity) → its drawing
    sheet: bytes  # the calibration sheet's PDF: the resources the drawings name
    pages: dict[tuple[FolioKind, int], int]  # a page of the sheet of each class

    def opening(self, kind: FolioKind, number: int) -> bytes:
        """What a page's folio drawing begins with, the same for every number of its class:
        it ends a finished document's page, and the number is appended to it."""
        return b"q\n" + self.classes[(kind, number % 2)].start()

    def drawing(self, kind: FolioKind, number: int) -> bytes:
        """The number, appended after `opening`."""
        return self.classes[(kind, number % 2)].drawing(number) + b"Q\n"


def calibrate(sheet: bytes, wide: bytes, wide_from: int, heads: bytes) -> FolioModel | None:
    """The folio model from the calibration sheet (numbered from 1), the wide sheet (numbered
    from `wide_from`) and the heads sheet of the same two strings; None when composed folios
    and heads would not draw what the sheets draw."""
    try:
        with pikepdf.open(io.BytesIO(sheet)) as pdf:
            found = _classes(pdf)
            if found is None:
                return None
            classes, pages = found
        model = FolioModel(classes, sheet, pages)
        with pikepdf.open(io.BytesIO(heads)) as heads_pdf, \
                pikepdf.open(io.BytesIO(sheet)) as pdf, pikepdf.open(io.BytesIO(wide)) as wide_pdf:
            head_texts = [_texts(page) for page in heads_pdf.pages]
            for first, checked in ((1, pdf), (wide_from, wide_pdf)):
                if not _draws_as(model, checked, first, head_texts):
                    return None
        return model
    except (KeyError, ValueError, IndexError, TypeError, pikepdf.PdfError):
        return None


def _classes(pdf: pikepdf.Pdf) -> tuple[dict[tuple[FolioKind, int], _Class],
                                         dict[tuple[FolioKind, int], int]] | None:
    """Each class's drawing, from the sheet's opening pages (folio alone) and running pages
    (whose folio is the text drawn at the folio's height)."""
    samples: dict[tuple[FolioKind, int], list[tuple[int, Any]]] = {}
    for index, page in enumerate(pdf.pages):
        number = index + 1
        samples.setdefault((_kind_of(index), number % 2), []).append((number, page))
    classes: dict[tuple[FolioKind, int], _Class] = {}
    pages: dict[tuple[FolioKind, int], int] = {}
    for key, sampled in samples.items():
        if key[0] != "opening":
            continue
        made = _one_class(sampled)
        if made is None:
            return None
        classes[key] = made
        pages[key] = sampled[0][0] - 1
    for key, sampled in samples.items():
        if key[0] == "running":
            made = _running_class(sampled)
            if made is None:
                return None
            classes[key], pages[key] = made, sampled[0][0] - 1
    return classes, pages


def _parsed(page: Any) -> list[tuple[list[Any], str]]:
    resources = page.obj.get("/Resources", pikepdf.Dictionary())
    out = []
    for instruction in pikepdf.parse_content_stream(page):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            raise ValueError("an image in a folio")
        operands, operator = list(instruction.operands), str(instruction.operator)
        named = _NAMED_RESOURCES.get(operator)
        if named is not None and operands:
            category, at = named
            name = operands[at]
            if isinstance(name, pikepdf.Name) and str(name) in resources.get(category, {}):
                operands[at] = pikepdf.Name(f"/{PREFIX}{str(name)[1:]}")
        out.append((operands, operator))
    return out


def _font_widths(page: Any, operands_tf: list[Any]) -> dict[bytes, float]:
    from octavo.backends.pdf_fonts import _widths

    name = pikepdf.Name("/" + str(operands_tf[0])[1 + len(PREFIX):])
    font = page.obj.Resources.Font[name]
    widths = _widths(font.DescendantFonts[0].get("/W", pikepdf.Array()))
    default = float(font.DescendantFonts[0].get("/DW", 1000))
    return {cid.to_bytes(2, "big"): width for cid, width in widths.items()} | {b"": default}


def _text_blocks(instructions: list[tuple[list[Any], str]]) -> list[tuple[int, int]]:
    """(BT index, ET index) of each text object."""
    blocks, start = [], None
    for index, (_, operator) in enumerate(instructions):
        if operator == "BT":
            start = index
        elif operator == "ET" and start is not None:
            blocks.append((start, index))
            start = None
    return blocks


def _one_class(sampled: list[tuple[int, Any]], block_at: int | None = None) -> _Class | None:
    """A class from pages whose folio is their only text (or, with `block_at`, the text object
    drawn at that height)."""
    shapes: list[tuple[int, float, float, bytes, bytes]] = []
    fixed: dict[str, Any] = {}
    glyphs: dict[str, bytes] = {}
    adjust: dict[str, float] = {}
    advance: dict[str, float] = {}
    for number, page in sampled:
        instructions = _parsed(page)
        blocks = _text_blocks(instructions)
        if block_at is not None:
            blocks = [b for b in blocks if _block_y(instructions, b) == block_at]
        if len(blocks) != 1:
            return None
        start, end = blocks[0]
        inside = instructions[start:end + 1]
        if block_at is None and any(op not in _ALLOWED for _, op in instructions):
            return None
        tm = [i for i, (_, op) in enumerate(inside) if op == "Tm"]
        tj = [i for i, (_, op) in enumerate(inside) if op == "TJ"]
        tf = [i for i, (_, op) in enumerate(inside) if op == "Tf"]
        if len(tm) != 1 or len(tj) != 1 or len(tf) != 1 or not tm[0] < tf[0] < tj[0]:
            return None
        operands = [float(v) for v in inside[tm[0]][0]]
        size = float(inside[tf[0]][0][1])
        widths = _font_widths(page, inside[tf[0]][0])
        items = list(inside[tj[0]][0][0])
        digits = str(number)
        if len(items) != 2 * len(digits):
            return None
        width = 0.0
        for digit, glyph, after in zip(digits, items[0::2], items[1::2], strict=True):
            cid, shift = bytes(glyph), float(after)
            if len(cid) != 2 or glyphs.setdefault(digit, cid) != cid \
                    or adjust.setdefault(digit, shift) != shift:
                return None
            advance[digit] = (widths.get(cid, widths[b""]) - shift) * size / 1000
            width += advance[digit]
        # Only the folio's text object, after the graphics state in force at it (the drawing
        # is appended inside a q ... Q of its own, so the sheet's q's and Q's are not needed).
        before = _state_before(instructions, start) + inside[:tm[0]]
        after_bytes = inside[tj[0] + 1:]
        between = inside[tm[0] + 1:tj[0]]
        if any(op not in _TEXT_STATE for _, op in between):
            return None  # set before the text matrix instead, where the drawing begins
        shape = (number, width, operands[4], _unparse(before + between), _unparse(after_bytes))
        if operands[0] == 0 or operands[1] != 0:
            return None  # the number is moved along its line, which must be level
        fixed.setdefault("matrix", tuple(operands[:4]))
        fixed.setdefault("y", operands[5])
        if fixed["matrix"] != tuple(operands[:4]) or fixed["y"] != operands[5]:
            return None
        shapes.append(shape)
    if len(advance) != 10 or len({s[3:] for s in shapes}) != 1:
        return None
    wide, narrow = max(shapes, key=lambda s: s[1]), min(shapes, key=lambda s: s[1])
    if wide[1] - narrow[1] < 1:
        return None
    pull = (narrow[2] - wide[2]) / (wide[1] - narrow[1])
    anchor = narrow[2] + pull * narrow[1]
    if any(abs(anchor - pull * s[1] - s[2]) > 0.002 for s in shapes):
        return None
    opening, after = shapes[0][3:]
    return _Class(opening, fixed["matrix"], fixed["y"], after, glyphs, adjust, advance, anchor,
                  pull)


def _block_y(instructions: list[tuple[list[Any], str]], block: tuple[int, int]) -> float | None:
    for operands, operator in instructions[block[0]:block[1]]:
        if operator == "Tm":
            return round(float(operands[5]), 3)
    return None


def _state_before(instructions: list[tuple[list[Any], str]], at: int
                  ) -> list[tuple[list[Any], str]]:
    """The operators that set the graphics state in force at instruction `at` (clipping paths
    left out: a folio's box clips nothing of it)."""
    stack: list[list[tuple[list[Any], str]]] = [[]]
    for operands, operator in instructions[:at]:
        if operator == "q":
            stack.append([])
        elif operator == "Q":
            stack.pop()
        elif operator in ("cm", "gs", "cs", "CS", "scn", "SCN", "sc", "SC", "k", "K", "g", "G",
                          "rg", "RG"):
            stack[-1].append((operands, operator))
    return [item for level in stack for item in level]


def _running_class(sampled: list[tuple[int, Any]]) -> _Class | None:
    """A running page's folio: of its text objects, the one whose glyphs are its number's."""
    first_page = sampled[0][1]
    instructions = _parsed(first_page)
    for block in _text_blocks(instructions):
        y = _block_y(instructions, block)
        if y is None:
            continue
        made = _one_class(sampled, block_at=y)  # type: ignore[arg-type]
        if made is not None:
            return made
    return None


def _unparse(instructions: list[tuple[list[Any], str]]) -> bytes:
    if not instructions:
        return b""
    return pikepdf.unparse_content_stream(
        [pikepdf.ContentStreamInstruction(operands, pikepdf.Operator(operator))
         for operands, operator in instructions]) + b"\n"


def _texts(page: Any) -> list[tuple[float, float, tuple[Any, ...]]]:
    """What a page's text objects draw: (x, y, glyphs and adjustments), in order."""
    return _texts_of(pikepdf.parse_content_stream(page))


def _texts_of(instructions: Any) -> list[tuple[float, float, tuple[Any, ...]]]:
    """Each text shown: where its line starts, and its glyphs and non-zero adjustments (a Tj
    and a TJ of the same glyphs without adjustments draw the same)."""
    out: list[tuple[float, float, tuple[Any, ...]]] = []
    matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    for instruction in instructions:
        operator, operands = str(instruction.operator), list(instruction.operands)
        if operator == "Tm":
            matrix = [float(v) for v in operands]
        elif operator == "Td":
            a, b, c, d, e, f = matrix
            tx, ty = float(operands[0]), float(operands[1])
            matrix = [a, b, c, d, e + tx * a + ty * c, f + tx * b + ty * d]
        elif operator in ("TJ", "Tj"):
            items = list(operands[0]) if operator == "TJ" else [operands[0]]
            shown: list[Any] = []
            for item in items:
                if isinstance(item, pikepdf.String):
                    if shown and isinstance(shown[-1], bytes):
                        shown[-1] += bytes(item)
                    else:
                        shown.append(bytes(item))
                elif float(item) != 0:
                    shown.append(round(float(item), 3))
            out.append((matrix[4], matrix[5], tuple(shown)))
    return out


def _draws_as(model: FolioModel, sheet: pikepdf.Pdf, first: int,
              head_texts: list[list[tuple[float, float, tuple[Any, ...]]]]) -> bool:
    """Whether each page of the calibration `sheet` (numbered from `first`) draws what the
    heads sheet's page of its side and the composed folio draw."""
    for index, page in enumerate(sheet.pages):
        number = first + index
        kind = _kind_of(index)
        composed = _texts_of(pikepdf.parse_content_stream(pikepdf.Stream(
            sheet, model.opening(kind, number) + model.drawing(kind, number))))
        if kind == "running":  # the heads sheet's verso head is on its page 1, recto on 4
            composed += head_texts[1 if number % 2 == 0 else 4]
        if not _same_texts(_texts(page), composed):
            return False
    return True


def _same_texts(drawn: list[tuple[float, float, tuple[Any, ...]]],
                composed: list[tuple[float, float, tuple[Any, ...]]]) -> bool:
    """The same glyphs at the same places, to a hundredth of a pixel."""
    if len(drawn) != len(composed):
        return False

    def order(text: tuple[float, float, tuple[Any, ...]]) -> tuple[str, float, float]:
        return repr(text[2]), round(text[1], 1), round(text[0], 1)

    return all(a[2] == b[2] and abs(a[0] - b[0]) < 0.01 and abs(a[1] - b[1]) < 0.01
               for a, b in zip(sorted(drawn, key=order), sorted(composed, key=order),
                               strict=True))


def spliceable(content: bytes) -> bytes:
    """`content` Flate-encoded so that `append_drawing` can add to it without decoding it."""
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    body = raw.compress(content) + raw.flush(zlib.Z_SYNC_FLUSH)
    return (_ZLIB_HEADER + body + _EMPTY_FINAL
            + zlib.adler32(content).to_bytes(4, "big"))


def can_append(encoded: bytes) -> bool:
    return encoded.startswith(_ZLIB_HEADER) and encoded[-10:-4] == _SYNC + _EMPTY_FINAL


def append_drawing(encoded: bytes, drawing: bytes, ending: bytes = b"") -> bytes:
    """A `spliceable` stream's encoding with `drawing` appended to what it decodes to, which
    ends with `ending` (the appended block may refer back to it: a few bytes fewer a page)."""
    if not can_append(encoded):
        raise ValueError("the content stream was not made to be appended to")
    raw = (zlib.compressobj(9, zlib.DEFLATED, -15, zdict=ending[-32768:]) if ending
           else zlib.compressobj(9, zlib.DEFLATED, -15))
    tail = raw.compress(drawing) + raw.flush()
    checksum = zlib.adler32(drawing, int.from_bytes(encoded[-4:], "big"))
    return encoded[:-6] + tail + checksum.to_bytes(4, "big")
