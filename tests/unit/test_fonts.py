"""The shipped fonts, what they cover, and OCT350 for what none of them can draw."""

from __future__ import annotations

import string
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from octavo.check import check_text, explain
from octavo.explanations import lookup
from octavo.fonts import FALLBACK_FAMILIES, coverage, describe, font_files, needs_glyph, undrawable
from octavo.resources import fonts_dir


@cache
def cmap(name: str) -> frozenset[str]:
    font = TTFont(fonts_dir() / name, lazy=True)
    try:
        return frozenset(map(chr, font.getBestCmap()))
    finally:
        font.close()


def oct350(text: str) -> list[tuple[int, int, str]]:
    return [(d.span.line, d.span.column, d.message) for d in check_text(text, "story.txt")
            if d.code == "OCT350" and d.span is not None]


def test_charis_draws_accented_latin_and_all_of_printable_ascii() -> None:
    # undrawable() skips ASCII text without reading the fonts; this is what makes that right.
    printable = set(string.printable) - set(string.whitespace)
    assert printable <= cmap("CharisSIL-Regular.ttf")
    assert {"é", "ñ", "ø", "ß", "œ", "\u0301", "\u0327"} <= cmap("CharisSIL-Regular.ttf")


@pytest.mark.parametrize(("char", "font"), [
    ("中", "NotoSerifCJKsc-Regular.otf"),
    ("あ", "NotoSerifCJKsc-Regular.otf"),
    ("カ", "NotoSerifCJKsc-Regular.otf"),
    ("한", "NotoSerifCJKsc-Regular.otf"),
    ("。", "NotoSerifCJKsc-Regular.otf"),
    ("ب", "NotoNaskhArabic-Regular.ttf"),
    ("ب", "NotoNaskhArabic-Bold.ttf"),
    ("ש", "NotoSerifHebrew-Regular.ttf"),
    ("ש", "NotoSerifHebrew-Bold.ttf"),
    ("\u05b8", "NotoSerifHebrew-Regular.ttf"),  # a Hebrew vowel point
    ("😀", "NotoColorEmoji.ttf"),
    ("ε", "NotoSerifGreek-Regular.ttf"),
    ("έ", "NotoSerifGreek-Italic.ttf"),
    ("ῶ", "NotoSerifGreek-BoldItalic.ttf"),
])
def test_a_fallback_draws_what_charis_lacks(char: str, font: str) -> None:
    assert char not in cmap("CharisSIL-Regular.ttf")
    assert char in cmap(font)
    assert char in coverage()


def test_every_shipped_font_is_licensed_and_its_source_named() -> None:
    readme = (fonts_dir() / "README.md").read_text(encoding="utf-8")
    names = [path.name for path in font_files()]
    assert len(names) >= 13
    for name in names:
        assert name in readme, f"{name} is not described in styles/fonts/README.md"
    assert (fonts_dir() / "OFL.txt").is_file() and (fonts_dir() / "OFL-Noto.txt").is_file()
    families = {TTFont(path, lazy=True)["name"].getDebugName(1) for path in font_files()}
    assert set(FALLBACK_FAMILIES) <= families


def test_the_print_stylesheet_lists_the_fallbacks_in_order() -> None:
    from octavo.backends.print_geometry import geometry_css, page_geometry
    from octavo.document import PrintSettings, Trim
    from octavo.print_profiles import resolve_rules
    from octavo.render.templating import make_environment

    settings = PrintSettings(Trim("6x9", 6, 9))
    rules = resolve_rules()
    css = geometry_css(make_environment(None), page_geometry(settings, rules, 0.6), settings,
                       "ltr", FALLBACK_FAMILIES)
    stack = ", ".join(f'"{family}"' for family in ("Charis SIL", *FALLBACK_FAMILIES))
    assert css.count(f"font-family: {stack};") == 2  # the pages' margin boxes and the text


def test_mixed_scripts_are_all_drawable() -> None:
    text = ("Café naïve e\u0301 — Ὅμηρος λέγει· ἀγαθός — 中文 ひらがな カタカナ 한국어 「引用」 ，。 "
            "العربية ١٢٣ עִבְרִית 😀 👍🏽 👨\u200d👩\u200d👧 ❤\ufe0f 🇫🇷")
    assert undrawable(text) == set()
    assert oct350(text) == []


