"""The reference for octavo's PDF speed: the same book's print HTML laid out by WeasyPrint in
one pass, with octavo's stylesheet and fonts.

    python benchmarks/single_pass.py BOOK.yaml OUT.pdf [PAGES]

PAGES: lay the book out on the pages octavo's build of it has, whose inside margin is the one
the shop asks for at that page count (without it, at 24 pages' margin: a wider text block, so
fewer lines and pages than octavo's book of the same text).

Prints JSON: seconds (WeasyPrint's layout and PDF writing only, not reading the manuscripts)
and the CPU seconds of the same (what to compare on a shared machine), pages and bytes; and
the same PDF finished for the press as octavo finishes its book (page boxes, PDF/X output
intent and markers, one program per font, the shop's PDF version), written beside OUT as
OUT.finished.pdf: its bytes and the shop's preflight findings on it. octavo's PDF is compared
with both: the finished one is the fair reference, a PDF that passes the same print checks.
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
    started, cpu = time.perf_counter(), time.process_time()
    # One WeasyPrint pass, as it is: the book's stylesheets, running heads and folios drawn by
    # WeasyPrint itself, none of octavo's typesetting pass.
    document = layout._layout(html, [])  # type: ignore[attr-defined]
    pdf = document.write_pdf()
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    out.write_bytes(pdf)
    finished = out.with_suffix(".finished.pdf")
    findings = finish_for_press(book, pdf, finished)
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "pages": len(document.pages), "bytes": len(pdf),
                      "finished_bytes": finished.stat().st_size,
                      "finished_findings": findings}))


def finish_for_press(book: object, pdf: bytes, out: Path) -> list[str]:
    """`pdf` finished as octavo finishes its book (backends/pdf.py), written to `out`; the
    codes the shop's preflight finds on it."""
    import io

    import pikepdf

    from octavo.backends.pdf import rules_for
    from octavo.backends.pdf_fonts import unify_fonts
    from octavo.backends.pdf_print import (
        mark_pdfx,
        open_as_facing_pages,
        remove_unused_colour_spaces,
        save_options,
        set_page_boxes,
        strip_annotations,
    )
    from octavo.check.pdf_preflight import preflight
    from octavo.render.direction import language_direction

    rules = rules_for(book)  # type: ignore[arg-type]
    direction = language_direction(book.meta.language)  # type: ignore[attr-defined]
    with pikepdf.open(io.BytesIO(pdf)) as final:
        set_page_boxes(final, rules, direction)
        if not rules.profile.annotations_allowed or rules.pdf_standard != "none":
            strip_annotations(final)
        remove_unused_colour_spaces(final)
        unify_fonts(final, rules.font_embedding)
        open_as_facing_pages(final, direction)
        if rules.pdf_standard != "none":
            mark_pdfx(final, rules.pdf_standard, book.meta.title,  # type: ignore[attr-defined]
                      book.meta.identifier.value)  # type: ignore[attr-defined]
        final.save(out, **save_options(rules.pdf_standard))
    return sorted(finding.code for finding in preflight(out, rules, direction=direction))


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
