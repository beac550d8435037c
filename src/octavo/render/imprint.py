"""The imprint: how the title and copyright pages of both formats state identity and rights."""

from __future__ import annotations

import re
import uuid

from octavo.document import Book, Chapter, Identifier, Metadata
from octavo.i18n import Labels, labels_for

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


def identifier_line(identifier: Identifier, labels: Labels | None = None) -> str:
    """How the copyright page shows the identifier."""
    labels = labels or labels_for("en")
    isbn = isbn_digits(identifier)
    if isbn is not None:
        # Correct hyphenation needs the ISBN agency's range table; unhyphenated is never wrong.
        return labels.format("isbn", isbn=isbn)
    return labels.format("book_id", id=package_identifier(identifier))


def copyright_notice(meta: Metadata, fallback_year: int, labels: Labels | None = None) -> str | None:
    """The notice "Copyright © 2024 Jane Doe", or None when the rights text already holds one.

    The year is the book's date, or `fallback_year` (the build timestamp's) for an undated book.
    """
    labels = labels or labels_for("en")
    if meta.rights and _NOTICE.search(meta.rights):
        return None
    year = meta.date[:4] if meta.date else str(fallback_year)
    if meta.authors:
        return labels.format("copyright", year=year, holder=labels.names(meta.authors))
    if meta.editors:
        return labels.format("compilation_copyright", year=year, holder=labels.names(meta.editors))
    if meta.publisher:
        return labels.format("copyright", year=year, holder=meta.publisher)
    return labels.format("copyright_no_holder", year=year)


def story_credit_lines(book: Book, labels: Labels) -> list[str]:
    """Each story's own copyright and first publication, for an anthology's copyright page."""
    lines: list[str] = []
    for chapter in book.chapters():
        lines.extend(_story_lines(chapter, labels))
    return lines


def _story_lines(chapter: Chapter, labels: Labels) -> list[str]:
    credits = chapter.credits
    if credits is None:
        return []
    lines = []
    if credits.copyright_year:
        holder = credits.copyright_holder or labels.names(chapter.authors)
        lines.append(labels.format("story_copyright", title=chapter.title,
                                   year=credits.copyright_year, holder=holder).replace("  ", " "))
    if credits.first_published:
        lines.append(labels.format("first_appeared", title=chapter.title,
                                   source=credits.first_published))
    return lines

