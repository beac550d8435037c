"""The imprint: how the title and copyright pages of both formats state identity and rights."""

from __future__ import annotations

import re
import uuid

from octavo.document import Identifier, Metadata, join_names

# A rights text that already holds a copyright notice ("© 2024 …", "Copyright 2024 …").
_NOTICE = re.compile(r"©|\(c\)\s*\d{4}|copyright\s+\d{4}", re.IGNORECASE)


def isbn_digits(identifier: Identifier) -> str | None:
    """The bare 13 (or 10) characters of an ISBN identifier, or None for a UUID."""
    if identifier.scheme != "isbn":
        return None
    value = identifier.value
    if value.lower().startswith("urn:isbn:"):
        value = value[len("urn:isbn:") :]
    return re.sub(r"[^0-9Xx]", "", value).upper()


def package_identifier(identifier: Identifier) -> str:
    """The dc:identifier: `urn:isbn:978…` for an ISBN, otherwise the `urn:uuid:…` value."""
    isbn = isbn_digits(identifier)
    if isbn is not None:
        return f"urn:isbn:{isbn}"
    value = identifier.value.strip()
    bare = value[len("urn:uuid:") :] if value.lower().startswith("urn:uuid:") else value
    try:
        return f"urn:uuid:{uuid.UUID(bare)}"
    except ValueError:
        return value  # not a UUID: marking it as one would be an EPUBCheck warning (OPF-085)


def identifier_line(identifier: Identifier) -> str:
    """How the copyright page shows the identifier."""
    isbn = isbn_digits(identifier)
    if isbn is not None:
        # Correct hyphenation needs the ISBN agency's range table; unhyphenated is never wrong.
        return f"ISBN {isbn}"
    return f"Book ID: {package_identifier(identifier)}"


def copyright_notice(meta: Metadata, fallback_year: int) -> str | None:
    """The notice "Copyright © 2024 Jane Doe", or None when the rights text already holds one.

    The year is the book's date, or `fallback_year` (the build timestamp's) for an undated book.
    """
    if meta.rights and _NOTICE.search(meta.rights):
        return None
    year = meta.date[:4] if meta.date else str(fallback_year)
    if meta.authors:
        lead, holder = "Copyright ©", join_names(meta.authors)
    elif meta.editors:
        lead, holder = "Compilation copyright ©", join_names(meta.editors)
    elif meta.publisher:
        lead, holder = "Copyright ©", meta.publisher
    else:
        lead, holder = "Copyright ©", None
    return " ".join(part for part in (lead, year, holder) if part)


def copyright_lines(meta: Metadata, fallback_year: int) -> list[str]:
    """The copyright page, line by line, as the print edition sets it."""
    lines = [line for line in (copyright_notice(meta, fallback_year), meta.rights) if line]
    if meta.publisher:
        lines.append(f"Published by {meta.publisher}")
    lines.append(identifier_line(meta.identifier))
    return lines
