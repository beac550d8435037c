"""Read a manuscript file into a RawStory, whatever its format and encoding."""

from __future__ import annotations

from pathlib import Path

from octavo.diagnostics import OctavoError, Span
from octavo.ingest.decode import DecodedText, decode_manuscript
from octavo.ingest.markdown import parse_markdown
from octavo.ingest.model import ManuscriptHeading, RawStory
from octavo.ingest.plaintext import parse_plaintext

__all__ = ["ManuscriptHeading", "RawStory", "parse_manuscript", "read_manuscript",
           "read_manuscript_bytes", "read_text"]

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
TEXT_SUFFIXES = {".txt", ".text", ""}
MAX_MANUSCRIPT_BYTES = 64 * 1024 * 1024


def read_manuscript(path: Path, display: str) -> RawStory:
    """Read, decode and parse one manuscript. Raises OctavoError when it cannot be used."""
    return parse_manuscript(read_text(path, display), path.suffix, display)


def read_text(path: Path, display: str) -> DecodedText:
    """Read and decode one manuscript file, refusing formats and files octavo cannot use."""
    return decode_manuscript(read_manuscript_bytes(path, display), display)


def read_manuscript_bytes(path: Path, display: str) -> bytes:
    """One manuscript file's bytes, refusing formats and files octavo cannot use."""
    suffix = path.suffix.lower()
    if suffix not in MARKDOWN_SUFFIXES | TEXT_SUFFIXES:
        raise OctavoError.single(
            "OCT201", f"'{path.name}': octavo reads .txt and .md manuscripts, not '{suffix}'",
            Span(display))
    try:
        if path.stat().st_size > MAX_MANUSCRIPT_BYTES:
            raise OctavoError.single("OCT200", "manuscript is larger than 64 MiB", Span(display))
        return path.read_bytes()
    except OSError as exc:
        raise OctavoError.single("OCT200", f"cannot read: {exc.strerror}", Span(display)) from None


def parse_manuscript(decoded: DecodedText, suffix: str, display: str) -> RawStory:
    """Decoded text → blocks, by the reader for its format (plain text unless Markdown)."""
    parse = parse_markdown if suffix.lower() in MARKDOWN_SUFFIXES else parse_plaintext
    story = parse(decoded.text, display)
    return RawStory(story.heading, story.blocks, decoded.diagnostics + story.diagnostics,
                    decoded.encoding)
