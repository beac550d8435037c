"""Read a manuscript file into a RawStory, whatever its format and encoding.

Readers form a registry by format, as the backends do: each turns a file's bytes into the
intermediate document's blocks with their source positions, and is imported only when a file of
its format is read (so python-docx, nh3 or ebooklib load only for the books that need them).
Nothing downstream knows the format.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from pathlib import Path

from octavo.diagnostics import OctavoError, Span
from octavo.ingest.decode import DecodedText, decode_manuscript
from octavo.ingest.markdown import parse_markdown
from octavo.ingest.model import ManuscriptHeading, RawStory, WorkMeta
from octavo.ingest.options import ReadOptions
from octavo.ingest.plaintext import parse_plaintext

__all__ = ["SUPPORTED_SUFFIXES", "ManuscriptHeading", "RawStory", "ReadOptions", "WorkMeta",
           "is_line_format", "parse_manuscript", "read_manuscript", "read_text"]

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
TEXT_SUFFIXES = {".txt", ".text", ""}
MAX_MANUSCRIPT_BYTES = 64 * 1024 * 1024

Reader = Callable[[bytes, str, ReadOptions], RawStory]

# Formats without lines of text: "module:function" taking (bytes, display name, options).
READERS: dict[str, str] = {
    ".docx": "octavo.ingest.docx:read_docx",
    ".docm": "octavo.ingest.docx:read_docx",
    ".html": "octavo.ingest.html:read_html",
    ".htm": "octavo.ingest.html:read_html",
    ".xhtml": "octavo.ingest.html:read_html",
    ".epub": "octavo.ingest.epub_in:read_epub",
    ".odt": "octavo.ingest.odt:read_odt",
    ".rtf": "octavo.ingest.rtf:read_rtf",
}
SUPPORTED_SUFFIXES = (".txt", ".md", *READERS)


def is_line_format(suffix: str) -> bool:
    """Plain text and Markdown: read as lines, checked line by line. Every other format is
    checked paragraph by paragraph (`story.docx:¶12:40`)."""
    return suffix.lower() in MARKDOWN_SUFFIXES | TEXT_SUFFIXES


def load_reader(suffix: str) -> Reader:
    module_name, function = READERS[suffix.lower()].split(":")
    reader: Reader = getattr(importlib.import_module(module_name), function)
    return reader


def _unsupported(path: Path, display: str) -> OctavoError:
    names = ", ".join(s for s in SUPPORTED_SUFFIXES if s not in (".docm", ".htm"))
    return OctavoError.single(
        "OCT201", f"'{path.name}': octavo reads {names} manuscripts, not '{path.suffix.lower()}'",
        Span(display))


def read_bytes(path: Path, display: str) -> bytes:
    try:
        if path.stat().st_size > MAX_MANUSCRIPT_BYTES:
            raise OctavoError.single("OCT200", "manuscript is larger than 64 MiB", Span(display))
        return path.read_bytes()
    except OSError as exc:
        raise OctavoError.single("OCT200", f"cannot read: {exc.strerror}", Span(display)) from None


def read_manuscript(path: Path, display: str, options: ReadOptions | None = None) -> RawStory:
    """Read, decode and parse one manuscript of any supported format. Raises OctavoError when
    it cannot be used."""
    suffix = path.suffix.lower()
    if is_line_format(suffix):
        return parse_manuscript(read_text(path, display), suffix, display)
    if suffix not in READERS:
        raise _unsupported(path, display)
    return load_reader(suffix)(read_bytes(path, display), display, options or ReadOptions())


def read_text(path: Path, display: str) -> DecodedText:
    """Read and decode one plain-text or Markdown manuscript."""
    if not is_line_format(path.suffix):
        raise _unsupported(path, display)
    return decode_manuscript(read_bytes(path, display), display)


def parse_manuscript(decoded: DecodedText, suffix: str, display: str) -> RawStory:
    """Decoded text → blocks, by the reader for its format (plain text unless Markdown)."""
    parse = parse_markdown if suffix.lower() in MARKDOWN_SUFFIXES else parse_plaintext
    story = parse(decoded.text, display)
    return dataclasses.replace(story, diagnostics=decoded.diagnostics + story.diagnostics,
                               encoding=decoded.encoding)
