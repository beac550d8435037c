"""Merge the laid-out documents into one print PDF with pikepdf (qpdf).

Adds the blank versos that make every story open on a right-hand page, the outline
(bookmarks), page labels matching the printed folios, and the document metadata. The output is
deterministic: fixed dates and a content-derived file identifier.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf


@dataclass(slots=True)
class OutlineNode:
    title: str
    page: int  # 0-based page index in the final PDF
    children: list[OutlineNode] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PdfInfo:
    title: str
    authors: str
    subject: str | None
    keywords: str | None
    language: str
    timestamp: dt.datetime


class Assembler:
    """Collects documents in reading order; `pages` is the running page count."""

    def __init__(self, width_pt: float, height_pt: float) -> None:
        self._pdf = pikepdf.Pdf.new()
        self._sources: list[pikepdf.Pdf] = []  # kept open until saving: pages refer to them
        self._kids: list[pikepdf.Object] | None = []  # the pages, until the page tree is made
        self.size = (width_pt, height_pt)

    @property
    def pdf(self) -> pikepdf.Pdf:
        """The book, its page tree made of every page added so far."""
        if self._kids is not None:
            # One Kids array for the whole book: qpdf's page-by-page insertion takes time
            # growing with the page count (0.7 s for a 3,300-page book against 0.2 s).
            tree = self._pdf.Root.Pages
            for kid in self._kids:
                kid.Parent = tree
            tree.Kids = pikepdf.Array(self._kids)
            tree.Count = len(self._kids)
            self._kids = None
        return self._pdf

    @property
    def pages(self) -> int:
        return len(self._kids) if self._kids is not None else len(self._pdf.pages)

    def append(self, source: pikepdf.Pdf) -> int:
        """Append a document (kept open until the book is saved, and then closed); return the
        index of its first page."""
        first = self.pages
        self._sources.append(source)
        if self._kids is None:
            self._pdf.pages.extend(source.pages)
        else:
            self._kids.extend(self._pdf.copy_foreign(page.obj) for page in source.pages)
        return first

    def add_blank(self) -> None:
        if self._kids is None:
            self._pdf.add_blank_page(page_size=self.size)
            return
        self._kids.append(self._pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=pikepdf.Array([0, 0, *self.size]),
            Contents=self._pdf.make_stream(b""), Resources=pikepdf.Dictionary())))

    def pad_to_even(self) -> None:
        """A blank verso, so that whatever comes next starts on a right-hand page."""
        if self.pages % 2:
            self.add_blank()

    def describe(self, outline: list[OutlineNode], front_pages: int, info: PdfInfo) -> None:
        """Page labels, bookmarks and metadata."""
        self._page_labels(front_pages)
        self._outline(outline)
        self._metadata(info)

    def save(self, path: Path, **options: Any) -> None:
        """Write the book, then let go of it and of its sources: the preflight that follows
        opens the file again, and the memory is better spent there (a 3,000-page book).

        The streams written here (the fonts, the output intent) are compressed at zlib's best
        level; the documents' streams keep the compression they were finished with
        (pdf_pieces.py), and are copied without being decompressed."""
        pikepdf.settings.set_flate_compression_level(9)
        try:
            self.pdf.save(path, deterministic_id=True, compress_streams=True, **options)
        finally:
            pikepdf.settings.set_flate_compression_level(-1)  # QPDF's default again
        self.close()
        self.pdf.close()

    def close(self) -> None:
        for source in self._sources:
            source.close()
        self._sources.clear()

    def _page_labels(self, front_pages: int) -> None:
        numbers: list[object] = [0, pikepdf.Dictionary(S=pikepdf.Name.r)]
        if front_pages < self.pages:
            numbers += [front_pages, pikepdf.Dictionary(S=pikepdf.Name.D, St=1)]
        self.pdf.Root.PageLabels = pikepdf.Dictionary(Nums=pikepdf.Array(numbers))

    def _outline(self, nodes: list[OutlineNode]) -> None:
        def make(node: OutlineNode) -> pikepdf.OutlineItem:
            item = pikepdf.OutlineItem(node.title, node.page)
            item.children.extend(make(child) for child in node.children)
            return item

        with self.pdf.open_outline() as outline:
            outline.root.extend(make(node) for node in nodes)

    def _metadata(self, info: PdfInfo) -> None:
        stamp = info.timestamp.astimezone(dt.UTC)
        pdf_date = stamp.strftime("D:%Y%m%d%H%M%SZ")
        docinfo = {
            "/Title": info.title, "/Author": info.authors, "/Creator": "octavo",
            "/Producer": "octavo (WeasyPrint, pikepdf)", "/CreationDate": pdf_date,
            "/ModDate": pdf_date,
        }
        if info.subject:
            docinfo["/Subject"] = info.subject
        if info.keywords:
            docinfo["/Keywords"] = info.keywords
        for key, value in docinfo.items():
            self.pdf.docinfo[key] = pikepdf.String(value)
        self.pdf.Root.Lang = pikepdf.String(info.language)
        self.pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        with self.pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:title"] = info.title
            if info.authors:
                meta["dc:creator"] = [info.authors]
            if info.subject:
                meta["dc:description"] = info.subject
            meta["dc:language"] = [info.language]
            meta["xmp:CreateDate"] = stamp.isoformat()
            meta["xmp:ModifyDate"] = stamp.isoformat()
            meta["xmp:MetadataDate"] = stamp.isoformat()
            meta["xmp:CreatorTool"] = "octavo"
            meta["pdf:Producer"] = "octavo (WeasyPrint, pikepdf)"
