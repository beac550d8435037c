"""The print edition's copyright page, line by line.

The print edition has its own ISBN (`print: {isbn}`), printed hyphenated by the ISBN agency's
ranges (python-stdnum ships them); the EPUB's ISBN, when it has one, is listed as the ebook's.
A book without an ISBN prints none: a raw `urn:uuid` means nothing to a reader or a shop.
"""

from __future__ import annotations

from stdnum import isbn as stdnum_isbn

from octavo.document import Metadata, PrintSettings
from octavo.render.imprint import copyright_notice, isbn_digits

# Labels of the copyright page, each in one place (a message catalogue will replace them).
LABEL_PUBLISHED_BY = "Published by"
LABEL_PRINT_ISBN = "ISBN {isbn} (paperback)"
LABEL_EBOOK_ISBN = "ISBN {isbn} (ebook)"
LABEL_TYPESET = "Typeset with octavo in {fonts}."


def hyphenated_isbn(digits: str) -> str:
    """978-0-306-40615-7: the ISBN split into its registration groups."""
    try:
        return str(stdnum_isbn.format(digits))
    except Exception:  # stdnum knows no range for it: the bare digits are never wrong
        return digits


def print_copyright_lines(meta: Metadata, settings: PrintSettings, fallback_year: int,
                          fonts_note: str) -> list[str]:
    lines = [line for line in (copyright_notice(meta, fallback_year), meta.rights) if line]
    if settings.edition:
        lines.append(settings.edition)
    if meta.publisher:
        lines.append(f"{LABEL_PUBLISHED_BY} {meta.publisher}")
    if settings.isbn:
        lines.append(LABEL_PRINT_ISBN.format(isbn=hyphenated_isbn(settings.isbn)))
    ebook = isbn_digits(meta.identifier)
    if ebook and ebook != settings.isbn:
        lines.append(LABEL_EBOOK_ISBN.format(isbn=hyphenated_isbn(ebook)))
    lines.extend(settings.credits)
    lines.append(LABEL_TYPESET.format(fonts=fonts_note))
    return lines
