"""The normaliser's internal markers cannot collide with anything an author writes.

It marks emphasis boundaries, protected spans (URLs, code) and a sentence's period before an
ellipsis inside the paragraph's text. Private-use characters, used for that before, are an
author's to use (`An apple \\uE000 logo and *one* more.` lost its spaces); the markers are now
noncharacters, which are not text and are removed before the markers go in.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from octavo.document import Emphasis, Paragraph, Text, block_text
from octavo.ingest.model import RawStory
from octavo.ingest.plaintext import parse_plaintext
from octavo.normalise import normalise_story, typeset

PRIVATE_USE_BMP = [chr(c) for c in range(0xE000, 0xF900)]
PRIVATE_USE_SUPPLEMENTARY = [chr(c) for c in (*range(0xF0000, 0xFFFFE), *range(0x100000, 0x10FFFE))]
NONCHARACTERS = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [
    chr(plane * 0x10000 + low) for plane in range(17) for low in (0xFFFE, 0xFFFF)]


def emphasis_story(char: str) -> str:
    """`An apple <char> logo and *one* more... URL http://x.org/a-b and `code`.`, normalised."""
    story = RawStory(None, (Paragraph((
        Text(f"An apple {char} logo and "), Emphasis((Text("one"),)),
        Text(f" more... {char}... see http://x.org/a-b and `a {char} b`.")), None),))
    (paragraph,) = normalise_story(story).blocks
    return block_text(paragraph)


def test_every_private_use_character_of_the_bmp_is_kept_as_written() -> None:
    for char in PRIVATE_USE_BMP:
        assert emphasis_story(char) == (f"An apple {char} logo and one more… {char}… see "
                                        f"http://x.org/a-b and `a {char} b`."), hex(ord(char))


def test_supplementary_private_use_characters_are_kept() -> None:
    for char in [*PRIVATE_USE_SUPPLEMENTARY[::97], PRIVATE_USE_SUPPLEMENTARY[-1]]:
        assert typeset([f"a {char} *b* ..."])[0] == f"a {char} *b*…", hex(ord(char))


def test_every_noncharacter_is_removed_and_collides_with_nothing() -> None:
    for char in NONCHARACTERS:
        assert emphasis_story(char) == ("An apple logo and one more… see http://x.org/a-b "
                                        "and `a  b`."), hex(ord(char))


unusual = st.sampled_from(PRIVATE_USE_BMP[:300] + PRIVATE_USE_BMP[-50:] + NONCHARACTERS
                          + PRIVATE_USE_SUPPLEMENTARY[:20] + PRIVATE_USE_SUPPLEMENTARY[-20:])
pieces = st.one_of(unusual, st.sampled_from(
    ["word", " ", "...", ". . .", "'", '"', "*em*", "_em_", "--", "http://a.b/c", "`x`",
     "a@b.org", "9'", "Tis", "\\*"]))
# One paragraph, never a line made only of marks (that is a scene break, by design).
text_with_markers = st.lists(pieces, max_size=30).map(lambda p: "w " + "".join(p) + " w")


def visible_letters(text: str) -> list[str]:
    return [ch for ch in text if ch.isalnum() or 0xE000 <= ord(ch) <= 0xF8FF
            or (ord(ch) >= 0xF0000 and (ord(ch) & 0xFFFF) < 0xFFFE)]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text_with_markers)
@example("An apple \ue000 logo and *one* more.")
@example("x \ue0ff ... y")
@example("\ue100 http://a.b/c \ue101")
def test_markers_never_change_the_text(text: str) -> None:
    story = normalise_story(parse_plaintext(text, "s.txt"))
    out = "\n".join(block_text(b) for b in story.blocks if isinstance(b, Paragraph))
    assert visible_letters(out) == visible_letters(text.replace("\\*", "*"))
    assert normalise_story(story) == story
