"""Lay out a build's documents in worker processes, one document per task.

Each document's layout depends only on its own HTML (text, first side) and the build's
stylesheets and geometry, so the documents are independent tasks. The workers are forked from
this process after the `PdfLayout` is made, so each starts with WeasyPrint imported, the fonts
configured and the stylesheets parsed; where forking is unsafe (threads running), or there is
a single core or a single document, the work is done here.
"""

from __future__ import annotations

import multiprocessing
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from octavo.backends.base import Progress
    from octavo.backends.pdf_layout import LaidOut, PdfLayout

_WORKER_LAYOUT: PdfLayout | None = None  # set in the parent just before the workers fork


def lay_out_all(layout: PdfLayout, documents: list[tuple[str, str]], workers: int,
                progress: Progress) -> list[LaidOut]:
    """The (title, HTML) documents laid out, in the order given."""
    titles = [title for title, _ in documents]
    htmls = [html for _, html in documents]
    workers = min(workers, len(htmls))
    if workers <= 1 or not _can_fork():
        return [_step(layout.lay_out(html), titles[i], progress) for i, html in enumerate(htmls)]
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _WORKER_LAYOUT
    _WORKER_LAYOUT = layout
    results: dict[int, LaidOut] = {}
    try:
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
        with pool:
            # Longest first, so that no worker is left alone with a long story at the end.
            order = sorted(range(len(htmls)), key=lambda i: -len(htmls[i]))
            futures = {i: pool.submit(_lay_out_in_worker, htmls[i]) for i in order}
            for index in order:
                try:
                    results[index] = _step(futures[index].result(), titles[index], progress)
                except BrokenProcessPool:
                    break  # a worker died (killed, out of memory): the rest is done here
    finally:
        _WORKER_LAYOUT = None
    return [results[i] if i in results else _step(layout.lay_out(html), titles[i], progress)
            for i, html in enumerate(htmls)]


def _step(laid_out: LaidOut, title: str, progress: Progress) -> LaidOut:
    progress.step(title)
    return laid_out


def _lay_out_in_worker(html: str) -> LaidOut:
    assert _WORKER_LAYOUT is not None, "a layout worker was started without a layout"
    return _WORKER_LAYOUT.lay_out(html)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
