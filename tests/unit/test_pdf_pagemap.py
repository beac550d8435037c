"""The page map follows the PDF as print10 assembles it: the front matter padded to an even
count with roman folios, a blank verso before each recto opening, the print shop's padding at
the end, arabic folios from the first body page (no layout here: fast)."""

from __future__ import annotations

from octavo.backends.epub_pagelist import marks_by_document
from octavo.backends.pdf_pagemap import LocalStart, PlacedPages, book_page_map


def test_labels_blanks_and_padding_follow_the_assembled_pdf() -> None:
    front = [LocalStart(None, None), None, LocalStart("titlepage", None),
             LocalStart("copyright", None), LocalStart("toc", None)]
    body = [
        PlacedPages("story-1", (LocalStart(None, None), LocalStart(None, (4,), 120),
                                LocalStart(None, (9,), 7))),
        PlacedPages("story-2", (LocalStart(None, None),), blank_before=True),
        PlacedPages("acknowledgements", (LocalStart(None, None),)),  # opens on the next page
    ]
    page_map = book_page_map(front, 6, body, 3, "9781250316776")
    assert [(p.label, p.document, p.blank) for p in page_map.pages] == [
        ("i", "titlepage", False), ("ii", "titlepage", False), ("iii", "titlepage", False),
        ("iv", "copyright", False), ("v", "toc", False), ("vi", "toc", True),
        ("1", "story-1", False), ("2", "story-1", False), ("3", "story-1", False),
        ("4", "story-1", True),  # the blank verso before story 2 ends story 1
        ("5", "story-2", False), ("6", "acknowledgements", False),
        ("7", "acknowledgements", True), ("8", "acknowledgements", True),
        ("9", "acknowledgements", True),  # the shop's minimum page count
    ]
    assert (page_map.pages[7].block, page_map.pages[7].offset) == ((4,), 120)
    assert page_map.print_isbn == "9781250316776"
    marks = marks_by_document(page_map)
    # The half title, its blank verso and the title page all open the title page, in order.
    assert marks["titlepage"].at_start == ["i", "ii", "iii"]
    assert marks["story-1"].at_end == ["4"] and marks["story-1"].in_blocks[(9,)] == [(7, "3")]
    assert marks["acknowledgements"].at_end == ["7", "8", "9"]


def test_a_blank_page_inside_a_document_is_not_moved_to_its_start() -> None:
    body = [PlacedPages("story-1", (LocalStart(None, None), None, LocalStart(None, (2,), 0)))]
    page_map = book_page_map([LocalStart("titlepage", None)], 2, body, 0, None)
    assert [(p.label, p.blank) for p in page_map.pages] == [
        ("i", False), ("ii", True), ("1", False), ("2", True), ("3", False)]
