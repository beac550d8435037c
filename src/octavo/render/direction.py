"""Writing direction: of a book (from its language) and of each paragraph (from its text).

A paragraph's direction is that of its first strong letter, as in Unicode's bidi algorithm
(rule P2) and HTML's `dir="auto"`. We compute it ourselves and write `dir` explicitly because
WeasyPrint and many reading systems ignore `dir="auto"`. Mixed text inside a line is left to the
renderer's bidi algorithm.
"""

from __future__ import annotations

import unicodedata
from typing import Literal

from markupsafe import Markup

Direction = Literal["ltr", "rtl"]

# Languages written right to left by default (ISO 639), and scripts that are (ISO 15924).
_RTL_LANGUAGES = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku-arab", "pa-arab",
                            "ps", "sd", "syr", "ug", "ur", "yi"})
_RTL_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "samr", "mand"})
_STRONG_RTL = frozenset({"R", "AL"})


def language_direction(language: str) -> Direction:
    """The base direction of a book in `language` (a BCP 47 tag): `ar`, `he`, `fa-IR`, `ku-Arab`
    are right to left; a script subtag overrides the language's default (`az-Arab`)."""
    subtags = language.lower().replace("_", "-").split("-")
    scripts = [tag for tag in subtags[1:] if len(tag) == 4 and tag.isalpha()]
    if scripts:
        return "rtl" if scripts[0] in _RTL_SCRIPTS else "ltr"
    return "rtl" if subtags[0] in _RTL_LANGUAGES else "ltr"


def text_direction(text: str) -> Direction | None:
    """The direction of the first strong letter in `text`; None when it has none (digits,
    punctuation), so the surrounding direction applies."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in _STRONG_RTL:
            return "rtl"
    return None


def dir_attribute(text: str, base: Direction) -> Markup:
    """` dir="…"` for an element holding `text` when its direction differs from `base`."""
    direction = text_direction(text)
    if direction is None or direction == base:
        return Markup("")
    return Markup(' dir="%s"') % direction
