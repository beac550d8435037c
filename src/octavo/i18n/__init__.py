"""The words octavo generates, in the book's language: `labels_for(language, overrides)`.

The catalogues are gettext `.po` files under `locales/<locale>/LC_MESSAGES/octavo.po`, read
with Babel (no compile step: the wheel carries the `.po` files and Babel parses them once per
locale). Each message has its key as `msgctxt` and the English text of `messages.MESSAGES` as
`msgid`. Lists of names and dates follow CLDR through Babel too ("A, B et C", "21 novembre
2026"). A book's `labels:` mapping overrides any message; `check_overrides` vets it first.
"""

from __future__ import annotations

import datetime as dt
import difflib
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from octavo.i18n.messages import MESSAGES

_LOCALES_DIR = Path(__file__).resolve().parent / "locales"
_FORMATTER = string.Formatter()


def fields_of(template: str) -> set[str]:
    """The `{placeholder}` names in a message; raises ValueError for a malformed one."""
    return {name for _, name, _, _ in _FORMATTER.parse(template) if name is not None}


@cache
def _catalogue(locale: str) -> dict[str, str]:
    """key → translated text for one locale folder ("fr", "en_US"); empty when none ships."""
    path = _LOCALES_DIR / locale / "LC_MESSAGES" / "octavo.po"
    if not path.is_file():
        return {}
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalogue = read_po(handle, locale=locale.split("_")[0])
    found: dict[str, str] = {}
    for message in catalogue:
        if message.id and message.context in MESSAGES and isinstance(message.string, str) \
                and message.string:
            found[message.context] = message.string
    return found


def _babel_locale(language: str) -> str | None:
    """A BCP 47 tag as Babel's locale name ("en-US" → "en_US", "zh-Hant-TW" → "zh_Hant_TW");
    None for a language CLDR does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(language, sep="-"))
    except (ValueError, UnknownLocaleError):
        return None


def _chain(locale: str) -> list[str]:
    """The catalogue folders to try, most specific first: en_US, en."""
    parts = locale.split("_")
    return ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]


def has_catalogue(language: str) -> bool:
    """Whether octavo ships the words for `language` (English always counts)."""
    locale = _babel_locale(language)
    if locale is None:
        return False
    chain = _chain(locale)
    return chain[-1] == "en" or any(_catalogue(loc) for loc in chain)


@dataclass(frozen=True, slots=True)
class Labels:
    """Every generated word of one book, in its language; templates call these methods."""

    language: str
    locale: str  # Babel's name for it, e.g. "fr_CA"
    messages: Mapping[str, str]

    def __getitem__(self, key: str) -> str:
        return self.messages[key]

    def format(self, key: str, **values: object) -> str:
        """The message `key` with its placeholders filled; values are data, never templates."""
        return self.messages[key].format_map({k: str(v) for k, v in values.items()})

    def names(self, names: Sequence[str]) -> str:
        """A list of names joined as the language does: "A, B and C", "A, B et C"."""
        from babel.lists import format_list

        cleaned = [n for n in names if n]
        if len(cleaned) <= 1:
            return "".join(cleaned)
        return str(format_list(cleaned, style="standard", locale=self.locale))

    def date(self, iso: str) -> str:
        """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) as the language writes it."""
        from babel.dates import format_date, format_skeleton

        parts = [int(p) for p in iso.split("-")]
        if len(parts) == 1:
            return str(parts[0])
        day = dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
        if len(parts) == 2:
            return str(format_skeleton("yMMMM", day, locale=self.locale))
        return str(format_date(day, format="long", locale=self.locale))


def labels_for(language: str, overrides: Mapping[str, str] | None = None) -> Labels:
    """The labels of a book in `language` (BCP 47), with the book's own `labels:` on top.

    Falls back from the region to the language ("fr-CA" → fr) and then to English; overrides
    are assumed vetted by `check_overrides` (unknown keys are ignored here)."""
    locale = _babel_locale(language) or "en"
    messages = dict(MESSAGES)
    for folder in reversed(_chain(locale)):
        messages.update(_catalogue(folder))
    for key, text in (overrides or {}).items():
        if key in MESSAGES:
            messages[key] = text
    return Labels(language, locale, messages)


def check_overrides(overrides: Mapping[str, object]) -> list[tuple[str, str]]:
    """Problems with a `labels:` mapping, as (key, message) pairs: unknown keys (with a
    suggestion) and placeholders the key does not provide."""
    problems: list[tuple[str, str]] = []
    for key, text in overrides.items():
        if key not in MESSAGES:
            close = difflib.get_close_matches(key, list(MESSAGES), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            problems.append((key, f"unknown label '{key}'{hint}"))
            continue
        allowed = fields_of(MESSAGES[key])
        try:
            used = fields_of(str(text))
        except ValueError as exc:
            problems.append((key, f"label '{key}' is not a valid template ({exc}); write a "
                             "literal brace as {{ or }}"))
            continue
        unknown = sorted(used - allowed)
        if unknown:
            offered = ", ".join("{" + f + "}" for f in sorted(allowed)) or "no placeholders"
            problems.append((key, f"label '{key}' uses {', '.join('{' + u + '}' for u in unknown)}"
                             f"; it offers {offered}"))
    return problems
