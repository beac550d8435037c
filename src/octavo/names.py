"""Sort names ("file-as") for the package's creators: "Lena Ortiz" → "Ortiz, Lena".

nameparser knows particles ("van Beethoven, Ludwig"), suffixes ("King, Martin Luther, Jr.") and
titles; a name written in a script without that order (Chinese, Japanese, Korean) or a single
name sorts as written. book.yaml's `sort_names:` overrides any guess.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping

_AS_WRITTEN_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")


def _family_name_first(name: str) -> bool:
    return any(unicodedata.name(ch, "").startswith(_AS_WRITTEN_SCRIPTS) for ch in name)


def sort_name(name: str, overrides: Mapping[str, str] | None = None) -> str:
    """How `name` files in a catalogue, surname first."""
    if overrides and name in overrides:
        return overrides[name]
    return _guessed(name)


@functools.lru_cache(maxsize=4096)
def _guessed(name: str) -> str:
    """The sort name nameparser gives (once per name: a book names its contributors in several
    places, and an anthology of 300 stories has 300 of them)."""
    if len(name.split()) < 2 or _family_name_first(name):
        return name
    from nameparser import HumanName

    parsed = HumanName(name)
    last = parsed.last.strip()
    given = " ".join(p for p in (parsed.first, parsed.middle) if p).strip()
    if not last or not given:
        return name
    sort = f"{last}, {given}"
    return f"{sort}, {parsed.suffix}" if parsed.suffix else sort
