"""The join with folios composed from digits: heads drawn in per document, numbers at the join.

Each body document is finished once for its text, its heads and its side (pdf_pieces.finish's
work, plus its running heads from its page of a heads sheet, plus the folio's resources), and
kept in the build cache under the hash of those alone: its page numbers are not in it. At the
join every page that carries a folio gets its number appended to its (still compressed) content
(pdf_numbers.py). So after one story is edited, that story is finished again and nothing else;
after a story changes length, every later page's number is drawn again and nothing is laid out.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

import pikepdf

from octavo.backends.pdf_folios import FolioKind, add_resources, renamed_drawing
from octavo.backends.pdf_numbers import (
    _CALIBRATION_PAGES,
    _WIDE_PAGES,
    PREFIX,
    WIDE_FIRST,
    FolioModel,
    append_drawing,
    calibrate,
    calibration_sheet_html,
    can_append,
    heads_sheet_html,
    spliceable,
    widest_strings,
)
from octavo.backends.pdf_pieces import (
    FINISHED_KIND,
    Finished,
    finish,
    saved_finished,
    stored_document,
)
from octavo.backends.pdf_print import remove_unused_colour_spaces

if TYPE_CHECKING:
    from octavo.backends.pdf_compose import Composition
    from octavo.backends.pdf_layout import LaidOut, PdfLayout
    from octavo.cache import BuildCache

HEADED_KIND = "pdf-headed"
SHEET_KIND = "pdf-folios"  # the sheets laid out for the join (pdf_layout.FOLIO_SHEET_KIND)
# Documents' strings per heads sheet: a sheet of about fifty pages takes a worker half a second.
HEADS_PER_SHEET = 24
# Below this many documents to finish, they are finished here: a worker costs more to start.
_DOCUMENTS_FOR_WORKERS = 8


@dataclass(frozen=True, slots=True)
class _Calibrated:
    model: FolioModel
    key: str  # what the model was made from: a finished document's key holds it


def worth_calibrating(composition: Composition) -> bool:
    """Whether composing folios from digits costs less than drawing them from whole sheets:
    the calibration lays out its own pages and two heads pages per document, the sheets one
    page per page of the book. A short book (a catalogue's 24-page novella) takes the sheets."""
    sheets_pages = len(composition.body_folios)
    calibration_pages = _CALIBRATION_PAGES + _WIDE_PAGES + 2 * len(composition.body)
    return sheets_pages >= calibration_pages * CALIBRATION_WORTH


# How many times the calibration's pages the book's must be for digits to pay: a folio shift
# then re-lays out no sheet, which is what a long book's rebuild needs.
CALIBRATION_WORTH = 1.0


def folio_model(layout: PdfLayout, composition: Composition, language: str, direction: str,
                workers: int, cache: BuildCache | None) -> _Calibrated | None:
    """The book's folio model (pdf_numbers.calibrate), from sheets laid out with its own
    stylesheets and its widest heads; None when folios are to be drawn from whole sheets
    (the book's stylesheets draw folios that digits do not compose, or the book is too short
    for the calibration to pay)."""
    if not worth_calibrating(composition):
        return None
    verso, recto = widest_strings([head for head, kind in zip(
        composition.body_heads, composition.body_folios, strict=True) if kind == "running"])
    wide_from = WIDE_FIRST
    htmls = [calibration_sheet_html(1, _CALIBRATION_PAGES, verso, recto, language, direction),
             calibration_sheet_html(wide_from, _WIDE_PAGES, verso, recto, language, direction),
             heads_sheet_html([verso, recto], language, direction)]
    keys, sheets = _sheets(layout, htmls, workers, cache)
    model = calibrate(sheets[0], sheets[1], wide_from, sheets[2])
    return None if model is None else _Calibrated(model, _digest("\0".join(keys).encode()))


def _sheets(layout: PdfLayout, htmls: Sequence[str], workers: int, cache: BuildCache | None,
            only: Sequence[int] | None = None) -> tuple[list[str], list[bytes]]:
    """Sheets' HTML laid out (from the build cache where laid out before): their keys and PDFs
    (b"" for those not in `only`, when given)."""
    from octavo.backends.pdf_parallel import lay_out_sheets

    keys = [layout.key_for(html, typeset=False) for html in htmls]
    wanted = range(len(htmls)) if only is None else only
    found: dict[int, bytes] = {}
    for index in wanted:
        payload = None if cache is None else cache.get(SHEET_KIND, keys[index])
        if payload is not None and not payload.startswith(b"%PDF-"):
            assert cache is not None
            cache.reject(SHEET_KIND, keys[index])
            payload = None
        if payload is not None:
            found[index] = payload
    missing = [index for index in wanted if index not in found]
    for index, pdf in zip(missing, lay_out_sheets(layout, [htmls[i] for i in missing], workers),
                          strict=True):
        found[index] = pdf
        if cache is not None:
            cache.put(SHEET_KIND, keys[index], pdf)
    return keys, [found.get(index, b"") for index in range(len(htmls))]


@dataclass(frozen=True, slots=True)
class _Job:
    laid_out: LaidOut
    kinds: tuple[FolioKind, ...]
    parity: int  # its first page's folio, modulo 2 (1: a recto)
    sheet: int | None  # the heads sheet its heads come from (None: it has no running page)
    position: int  # the index of its strings in that sheet
    key: str


def finish_with_digits(layout: PdfLayout, composition: Composition, calibrated: _Calibrated,
                       language: str, direction: str, workers: int,
                       cache: BuildCache | None) -> Finished:
    from octavo.cache import cache_key

    strings: dict[str, int] = {}
    offset = 0
    jobs: list[_Job] = []
    starts: list[int] = []  # each body document's first page, in the body
    chunks: list[list[str]] = []
    for placed in composition.body:
        offset += 1 if placed.blank_before else 0
        laid_out = placed.laid_out
        kinds = tuple(composition.body_folios[offset:offset + laid_out.pages])
        sheet = position = None
        if "running" in kinds:
            markup = laid_out.running_strings
            if markup not in strings:
                strings[markup] = len(strings)
                if len(strings) % HEADS_PER_SHEET == 1:
                    chunks.append([])
                chunks[-1].append(markup)
            sheet, position = divmod(strings[markup], HEADS_PER_SHEET)
        jobs.append(_Job(laid_out, kinds, (offset + 1) % 2, sheet, position or 0, ""))
        starts.append(offset)
        offset += laid_out.pages
    htmls = [heads_sheet_html(chunk, language, direction) for chunk in chunks]
    sheet_keys = [layout.key_for(html, typeset=False) for html in htmls]
    jobs = [_Job(job.laid_out, job.kinds, job.parity, job.sheet, job.position, cache_key(
        HEADED_KIND, _digest(job.laid_out.pdf), calibrated.key, str(job.parity),
        ",".join(job.kinds), "" if job.sheet is None else sheet_keys[job.sheet],
        str(job.position))) for job in jobs]

    front_key = cache_key(FINISHED_KIND, _digest(composition.front.pdf))
    front = _stored(cache, FINISHED_KIND, front_key, composition.front.pages, ())
    if front is None:
        data = finish(composition.front, (), None, 0)
        if cache is not None:
            cache.put(FINISHED_KIND, front_key, data)
        front = pikepdf.open(io.BytesIO(data))
    opened = [_stored(cache, HEADED_KIND, job.key, job.laid_out.pages, job.kinds)
              for job in jobs]
    missing = [index for index, pdf in enumerate(opened) if pdf is None]
    needed = sorted({sheet for sheet in (jobs[i].sheet for i in missing) if sheet is not None})
    _, sheets = _sheets(layout, htmls, workers, cache, only=needed)

    def heads_of(job: _Job) -> bytes:
        return b"" if job.sheet is None else sheets[job.sheet]

    todo = [partial(finish_headed, jobs[i], heads_of(jobs[i]), calibrated.model)
            for i in missing]
    from octavo.forking import share_out

    many = workers > 1 and len(todo) >= _DOCUMENTS_FOR_WORKERS
    done = share_out(todo, [jobs[i].laid_out.pages for i in missing], workers if many else 1,
                     this_process_works=False)
    for opened_sheet in _OPENED.values():  # opened here, when documents were finished here
        opened_sheet.close()
    _OPENED.clear()
    for index, data in zip(missing, done, strict=True):
        if cache is not None:
            cache.put(HEADED_KIND, jobs[index].key, data)
        opened[index] = pikepdf.open(io.BytesIO(data))
    body = [pdf for pdf in opened if pdf is not None]
    for document, job, start in zip(body, jobs, starts, strict=True):
        number(document, job.kinds, start + 1, calibrated.model)
    return Finished(front, body)


_OPENED: dict[bytes, pikepdf.Pdf] = {}  # the sheets a process has opened, by their bytes' hash


def _opened(data: bytes) -> pikepdf.Pdf:
    key = hashlib.sha256(data).digest()
    if key not in _OPENED:
        _OPENED[key] = pikepdf.open(io.BytesIO(data))
    return _OPENED[key]


def finish_headed(job: _Job, heads: bytes, model: FolioModel) -> bytes:
    """One body document finished for the join: its running heads drawn in, each page that
    carries a folio made ready for its number (the folio's resources added, its content
    wrapped and encoded to be appended to), unused colour spaces removed.

    The heads are drawn in the order one pass draws a page's margin: on a recto the head, then
    the folio; on a verso the folio, then the head (so text is extracted in reading order).
    A verso's head is therefore a content stream after the one the number is appended to: one
    stream, shared by every verso of the document."""
    sheet = _opened(model.sheet)
    with pikepdf.open(io.BytesIO(job.laid_out.pdf)) as document:
        heads_sheet = _opened(heads) if job.sheet is not None else None
        drawings: dict[int, tuple[bytes, list[tuple[str, pikepdf.Name, pikepdf.Object]]]] = {}

        def drawn(source: pikepdf.Pdf, index: int, prefix: str
                  ) -> tuple[bytes, list[tuple[str, pikepdf.Name, pikepdf.Object]]]:
            """A sheet page's drawing renamed, and the resources it needs (read once each)."""
            key = hash((id(source), index))
            if key not in drawings:
                drawings[key] = renamed_drawing(source, source.pages[index], prefix)
            return drawings[key]

        verso_head: pikepdf.Stream | None = None
        for index, kind in enumerate(job.kinds):
            page = document.pages[index]
            recto = (job.parity + index) % 2
            if kind == "none":
                continue
            head: tuple[bytes, list[tuple[str, pikepdf.Name, pikepdf.Object]]] | None = None
            if kind == "running":
                assert heads_sheet is not None
                at = 1 + 2 * job.position + recto
                if list(page.mediabox) != list(heads_sheet.pages[at].mediabox):
                    raise ValueError("the heads sheet's pages are not the book's size")
                head = drawn(heads_sheet, at, "Head-")
                add_resources(document, page, head[1])
            if head is not None and recto:
                page.contents_add(b"q\n", prepend=True)
                page.contents_add(b"Q\nq\n" + head[0] + b"\nQ\n")
            else:
                page.contents_add(b"q\n", prepend=True)
                page.contents_add(b"Q\n")
            page.contents_coalesce()
            if head is not None and not recto:
                if verso_head is None:
                    verso_head = document.make_stream(b"q\n" + head[0] + b"\nQ\n")
                page.obj.Contents = pikepdf.Array([page.obj.Contents, verso_head])
        remove_unused_colour_spaces(document)
        for index, kind in enumerate(job.kinds):
            if kind == "none":
                continue
            page = document.pages[index]
            recto = (job.parity + index) % 2
            add_resources(document, page, drawn(sheet, model.pages[(kind, recto)], PREFIX)[1])
            first = _numbered_stream(page)
            first.write(spliceable(first.read_bytes() + model.opening(kind, recto)),
                        filter=pikepdf.Name.FlateDecode)
        return saved_finished(document)


def _numbered_stream(page: pikepdf.Page) -> pikepdf.Stream:
    """The content stream a page's number is appended to: its only one, or its first."""
    contents = page.obj.Contents
    first = contents[0] if isinstance(contents, pikepdf.Array) else contents
    assert isinstance(first, pikepdf.Stream)
    return first


def number(document: pikepdf.Pdf, kinds: Sequence[FolioKind], first: int,
           model: FolioModel) -> None:
    """Each page of a finished document that carries a folio given its number (the first
    page's is `first`), appended to its content without decoding it."""
    for index, kind in enumerate(kinds):
        if kind != "none":
            contents = _numbered_stream(document.pages[index])
            folio = first + index
            contents.write(append_drawing(contents.read_raw_bytes(), model.drawing(kind, folio),
                                          model.opening(kind, folio)),
                           filter=pikepdf.Name.FlateDecode)


def _stored(cache: BuildCache | None, kind: str, key: str, pages: int,
            kinds: Sequence[FolioKind]) -> pikepdf.Pdf | None:
    """A finished document from the cache, or None; one whose folio pages' content cannot take
    their numbers is made again."""
    return stored_document(cache, kind, key, pages, lambda pdf: all(
        folio == "none" or _appendable(pdf.pages[index]) for index, folio in enumerate(kinds)))


def _appendable(page: pikepdf.Page) -> bool:
    contents = page.obj.get("/Contents")
    if isinstance(contents, pikepdf.Array) and len(contents) == 2:
        contents = contents[0]
    return isinstance(contents, pikepdf.Stream) and can_append(contents.read_raw_bytes())


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
