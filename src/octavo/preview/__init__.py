"""`octavo preview`: the book in a browser on localhost, rebuilt and reloaded on every save.

The page (static/index.html) shows the EPUB in epub.js and the PDF as page images, side by
side. Nothing is fetched from the network: the reader's code ships in static/. The server
sends an event (server-sent events, /events) after each rebuild; the page then reloads both
and opens where the author was editing (the first changed paragraph: its chapter and words in
the EPUB, the page holding them in the PDF).

Routes: /  /static/…  /book.epub  /book.pdf  /state.json  /pdf/N.png  /events
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

STATIC = Path(__file__).resolve().parent / "static"
_TYPES = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
          ".css": "text/css; charset=utf-8", ".md": "text/plain; charset=utf-8",
          ".txt": "text/plain; charset=utf-8"}
PAGE_SCALE = 1.4  # PDF pages at ~100 dpi: sharp on screen, small to send


@dataclass(slots=True)
class PreviewState:
    """What the page needs to know, changed by the rebuild thread, read by the server."""

    title: str = ""
    version: int = 0  # any change, for the events
    epub_version: int = 0
    pdf_version: int = 0
    ok: bool = False
    building: bool = True
    epub: Path | None = None
    pdf: Path | None = None
    pdf_pages: int = 0
    pdf_size: tuple[int, int] = (0, 0)  # a page's pixels as served, so the page lays out early
    chapter_href: str | None = None  # the EPUB document to open ("text/story-002.xhtml")
    snippet: str = ""  # words of the changed paragraph, to find in the EPUB
    pdf_page: int = 1  # the page to show first
    messages: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    changed: threading.Condition = field(default_factory=threading.Condition)
    renders: dict[tuple[int, int], bytes] = field(default_factory=dict)

    def public(self) -> dict[str, Any]:
        return {"title": self.title, "version": self.version, "ok": self.ok,
                "epub_version": self.epub_version, "pdf_version": self.pdf_version,
                "building": self.building, "epub": self.epub is not None,
                "pdf_pages": self.pdf_pages, "pdf_size": list(self.pdf_size),
                "chapter": self.chapter_href,
                "snippet": self.snippet, "page": self.pdf_page, "messages": self.messages}

    def announce(self) -> None:
        with self.changed:
            self.version += 1
            self.changed.notify_all()


def update_from(state: PreviewState, report: Any, pdfium_lock: threading.Lock) -> None:
    """Take a rebuild's report (rebuild.Rebuilt) into the state the page reads."""
    from octavo.rebuild import Rebuilt

    assert isinstance(report, Rebuilt)
    with state.lock:
        state.ok = report.ok
        state.messages = [str(d) for d in report.diagnostics if d.severity.value != "info"]
        if report.book is not None:
            state.title = report.book.meta.title
        if "epub" in report.formats and report.ok:
            state.epub = report.artifacts.get("epub", state.epub)
            state.epub_version += 1
        if "pdf" in report.formats and report.ok:
            state.pdf_version += 1
            state.pdf = report.artifacts.get("pdf", state.pdf)
            state.renders.clear()
            state.pdf_pages, state.pdf_size = _page_count(state.pdf, pdfium_lock) \
                if state.pdf else (0, (0, 0))
        if report.target is not None:
            state.chapter_href = f"text/{report.target.chapter_id}.xhtml"
            state.snippet = report.target.snippet
        if state.pdf is not None and "pdf" in report.formats and report.ok and state.snippet:
            state.pdf_page = _page_with(state.pdf, state.snippet, pdfium_lock) or state.pdf_page
    state.announce()


def _page_count(pdf: Path, lock: threading.Lock) -> tuple[int, tuple[int, int]]:
    """The number of pages, and the first page's size in pixels as rendered."""
    import pypdfium2 as pdfium

    with lock:
        document = pdfium.PdfDocument(str(pdf))
        try:
            width, height = document[0].get_size() if len(document) else (0, 0)
            return len(document), (round(width * PAGE_SCALE), round(height * PAGE_SCALE))
        finally:
            document.close()


