"""Arbitrary manuscript text through reading, normalising, compiling, `normalize` and `check`.

Properties: the only exception is OctavoError, and every letter and digit of the manuscript
reaches the compiled book, in order and in the same words, except what octavo removes on
purpose: the control characters of OCT207 (mirrored below from ingest/decode.py), `%%` comment
lines, and scene-break lines made of letters (oOo, xXx, <hr>).
(tests/unit/test_normalise_properties.py covers the typography rules on their own.)
"""

from __future__ import annotations

import re
import textwrap
import unicodedata

import pytest
import yaml
from hypothesis import assume, example, given
from hypothesis import strategies as st

from octavo.backends.base import NullProgress
from octavo.check import check_book, check_files
from octavo.diagnostics import Diagnostic, Diagnostics, OctavoError, Severity
from octavo.document import Block, block_text, chapter_text, pformat
from octavo.ingest import read_manuscript
from octavo.ingest.decode import _CONTROL
from octavo.normalise import house_style_for, normalise_story
from octavo.normalise.command import normalise_file
from octavo.pipeline import load_book
from tests.conftest import BookFolder
from tests.property.conftest import PROPERTY
from tests.property.wordcheck import words
from tests.textcheck import assert_in_order

# -- what octavo removes on purpose -------------------------------------------------------

# ingest/decode.py, OCT207: C0 controls but tab and newline (CR and NEL are line breaks, made
# \n first), DEL, the C1 controls and every noncharacter. Written out here, not imported, so a
# change there that removes more than this must change this test too.
NONCHARACTERS = "\ufdd0-\ufdef" + "".join(chr(plane * 0x10000 + low) for plane in range(17)
                                          for low in (0xFFFE, 0xFFFF))
REMOVED_CONTROLS = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{NONCHARACTERS}]")
# Scene breaks made of letters, which the plain-text reader drops (ingest/plaintext.py).
LETTER_BREAK = re.compile(r"^(?:o+O+o+|O+o+O+|x+X+x+|X+x+X+)(?:\s*(?:o+O+o+|x+X+x+))*$"
                          r"|^<hr\s*/?>$", re.IGNORECASE)


def test_the_mirrored_control_characters_are_the_decoders() -> None:
    assert REMOVED_CONTROLS.pattern == _CONTROL.pattern


# Emphasis, code and escape marks: in Markdown they are markup, not word boundaries. A backtick
# that opens no code span is typed as an apostrophe, so quote marks (which the typographer turns
# into one another) are transparent too.
MARKDOWN_MARKUP = "*_\\`´'‘’‚‛\"“”„‟′″"


def expected_words(text: str, transparent: str = "") -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x85", "\n")
    text = REMOVED_CONTROLS.sub("", text)
    kept = []
    for line in text.split("\n"):
        visible = "".join(ch for ch in line if unicodedata.category(ch) != "Cf").strip()
        if visible.startswith("%%") or LETTER_BREAK.match(visible):
            continue
        kept.append(line)
    return words("\n".join(kept), transparent)


# -- arbitrary manuscripts -----------------------------------------------------------------

FRAGMENTS = [
    # line ends, byte-order marks, controls, invisible and bidi characters
    "\n", "\n\n", "\r\n", "\r", "\ufeff", "\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85",
    "\ufffe", "\uffff", "\u2028", "\u2029", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad",
    "\u202a", "\u202e", "\u2066", "\u2069", "\u200e", "\u200f", "\t", "    ", "\u00a0",
    # scene breaks, headings, Markdown-ish syntax and markup
    "* * *", "***", "#", "# ", "## ", "~~~", "```", "---", "___", "oOo", "xXx", "<hr>", "§",
    "❦", "> ", "- ", "+ ", "*", "_", "**", "`", "\\", "\\*", "\\#", "(", ")", "[", "]", "<",
    ">", "<script>alert(1)</script>", "{{ 7*7 }}", "{% raw %}", "%%", "%% octavo: ignore OCT310",
    "Chapter 1: ", "SESSION ONE", "Prologue", "Part iv - ",
    # typography
    '"', "'", "“", "”", "‘", "’", "«", "»", "--", "---", "...", ". . .", "…", "—", "–", "-",
    "6'2\"", "1990-95", "http://example.com/a_b", "o'brien@example.com", "9:00",
    # characters octavo uses inside (private use), and letters of every kind
    "\ue000", "\ue010", "\ue011", "\ue0ff", "\ue100", "\ue101", "½", "e\u0301", "ﬁ", "Ⅻ", "²",
    "İ", "ß", "word", "Word", "WORD", "42", "٣", "אבג", "مرحبا", "日本語", "한국어", "👍🏽",
]
# All Unicode categories but surrogates (which no file can hold).
any_characters = st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)
soup = st.lists(st.one_of(st.sampled_from(FRAGMENTS), any_characters, st.just(" ")),
                max_size=50).map("".join)
