"""The print edition's copyright page, line by line.

The print edition has its own ISBN (`print: {isbn}`), printed hyphenated by the ISBN agency's
ranges (python-stdnum ships them); the EPUB's ISBN, when it has one, is listed as the ebook's.
A book without an ISBN prints none: a raw `urn:uuid` means nothing to a reader or a shop.
Every line is in the book's language (`octavo.i18n` labels, as the EPUB's copyright page).
"""

from __future__ import annotations

from collections.abc import Sequence

from stdnum import isbn as stdnum_isbn

from octavo.document import Metadata, PrintSettings
from octavo.i18n import Labels, labels_for
from octavo.render.imprint import copyright_notice, isbn_digits


def hyphenated_isbn(digits: str) -> str:
    """978-0-306-40615-7: the ISBN split into its registration groups."""
    try:
        return str(stdnum_isbn.format(digits))
    except Exception:  # stdnum knows no range for it: the bare digits are never wrong
        return digits


def print_copyright_lines(meta: Metadata, settings: PrintSettings, fallback_year: int,
                          fonts_note: str, labels: Labels | None = None,
                          story_credits: Sequence[str] = ()) -> list[str]:
    """The copyright page; `story_credits` are an anthology's per-story copyright and first
    publication lines (`render.imprint.story_credit_lines`)."""
    labels = labels or labels_for(meta.language)
    lines = [line for line in (copyright_notice(meta, fallback_year, labels), meta.rights)
             if line]
    if settings.edition:
        lines.append(settings.edition)
    if meta.publisher:
        lines.append(labels.format("published_by", publisher=meta.publisher))
    if settings.isbn:
        lines.append(labels.format("isbn_paperback", isbn=hyphenated_isbn(settings.isbn)))
    ebook = isbn_digits(meta.identifier)
    if ebook and ebook != settings.isbn:
        lines.append(labels.format("isbn_ebook", isbn=hyphenated_isbn(ebook)))
    lines.extend(story_credits)
    lines.extend(settings.credits)
    lines.append(labels.format("typeset_in", font=fonts_note))
    return lines
