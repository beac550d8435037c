"""Lay out a build's documents in worker processes, one document per task.

Each document's layout depends only on its own HTML (text, first side) and the build's
stylesheets and geometry, so the documents are independent tasks; so are the parts of the
folio sheet (pdf_folios.py). The workers are forked from this process after the `PdfLayout` is
made, so each starts with WeasyPrint imported, the fonts configured and the stylesheets parsed;
where forking is unsafe (threads running), or there is a single core or a single document, the
work is done here.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from octavo.forking import can_fork

if TYPE_CHECKING:
    from octavo.backends.base import Progress
    from octavo.backends.pdf_layout import LaidOut, PdfLayout

_WORKER_LAYOUT: PdfLayout | None = None  # set in the parent just before the workers fork
Result = TypeVar("Result")


def lay_out_all(layout: PdfLayout, documents: list[tuple[str, str]], workers: int,
                progress: Progress) -> list[LaidOut]:
    """The (title, HTML) documents laid out, in the order given."""
    return _in_workers(layout, [html for _, html in documents], workers, _lay_out_in_worker,
                       lambda html: layout.lay_out(html),
                       lambda index: progress.step(documents[index][0]))


def lay_out_sheets(layout: PdfLayout, htmls: list[str], workers: int) -> list[bytes]:
    """The folio sheets' HTML laid out and written as PDF, in the order given."""
    return _in_workers(layout, htmls, workers, _sheet_in_worker, layout.sheet_pdf)


def _in_workers(layout: PdfLayout, htmls: list[str], workers: int,
                in_worker: Callable[[str], Result], here: Callable[[str], Result],
                done: Callable[[int], None] = lambda index: None) -> list[Result]:
    """`here` (in this process) or `in_worker` (in a forked one) applied to every HTML; `done`
    is told the index of each as it is finished."""
    def at_home(index: int) -> Result:
        result = here(htmls[index])
        done(index)
        return result

    workers = min(workers, len(htmls))
    if workers <= 1 or not can_fork():
        return [at_home(i) for i in range(len(htmls))]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _WORKER_LAYOUT
    _WORKER_LAYOUT = layout
    results: dict[int, Result] = {}
    # The workers share this process's pages until they write to them; the collector writes
    # to every object it scans, so the objects made so far (the book, WeasyPrint's state) are
    # set aside from it while the workers live, and stay shared.
    gc.freeze()
    try:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        with pool:
            # Longest first, so that no worker is left alone with a long document at the end.
            order = sorted(range(len(htmls)), key=lambda i: -len(htmls[i]))
            futures = {i: pool.submit(in_worker, htmls[i]) for i in order}
            for index in order:
                try:
                    results[index] = futures[index].result()
                    done(index)
                except BrokenProcessPool:
                    break  # a worker died (killed, out of memory): the rest is done here
    finally:
        _WORKER_LAYOUT = None
        gc.unfreeze()
    return [results[i] if i in results else at_home(i) for i in range(len(htmls))]


def _lay_out_in_worker(html: str) -> LaidOut:
    assert _WORKER_LAYOUT is not None, "a layout worker was started without a layout"
    return _WORKER_LAYOUT.lay_out(html)


def _sheet_in_worker(html: str) -> bytes:
    assert _WORKER_LAYOUT is not None, "a layout worker was started without a layout"
    return _WORKER_LAYOUT.sheet_pdf(html)

