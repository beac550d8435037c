"""The reference for octavo's PDF speed: the same book's print HTML laid out by WeasyPrint in
one pass, with octavo's stylesheet and fonts.

    python benchmarks/single_pass.py BOOK.yaml OUT.pdf

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


def main(manifest: Path, out: Path) -> None:
    from octavo.pipeline import load_book

    book = load_book(manifest, Diagnostics(), NullProgress())
    html, layout = one_document(book)
    started = time.perf_counter()
    laid_out = layout.render(html)
    seconds = time.perf_counter() - started
    out.write_bytes(laid_out.pdf)
    print(json.dumps({"seconds": seconds, "pages": laid_out.pages, "bytes": len(laid_out.pdf)}))


def one_document(book: object) -> tuple[str, object]:
    """Every story's print HTML, bodies joined into one document, and octavo's layout engine."""
    from octavo.backends.pdf_layout import PdfLayout
    from octavo.backends.print_html import PrintHtml, geometry_css, print_stylesheet_path
    from octavo.render.direction import language_direction
    from octavo.render.templating import make_environment

    env = make_environment(book.root, book.scene_break,  # type: ignore[attr-defined]
                           language_direction(book.meta.language))  # type: ignore[attr-defined]
    html = PrintHtml(env, book)  # type: ignore[arg-type]
    layout = PdfLayout(book.root, geometry_css(env, book),  # type: ignore[attr-defined, arg-type]
                       Path(print_stylesheet_path()), dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    documents = [html.story(chapter, 1) for chapter in book.chapters()]  # type: ignore[attr-defined]
    bodies = [re.search(r"<body[^>]*>(.*)</body>", d, re.S).group(1)  # type: ignore[union-attr]
              for d in documents]
    first = documents[0]
    head, _, _ = first.partition("<body")
    opening = re.search(r"<body[^>]*>", first).group(0)  # type: ignore[union-attr]
    return f"{head}{opening}{''.join(bodies)}</body></html>", layout


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
