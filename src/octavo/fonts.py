"""The fonts octavo ships, and which characters they can draw.

The print PDF is set only in the fonts under `styles/fonts/` (the PDF backend gives WeasyPrint a
font configuration that lists that folder and nothing else): Charis SIL for the text, then
fallbacks for the scripts Charis lacks. A character none of them has would print as an empty
box, so the checker asks `undrawable()` before a build. Coverage is read from the fonts' own
character maps with fontTools, once, into a table generated with the fonts (`font_coverage`,
by tools/make_font_coverage.py): a build reads the table, and fontTools only for a font the
table does not know.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from octavo.resources import fonts_dir

FONT_SUFFIXES = (".ttf", ".otf")

# The print stylesheet's font stack after the body font, in the order Pango tries them for a
# character the body font lacks. Each family's files ship in styles/fonts/ (see its README).
FALLBACK_FAMILIES: tuple[str, ...] = (
    "Noto Serif",  # its Greek only: Charis has a few Greek letters (for IPA and science), not all
    "Noto Naskh Arabic",
    "Noto Serif Hebrew",
    "Noto Serif CJK SC",
    "Noto Color Emoji",
)

# Characters that take no glyph of their own: controls, format characters (joiners, bidi
# marks, the soft hyphen, tags), spaces and separators (HarfBuzz sets a missing space as a
# space of the right width).
_NO_GLYPH_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
# Default-ignorable code points outside those categories: variation selectors (emoji and
# ideographic), the combining grapheme joiner, Hangul fillers, Mongolian variation selectors.
_NO_GLYPH_RANGES = ((0x034F, 0x034F), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
                    (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFFA0, 0xFFA0), (0xE0000, 0xE0FFF))


def font_files() -> tuple[Path, ...]:
    """Every font file octavo ships, in a fixed order."""
    return tuple(sorted(path for path in fonts_dir().iterdir()
                        if path.suffix.lower() in FONT_SUFFIXES))


def needs_glyph(char: str) -> bool:
    """Whether `char` must be drawn with a glyph of some font (a letter, mark, digit,
    punctuation or symbol), rather than being invisible or a space."""
    if unicodedata.category(char) in _NO_GLYPH_CATEGORIES:
        return False
    code = ord(char)
    return not any(low <= code <= high for low, high in _NO_GLYPH_RANGES)


BODY_FONT_PREFIX = "CharisSIL-"  # the body font's files


def _cmap(path: Path) -> set[str] | frozenset[str]:
    """The characters the font file maps to a glyph: from the generated table when it was
    made from this very file (by its size), else read from the font."""
    from octavo.font_coverage import COVERAGE

    known = COVERAGE.get(path.name)
    try:
        if known is not None and known[0] == path.stat().st_size:
            return _from_runs(known[1])
    except OSError:
        pass
    return read_cmap(path)


def _from_runs(runs: str) -> frozenset[str]:
    chars: list[str] = []
    for run in runs.split(","):
        start, _, end = run.partition("-")
        low = int(start, 16)
        chars.extend(map(chr, range(low, int(end, 16) + 1 if end else low + 1)))
    return frozenset(chars)


def read_cmap(path: Path) -> set[str]:
    """The characters the font file's character map maps to a glyph, read with fontTools."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font = TTFont(path, lazy=True)
    try:
        # Stand-in glyph names, so that reading the cmap does not read the font's own names (for
        # the CJK font, from its 12 MB CFF table: a tenth of a second and 15 MB per process).
        font.setGlyphOrder([f"g{index}" for index in range(font["maxp"].numGlyphs)])
        return {chr(code) for code, glyph in (font.getBestCmap() or {}).items() if glyph != "g0"}
    finally:
        font.close()


@cache
def _body_coverage() -> frozenset[str]:
    """The characters the body font maps (its few small files: read first, and usually alone)."""
    return frozenset().union(*(_cmap(path) for path in font_files()
                               if path.name.startswith(BODY_FONT_PREFIX)))


@cache
def _coverages() -> tuple[frozenset[str], frozenset[str]]:
    """(every character some shipped font maps to a glyph, those the body font maps)."""
    body = _body_coverage()
    every = body.union(*(_cmap(path) for path in font_files()
                         if not path.name.startswith(BODY_FONT_PREFIX)))
    return every, body


def coverage() -> frozenset[str]:
    """Every character some shipped font maps to a glyph (read once per process)."""
    return _coverages()[0]


def _drawn_decomposed(char: str, body: frozenset[str]) -> bool:
    """A character no font has is still drawn when the body font has all of its canonical
    decomposition (ḁ = a + ◌̥): Pango gives it the body font, and HarfBuzz decomposes it."""
    parts = unicodedata.normalize("NFD", char)
    return parts != char and all(part in body for part in parts)


def undrawable(text: str) -> set[str]:
    """The characters of `text` that no shipped font can draw and that need a glyph."""
    if text.isascii():  # Charis draws all of printable ASCII (the tests hold it to that)
        return set()
    # Most text is all in the body font: the fallback fonts (25 MB of them) are read only for
    # a character it lacks.
    if set(text) <= _body_coverage():
        return set()
    every, body = _coverages()
    return {char for char in set(text) - every
            if needs_glyph(char) and not _drawn_decomposed(char, body)}


def describe(char: str) -> str:
    """`'ᚠ' (U+16A0 RUNIC LETTER FEHU)`: the character, its code point and its Unicode name."""
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return f"'{char}' ({code} {name})" if name else f"'{char}' ({code}, a code point without a name)"
