"""Lay out one HTML document with WeasyPrint, inside a sandbox.

WeasyPrint is imported here, inside `PdfLayout`, and nowhere else, so an EPUB-only build never
loads it. One font configuration and one parsed stylesheet serve every document of a build.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from octavo.resources import styles_dir


@dataclass(frozen=True, slots=True)
class LaidOut:
    pdf: bytes
    pages: int
    anchors: dict[str, int]  # element id → 0-based page index within this document


def is_allowed_url(url: str, allowed_roots: tuple[Path, ...]) -> bool:
    """Only local files inside the allowed folders (after following symlinks) may be read."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return False
    path = Path(unquote(parts.path)).resolve()
    return any(path == root or root in path.parents for root in allowed_roots)


@contextmanager
def _source_date_epoch(timestamp: dt.datetime) -> Iterator[None]:
    """fontTools (WeasyPrint's font subsetter when HarfBuzz-subset is absent) stamps each subset
    font with the current time unless SOURCE_DATE_EPOCH is set; set it for reproducible PDFs."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(timestamp.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


class PdfLayout:
    def __init__(self, book_root: Path, geometry_css: str, stylesheet: Path,
                 timestamp: dt.datetime) -> None:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import URLFetcher

        # WeasyPrint warns about CSS it ignores; our stylesheet is known, the noise is not useful.
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        roots = (styles_dir().resolve(), book_root.resolve())

        class SandboxedFetcher(URLFetcher):  # type: ignore[misc]
            """Refuses every URL outside the book folder and octavo's own styles."""

            def fetch(self, url: str, headers: Any = None) -> Any:
                if not is_allowed_url(url, roots):
                    raise ValueError(f"octavo refuses to fetch {url!r}")
                return super().fetch(url, headers)

        self._weasyprint = weasyprint
        self.timestamp = timestamp
        self.fetcher = SandboxedFetcher()
        self.font_config = FontConfiguration()
        self.base_url = book_root.resolve().as_uri() + "/"
        self.stylesheets = [
            weasyprint.CSS(filename=str(stylesheet), font_config=self.font_config,
                           url_fetcher=self.fetcher),
            weasyprint.CSS(string=geometry_css, font_config=self.font_config,
                           url_fetcher=self.fetcher),
        ]

    def render(self, html: str) -> LaidOut:
        document = self._weasyprint.HTML(
            string=html, base_url=self.base_url, url_fetcher=self.fetcher,
        ).render(stylesheets=self.stylesheets, font_config=self.font_config)
        anchors: dict[str, int] = {}
        for index, page in enumerate(document.pages):
            for anchor in page.anchors:
                anchors.setdefault(anchor, index)
        with _source_date_epoch(self.timestamp):
            pdf = document.write_pdf()
        return LaidOut(pdf=pdf, pages=len(document.pages), anchors=anchors)
