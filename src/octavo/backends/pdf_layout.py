"""Lay out one HTML document with WeasyPrint, inside a sandbox.

WeasyPrint is imported here (`load_engine`, `PdfLayout`) and nowhere else, so an EPUB-only build
never loads it. One font configuration and one parsed stylesheet serve every document of a
build, and so does each of the small stylesheets added to some documents (the folios hidden,
the ornaments drawn).
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import logging
import os
from collections.abc import Collection, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit
from xml.sax.saxutils import escape

from octavo.backends.pdf_folios import (
    HIDE_BODY_FOLIOS,
    FolioKind,
    folio_kind,
    folio_sheet_html,
    running_strings,
    sheet_parts,
)
from octavo.backends.pdf_pagemap import LocalStart, page_starts
from octavo.resources import fonts_dir, styles_dir

if TYPE_CHECKING:
    from octavo.backends.base import Progress
    from octavo.cache import BuildCache


@dataclass(frozen=True, slots=True)
class LaidOut:
    pdf: bytes
    pages: int
    anchors: dict[str, int]  # element id → 0-based page index within this document
    # Blank-line scene breaks (their nth-of-type in the story text) that fell at the top or foot
    # of a page and are drawn as the ornament there.
    ornamented_breaks: tuple[int, ...] = ()
    starts: tuple[LocalStart | None, ...] = ()  # where each page begins (the EPUB's page list)
    # The folio each page carries, drawn when the documents are joined (see pdf_folios.py).
    folios: tuple[FolioKind, ...] = ()
    running_strings: str = ""  # the markup setting its running heads, drawn at the join too


def is_allowed_url(url: str, allowed_roots: tuple[Path, ...]) -> bool:
    """Only local files inside the allowed folders (after following symlinks) may be read."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parts.path)).resolve()
    return any(path == root or root in path.parents for root in allowed_roots)


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    """The environment variable `name` set to `value` inside, as it was after."""
    previous = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if previous is None:
            del os.environ[name]
        else:
            os.environ[name] = previous


def _source_date_epoch(timestamp: dt.datetime) -> AbstractContextManager[None]:
    """fontTools (WeasyPrint's font subsetter when HarfBuzz-subset is absent) stamps each subset
    font with the current time unless SOURCE_DATE_EPOCH is set; set it for reproducible PDFs."""
    return _environment("SOURCE_DATE_EPOCH", str(int(timestamp.timestamp())))


def load_engine() -> None:
    """Import WeasyPrint and the parts of it a layout uses. The PDF backend does it as soon as
    it is made, which a build does while its workers read the stories (pipeline.py): importing
    WeasyPrint takes this process a quarter to half a second, on its own otherwise, before the
    first document can be laid out."""
    import weasyprint
    import weasyprint.document
    import weasyprint.formatting_structure.boxes
    import weasyprint.text.fonts
    import weasyprint.text.line_break
    import weasyprint.urls  # noqa: F401


# Fontconfig reads the file FONTCONFIG_FILE names when a configuration is loaded. This one lists
# octavo's own fonts and nothing else: no system font can reach the PDF (the same book prints
# the same on every machine), and Pango's fallback for a character the body font lacks can only
# land on a shipped fallback font. Without a cache directory fontconfig scans the folder once per
# build, which costs less than 0.02 s and writes nothing anywhere. The two <match>
# rules are fontconfig's own 10-scale-bitmap-fonts.conf: they scale a bitmap font (the colour
# emoji) to the size asked for; without them an emoji prints at its bitmaps' 109 pixels per em.
_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>{fonts}</dir>
  <match target="font">
    <test name="outline" compare="eq"><bool>false</bool></test>
    <edit name="pixelsizefixupfactor" mode="assign">
      <divide><name target="pattern">pixelsize</name><name target="font">pixelsize</name></divide>
    </edit>
  </match>
  <match target="font">
    <test name="outline" compare="eq"><bool>false</bool></test>
    <test name="pixelsizefixupfactor" compare="not_eq"><double>1.0</double></test>
    <edit name="matrix" mode="assign">
      <times><name>matrix</name><matrix><name>pixelsizefixupfactor</name><double>0</double>
        <double>0</double><name>pixelsizefixupfactor</name></matrix></times>
    </edit>
    <edit name="size" mode="assign"><divide><name>size</name><name>pixelsizefixupfactor</name></divide></edit>
  </match>
