"""Novel, collection or anthology: what the book is, and what follows from it.

A novel has chapters by its one author: no byline under each chapter title nor in the contents,
running heads with the author's name and the book's title, and "12 chapters" in summaries. A
single-author collection has stories without bylines; an anthology has stories with bylines.
`kind` in book.yaml says which; without it, one author for every entry makes a novel (when the
manuscripts call themselves chapters) or a collection, and several authors an anthology.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from octavo.diagnostics import Diagnostics, Span
from octavo.loop_codes import KIND_HIDES_AUTHORS, KIND_INFERRED, NO_NUMBER_WORDS

KINDS = ("novel", "collection", "anthology")
NUMBERINGS = ("none", "words", "digits")

# A chapter's file name or heading label: "chapter-03.md", "ch3.txt", "07.md", "Chapter 1".
_CHAPTERISH = re.compile(r"^(?:ch(?:apter)?[\s._-]*\d+|\d+)(?:\b|_|$)|^chapter\b", re.IGNORECASE)

# The word before a chapter number, in the languages octavo's users write most.
_CHAPTER_WORD = {"en": "Chapter", "fr": "Chapitre", "de": "Kapitel", "es": "Capítulo",
                 "it": "Capitolo", "pt": "Capítulo", "nl": "Hoofdstuk", "sv": "Kapitel",
                 "da": "Kapitel", "nb": "Kapittel", "no": "Kapittel", "fi": "Luku",
                 "pl": "Rozdział", "cs": "Kapitola", "ru": "Глава", "uk": "Розділ"}


def resolve_kind(declared: str | None, book_authors: Sequence[str],
                 entries: Sequence[tuple[tuple[str, ...], Path, str | None]],
                 diags: Diagnostics, span: Span) -> str:
    """The book's kind. `entries` are (authors, manuscript path, heading label) per entry."""
    names = {authors for authors, _, _ in entries}
    single = len(names) <= 1
    if declared is not None:
        if declared != "anthology" and not single:
            others = sorted({n for authors in names for n in authors} - set(book_authors))
            diags.warning(KIND_HIDES_AUTHORS, f"'kind: {declared}' prints no byline per entry, "
                          f"but some entries name other authors ({', '.join(others) or 'none'})",
                          span)
        return declared
    if not single or not entries or not any(names):
        return "anthology"  # several authors, or none named: each entry keeps its byline
    else:
        chapterish = any(_CHAPTERISH.match(path.stem) or (label and _CHAPTERISH.match(label))
                         for _, path, label in entries)
        kind = "novel" if chapterish else "collection"
        author = ", ".join(next(iter(names))) or "no one"
        reason = (f"one author ({author}) for every entry"
                  + (", and the manuscripts are chapters" if chapterish else ""))
    diags.info(KIND_INFERRED, f"octavo takes this book for {'an' if kind[0] == 'a' else 'a'} "
               f"{kind}: {reason}; say `kind: novel`, `kind: collection` or `kind: anthology` "
               "to choose", span)
    return kind


def number_label(number: int, numbering: str, kind: str, language: str,
                 diags: Diagnostics | None = None, span: Span | None = None) -> str | None:
    """"Chapter Twelve" (words), "Chapter 12" (digits), or None; a novel's chapters say
    "Chapter", other books' entries carry the number alone."""
    if numbering == "none":
        return None
    primary = language.split("-")[0].lower()
    shown = str(number)
    if numbering == "words":
        words = _number_words(number, primary)
        if words is None:
            if diags is not None and number == 1:
                diags.warning(NO_NUMBER_WORDS, f"no number words for language '{language}'; "
                              "chapter numbers are set in digits", span)
        else:
            shown = words
    word = _CHAPTER_WORD.get(primary) if kind == "novel" else None
    return f"{word} {shown}" if word else shown


def _number_words(number: int, language: str) -> str | None:
    from num2words import num2words

    try:
        words = str(num2words(number, lang=language))
    except (NotImplementedError, OverflowError):
        return None
    return words.title() if language == "en" else words[:1].upper() + words[1:]
