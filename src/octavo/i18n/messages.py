"""Every word octavo generates, by key, in English: the message ids of the catalogues.

A key is what `labels:` in book.yaml overrides; the English text is the gettext msgid that the
`.po` catalogues beside this module translate. Placeholders are `{name}` fields, and an override
may use only the fields its key allows.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # Headings and page titles
    "contents": "Contents",
    "contributors": "About the Contributors",
    "acknowledgements": "Acknowledgements",
    "dedication": "Dedication",
    "copyright_page": "Copyright",
    "cover": "Cover",
    "title_page": "Title Page",
    "begin_reading": "Begin Reading",
    "landmarks": "Landmarks",
    "pages": "Pages",
    # Bylines
    "by": "by {names}",
    "edited_by": "Edited by {names}",
    "translated_by": "Translated by {names}",
    "illustrated_by": "Illustrated by {names}",
    "in_this_book": "In this book:",
    "cover_of": "Cover of {title}",
    # The copyright page
    "copyright": "Copyright © {year} {holder}",
    "copyright_no_holder": "Copyright © {year}",
    "compilation_copyright": "Compilation copyright © {year} {holder}",
    "story_copyright": "“{title}” copyright © {year} {holder}.",
    "first_appeared": "“{title}” first appeared in {source}.",
    "first_published": "First published {date}.",
    "published_by": "Published by {publisher}",
    "isbn": "ISBN {isbn}",
    "book_id": "Book ID: {id}",
    "print_edition": "Print edition: ISBN {isbn}",
    "isbn_paperback": "ISBN {isbn} (paperback)",  # the print edition's own copyright page
    "isbn_ebook": "ISBN {isbn} (ebook)",
    "typeset": "Typeset with octavo.",
    "typeset_in": "Typeset with octavo in {font}.",
    # The accessibility summary (package metadata), sentence by sentence
    "a11y_summary": (
        "This ebook has a table of contents, headings that show its structure and a logical "
        "reading order; readers can resize and restyle its text."
    ),
    "a11y_cover_image": "The only image is the cover, which has a text alternative.",
    "a11y_no_images": "It contains no images.",
    "a11y_page_numbers": "Page numbers follow the print edition (ISBN {isbn}).",
    "a11y_page_numbers_no_isbn": "Page numbers follow the print edition.",
}