</fontconfig>
"""


@contextmanager
def _only_shipped_fonts() -> Iterator[None]:
    """While a WeasyPrint FontConfiguration is created inside, fontconfig sees only the fonts
    under styles/fonts/."""
    with TemporaryDirectory(prefix="octavo-fonts-") as folder:
        conf = Path(folder) / "fonts.conf"
        conf.write_text(_FONTCONFIG.format(fonts=escape(str(fonts_dir().resolve()))),
                        encoding="utf-8")
        with _environment("FONTCONFIG_FILE", str(conf)):
            yield


# A blank-line scene break drawn as the ornament: the same box height, so nothing moves.
_ORNAMENT_RULE = ('.story-text > hr.scene-break.space:nth-of-type({n})::before '
                  '{{ content: "*\\2003*\\2003*"; text-align: center; }}')


class PdfLayout:
    """Lays out one document at a time with this build's stylesheets and page geometry.

    Results are cached for the build by (geometry, document): a second pass at another gutter
    re-runs what the new margins change and nothing else."""

    def __init__(self, book_root: Path, geometry_css: str, stylesheet: Path | Sequence[Path],
                 timestamp: dt.datetime, user_stylesheet: Path | None = None) -> None:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import URLFetcher

        # WeasyPrint warns about CSS it ignores; our stylesheet is known, the noise is not useful.
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        roots = (styles_dir().resolve(), book_root.resolve())

        class SandboxedFetcher(URLFetcher):  # type: ignore[misc]
            """Refuses every URL outside the book folder and octavo's own styles."""

            def fetch(self, url: str, headers: Any = None) -> Any:
                # data:image/ URLs are the pictures a manuscript carries, embedded by
                # render/xhtml.py from bytes already read and checked: nothing is fetched.
                if not (url.startswith("data:image/") or is_allowed_url(url, roots)):
                    raise ValueError(f"octavo refuses to fetch {url!r}")
                return super().fetch(url, headers)

        self._weasyprint = weasyprint
        self.timestamp = timestamp
        self.fetcher = SandboxedFetcher()
        with _only_shipped_fonts():
            self.font_config = FontConfiguration()
        self.base_url = book_root.resolve().as_uri() + "/"
        sheets = [stylesheet] if isinstance(stylesheet, Path) else list(stylesheet)
        self._base = [self._css(filename=str(path)) for path in sheets]
        self._user = [self._css(filename=str(user_stylesheet))] if user_stylesheet else []
        self._cache: dict[str, LaidOut] = {}
        # The small stylesheets some documents add, parsed once each (shared by `with_geometry`).
        self._parsed: dict[str, Any] = {}
        self._store_to: BuildCache | None = None
        # What else decides a layout besides the geometry and the document's HTML. Not the
        # build's time (the newest manuscript's, so any edit would change it): a document's
        # dates are in its own information dictionary, which joining the pages leaves behind.
        self._fingerprint = "\0".join(
            [*(_file_digest(path) for path in sheets),
             _file_digest(user_stylesheet) if user_stylesheet else ""])
        self._set_geometry(geometry_css)

    def _css(self, **source: str) -> Any:
        return self._weasyprint.CSS(**source, font_config=self.font_config,
                                    url_fetcher=self.fetcher)

    def _extra_css(self, text: str) -> Any:
        """`text` parsed as a stylesheet, once a build: the same few rules are added to every
        story (the body folios hidden), and to its probes."""
        if text not in self._parsed:
            self._parsed[text] = self._css(string=text)
        return self._parsed[text]

    def _set_geometry(self, geometry_css: str) -> None:
        self.geometry_css = geometry_css
        self.stylesheets = [*self._base, self._css(string=geometry_css), *self._user]

    def with_geometry(self, geometry_css: str) -> PdfLayout:
        """The same layout (fonts, stylesheets, cache) on pages of another geometry."""
        if geometry_css == self.geometry_css:
            return self
        other = copy.copy(self)
        other._set_geometry(geometry_css)
        return other

    def render(self, html: str, *, typeset: bool = True) -> LaidOut:
        """`html` laid out and written as PDF (from this build's or an earlier build's cache
        when it was laid out before). With `typeset`, a story goes through octavo's own layout
        pass (pdf_typeset.py: tied paragraph ends, balanced spreads); other documents are
        unaffected by it."""
        key = self.key_for(html, typeset)
        return self._found(key) or self._keep(key, self.lay_out(html, typeset))

    def key_for(self, html: str, typeset: bool = True) -> str:
        from octavo.cache import cache_key

        return cache_key(self._fingerprint, self.geometry_css, html,
                         "typeset" if typeset else "one pass")

    def peek(self, html: str) -> LaidOut | None:
        """The document laid out by this build or an earlier one, or None."""
        return self._found(self.key_for(html))

    def prefetch(self, documents: Sequence[tuple[str, str]], workers: int,
                 progress: Progress) -> int:
        """Lay out the (title, HTML) documents not laid out yet, in parallel where there are
        several; return how many were laid out."""
        from octavo.backends.pdf_parallel import lay_out_all

        missing: dict[str, tuple[str, str]] = {}
        for title, html in documents:
            key = self.key_for(html)
            if key not in missing and self._found(key) is None:
                missing[key] = (title, html)
        done = lay_out_all(self, list(missing.values()), workers, progress)
        for key, laid_out in zip(missing, done, strict=True):
            self._keep(key, laid_out)
        return len(missing)

    def use_store(self, store: BuildCache) -> None:
        """Keep laid-out documents in the build cache too, for the next build."""
        self._store_to = store

    def _stored(self, key: str) -> LaidOut | None:
        if self._store_to is None:
            return None
        payload = self._store_to.get(LAID_OUT_KIND, key)
        laid_out = None if payload is None else decode_laid_out(payload)
        if payload is not None and laid_out is None:
            self._store_to.reject(LAID_OUT_KIND, key)
        return laid_out

    def _found(self, key: str) -> LaidOut | None:
        """Laid out by this build, or (then kept for this build) by an earlier one."""
        if key not in self._cache:
            stored = self._stored(key)
            if stored is None:
                return None
            self._cache[key] = stored
        return self._cache[key]

    def _keep(self, key: str, laid_out: LaidOut) -> LaidOut:
        """A fresh layout, for this build and (with a store) the next ones."""
        self._cache[key] = laid_out
        if self._store_to is not None:
            self._store_to.put(LAID_OUT_KIND, key, encode_laid_out(laid_out))
        return laid_out

    def lay_out(self, html: str, typeset: bool = True) -> LaidOut:
        """One document, its body folios and heads left for the join (see pdf_folios.py)."""
        hide = [self._extra_css(HIDE_BODY_FOLIOS)]
        document = self._place(html, hide, typeset)
        ornamented: tuple[int, ...] = ()
        if "scene-break space" in html:
            ornamented = _edge_space_breaks(document)
            if ornamented:  # drawn as the ornament: the same height, so the pages stay as they are
                rules = "\n".join(_ORNAMENT_RULE.format(n=n) for n in ornamented)
                document = self._place(html, [self._extra_css(rules), *hide], typeset)
        anchors: dict[str, int] = {}
        for index, page in enumerate(document.pages):
            for anchor in page.anchors:
                anchors.setdefault(anchor, index)
        with _source_date_epoch(self.timestamp):
            pdf = document.write_pdf()
        return LaidOut(pdf=pdf, pages=len(document.pages), anchors=anchors,
                       ornamented_breaks=ornamented, starts=tuple(page_starts(document)),
                       folios=tuple(folio_kind(page) for page in document.pages),
                       running_strings=running_strings(html))

    def folio_sheets(self, kinds: list[FolioKind], heads: list[str], language: str,
                     direction: str, workers: int = 1,
                     only: Collection[int] | None = None) -> list[bytes]:
        """The folios and running heads of the body's pages, laid out at their places on
        otherwise empty pages: one PDF per part of the body (`sheet_parts`), its pages in
        order, laid out in parallel and kept in the build cache (a folio shift lays out only
        the parts whose numbers changed). With `only`, the parts of those indexes only (the
        others are b"")."""
        htmls = [folio_sheet_html(kinds[start:end], heads[start:end], language, direction,
                                  first_folio=start + 1)
                 for index, (start, end) in enumerate(sheet_parts(kinds))
                 if only is None or index in only]
        keys = [self.key_for(html, typeset=False) for html in htmls]
        found = {key: self._stored_sheet(key) for key in keys}
        missing = sorted({key: html for key, html in zip(keys, htmls, strict=True)
                          if found[key] is None}.items())
        from octavo.backends.pdf_parallel import lay_out_sheets

        for (key, _), pdf in zip(missing, lay_out_sheets(self, [html for _, html in missing],
                                                          workers), strict=True):
            found[key] = pdf
            if self._store_to is not None:
                self._store_to.put(FOLIO_SHEET_KIND, key, pdf)
        laid_out = iter([found[key] or b"" for key in keys])
        return [next(laid_out) if only is None or index in only else b""
                for index in range(len(sheet_parts(kinds)))]

    def sheet_pdf(self, html: str) -> bytes:
        """A folio sheet's HTML laid out and written as PDF."""
        document = self._layout(html, [])
        with _source_date_epoch(self.timestamp):
            return bytes(document.write_pdf())

    def _stored_sheet(self, key: str) -> bytes | None:
        if self._store_to is None:
            return None
        payload = self._store_to.get(FOLIO_SHEET_KIND, key)
        if payload is not None and not payload.startswith(b"%PDF-"):
            self._store_to.reject(FOLIO_SHEET_KIND, key)
            return None
        return payload

    def _place(self, html: str, extra: list[Any], typeset: bool) -> Any:
        """The laid-out document, through the typesetting pass or straight from WeasyPrint."""
        if not typeset:
            return self._layout(html, extra)
        from octavo.backends.pdf_typeset import typeset_story

        document, _ = typeset_story(html, lambda source: self._layout(source, extra))
        return document

    def _layout(self, html: str, extra: list[Any]) -> Any:
        return self._weasyprint.HTML(
            string=html, base_url=self.base_url, url_fetcher=self.fetcher,
        ).render(stylesheets=[*self.stylesheets, *extra], font_config=self.font_config)


