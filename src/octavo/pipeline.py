"""The only place that knows the stage order: load → ingest → normalise → compile → emit.

Everything is compiled before any output is written (Pelican's two phases), and each output is
written to a temporary file that replaces the final one only on success.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from octavo.backends import load_backend
from octavo.backends.base import Artifact, BuildOptions, NullProgress, Progress
from octavo.check import ALWAYS_CHECKED, check_text
from octavo.check.anthology_rules import StoryText, name_spellings
from octavo.compile import compile_book
from octavo.diagnostics import Diagnostic, Diagnostics, OctavoError, Severity, Span
from octavo.document import Book, chapter_text, timestamp_from_date, word_count
from octavo.ingest import (
    MARKDOWN_SUFFIXES,
    RawStory,
    ReadOptions,
    is_line_format,
    parse_manuscript,
    read_manuscript,
    read_text,
)
from octavo.ingest.habits import apply_habits
from octavo.manifest import Manifest, load_manifest
from octavo.normalise import normalise_story
from octavo.paths import display_path

FORMATS = ("epub", "pdf")


@dataclass(slots=True)
class BuildResult:
    book: Book
    artifacts: list[Artifact] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def words(self) -> int:
        return sum(word_count(chapter_text(c)) for c in self.book.chapters())


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:80].rstrip("-") or "book"


def load_book(manifest_path: Path, diags: Diagnostics, progress: Progress,
              lint: bool = False) -> Book:
    """Read the manifest and every manuscript it names, normalise them, and compile the book.
    With `lint`, the manuscripts' text is checked as `octavo check` does."""
    manifest, warnings = load_manifest(manifest_path, display_path(manifest_path))
    diags.extend(warnings)
    found = Diagnostics()
    if lint:
        from octavo.check.manifest_rules import manifest_findings

        found.extend(manifest_findings(manifest))
    sources = read_sources(manifest, found, progress, lint)
    diags.extend(apply_check_settings(found, manifest))
    if diags.has_errors:
        raise OctavoError(diags.sorted())
    progress.stage("Compile", 1)
    book = compile_book(manifest, sources, diags)
    progress.step(manifest.title)
    if diags.has_errors:
        raise OctavoError(diags.sorted())
    return book


def apply_check_settings(found: Diagnostics, manifest: Manifest) -> list[Diagnostic]:
    """The book's own check settings: codes it disables, codes it reports at another level."""
    levels = {code: Severity(level) for code, level in manifest.check_severity}
    return [dataclasses.replace(d, severity=levels.get(d.code, d.severity)) for d in found
            if d.code not in manifest.check_disabled]


def read_sources(manifest: Manifest, diags: Diagnostics, progress: Progress,
                 lint: bool = False) -> dict[Path, RawStory]:
    entries = [(s.path, s.display, s.span, s.habits, s.docx_changes) for s in manifest.stories()]
    for source in (manifest.dedication, manifest.acknowledgements, *manifest.front,
                   *manifest.back):
        if source is not None and source.path is not None:
            entries.append((source.path, source.display or "", source.span, manifest.habits,
                            manifest.docx_changes))
    progress.stage("Read", len(entries))
    sources: dict[Path, RawStory] = {}
    texts = []
    for path, display, span, habits, changes in entries:
        progress.step(display)
        shown = display_path(path)
        try:
            if is_line_format(path.suffix):
                decoded = read_text(path, shown)
                story = parse_manuscript(decoded, path.suffix, shown)
            else:  # a format without lines: checked paragraph by paragraph
                story = read_manuscript(path, shown, ReadOptions(docx_changes=changes))
        except OctavoError as exc:
            # Point at the manifest entry too, so the user knows which line named the file.
            for d in exc.diagnostics:
                where = f" (at {d.span})" if d.span and (d.span.line or d.span.paragraph) else ""
                diags.error(d.code, f"{display}: {d.message}{where}", span)
            continue
        story = apply_habits(story, habits, shown)
        diags.extend(story.diagnostics)
        if not is_line_format(path.suffix):
            from octavo.check import check_blocks

            diags.extend(check_blocks(story.blocks, shown, manifest.check_enabled,
                                      manifest.house_words,
                                      only=None if lint else ALWAYS_CHECKED))
            sources[path] = normalise_story(story, manifest.house_style)
            continue
        markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
        if lint:
            diags.extend(check_text(decoded.text, display_path(path), manifest.check_enabled,
                                    manifest.house_words, markdown=markdown))
            if not markdown:
                texts.append(StoryText(display_path(path), decoded.text.split("\n")))
        else:
            diags.extend(check_text(decoded.text, display_path(path), only=ALWAYS_CHECKED))
        sources[path] = normalise_story(story, manifest.house_style)
    if lint:
        diags.extend(name_spellings(texts))
    return sources


def check_output_dir(output_dir: Path) -> None:
    span = Span(str(output_dir))
    if output_dir.exists() and not output_dir.is_dir():
        raise OctavoError.single("OCT400", "the output path is a file, not a folder", span)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=output_dir):
            pass
    except OSError as exc:
        raise OctavoError.single(
            "OCT400", f"cannot write to the output folder: {exc.strerror}", span) from None


def build(manifest_path: Path, output_dir: Path, formats: tuple[str, ...],
          timestamp: dt.datetime | None = None,
          progress: Progress | None = None, lint: bool = False) -> BuildResult:
    """Build the book in the given formats. Raises OctavoError with diagnostics on failure."""
    started = time.perf_counter()
    progress = progress or NullProgress()
    diags = Diagnostics()
    book = load_book(manifest_path, diags, progress, lint)
    check_output_dir(output_dir)
    result = BuildResult(book)
    # Every format is written into a staging folder first and moved into place only when all of
    # them succeeded: a failed PDF never leaves a new EPUB beside last week's PDF.
    with tempfile.TemporaryDirectory(prefix=".octavo-build-", dir=output_dir) as staging:
        options = BuildOptions(
            output_dir=Path(staging),
            stem=slugify(book.meta.title),
            timestamp=timestamp or timestamp_from_date(book.meta.date) or _today(),
        )
        staged: list[Artifact] = []
        for name in formats:
            backend = load_backend(name)
            staged.append(backend.emit(book, options, diags, progress))
            if diags.has_errors:
                raise OctavoError(diags.sorted())
        for artifact in staged:
            final_path = output_dir / artifact.path.name
            artifact.path.replace(final_path)
            result.artifacts.append(dataclasses.replace(artifact, path=final_path))
    result.diagnostics = diags.sorted()
    result.seconds = time.perf_counter() - started
    return result


def _today() -> dt.datetime:
    today = dt.datetime.now(dt.UTC).date()
    return dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
