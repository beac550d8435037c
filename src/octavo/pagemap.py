"""Where each page of the print edition begins, in terms of the intermediate document.

The PDF backend fills a `PageMap` from its layout; the EPUB backend places its page-break
markers and page list from it, so "page 112" is the same text in both editions. Nothing here
imports WeasyPrint.

A place is a document (the id of a story, part, front or back page in the `Book`), a path of
block indices inside it (`(3,)` the fourth block, `(3, 1)` the second block of a block quote
that is the fourth), and an offset counted in *visible characters*: letters, digits and
punctuation of the block's text, not spaces, soft hyphens or word joiners (which the layout
collapses, adds or drops). No path means the top of the document.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Characters the text of a block may hold that take no place of their own on a page.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


def counts(char: str) -> bool:
    """Whether `char` is a visible character for page offsets."""
    return not char.isspace() and char not in _INVISIBLE and unicodedata.category(char) != "Cf"


def visible_length(text: str) -> int:
    return sum(1 for char in text if counts(char))


def index_after(text: str, visible: int) -> int:
    """The index in `text` just before its visible character number `visible` (0-based)."""
    seen = 0
    for index, char in enumerate(text):
        if counts(char):
            if seen == visible:
                return index
            seen += 1
    return len(text)


@dataclass(frozen=True, slots=True)
class PageStart:
    """Where one print page starts. `label` is its folio as printed ("iii", "12")."""

    label: str
    document: str
    block: tuple[int, ...] | None = None
    offset: int = 0
    item: int | None = None  # an entry of a list page (a contributor) rather than a block
    blank: bool = False  # a blank verso: its marker goes where the previous page ends


@dataclass(frozen=True, slots=True)
class PageMap:
    pages: tuple[PageStart, ...]
    print_isbn: str | None = None

    def __len__(self) -> int:
        return len(self.pages)


def roman(number: int) -> str:
    """Lower-case roman numerals, as the print edition labels its front matter."""
    values = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
              (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = []
    for value, letters in values:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)
