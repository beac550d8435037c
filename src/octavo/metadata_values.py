"""Checks and normal forms for manifest values: ISBN-13, UUID, BCP 47 language, dates, trims."""

from __future__ import annotations

import re
import uuid

from octavo.document import Identifier, Trim

_ISBN_SEPARATORS = re.compile(r"[\s-]")
# ASCII digits only (\d would take "٢٠٢٠"), and a year from 0001: year 0 has no calendar date.
_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
_UUID_NAMESPACE = uuid.UUID("6f63746f-766f-4000-8000-000000000001")  # fixed: "octavo"

TRIMS: dict[str, Trim] = {
    "6x9": Trim("6x9", 6.0, 9.0),
    "5x8": Trim("5x8", 5.0, 8.0),
    "5.5x8.5": Trim("5.5x8.5", 5.5, 8.5),
    "5.25x8": Trim("5.25x8", 5.25, 8.0),
    "A5": Trim("A5", 148 / 25.4, 210 / 25.4),
}
_CUSTOM_TRIM = re.compile(
    r"^([0-9]+(?:\.[0-9]+)?)\s*[x×]\s*([0-9]+(?:\.[0-9]+)?)\s*(in|mm|cm)?$", re.IGNORECASE)
MM_PER_UNIT = {"in": 25.4, "mm": 1.0, "cm": 10.0}


def isbn13_is_valid(digits: str) -> bool:
    if not re.fullmatch(r"97[89][0-9]{10}", digits):  # ASCII: \d would take "٣"
        return False
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
    return total % 10 == 0


def parse_identifier(raw: str) -> Identifier | None:
    """An ISBN-13 (hyphens and spaces allowed, `isbn:` prefix allowed) or a UUID; None if neither."""
    text = raw.strip()
    lowered = text.lower()
    for prefix in ("urn:isbn:", "isbn:", "isbn"):
        if lowered.startswith(prefix):
            text = text[len(prefix):].strip()
            break
    digits = _ISBN_SEPARATORS.sub("", text)
    if isbn13_is_valid(digits):
        return Identifier(digits, "isbn")
    candidate = raw.strip().removeprefix("urn:uuid:")
    try:
        return Identifier(f"urn:uuid:{uuid.UUID(candidate)}", "uuid")
    except ValueError:
        return None


def derived_identifier(names: tuple[str, ...], manuscripts: list[str]) -> Identifier:
    """A UUID that depends only on the authors (or editors) and the manuscripts' paths as the
    manifest writes them: rebuilds, reordering and renaming the book keep it; a new author or
    another set of stories makes another book. Text is encoded leniently, so a lone surrogate
    in a name cannot stop the build."""
    key = "\x1f".join([*(n.strip().casefold() for n in names), "\x1e", *sorted(manuscripts)])
    key = key.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return Identifier(f"urn:uuid:{uuid.uuid5(_UUID_NAMESPACE, key)}", "uuid")


# Tags most books are written in, each already in the canonical form langcodes gives it
# (tests/unit/test_metadata_values.py asserts that it does): answered without importing
# langcodes and its registry, a thirtieth of a second of every build.
COMMON_LANGUAGE_TAGS = frozenset({
    "en", "en-US", "en-GB", "en-CA", "en-AU", "en-IE", "en-NZ", "en-IN", "en-ZA",
    "fr", "fr-FR", "fr-CA", "fr-BE", "fr-CH", "de", "de-DE", "de-AT", "de-CH",
    "es", "es-ES", "es-MX", "es-419", "it", "it-IT", "pt", "pt-BR", "pt-PT", "nl", "nl-NL",
    "sv", "da", "nb", "nn", "fi", "pl", "cs", "ru", "uk", "el", "tr", "he", "ar", "fa", "hi",
    "ja", "ko", "zh", "zh-Hans", "zh-Hant", "zh-CN", "zh-TW",
})


def normalise_language(tag: str) -> str | None:
    """The canonical form of a valid BCP 47 tag ("en-us" → "en-US"), or None if invalid."""
    if tag in COMMON_LANGUAGE_TAGS:
        return tag
    import langcodes

    if not langcodes.tag_is_valid(tag):
        return None
    return str(langcodes.standardize_tag(tag))


def normalise_date(raw: str) -> str | None:
    match = _DATE.match(raw.strip())
    if not match:
        return None
    year, month, day = match.groups()
    if int(year) == 0:
        return None
    if month and not 1 <= int(month) <= 12:
        return None
    if day:
        import datetime as dt

        try:
            dt.date(int(year), int(month), int(day))
        except ValueError:
            return None
    return match.group(0)


def parse_trim(raw: str) -> Trim | None:
    key = raw.strip().replace("×", "x").replace(" ", "")
    for name, trim in TRIMS.items():
        if key.lower() == name.lower():
            return trim
    match = _CUSTOM_TRIM.match(key)
    if not match:
        return None
    unit = (match.group(3) or "in").lower()
    width, height = (float(match.group(n)) * MM_PER_UNIT[unit] / 25.4 for n in (1, 2))
    # KDP's custom range for paperbacks: width 4–8.5 in, height 6–11.69 in (a trim given in
    # millimetres is rounded to a hundredth of an inch first: 297 mm is 11.693 in).
    if not (4 <= round(width, 2) <= 8.5 and 6 <= round(height, 2) <= 11.69):
        return None
    if unit != "in":  # named in inches, as every other trim ("148x210mm": 5.83x8.27)
        return Trim(f"{round(width, 2):g}x{round(height, 2):g}", width, height)
    return Trim(f"{width:g}x{height:g}", width, height)
