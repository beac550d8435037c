"""Words as the property tests compare them."""

from __future__ import annotations

import unicodedata

from tests.textcheck import tokens


def words(text: str, transparent: str = "") -> list[str]:
    """Runs of letters and digits. Invisible format characters (Cf: zero-width spaces, bidi
    controls, soft hyphens) are transparent: a word with one inside is still one word, whether
    or not octavo keeps it (it drops most of them). So are the `transparent` characters: in
    Markdown, `*a*b` is the word "ab" with its first letter in italics."""
    return tokens("".join(ch for ch in text
                          if unicodedata.category(ch) != "Cf" and ch not in transparent))
