"""The reference for octavo's PDF speed: the same book's print HTML laid out by WeasyPrint in
one pass, with octavo's stylesheet and fonts.

    python benchmarks/single_pass.py BOOK.yaml OUT.pdf [PAGES]

PAGES: lay the book out on the pages octavo's build of it has, whose inside margin is the one
the shop asks for at that page count (without it, at 24 pages' margin: a wider text block, so
fewer lines and pages than octavo's book of the same text).

Prints JSON: seconds (WeasyPrint's layout and PDF writing only, not reading the manuscripts),
pages and bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
import time
from pathlib import Path

from octavo.backends.base import NullProgress
from octavo.diagnostics import Diagnostics


def main(manifest: Path, out: Path, pages: int = 24) -> None:
    from octavo.pipeline import load_book

    book = load_book(manifest, Diagnostics(), NullProgress())
    html, layout = one_document(book, pages)
    started = time.perf_counter()
    # One WeasyPrint pass, as it is: the book's stylesheets, running heads and folios drawn by
    # WeasyPrint itself, none of octavo's typesetting pass.
    document = layout._layout(html, [])  # type: ignore[attr-defined]
    pdf = document.write_pdf()
    seconds = time.perf_counter() - started
    out.write_bytes(pdf)
    print(json.dumps({"seconds": seconds, "pages": len(document.pages), "bytes": len(pdf)}))


def one_document(book: object, pages: int = 24) -> tuple[str, object]:
    """Every story's print HTML, bodies joined into one document, and octavo's layout engine."""
    from octavo.backends.pdf_layout import PdfLayout
    from octavo.backends.print_html import PrintHtml, geometry_css, print_stylesheet_path
    from octavo.render.direction import language_direction
    from octavo.render.templating import make_environment

    env = make_environment(book.root, book.scene_break,  # type: ignore[attr-defined]
                           language_direction(book.meta.language))  # type: ignore[attr-defined]
    html = PrintHtml(env, book)  # type: ignore[arg-type]
    layout = PdfLayout(book.root, geometry_css(env, book, pages),  # type: ignore[attr-defined, arg-type]
                       Path(print_stylesheet_path()), dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    documents = [html.story(chapter, 1) for chapter in book.chapters()]  # type: ignore[attr-defined]
    bodies = [re.search(r"<body[^>]*>(.*)</body>", d, re.S).group(1)  # type: ignore[union-attr]
              for d in documents]
    first = documents[0]
    head, _, _ = first.partition("<body")
    opening = re.search(r"<body[^>]*>", first).group(0)  # type: ignore[union-attr]
    return f"{head}{opening}{''.join(bodies)}</body></html>", layout


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), *(int(arg) for arg in sys.argv[3:4]))