def _page_with(pdf: Path, snippet: str, lock: threading.Lock) -> int | None:
    """The first page whose text holds the snippet's first words (hyphenation aside)."""
    import pypdfium2 as pdfium

    words = snippet.split()[:4]
    if not words:
        return None
    wanted = " ".join(words)
    with lock:
        document = pdfium.PdfDocument(str(pdf))
        try:
            for index in range(len(document)):
                page = document[index]
                text = " ".join(page.get_textpage().get_text_range().split())
                if wanted in text or (words[0] in text and " ".join(words[:2]) in text):
                    return index + 1
        finally:
            document.close()
    return None


def render_page(state: PreviewState, number: int, lock: threading.Lock) -> bytes | None:
    import io

    import pypdfium2 as pdfium

    with state.lock:
        pdf, version = state.pdf, state.pdf_version
        cached = state.renders.get((version, number))
    if cached is not None:
        return cached
    if pdf is None:
        return None
    with lock:
        document = pdfium.PdfDocument(str(pdf))
        try:
            if not 1 <= number <= len(document):
                return None
            image = document[number - 1].render(scale=PAGE_SCALE).to_pil()
        finally:
            document.close()
    out = io.BytesIO()
    image.save(out, format="PNG")
    data = out.getvalue()
    with state.lock:
        state.renders[(version, number)] = data
    return data


def make_handler(state: PreviewState, pdfium_lock: threading.Lock,
                 stopping: threading.Event) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "octavo-preview"

        def log_message(self, format: str, *args: Any) -> None:
            return  # the terminal shows the builds, not every request

        def do_GET(self) -> None:
            path = urlsplit(self.path).path
            if path == "/":
                self._file(STATIC / "index.html")
            elif path.startswith("/static/"):
                name = path.removeprefix("/static/")
                target = (STATIC / name).resolve()
                if target.parent != STATIC or not target.is_file():
                    self.send_error(HTTPStatus.NOT_FOUND)
                else:
                    self._file(target)
            elif path == "/state.json":
                with state.lock:
                    body = json.dumps(state.public()).encode("utf-8")
                self._send(body, "application/json")
            elif path in ("/book.epub", "/book.pdf"):
                with state.lock:
                    built = state.epub if path.endswith("epub") else state.pdf
                if built is None or not built.is_file():
                    self.send_error(HTTPStatus.NOT_FOUND, "not built yet")
                else:
                    kind = "application/epub+zip" if path.endswith("epub") else "application/pdf"
                    self._send(built.read_bytes(), kind)
            elif path.startswith("/pdf/") and path.endswith(".png"):
                number = path.removeprefix("/pdf/").removesuffix(".png")
                data = render_page(state, int(number), pdfium_lock) if number.isdigit() \
                    else None
                if data is None:
                    self.send_error(HTTPStatus.NOT_FOUND)
                else:
                    self._send(data, "image/png")
            elif path == "/events":
                self._events()
            else:
                self.send_error(HTTPStatus.NOT_FOUND)

        def _file(self, path: Path) -> None:
            self._send(path.read_bytes(), _TYPES.get(path.suffix, "application/octet-stream"))

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = -1
            try:
                while not stopping.is_set():
                    with state.changed:
                        if state.version == seen:
                            state.changed.wait(timeout=15)
                        version = state.version
                    if version != seen:
                        seen = version
                        self.wfile.write(f"event: build\ndata: {version}\n\n".encode())
                    else:
                        self.wfile.write(b": still here\n\n")  # keeps proxies from closing it
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


def serve(state: PreviewState, port: int, pdfium_lock: threading.Lock,
          stopping: threading.Event) -> ThreadingHTTPServer:
    """A server on 127.0.0.1 only (never on other interfaces), started in its own thread."""
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(state, pdfium_lock, stopping))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="octavo-preview", daemon=True).start()
    return server


def wait_forever(stopping: threading.Event) -> None:
    while not stopping.is_set():
        time.sleep(0.2)
