"""Rebuild a book as its files change: the engine of `octavo watch` and `octavo preview`.

Only what changed is redone, as far as the pipeline allows: a manuscript that did not change is
not read again (its reading is cached by size and time), a change to the EPUB's templates or
styles rebuilds only the EPUB, a print template or style only the PDF. Each rebuild reports
the findings that are new since the last one and how many went away, so the author sees what
the save did.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from octavo.diagnostics import Diagnostic, OctavoError
from octavo.document import Book, Chapter, block_text
from octavo.manifest_contents import PATTERN_SUFFIXES

FORMATS = ("epub", "pdf")
_IGNORED_PARTS = {"dist", "node_modules", "__pycache__", ".git", ".octavo-cache"}


@dataclass(slots=True)
class Rebuilt:
    """What one rebuild did."""

    formats: tuple[str, ...]
    seconds: float
    book: Book | None  # None when the build failed
    diagnostics: list[Diagnostic]  # all of them, this time
    new: list[Diagnostic]  # not there the time before
    resolved: int  # findings of the time before that are gone
    changed: tuple[Path, ...] = ()
    artifacts: dict[str, Path] = field(default_factory=dict)
    target: Target | None = None  # where the author was editing

    @property
    def ok(self) -> bool:
        return self.book is not None


@dataclass(frozen=True, slots=True)
class Target:
    """The first place that differs from the last build: a chapter and a snippet of text."""

    chapter_id: str
    snippet: str


class Rebuilder:
    def __init__(self, manifest_path: Path, output_dir: Path,
                 formats: tuple[str, ...] = FORMATS, timestamp: dt.datetime | None = None,
                 lint: bool = True) -> None:
        self.manifest_path = manifest_path.resolve()
        self.folder = self.manifest_path.parent
        self.output_dir = output_dir
        self.formats = formats
        self.timestamp = timestamp
        self.lint = lint
        self.cache: dict = {}  # type: ignore[type-arg]  # pipeline.SourceCache
        self.book: Book | None = None
        self.previous: set[str] = set()
        self.artifacts: dict[str, Path] = {}

    # -- which changes matter -----------------------------------------------------------------

    def sources(self) -> set[Path]:
        """Every file the last good build read (the manifest, always)."""
        found = {self.manifest_path}
        if self.book is not None:
            found |= {self.folder / c.source for c in self.book.chapters()}
            if self.book.meta.cover is not None:
                found.add(self.book.meta.cover.resolve())
        return {p.resolve() for p in found}

    def affected(self, changed: Iterable[Path]) -> tuple[str, ...]:
        """The formats a change to `changed` calls for (none: the change does not matter)."""
        from octavo.resources import styles_dir

        wanted: set[str] = set()
        sources = self.sources()
        styles = styles_dir().resolve()
        for path in (p.resolve() for p in changed):
            relative = _relative(path, self.folder)
            if relative is not None and (set(relative.parts) & _IGNORED_PARTS
                                         or relative.name.startswith(".")
                                         or ".bak" in relative.suffixes[-1:]):
                continue
            if path in sources:
                wanted |= set(self.formats)
            elif relative is not None and relative.parts[:1] == ("templates",):
                kind = relative.parts[1] if len(relative.parts) > 1 else ""
                wanted |= {"epub"} if kind == "epub" else {"pdf"} if kind == "print" else set(
                    self.formats)
            elif _relative(path, styles) is not None:
                wanted |= {"epub"} if path.name.startswith("epub") else {"pdf"}
            elif relative is not None and path.suffix.lower() in PATTERN_SUFFIXES and \
                    self._pattern_takes(relative):
                wanted |= set(self.formats)  # a new manuscript a `contents` pattern takes
        return tuple(f for f in self.formats if f in wanted)

    def _pattern_takes(self, relative: Path) -> bool:
        """Whether a `contents` pattern of the manifest matches this (new) file."""
        import fnmatch

        from octavo.manifest_contents import is_pattern
        from octavo.manifest_yaml import load_yaml

        try:
            data = load_yaml(self.manifest_path.read_bytes(), "book.yaml").data
        except (OctavoError, OSError):
            return False
        found: list[str] = []

        def collect(items: object) -> None:
            for item in items if isinstance(items, list) else []:
                raw = item if isinstance(item, str) else (
                    item.get("file") if isinstance(item, dict) else None)
                if isinstance(item, dict):
                    collect(item.get("contents"))
                if isinstance(raw, str) and is_pattern(raw):
                    found.append(raw)

        collect(data.get("contents"))
        return any(fnmatch.fnmatch(relative.as_posix(), pattern) for pattern in found)

    # -- rebuilding ---------------------------------------------------------------------------

    def build(self, formats: tuple[str, ...] | None = None,
              changed: Iterable[Path] = ()) -> Rebuilt:
        from octavo import pipeline

        formats = formats or self.formats
        started = time.perf_counter()
        before = self.book
        try:
            result = pipeline.build(self.manifest_path, self.output_dir, formats,
                                    timestamp=self.timestamp, lint=self.lint, memory=self.cache)
        except OctavoError as exc:
            found = list(exc.diagnostics)
            return self._report(formats, started, None, found, changed)
        self.book = result.book
        for artifact in result.artifacts:
            self.artifacts[artifact.format] = artifact.path
        report = self._report(formats, started, result.book, result.diagnostics, changed)
        report.artifacts = dict(self.artifacts)
        report.target = first_difference(before, result.book) if before else None
        return report

    def _report(self, formats: tuple[str, ...], started: float, book: Book | None,
                found: list[Diagnostic], changed: Iterable[Path]) -> Rebuilt:
        keys = {str(d) for d in found}
        new = [d for d in found if str(d) not in self.previous]
        resolved = len(self.previous - keys)
        self.previous = keys
        return Rebuilt(formats, time.perf_counter() - started, book, found, new, resolved,
                       tuple(changed))


def _relative(path: Path, folder: Path) -> Path | None:
    try:
        return path.relative_to(folder)
    except ValueError:
        return None


def first_difference(before: Book, after: Book) -> Target | None:
    """The first chapter whose text changed, and a few words of its first changed block."""
    old = {c.id: c for c in before.chapters()}
    for chapter in after.chapters():
        previous = old.get(chapter.id)
        if previous is not None and previous.blocks == chapter.blocks and \
                previous.title == chapter.title:
            continue
        return Target(chapter.id, _changed_snippet(previous, chapter))
    return None


def _changed_snippet(previous: Chapter | None, chapter: Chapter) -> str:
    old_blocks = previous.blocks if previous else ()
    for index, block in enumerate(chapter.blocks):
        if index >= len(old_blocks) or old_blocks[index] != block:
            words = block_text(block).split()
            if words:
                return " ".join(words[:6])
    return ""