LAID_OUT_KIND = "pdf-document"
FOLIO_SHEET_KIND = "pdf-folios"


def encode_laid_out(laid_out: LaidOut) -> bytes:
    """A cache entry: a JSON header line, then the PDF's bytes."""
    header = {"pages": laid_out.pages, "anchors": laid_out.anchors,
              "starts": [None if start is None else
                         [start.section, None if start.block is None else list(start.block),
                          start.offset, start.item] for start in laid_out.starts],
              "ornamented": list(laid_out.ornamented_breaks), "folios": list(laid_out.folios),
              "heads": laid_out.running_strings}
    return json.dumps(header, separators=(",", ":")).encode() + b"\n" + laid_out.pdf


def decode_laid_out(payload: bytes) -> LaidOut | None:
    """The entry back, or None when it is not one (it is then laid out again)."""
    head, _, pdf = payload.partition(b"\n")
    try:
        header = json.loads(head)
        folios = tuple(header["folios"])
        laid_out = LaidOut(pdf=pdf, pages=int(header["pages"]),
                           anchors={str(k): int(v) for k, v in header["anchors"].items()},
                           ornamented_breaks=tuple(int(n) for n in header["ornamented"]),
                           folios=folios, running_strings=str(header["heads"]),
                           starts=tuple(_start(item) for item in header["starts"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
    if not pdf.startswith(b"%PDF-") or len(folios) != laid_out.pages or not all(
            kind in ("opening", "running", "none") for kind in folios):
        return None
    return laid_out


def _start(item: Any) -> LocalStart | None:
    if item is None:
        return None
    section, block, offset, index = item
    return LocalStart(None if section is None else str(section),
                      None if block is None else tuple(int(n) for n in block), int(offset),
                      None if index is None else int(index))


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _edge_space_breaks(document: Any) -> tuple[int, ...]:
    """The blank-line scene breaks (nth-of-type among the story text's rules) that are the
    first or the last line of a page, where a reader could not see them. Read from the laid-out
    pages alone, so it holds after the typesetting pass has moved lines between pages."""
    numbers: dict[int, int] = {}  # id(hr element) → its place among the story text's rules
    found: set[int] = set()
    for page in document.pages:
        rows: list[tuple[int, bool] | None] = []
        _rows(page._page_box.children[0], rows, in_story_text=False)
        for row in rows:
            if row is not None:
                numbers.setdefault(row[0], len(numbers) + 1)
        for row in (rows[:1] + rows[-1:]) if rows else []:
            if row is not None and row[1]:
                found.add(numbers[row[0]])
    return tuple(sorted(found))


def _rows(box: Any, rows: list[tuple[int, bool] | None], in_story_text: bool) -> None:
    """The page's lines in order: None for a line of text, (id(element), is a blank-line break)
    for a rule that is a direct child of the story's text."""
    element = getattr(box, "element", None)
    classes = (element.get("class") or "").split() if element is not None else []
    if "running-strings" in classes:
        return
    if getattr(box, "element_tag", None) == "hr" and getattr(box, "pseudo_type", None) is None:
        rows.append((id(element), "space" in classes) if in_story_text else None)
        return
    if type(box).__name__ == "LineBox":
        rows.append(None)
        return
    # The story text's own box, or an anonymous box inside it (it carries the same element).
    inside = "story-text" in classes
    for child in getattr(box, "children", ()):
        _rows(child, rows, inside)