# Prose: paragraphs of words, one line each or hard-wrapped at a fixed width (as e-mail and old
# exports are), with arbitrary fragments dropped in.
prose_words = st.one_of(
    st.sampled_from(["the", "harbour", "Nobody", "leaves", "42", "O'Brien", "don't", "well-known",
                     "co-operate", "—", "--", "...", '"Go,"', "'Stay.'", "*quiet*", "_soft_",
                     "1990-95", "e.g.", "(aside)", "Mr.", "naïve", "Ω", "٣٤"]),
    st.text(st.characters(whitelist_categories=("L", "N", "M")), min_size=1, max_size=9),
)
paragraphs = st.lists(prose_words, min_size=1, max_size=40).map(" ".join)


@st.composite
def prose(draw: st.DrawFn) -> str:
    chosen = draw(st.lists(paragraphs, min_size=1, max_size=12))
    width = draw(st.one_of(st.none(), st.integers(40, 100)))
    if width is not None:
        chosen = [textwrap.fill(p, width) for p in chosen]
    text = draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n"])).join(chosen)
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(FRAGMENTS)) + text[at:]
    return text


manuscripts = st.one_of(soup, prose())
encodings = st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16"])
styles = st.fixed_dictionaries({}, optional={
    "quotes": st.sampled_from(["american", "british"]),
    "dashes": st.sampled_from(["em", "spaced-en"]),
    "ellipsis": st.sampled_from(["character", "spaced"]),
    "tie_last_word": st.booleans(),
})