def test_a_rune_is_reported_where_it_stands() -> None:
    text = "One.\n\nThe stone read ᚠ, and ᚠ again,\nthen ᚢ.\n"
    found = oct350(text)
    assert [(line, column) for line, column, _ in found] == [(3, 16), (4, 6)]
    assert found[0][2] == ("no font in the book can draw 'ᚠ' (U+16A0 RUNIC LETTER FEHU FEOH FE F); "
                           "the PDF would show an empty box (2 times in this paragraph)")
    assert "'ᚢ' (U+16A2 RUNIC LETTER URUZ UR U)" in found[1][2]


def test_columns_count_characters_after_astral_ones() -> None:
    (found,) = oct350("One.\n\n😀😀 ᚠ\n")
    assert found[:2] == (3, 4)


@pytest.mark.parametrize("char", [
    "\u200d",   # zero-width joiner
    "\u200c",   # zero-width non-joiner
    "\ufe0f",   # emoji variation selector
    "\ufe00",   # variation selector 1
    "\U000e0100",  # ideographic variation selector
    "\u034f",   # combining grapheme joiner
    "\u2060",   # word joiner
    "\u00ad",   # soft hyphen
    "\u202e",   # right-to-left override
    "\u3000",   # ideographic space
    "\u2009",   # thin space
    "\t",
    "\U000e0067",  # tag letter (subdivision flags)
])
def test_characters_that_need_no_glyph_are_not_reported(char: str) -> None:
    assert not needs_glyph(char)
    assert oct350(f"One.\n\nA{char}B and ζ\n") == []


def test_a_letter_the_body_font_draws_decomposed_is_not_reported() -> None:
    # No font has U+0476 itself; Charis has Ѵ and the double grave, and HarfBuzz decomposes.
    assert "\u0476" not in coverage()
    assert undrawable("Ѷ") == set()
    assert undrawable("\u16a0") == {"\u16a0"}


def test_a_combining_mark_is_covered_when_a_font_has_it() -> None:
    assert oct350("One.\n\nCafe\u0301 and s\u0323 and a\u0328\n") == []
    assert needs_glyph("\u0301")


def test_private_use_and_unnamed_code_points_are_reported() -> None:
    (found,) = oct350("One.\n\nA logo \ue000 here.\n")
    assert "(U+E000, a code point without a name)" in found[2]
    assert describe("\u16a0") == "'ᚠ' (U+16A0 RUNIC LETTER FEHU FEOH FE F)"


def test_the_warning_can_be_excused_and_explained() -> None:
    text = "One.\n\n%% octavo: ignore OCT350\nThe stone read ᚠ.\n"
    assert oct350(text) == []
    assert "OCT309" not in [d.code for d in check_text(text, "story.txt")]
    assert lookup("OCT350") is not None
    explanation = explain("OCT350")
    assert explanation is not None and "empty box" in explanation


def test_coverage_is_read_once() -> None:
    assert coverage() is coverage()
    assert Path(fonts_dir() / "CharisSIL-Regular.ttf") in font_files()


def test_the_generated_coverage_table_is_what_the_fonts_map() -> None:
    """src/octavo/font_coverage.py (read instead of the fonts on every build) holds, for every
    shipped font, exactly what fontTools reads in its character map: run
    tools/make_font_coverage.py after changing a font."""
    from octavo import fonts
    from octavo.font_coverage import COVERAGE

    assert sorted(COVERAGE) == sorted(path.name for path in font_files())
    for path in font_files():
        assert COVERAGE[path.name][0] == path.stat().st_size, path.name
        assert fonts._cmap(path) == fonts.read_cmap(path), path.name


def test_a_font_the_table_does_not_know_is_read_from_its_file(tmp_path: Path) -> None:
    from octavo import fonts

    charis = fonts_dir() / "CharisSIL-Regular.ttf"
    copy = tmp_path / "CharisSIL-Regular.ttf"
    copy.write_bytes(charis.read_bytes() + b"\0" * 4)  # another size: not the file the table read
    other = tmp_path / "Unknown-Regular.ttf"
    other.write_bytes(charis.read_bytes())
    assert fonts._cmap(copy) == fonts._cmap(other) == fonts.read_cmap(charis)
    assert "A" in fonts._cmap(other) and "\u4e00" not in fonts._cmap(other)
