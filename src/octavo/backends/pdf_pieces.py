"""The documents finished one at a time for the join, and kept in the build cache.

A laid-out document (pdf_layout.LaidOut) is *finished* before it is joined: its folios and
running heads are drawn in from its page of the folio sheet (pdf_folios.py), the colour spaces
it defines and never uses are removed, and its streams are compressed. That is most of the
join's work per page (every page's content parsed, rewritten and compressed again), and it
depends only on the document's own PDF and on the part of the folio sheet its pages are drawn
from. So a finished document is kept under the hash of those two: after one story is edited,
the join finishes that story and the others of its part of the sheet again, copies the rest as
they were (their streams are not even decompressed), and lays out no other part of the sheet.
The same is done on a cold build, so a warm build's PDF is byte for byte the cold build's.
"""

from __future__ import annotations

import bisect
import hashlib
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pikepdf

from octavo.backends.pdf_folios import FolioKind, folio_sheet_html, sheet_parts, stamp_document
from octavo.backends.pdf_print import remove_unused_colour_spaces

if TYPE_CHECKING:
    from octavo.backends.pdf_compose import Composition
    from octavo.backends.pdf_layout import LaidOut, PdfLayout
    from octavo.cache import BuildCache

FINISHED_KIND = "pdf-finished"


@dataclass(frozen=True, slots=True)
class _Job:
    laid_out: LaidOut
    kinds: tuple[FolioKind, ...]  # the folio each of its pages carries
    part: int | None  # the part of the folio sheet its folios come from (None: no folios)
    first: int  # the index of its first page in that part
    key: str

    @property
    def sheet_part(self) -> int | None:
        """The part of the folio sheet finishing it needs, if any of its pages has a folio."""
        return self.part if any(kind != "none" for kind in self.kinds) else None


@dataclass(frozen=True, slots=True)
class Finished:
    front: pikepdf.Pdf
    body: list[pikepdf.Pdf]  # one per placed document of the body, in order

    def close(self) -> None:
        for pdf in (self.front, *self.body):
            pdf.close()


def finish_documents(layout: PdfLayout, composition: Composition, language: str,
                     direction: str, workers: int = 1,
                     cache: BuildCache | None = None) -> Finished:
    """The front matter and every body document of `composition` finished (from the cache
    where they were finished before), opened as PDFs to join: their heads drawn in, and their
    folios composed from digits (pdf_numbers.py), or, when the book's stylesheets draw folios
    that digits do not compose, drawn in from whole folio sheets."""
    from octavo.backends.pdf_numbered import finish_with_digits, folio_model

    model = folio_model(layout, composition, language, direction, workers, cache)
    if model is not None:
        return finish_with_digits(layout, composition, model, language, direction, workers,
                                  cache)
    return _finish_with_sheets(layout, composition, language, direction, workers, cache)


def _finish_with_sheets(layout: PdfLayout, composition: Composition, language: str,
                        direction: str, workers: int = 1,
                        cache: BuildCache | None = None) -> Finished:
    """Every document finished with its pages of the folio sheets drawn in (heads and folios
    laid out together, part by part)."""
    from octavo.cache import cache_key

    kinds, heads = composition.body_folios, composition.body_heads
    parts = sheet_parts(kinds)
    part_keys = [layout.key_for(folio_sheet_html(kinds[start:end], heads[start:end], language,
                                                 direction, first_folio=start + 1),
                                typeset=False) for start, end in parts]
    starts = [start for start, _ in parts]
    jobs = [_Job(composition.front, (), None, 0,
                 cache_key(FINISHED_KIND, _digest(composition.front.pdf)))]
    offset = 0
    for placed in composition.body:
        offset += 1 if placed.blank_before else 0
        pages = placed.laid_out.pages
        part = bisect.bisect_right(starts, offset) - 1
        own = tuple(kinds[offset:offset + pages])
        first = offset - starts[part]
        jobs.append(_Job(placed.laid_out, own, part, first,
                         cache_key(FINISHED_KIND, _digest(placed.laid_out.pdf), part_keys[part],
                                   str(first), ",".join(own))))
        offset += pages
    opened: list[pikepdf.Pdf | None] = [_stored(job, cache) for job in jobs]
    missing = [index for index, pdf in enumerate(opened) if pdf is None]
    wanted = {job.sheet_part for job in (jobs[index] for index in missing)
              if job.sheet_part is not None}
    sheets = layout.folio_sheets(kinds, heads, language, direction, workers, only=wanted)
    todo = [jobs[index] for index in missing]
    for index, data in zip(missing, _finish_all(todo, sheets, workers), strict=True):
        if cache is not None:
            cache.put(FINISHED_KIND, jobs[index].key, data)
        opened[index] = pikepdf.open(io.BytesIO(data))
    documents = [pdf for pdf in opened if pdf is not None]
    return Finished(documents[0], documents[1:])


