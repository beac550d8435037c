"""Find the books of a catalogue: every book.yaml under a folder, or the paths a file lists."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from octavo.diagnostics import OctavoError, Span

MANIFEST_NAME = "book.yaml"
# Folders that never hold a book of the catalogue: outputs, caches, tools' own folders.
_SKIPPED = {"dist", "node_modules", "__pycache__", "venv"}


@dataclass(frozen=True, slots=True)
class CatalogueEntry:
    manifest: Path  # absolute path of the book's book.yaml
    name: str  # the book as the report names it: its folder, relative to the catalogue


def natural_key(text: str) -> list[int | str]:
    """Sort key that puts "book-2" before "book-10"."""
    return [int(part) if part.isdigit() else part.lower() for part in re.split(r"(\d+)", text)]


def discover(catalogue: Path) -> list[CatalogueEntry]:
    """The catalogue's books in natural order. A folder is searched recursively (not below a
    book's own folder, nor into hidden or output folders); a file lists one book per line
    (a folder or a book.yaml, relative to the file; blank lines and `#` comments ignored)."""
    catalogue = catalogue.resolve()
    if catalogue.is_dir():
        manifests = _walk(catalogue)
        base = catalogue
    elif catalogue.is_file():
        manifests = _listed(catalogue)
        base = catalogue.parent
    else:
        raise OctavoError.single("OCT150", "no such catalogue folder or list file",
                                 Span(str(catalogue)))
    entries = [CatalogueEntry(m, _name(m.parent, base)) for m in manifests]
    return sorted(entries, key=lambda e: natural_key(e.name))


def _walk(folder: Path) -> list[Path]:
    found: list[Path] = []
    for current, dirs, files in os.walk(folder):
        if MANIFEST_NAME in files:
            found.append(Path(current) / MANIFEST_NAME)
            dirs.clear()  # a book's own subfolders are its own business
            continue
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _SKIPPED]
    return found


def _listed(list_file: Path) -> list[Path]:
    found: list[Path] = []
    problems: list[tuple[int, str]] = []
    try:
        lines = list_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise OctavoError.single("OCT150", f"cannot read the catalogue list: {exc}",
                                 Span(str(list_file))) from None
    for number, line in enumerate(lines, 1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        path = (list_file.parent / entry).resolve()
        if path.is_dir():
            path = path / MANIFEST_NAME
        if not path.is_file():
            problems.append((number, entry))
            continue
        found.append(path)
    if problems:
        from octavo.diagnostics import Diagnostic, Severity

        raise OctavoError(Diagnostic(Severity.ERROR, "OCT150", f"'{entry}' is not a book "
                                     f"folder or book.yaml", Span(str(list_file), number, 1))
                          for number, entry in problems)
    return found


def _name(folder: Path, base: Path) -> str:
    try:
        relative = folder.relative_to(base).as_posix()
    except ValueError:
        return str(folder)
    return relative if relative != "." else folder.name
