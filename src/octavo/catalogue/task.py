"""One book of a catalogue, built from plain data by whichever engine runs it.

`run_book` never raises: whatever happens, the book's report says so. A worker that dies in the
middle of a build leaves its staging folder behind; the next attempt (or the coordinator, when
it gives up) removes it, so a catalogue never keeps a partial file.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from octavo import __version__
from octavo.diagnostics import Diagnostic, OctavoError, Severity, as_json

STAMP_NAME = ".octavo-build.json"
STAGING_PREFIX = ".octavo-build-"
_NOT_INPUTS = {"dist", "node_modules", "__pycache__"}


@dataclass(frozen=True, slots=True)
class BookTask:
    manifest: str  # absolute path of book.yaml
    name: str  # as the report names the book
    output: str  # absolute output folder
    formats: tuple[str, ...]
    lint: bool = True
    force: bool = False


@dataclass(slots=True)
class BookReport:
    book: str
    manifest: str
    status: str  # "built" | "fresh" | "failed"
    attempts: int = 1
    seconds: float = 0.0
    outputs: list[dict[str, Any]] = field(default_factory=list)
    diagnostics: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None  # why a book failed, in one line

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def run_book(task: BookTask) -> BookReport:
    started = time.perf_counter()
    output = Path(task.output)
    report = BookReport(task.name, task.manifest, "failed")
    if remove_partial_outputs(output):
        report.attempts = 2  # an earlier attempt died mid-build and left its staging behind
    try:
        fingerprint = book_fingerprint(Path(task.manifest), output, task.formats)
        if not task.force and _is_fresh(output, fingerprint):
            report.status = "fresh"
            report.outputs = _stamp(output)["outputs"]
        else:
            _build(task, report)
            if report.status == "built":
                _write_stamp(output, fingerprint, report.outputs)
    except Exception as exc:  # a bug in octavo: this book fails, the catalogue goes on
        report.status = "failed"
        report.error = f"internal error: {type(exc).__name__}: {exc}"
        report.diagnostics.append({"traceback": traceback.format_exc()})
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _build(task: BookTask, report: BookReport) -> None:
    from octavo import pipeline
    from octavo.cli import source_date_epoch

    try:
        result = pipeline.build(Path(task.manifest), Path(task.output), task.formats,
                                timestamp=source_date_epoch(), lint=task.lint,
                                # The book is the unit of parallel work in a catalogue: its
                                # stories are laid out one after another on its worker.
                                workers=1)
    except OctavoError as exc:
        report.diagnostics = [as_json(d) for d in exc.diagnostics]
        errors = [d for d in exc.diagnostics if d.severity is Severity.ERROR]
        report.error = f"{len(errors)} error{'s' if len(errors) != 1 else ''}" + (
            f"; first: {_first(errors)}" if errors else "")
        return
    report.status = "built"
    report.diagnostics = [as_json(d) for d in result.diagnostics]
    report.outputs = [{"format": a.format, "path": str(a.path), "size": a.size, "pages": a.pages}
                      for a in result.artifacts]


def _first(errors: list[Diagnostic]) -> str:
    return str(errors[0])[:300]


# ---------------------------------------------------------------------------------------------
# Freshness: a stamp in the output folder records what the outputs were built from.


def book_fingerprint(manifest: Path, output: Path, formats: tuple[str, ...]) -> str:
    """A hash of everything a build of this book reads: every file of the book's folder (not
    hidden ones, outputs or caches), the files the manifest names outside it, octavo's version,
    the formats and SOURCE_DATE_EPOCH."""
    digest = hashlib.sha256()
    for part in (__version__, ",".join(sorted(formats)), os.environ.get("SOURCE_DATE_EPOCH", "")):
        digest.update(part.encode() + b"\0")
    folder = manifest.parent.resolve()
    for path in sorted(_inputs(folder, output.resolve()) | _named_outside(manifest, folder)):
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        digest.update(_file_hash(path) + b"\0")
    return digest.hexdigest()


def _inputs(folder: Path, output: Path) -> set[Path]:
    found: set[Path] = set()
    for current, dirs, files in os.walk(folder):
        here = Path(current)
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in _NOT_INPUTS
                   and here / d != output]
        found.update(here / f for f in files if not f.startswith("."))
    return found


def _named_outside(manifest: Path, folder: Path) -> set[Path]:
    """Files the manifest names that lie outside its folder (a book with `root: ..`)."""
    from octavo.manifest import load_manifest

    try:
        loaded, _ = load_manifest(manifest)
    except OctavoError:
        return set()  # the build will report why
    named = [s.path for s in loaded.stories()] + [p for p in (loaded.cover,) if p]
    for source in (loaded.dedication, loaded.acknowledgements, *loaded.front, *loaded.back):
        if source is not None and source.path is not None:
            named.append(source.path)
    return {p for p in named if folder not in p.parents}


def _file_hash(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").digest()
    except OSError:
        return b"unreadable"


def _stamp(output: Path) -> dict[str, Any]:
    try:
        data = json.loads((output / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _is_fresh(output: Path, fingerprint: str) -> bool:
    stamp = _stamp(output)
    outputs = stamp.get("outputs")
    if stamp.get("fingerprint") != fingerprint or not isinstance(outputs, list) or not outputs:
        return False
    return all(isinstance(o, dict) and Path(str(o.get("path"))).is_file() for o in outputs)


def _write_stamp(output: Path, fingerprint: str, outputs: list[dict[str, Any]]) -> None:
    partial = output / f"{STAMP_NAME}.{os.getpid()}.part"
    partial.write_text(json.dumps({"fingerprint": fingerprint, "outputs": outputs}, indent=1),
                       encoding="utf-8")
    os.replace(partial, output / STAMP_NAME)


def remove_partial_outputs(output: Path) -> bool:
    """Remove what a build that died mid-way left in `output` (its staging folder, temporary
    files); True if there was any. Only for a folder no other build is writing to."""
    import shutil

    if not output.is_dir():
        return False
    found = False
    for path in output.iterdir():
        if path.name.startswith(STAGING_PREFIX) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
            found = True
        elif path.name.startswith(".") and path.name.endswith(".part"):
            path.unlink(missing_ok=True)
            found = True
    return found
