"""Zip containers (.docx, .odt, .epub) opened safely, before any library sees them.

Refused: entry names that climb out of the archive (`../`, absolute paths, drive letters), an
archive whose entries would unpack to more than octavo will hold in memory or that compress
suspiciously well (a zip bomb), and XML with a document type declaration (entities: XXE and
"billion laughs"), which no OOXML, ODF or EPUB file needs.

The sizes checked first are the central directory's, which a hostile archive can understate.
So every entry is then inflated once here, a megabyte at a time, and refused the moment it
grows past its recorded size (or its checksum fails): the libraries that read the archive
after this (python-docx, ebooklib, odfpy) can only meet entries that are what they claim.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass

from octavo.diagnostics import OctavoError, Span

MAX_ENTRIES = 10_000
MAX_ENTRY_BYTES = 128 * 1024 * 1024
MAX_TOTAL_BYTES = 256 * 1024 * 1024
MAX_RATIO = 200  # inflated / compressed; real documents stay well under 50
_RATIO_FLOOR = 1024 * 1024  # small entries may compress as well as they like
_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# What reading a damaged archive can raise (a flipped byte inflates to garbage or to nothing).
ZIP_ERRORS = (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, zlib.error, EOFError,
              KeyError, RuntimeError)
_XML_NAMES = re.compile(r"\.(?:xml|rels|opf|ncx|xhtml|html|htm|svg)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Container:
    archive: zipfile.ZipFile
    names: tuple[str, ...]
    display: str = ""

    def read(self, name: str) -> bytes:
        """An entry's bytes; OctavoError (OCT220) when the archive is damaged there."""
        try:
            return self.archive.read(name)
        except ZIP_ERRORS as exc:
            raise OctavoError.single("OCT220", f"the file's part '{name[:80]}' cannot be read "
                                     f"(a damaged archive: {exc})", Span(self.display)) from None


def open_container(raw: bytes, display: str, kind: str,
                   allow_doctype: frozenset[str] = frozenset()) -> Container:
    """Open `raw` as a zip archive after every check above; `kind` names the format in
    messages. Entries in `allow_doctype` may carry a bare `<!DOCTYPE html>` (XHTML in EPUBs),
    never an entity declaration."""
    span = Span(display)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except ZIP_ERRORS as exc:
        raise OctavoError.single("OCT220", f"not a readable {kind} file (a damaged zip "
                                 f"archive: {exc})", span) from None
    if len(infos) > MAX_ENTRIES:
        raise OctavoError.single("OCT221", f"the {kind} file holds {len(infos):,} entries; "
                                 f"octavo opens at most {MAX_ENTRIES:,}", span)
    total = 0
    for info in infos:
        name = info.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", name):
            raise OctavoError.single("OCT222", f"the {kind} file has an entry whose path "
                                     f"leaves the archive ('{name[:120]}'); refused", span)
        total += info.file_size
        ratio = info.file_size / max(1, info.compress_size)
        if (info.file_size > MAX_ENTRY_BYTES or total > MAX_TOTAL_BYTES
                or (info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO)):
            raise OctavoError.single(
                "OCT221", f"the {kind} file would unpack to more than octavo reads "
                f"('{name[:80]}' is {info.file_size:,} bytes from {info.compress_size:,}; "
                "a zip bomb?); refused", span)
    container = Container(archive, tuple(i.filename for i in infos), display)
    for info in infos:
        data = _inflate(archive, info, kind, span)
        name = info.filename
        if _XML_NAMES.search(name):
            found = _DOCTYPE.search(data)
            if found and (name not in allow_doctype or b"ENTITY" in data.upper()
                          or b"[" in data[found.start(): found.start() + 400].split(b">")[0]):
                raise OctavoError.single(
                    "OCT223", f"the {kind} file's part '{name[:80]}' declares XML entities or "
                    "a document type, which octavo never reads (an XXE or entity-expansion "
                    "attack?); refused", span)
    return container


_CHUNK = 1024 * 1024


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str, span: Span) -> bytes:
    """The entry's bytes, never more than its recorded size (one chunk over, at most)."""
    chunks: list[bytes] = []
    total = 0
    try:
        with archive.open(info) as entry:
            while chunk := entry.read(_CHUNK):
                total += len(chunk)
                if total > info.file_size:
                    raise OctavoError.single("OCT221", f"the {kind} file's entry "
                                             f"'{info.filename[:80]}' inflates past its recorded "
                                             "size (a zip bomb?); refused", span)
                chunks.append(chunk)
    except ZIP_ERRORS as exc:
        raise OctavoError.single("OCT220", f"not a readable {kind} file: its part "
                                 f"'{info.filename[:80]}' is damaged ({exc})", span) from None
    return b"".join(chunks)

