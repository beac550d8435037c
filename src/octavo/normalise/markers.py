"""The normaliser's own marks inside a paragraph's text, which no input can contain.

They are Unicode noncharacters, which are not text: decoding removes them from every
manuscript (characters.CONTROL_CHARACTERS), and the normaliser removes them from whatever it is
given before it adds its own (`without_noncharacters`), so an author's character can never be
taken for one of these. (Private-use characters, used before, are an author's to use: a U+E000
in a manuscript was read as an emphasis boundary and its spaces vanished.) The plain-text
reader uses U+FDD0-U+FDD2 for escaped characters, before the normaliser runs.
"""

from __future__ import annotations

import re

from octavo.characters import NONCHARACTERS

BOUNDARY = "\ufdda"  # joins the text of inline nodes; transparent to every rule
ELLIPSIS_AFTER_PERIOD = "\ufddb"  # a sentence's period kept while dots become an ellipsis
PROTECTED = "\ufddc"  # stands for a URL, e-mail address or code span, put back at the end

_NONCHARACTER = re.compile(f"[{NONCHARACTERS}]")
# Every noncharacter is at U+FDD0 or above: one plain range finds the text that may hold one
# many times faster than the full set (most paragraphs have nothing there at all).
_MAY_HOLD_NONCHARACTER = re.compile("[\ufdd0-\U0010ffff]")


def without_noncharacters(text: str) -> str:
    """The text without noncharacters, so none of the markers above can come from it."""
    if text.isascii() or not _MAY_HOLD_NONCHARACTER.search(text):
        return text
    return _NONCHARACTER.sub("", text)