# Below this many documents to finish, they are finished here: a worker costs more to start.
_DOCUMENTS_FOR_WORKERS = 8
_WORK: tuple[list[_Job], list[bytes]] | None = None  # set just before the workers fork


def _finish_all(todo: list[_Job], sheets: list[bytes], workers: int) -> list[bytes]:
    """Each job finished, in order; in forked worker processes when there are many (a cold
    build of a long book: a few seconds a core for 3,000 pages)."""
    from octavo.forking import can_fork

    if workers <= 1 or len(todo) < _DOCUMENTS_FOR_WORKERS or not can_fork():
        return _finish_here(todo, sheets, range(len(todo)))
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _WORK
    _WORK = (todo, sheets)
    shares = [list(range(worker, len(todo), workers)) for worker in range(workers)]
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            done = list(pool.map(_finish_share, shares))
    finally:
        _WORK = None
    results: dict[int, bytes] = {}
    for share, finished in zip(shares, done, strict=True):
        results.update(zip(share, finished, strict=True))
    return [results[index] for index in range(len(todo))]


def _finish_share(share: list[int]) -> list[bytes]:
    assert _WORK is not None, "a finishing worker was started without its work"
    return _finish_here(*_WORK, share)


def _finish_here(todo: list[_Job], sheets: list[bytes], indexes: Iterable[int]) -> list[bytes]:
    opened: dict[int, pikepdf.Pdf] = {}  # each part of the folio sheet opened once
    try:
        finished = []
        for index in indexes:
            job = todo[index]
            part = job.sheet_part
            if part is not None and part not in opened:
                opened[part] = pikepdf.open(io.BytesIO(sheets[part]))
            finished.append(finish(job.laid_out, job.kinds,
                                   None if part is None else opened[part], job.first))
        return finished
    finally:
        for sheet in opened.values():
            sheet.close()


def finish(laid_out: LaidOut, kinds: Sequence[FolioKind], sheet: pikepdf.Pdf | None,
           first: int) -> bytes:
    """One document finished: the folios drawn in from `sheet`'s pages from `first` on, unused
    colour spaces removed, saved with its streams compressed (at zlib's best level: about 2 %
    of the book's bytes for a few tenths of a second, paid once per document)."""
    with pikepdf.open(io.BytesIO(laid_out.pdf)) as document:
        if sheet is not None:
            stamp_document(document, kinds, sheet, first)
        remove_unused_colour_spaces(document)
        return saved_finished(document)


def saved_finished(document: pikepdf.Pdf) -> bytes:
    """A finished document's bytes: deterministic, its streams compressed at level 9."""
    out = io.BytesIO()
    pikepdf.settings.set_flate_compression_level(9)
    try:
        document.save(out, deterministic_id=True, compress_streams=True,
                      object_stream_mode=pikepdf.ObjectStreamMode.disable)
    finally:
        pikepdf.settings.set_flate_compression_level(-1)  # QPDF's default again
    return out.getvalue()


def _stored(job: _Job, cache: BuildCache | None) -> pikepdf.Pdf | None:
    """The document as an earlier build finished it, or None."""
    return stored_document(cache, FINISHED_KIND, job.key, job.laid_out.pages)


def stored_document(cache: BuildCache | None, kind: str, key: str, pages: int,
                    usable: Callable[[pikepdf.Pdf], bool] = lambda pdf: True
                    ) -> pikepdf.Pdf | None:
    """A finished document from the cache, or None. An entry that is whole but is not such a
    document (written by something else: another page count, or not `usable`) is removed and
    made again."""
    if cache is None:
        return None
    payload = cache.get(kind, key)
    if payload is None:
        return None
    try:
        pdf = pikepdf.open(io.BytesIO(payload), attempt_recovery=False)
    except pikepdf.PdfError:
        pdf = None
    if pdf is not None and len(pdf.pages) == pages and usable(pdf):
        return pdf
    if pdf is not None:
        pdf.close()
    cache.reject(kind, key)
    return None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
