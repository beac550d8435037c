"""Every script reaches both formats: accents and combining marks, CJK, Arabic and Hebrew right to
left, emoji. (Which fonts draw them: tests/unit/test_fonts.py and tests/e2e/test_scripts_in_pdf.py.)"""

from __future__ import annotations

import re
import subprocess
import unicodedata
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import BookFolder
from tests.hardening.harness import assert_built, assert_reported, build, epubcheck_problems
from tests.textcheck import XHTML, element_text, epub_documents, tokens

LATIN = ("Zoë’s café served crème brûlée; the naïve façade of Øresund and Łódź. "
         "Combining marks: cafe\u0301, n\u0303, Ha\u0308user.")
CJK = "東京の夜は静かだった。彼女は「ありがとう」と言った。서울의 봄은 따뜻했다。中文的句子也在这里。"
HEBREW = "הספינה הגיעה עם שחר, כבדה בדגים ובשמועות."
ARABIC = "وصل القارب عند الفجر، محملاً بالسمك والإشاعات."
MIXED = "The sailor said שלום and مرحبا to the harbour master, then 你好 twice."
EMOJI = "The crew cheered 🎉 and the cat 🐈 slept; a family 👩‍👩‍👧 waved 👋🏽."

STORY = "\n\n".join(["Scripts", LATIN, CJK, HEBREW, ARABIC, MIXED, EMOJI]) + "\n"
RTL_LETTERS = ("Hebrew", "Arabic")


def manifest(language: str) -> str:
    return f"title: Scripts\nauthor: A. Writer\nlanguage: {language}\ncontents:\n  - s/story.txt\n"


def words(text: str) -> list[str]:
    """Letter-and-digit runs after compatibility normalisation (PDF text may come out with
    ligatures, Arabic presentation forms or decomposed accents)."""
    return tokens(unicodedata.normalize("NFKC", text))


def is_rtl(word: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in word)


def assert_every_word(expected_text: str, actual_text: str, what: str,
                      rtl_in_order: bool = True) -> None:
    """Every word, in order. Where `rtl_in_order` is false (a PDF stores right-to-left text in
    visual order, and extraction reorders it as it can), right-to-left letters need only all
    be there."""
    expected, actual = words(expected_text), words(actual_text)
    position = 0
    for word in (w for w in expected if rtl_in_order or not is_rtl(w)):
        assert word in actual[position:], f"{what}: {word!r} missing or out of order"
        position = actual.index(word, position) + 1
    if not rtl_in_order:
        found = Counter(c for w in actual for c in w if is_rtl(c))
        needed = Counter(c for w in expected for c in w if is_rtl(c))
        assert not needed - found, f"{what}: right-to-left letters missing: {needed - found}"


_CJK = "\u3000-\u30ff\u3400-\u9fff"  # Chinese and Japanese, written without spaces


def pdf_text_by_poppler(pdf: Path) -> str:
    """pypdf garbles CFF-based CJK fonts; poppler reads them as any PDF viewer does. A word
    broken at a line end comes back in two pieces, hyphenated (U+2010, which only automatic
    hyphenation sets) or, in Chinese and Japanese, with no mark at all: they are joined again."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    text = text.replace("\u2010\n", "")
    return re.sub(f"(?<=[{_CJK}])\n(?=[{_CJK}])", "", text)


@pytest.fixture(scope="module", params=["en", "he"])
def scripts_book(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Path]]:
    folder = BookFolder(tmp_path_factory.mktemp(f"scripts-{request.param}") / "book")
    folder.write("s/story.txt", STORY)
    folder.write("book.yaml", manifest(request.param))
    return request.param, assert_built(build(folder))


def test_every_letter_reaches_the_epub(scripts_book: tuple[str, dict[str, Path]]) -> None:
    _, built = scripts_book
    text = " ".join(element_text(root) for root in epub_documents(built["epub"]).values())
    assert_every_word(STORY, text, "EPUB")
    for emoji in ("🎉", "🐈", "👩\u200d👩\u200d👧", "👋🏽"):  # ZWJ sequences kept whole
        assert emoji in text, emoji
    assert unicodedata.normalize("NFC", "cafe\u0301") in unicodedata.normalize("NFC", text)


def test_every_letter_reaches_the_pdf(scripts_book: tuple[str, dict[str, Path]]) -> None:
    _, built = scripts_book
    assert_every_word(STORY, pdf_text_by_poppler(built["pdf"]), "PDF", rtl_in_order=False)


def test_paragraph_direction_follows_its_script(scripts_book: tuple[str, dict[str, Path]]) -> None:
    language, built = scripts_book
    documents = epub_documents(built["epub"])
    story = next(root for name, root in documents.items() if "story" in name)
    assert story.get("dir") == ("rtl" if language == "he" else "ltr")
    directions = {}
    for paragraph in story.iter(f"{XHTML}p"):
        text = "".join(paragraph.itertext())
        directions[text[:6]] = paragraph.get("dir")
    book_dir = "rtl" if language == "he" else "ltr"
    expected = {"Zoë’s": "ltr", "東京の夜は": "ltr", "הספינה": "rtl", "وصل ال": "rtl", "The sa": "ltr"}
    for start, direction in expected.items():
        found = next(v for k, v in directions.items() if k.startswith(start[:5]))
        assert (found or book_dir) == direction, (start, found)
    spine = etree.fromstring(zipfile.ZipFile(built["epub"]).read("EPUB/content.opf"))
    progression = spine.find("{http://www.idpf.org/2007/opf}spine").get("page-progression-direction")
    assert progression == ("rtl" if language == "he" else None)


def test_the_epub_passes_epubcheck(scripts_book: tuple[str, dict[str, Path]]) -> None:
    assert epubcheck_problems(scripts_book[1]["epub"]) == []


@pytest.mark.parametrize("name", ["story.txt", "story.md"])
def test_a_character_no_shipped_font_draws_is_named_with_its_place(tmp_path: Path,
                                                                   name: str) -> None:
    folder = BookFolder(tmp_path / "book")
    folder.write(f"s/{name}", "Runes\n\nThe stone read ᚠᚢᚦ, and nothing else.\n")
    folder.write("book.yaml", manifest("en").replace("s/story.txt", f"s/{name}"))
    outcome = build(folder, "--epub")
    assert_built(outcome, ("epub",))
    assert_reported(outcome.output, "OCT350", f"s/{name}", 3, "warning")
    assert "U+16A0 RUNIC LETTER FEHU" in outcome.output
