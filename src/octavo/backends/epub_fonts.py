"""`build.epub_fonts: embed`: the house fonts inside the EPUB, cut down to the book's characters.

fontTools' subsetter keeps only the glyphs the book's text needs (with their ligatures and
small caps), which turns Charis SIL's 1.4 MB per style into a few dozen kilobytes. The subset
fonts carry no timestamp of their own (`recalc_timestamp` off), so the EPUB stays reproducible.
The stylesheet names them for the text only: a reader who picks another font still gets it.
"""

from __future__ import annotations

import io

from octavo.document import Book, block_text, chapter_text
from octavo.resources import fonts_dir

FAMILY = "Charis SIL"
_STYLES = (  # file, CSS font-style, CSS font-weight
    ("CharisSIL-Regular.ttf", "normal", "normal"),
    ("CharisSIL-Italic.ttf", "italic", "normal"),
    ("CharisSIL-Bold.ttf", "normal", "bold"),
    ("CharisSIL-BoldItalic.ttf", "italic", "bold"),
)


def book_characters(book: Book) -> str:
    """Every character the EPUB's pages can show: text, titles, metadata, labels, digits."""
    meta = book.meta
    parts = [meta.title, meta.subtitle or "", meta.publisher or "", meta.rights or "",
             *(c.name for c in (*meta.creators, *meta.contributors)),
             "0123456789ivxlcdm.,:;–—-()©“”‘’«»"]
    for chapter in book.chapters():
        parts += [chapter.title, chapter.subtitle or "", chapter.label or "", chapter_text(chapter)]
    for page in (*book.front, *book.back):
        for block in getattr(page, "blocks", ()):
            parts.append(block_text(block))
        parts.append(str(getattr(page, "title", "")))
        for person in getattr(page, "contributors", ()):
            parts += [person.name, *person.works, *(block_text(b) for b in person.bio)]
    from octavo.i18n import labels_for

    parts += labels_for(meta.language, dict(book.labels)).messages.values()
    return "".join(sorted(set("".join(parts)) | set(" ")))


def subset(font_file: str, characters: str) -> bytes:
    from fontTools import subset as ft_subset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    options = ft_subset.Options()
    options.layout_features = ["*"]  # ligatures, kerning, small caps, old-style figures
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    font = TTFont(font_file, recalcTimestamp=False)
    subsetter = ft_subset.Subsetter(options=options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def embedded_fonts(book: Book) -> tuple[list[tuple[str, bytes]], bytes]:
    """The subset font files (name, bytes) and the stylesheet that uses them."""
    characters = book_characters(book)
    fonts = []
    rules = []
    for file_name, style, weight in _STYLES:
        fonts.append((file_name, subset(str(fonts_dir() / file_name), characters)))
        rules.append(
            "@font-face {\n"
            f'  font-family: "{FAMILY}";\n'
            f"  font-style: {style};\n"
            f"  font-weight: {weight};\n"
            f'  src: url("../fonts/{file_name}");\n'
            "}\n"
        )
    rules.append(f'body {{\n  font-family: "{FAMILY}", serif;\n}}\n')
    return fonts, ("/* The house fonts, subset to this book's characters. */\n"
                   + "\n".join(rules)).encode()
