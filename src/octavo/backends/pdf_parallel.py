"""Lay out a build's documents in worker processes, one document per task.

Each document's layout depends only on its own HTML (text, first side) and the build's
stylesheets and geometry, so the documents are independent tasks; so are the parts of the
folio sheet (pdf_folios.py). They are shared out by `octavo.forking.share_out` over `workers`
forked processes while this one waits: when it laid out documents too (one process fewer),
the 1M-word book's peak memory, all processes, rose from 377 to 411 MiB PSS (this process
holds the book and every laid-out document, and kept what its own layouts took). The workers
are forked after the `PdfLayout` is made, so each starts with WeasyPrint imported, the fonts
configured and the stylesheets parsed; where forking is unsafe (threads running), or there is a
single core or a single document, the work is done here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from octavo.forking import share_out

if TYPE_CHECKING:
    from octavo.backends.base import Progress
    from octavo.backends.pdf_layout import LaidOut, PdfLayout

Result = TypeVar("Result")


def lay_out_all(layout: PdfLayout, documents: list[tuple[str, str]], workers: int,
                progress: Progress) -> list[LaidOut]:
    """The (title, HTML) documents laid out, in the order given."""
    return _in_workers([html for _, html in documents], workers, layout.lay_out,
                       lambda index: progress.step(documents[index][0]))


def lay_out_sheets(layout: PdfLayout, htmls: list[str], workers: int) -> list[bytes]:
    """The folio sheets' HTML laid out and written as PDF, in the order given."""
    return _in_workers(htmls, workers, layout.sheet_pdf)


def _in_workers(htmls: list[str], workers: int, lay_out: Callable[[str], Result],
                done: Callable[[int], None] = lambda index: None) -> list[Result]:
    """`lay_out` applied to every HTML, the longest first; `done` is told the index of each as
    it is finished."""
    return share_out([partial(lay_out, html) for html in htmls], [len(html) for html in htmls],
                     workers, done, this_process_works=False)