# CommonMark drops what a reader never sees: link destinations and titles, whole link
# reference definitions, a code fence's info string, and entity references (&amp; becomes &).
# Markdown examples that use those are left out.
_MARKDOWN_DROPS = re.compile(
    r"\]\s*[(:\[]"  # [text](destination), [label]: definition, [text][label]
    r"|(?:`{3,}|~{3,})[^\n]*[^\W_]"  # ```info or ~~~info
    r"|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);",  # entity references
    re.MULTILINE,
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> BookFolder:
    return BookFolder(tmp_path_factory.mktemp("text") / "book")


def assert_located(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    for d in diagnostics:
        if d.severity is Severity.ERROR:
            assert d.span is not None and d.span.path and d.span.line >= 1, str(d)


def story_words(label: str | None, title: str | None, body: str, transparent: str) -> list[str]:
    return words(f"{label or ''}\n{title or ''}\n{body}", transparent)


def through_everything(folder: BookFolder, text: str, name: str, encoding: str,
                       style: dict[str, object]) -> None:
    path = folder.write(name, text.encode(encoding))
    markup = MARKDOWN_MARKUP if name.endswith(".md") else ""
    expected = expected_words(text, markup)
    house = house_style_for("en-US", style.get("quotes"), style.get("dashes"),  # type: ignore[arg-type]
                            style.get("ellipsis"), bool(style.get("tie_last_word")))
    # ingest → normalise
    try:
        story = normalise_story(read_manuscript(path, name), house)
    except OctavoError as exc:
        assert all(d.code in {"OCT200", "OCT201"} for d in exc.diagnostics), exc.diagnostics
        return
    heading = story.heading
    body = "\n\n".join(block_text(b) for b in story.blocks)
    assert_in_order(expected, story_words(heading and heading.label, heading and heading.title,
                                          body, markup), f"{name} read and normalised")
    # `octavo normalize`, and `octavo fix` (which also repairs mojibake, so may change letters)
    output = normalise_file(path, quotes=None, language="en-US", in_place=False, diff=False).output
    assert_in_order(expected_words(text, MARKDOWN_MARKUP), words(output, MARKDOWN_MARKUP),
                    f"{name} through octavo normalize")
    normalise_file(path, quotes=None, language="en-GB", in_place=False, diff=True, repairs=True)
    # the compiler, and `octavo check`, in process
    manifest = folder.write("book.yaml", yaml.safe_dump(
        {"title": "T", "language": "en-US", "contents": [name], "build": style}))
    assert_located(check_book(manifest))
    assert_located(check_files([path]))
    try:
        book = load_book(manifest, Diagnostics(), NullProgress())
    except OctavoError as exc:
        assert_located(exc.diagnostics)
        assert {d.code for d in exc.diagnostics if d.severity is Severity.ERROR} == {"OCT203"}
        assert not story.blocks, exc.diagnostics
        return
    (chapter,) = book.chapters()
    assert_in_order(expected, story_words(chapter.label, chapter.title, chapter_text(chapter),
                                          markup), f"{name} compiled")
    assert same_blocks(chapter.blocks, story.blocks)


def same_blocks(compiled: tuple[Block, ...], normalised: tuple[Block, ...]) -> bool:
    """The book holds the story as read and normalised (the spans name the file differently)."""
    return [pformat(b) for b in compiled] == [pformat(b) for b in normalised]


@PROPERTY
@given(manuscripts, encodings, styles)
@example("Chapter 1\n\nThe Harbour\n\nab\x01cd \u200bef\r\ngh\rij", "utf-8", {})
@example("oOo\n%% a note\nxXx\nkept", "utf-16", {})
def test_plain_text_keeps_every_word(folder: BookFolder, text: str, encoding: str,
                                     style: dict[str, object]) -> None:
    through_everything(folder, text, "story.txt", encoding, style)


@PROPERTY
@given(manuscripts, encodings, styles)
@example("# Chapter 1: The Harbour\n\n*a*b **c** `d` <e> \\f\n\n- g\n\n> h\n\n~~~\ni\n~~~",
         "utf-8", {})
# Found when examples were drawn from the constants of imported modules: the author's U+E000
# was the normaliser's emphasis boundary, and the space beside it vanished.
@example("\ue000the *quiet*", "utf-8", {})
def test_markdown_keeps_every_word(folder: BookFolder, text: str, encoding: str,
                                   style: dict[str, object]) -> None:
    assume(not _MARKDOWN_DROPS.search(text.replace("\r\n", "\n").replace("\r", "\n")))
    through_everything(folder, text, "story.md", encoding, style)


# -- regressions: the smallest inputs the property tests found ------------------------------


def test_an_empty_markdown_heading(folder: BookFolder) -> None:
    """`##` alone on a line made `octavo check`, `build` and `normalize` exit 3 (IndexError)."""
    through_everything(folder, "Some text.\n\n##\n\nMore.\n", "story.md", "utf-8", {})


def test_private_use_characters_stay_as_written(folder: BookFolder) -> None:
    """U+E010 in a paragraph that also had `\\*` came out as a backslash."""
    path = folder.write("story.txt", "\ue010 \\* *y*\n")
    story = read_manuscript(path, "story.txt")
    assert "\ue010" in block_text(story.blocks[0])


def test_ordered_list_numbers_are_kept(folder: BookFolder) -> None:
    """`1986. A great year.` in a Markdown manuscript reached the book as `A great year.`"""
    path = folder.write("story.md", "Some text.\n\n1986. A great year.\n")
    story = read_manuscript(path, "story.md")
    assert words(" ".join(block_text(b) for b in story.blocks)) == ["Some", "text", "1986", "A",
                                                                    "great", "year"]
