"""`contents` entries beyond plain paths: patterns (chapters/*.md, in natural order), and what
to suggest when a path names no file."""

from __future__ import annotations

import glob
import re
from pathlib import Path
from typing import Any

from octavo.diagnostics import OctavoError, Span
from octavo.ingest import MARKDOWN_SUFFIXES, READERS
from octavo.paths import resolve_inside

# The manuscripts a pattern may pick up (not the backups `octavo fix` keeps, not images):
# plain text, Markdown, and every format a reader is registered for (.docx, .html, .epub...).
PATTERN_SUFFIXES = {".txt", ".text", *MARKDOWN_SUFFIXES, *READERS}
_PATTERN_CHARS = re.compile(r"[*?\[]")


def is_pattern(raw: str) -> bool:
    return bool(_PATTERN_CHARS.search(raw))


def natural_key(text: str) -> list[Any]:
    """"2" before "10": runs of digits compare as numbers."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", text)]


def expand_pattern(raw: str, folder: Path, root: Path, span: Span) -> list[tuple[Path, str]]:
    """The manuscripts `raw` matches, as (resolved path, path as the manifest would write it),
    in natural order. Hidden files and files outside the book folder never match."""
    resolve_inside(root, folder, raw.split("*")[0].split("?")[0].split("[")[0] or ".", span)
    matches = []
    for name in glob.glob(raw, root_dir=folder, recursive=True):
        relative = Path(name)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if relative.suffix.lower() not in PATTERN_SUFFIXES:
            continue
        try:
            path = resolve_inside(root, folder, name, span)
        except OctavoError:
            continue  # a symbolic link leading outside the book is simply not matched
        if path.is_file():
            matches.append((path, relative.as_posix()))
    return sorted(matches, key=lambda match: natural_key(match[1]))


def pattern_hint(raw: str, folder: Path) -> str:
    """What is there instead, for a pattern that matched nothing."""
    parent = (folder / raw).parent
    while is_pattern(str(parent)) and parent != folder:
        parent = parent.parent
    if not parent.is_dir():
        return f" (there is no folder '{parent.relative_to(folder).as_posix()}')" \
            if parent.is_relative_to(folder) else ""
    present = sorted((p.name for p in parent.iterdir()
                      if p.is_file() and p.suffix.lower() in PATTERN_SUFFIXES), key=natural_key)
    if not present:
        return " (its folder holds no manuscript octavo reads)"
    shown = ", ".join(present[:3]) + (", …" if len(present) > 3 else "")
    return f" (its folder holds {shown})"


def suggest_missing(raw: str, folder: Path, root: Path) -> str | None:
    """The path a missing file most likely meant, as the manifest should write it."""
    from octavo.manifest_hints import suggest_path

    return suggest_path(raw, folder, root)


def run_together_items(raw: str, folder: Path) -> list[str] | None:
    """["a.txt", "b.txt"] when `raw` is two list items YAML read as one ("a.txt - b.txt")."""
    parts = [part.strip() for part in raw.split(" - ")]
    if len(parts) > 1 and all((folder / part).is_file() for part in parts):
        return parts
    return None


def explicit_paths(contents: Any, folder: Path, root: Path) -> set[Path]:
    """The files `contents` names one by one (not through patterns), resolved."""
    found: set[Path] = set()
    items = contents if isinstance(contents, list) else []
    for item in items:
        raw = item if isinstance(item, str) else (item.get("file") if isinstance(item, dict)
                                                 else None)
        if isinstance(item, dict) and isinstance(item.get("contents"), list):
            found |= explicit_paths(item["contents"], folder, root)
        if isinstance(raw, str) and raw and not is_pattern(raw):
            try:
                found.add(resolve_inside(root, folder, raw, Span("")))
            except OctavoError:
                continue
    return found
