"""A story in many scripts, built by the real command: every font in the PDF is embedded and
shipped with octavo (no system font), the letters of every script come back out of the PDF, and
the one character no shipped font has is named with its place."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

import pikepdf
import pytest

from octavo.backends.pdf_fonts import shipped_fonts
from octavo.fonts import FALLBACK_FAMILIES
from octavo.pipeline import build
from tests.conftest import BookFolder, run_octavo
from tests.textcheck import pdf_text

LATIN = "The café’s crème brûlée was naïve, said Zoë Ångström, and Dvořák agreed."
COMBINING = "Combining marks: Cafe\u0301, man\u0303ana, s\u0323, o\u0308."
GREEK = "Ὅμηρος λέγει· ἀγαθός ὁ λόγος, καλημέρα."
CHINESE = "她说：“我们明天在北京见面。”"
JAPANESE = "東京の空は、ひらがなとカタカナで書かれていた。"
KOREAN = "서울의 밤은 조용했다."
ARABIC = "قالت الجدة: مرحبا بكم في البيت."
HEBREW = "אמרה הסבתא: שָׁלוֹם לכם בבית."
EMOJI = "She sent a smile 😀, a thumbs up 👍🏽 and a family 👨\u200d👩\u200d👧."
STORY = "\n\n".join(["Opening line.", LATIN, COMBINING, GREEK, CHINESE, JAPANESE, KOREAN, ARABIC,
                     HEBREW, EMOJI]) + "\n"
# In a story of its own: WeasyPrint gives a font that misses a glyph a custom encoding, which
# pypdf (not poppler) then extracts as garbage for the whole of that font in that story.
RUNE = "The stone said ᚠ and nothing more."
RUNE_STORY = f"Opening line.\n\n{RUNE}\n"

SHIPPED = ("Charis SIL", *FALLBACK_FAMILIES)


@pytest.fixture(scope="module")
def scripts_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[BookFolder, str, Path]:
    book = BookFolder(tmp_path_factory.mktemp("scripts") / "book")
    book.write("stories/scripts.txt", STORY)
    book.write("stories/rune.txt", RUNE_STORY)
    book.manifest("""
        title: Many Scripts
        author: Ann Writer
        language: en
        contents:
          - file: stories/scripts.txt
            title: Letters from Everywhere
          - file: stories/rune.txt
            title: The Stone
        """)
    result = book.build("--pdf")
    assert result.returncode == 0, result.stdout + result.stderr
    (pdf,) = (book.root / "dist").glob("*.pdf")
    return book, result.stdout + result.stderr, pdf


def fonts_of(pdf: Path) -> dict[str, bool]:
    """Every font the pages use: its name without the subset tag → whether it is embedded."""
    found: dict[str, bool] = {}
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for font in page.resources.get("/Font", {}).values():
                owner = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = owner.get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                if str(font.Subtype) == "/Type3":
                    embedded = True  # drawn by the PDF's own glyph procedures
                name = str(font.BaseFont).lstrip("/").split("+", 1)[-1]
                found[name] = found.get(name, True) and embedded
    return found


def test_every_font_is_embedded_and_shipped(scripts_book: tuple[BookFolder, str, Path]) -> None:
    fonts = fonts_of(scripts_book[2])
    assert fonts and all(fonts.values()), fonts
    # Each font is named by its program's PostScript name (one program per font in the book).
    shipped = set(shipped_fonts())
    assert set(fonts) <= shipped, set(fonts) - shipped
    for family in ("CharisSIL", "NotoSerif", "NotoNaskhArabic", "NotoSerifHebrew",
                   "NotoSerifCJKsc", "NotoColorEmoji"):
        assert any(re.fullmatch(rf"{family}(-[A-Za-z]+)?", name) for name in fonts), (family,
                                                                                      fonts)
    assert not any("DejaVu" in name for name in fonts)


def letters(text: str) -> list[str]:
    return [char for char in unicodedata.normalize("NFC", text)
            if unicodedata.category(char)[0] in "LN"]


@pytest.mark.parametrize("line", [CHINESE, JAPANESE, KOREAN, LATIN, GREEK])
def test_left_to_right_letters_come_out_in_order(scripts_book: tuple[BookFolder, str, Path],
                                                 line: str) -> None:
    text = "".join(letters(pdf_text(scripts_book[2])))
    assert "".join(letters(line)) in text


@pytest.mark.parametrize("line", [ARABIC, HEBREW])
def test_right_to_left_words_come_out_whole(scripts_book: tuple[BookFolder, str, Path],
                                            line: str) -> None:
    """Extraction gives right-to-left text in visual order; each word must come out whole,
    its letters in reading order or reversed."""
    extracted = unicodedata.normalize("NFC", pdf_text(scripts_book[2]))
    for word in re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", line)):
        assert word in extracted or word[::-1] in extracted or _base(word) in _base(extracted), word


def _base(text: str) -> str:
    """Letters without combining marks (Hebrew points may come out before or after their
    letter), forwards and backwards."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return bare + "\n" + bare[::-1]


def test_combining_marks_survive(scripts_book: tuple[BookFolder, str, Path]) -> None:
    text = unicodedata.normalize("NFC", pdf_text(scripts_book[2]))
    for word in ("Café", "mañana", "ṣ", "ö", "brûlée", "Dvořák"):
        assert word in text, word


def test_the_undrawable_rune_is_named_with_its_place(
        scripts_book: tuple[BookFolder, str, Path]) -> None:
    output = scripts_book[1]
    line = RUNE_STORY.split("\n").index(RUNE) + 1
    column = RUNE.index("ᚠ") + 1
    assert re.search(rf"rune\.txt:{line}:{column}: warning OCT350 no font in the book can "
                     r"draw 'ᚠ' \(U\+16A0 RUNIC LETTER", output), output
    assert output.count("OCT350") == 1, output


def test_check_reports_the_same(scripts_book: tuple[BookFolder, str, Path]) -> None:
    book = scripts_book[0]
    result = run_octavo("check", book.root / "book.yaml", cwd=book.root)
    assert "OCT350" in result.stdout + result.stderr
    assert result.stdout.count("OCT350") + result.stderr.count("OCT350") == 1


def test_builds_with_every_script_are_byte_identical(
        scripts_book: tuple[BookFolder, str, Path], tmp_path: Path) -> None:
    stamp = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
    manifest = scripts_book[0].root / "book.yaml"
    first = build(manifest, tmp_path / "one", ("pdf",), timestamp=stamp).artifacts[0].path
    second = build(manifest, tmp_path / "two", ("pdf",), timestamp=stamp).artifacts[0].path
    assert first.read_bytes() == second.read_bytes()
