"""All terminal output: progress, diagnostics and the build summary.

Diagnostics go to standard error as `path:line:col: severity CODE message`; the summary goes to
standard output. On a terminal, rich draws live progress bars; elsewhere each stage and step is a
plain line, so logs stay readable.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table

from octavo.diagnostics import Diagnostic, Severity, Span

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def print_json_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    import json

    rows = [{
        "path": d.span.path if d.span else None,
        "line": d.span.line if d.span else None,
        "column": d.span.column if d.span else None,
        "end": ({"line": d.span.end_line, "column": d.span.end_column}
                if d.span and d.span.end_line else None),
        "severity": d.severity.value, "code": d.code, "message": d.message, "fix": d.fix,
    } | ({"paragraph": d.span.paragraph} if d.span and d.span.paragraph else {})
        for d in diagnostics]
    print(json.dumps(rows, ensure_ascii=False, indent=2))


@functools.cache
def _source_lines(path: str) -> tuple[str, ...]:
    """A file's decoded lines, read once however many findings point into it."""
    from octavo.ingest.decode import decode_manuscript

    try:
        with open(path, "rb") as handle:
            return tuple(decode_manuscript(handle.read(), path).text.split("\n"))
    except Exception:  # a file that cannot be shown is simply not shown
        return ()


def _source_line(path: str, line: int) -> str | None:
    lines = _source_lines(path)
    return lines[line - 1] if 0 < line <= len(lines) else None


@functools.cache
def _paragraphs(path: str) -> dict[int, str]:
    """A line-less manuscript's paragraphs by number, as its reader numbers them."""
    from pathlib import Path

    from octavo.check import block_paragraphs
    from octavo.ingest import read_manuscript
    from octavo.ingest.options import ReadOptions

    try:
        story = read_manuscript(Path(path), path, ReadOptions(docx_changes="accept"))
    except Exception:  # a file that cannot be shown is simply not shown
        return {}
    return dict(block_paragraphs(story.blocks))


def source_text(span: Span) -> str | None:
    """What a diagnostic's caret goes under: the line, or in a format without lines
    (`story.docx:¶12:40`) that paragraph's text."""
    if span.paragraph > 0:
        return _paragraphs(span.path).get(span.paragraph)
    return _source_line(span.path, span.line) if span.line > 0 else None


def print_diagnostics(diagnostics: Iterable[Diagnostic], with_source: bool = False,
                      to_stdout: bool = False) -> None:
    """Diagnostics on standard error (standard output for `check`, whose findings are its
    result); on a terminal, with the offending line and a caret under the spot."""
    target = out if to_stdout else err
    for d in diagnostics:
        _print_diagnostic(d, target)
        if with_source and target.is_terminal and d.span and (d.span.line or d.span.paragraph):
            source = source_text(d.span)
            if source is not None:
                width = max(1, (d.span.end_column or d.span.column + 1) - d.span.column)
                target.out("    " + source.rstrip("\n")[:200], highlight=False)
                target.out("    " + " " * (d.span.column - 1) + "^" * min(width, 80),
                           style="bold", highlight=False)


def _print_diagnostic(d: Diagnostic, target: Console) -> None:
    if not target.is_terminal:
        print(str(d), file=sys.stdout if target is out else sys.stderr)
        return
    where = f"{d.span}: " if d.span else ""
    target.print(f"{where}[{_STYLES[d.severity]}]{d.severity.value}[/] {d.code} ", end="")
    target.out(d.message, highlight=False)  # the message is data: never read as markup


def print_internal_error(log_path: str) -> None:
    print(f"octavo: internal error (a bug in octavo, not in your book); details in {log_path}",
          file=sys.stderr)


class ConsoleProgress:
    """Shows stages and steps: a live bar per stage on a terminal, plain lines otherwise."""

    def __init__(self) -> None:
        self.live = err.is_terminal
        self._bars: Progress | None = None
        self._task: TaskID | None = None
        self._stage = ""

    def __enter__(self) -> ConsoleProgress:
        if self.live:
            self._bars = Progress(TextColumn("{task.description:<8}"), BarColumn(),
                                  MofNCompleteColumn(), TextColumn("{task.fields[label]}"),
                                  console=err, transient=False)
            self._bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bars is not None:
            self._bars.stop()

    def stage(self, name: str, total: int) -> None:
        self._stage = name
        if self._bars is not None:
            self._task = self._bars.add_task(name, total=total, label="")
        else:
            print(f"{name}: {total} item{'s' if total != 1 else ''}", file=sys.stderr)

    def step(self, label: str) -> None:
        if self._bars is not None and self._task is not None:
            self._bars.update(self._task, advance=1, label=label[:50])
        else:
            print(f"  {self._stage.lower()}: {label}", file=sys.stderr)


def _size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return str(size)


def print_summary(artifacts: list[tuple[str, int, int | None]], words: int, stories: int,
                  seconds: float) -> None:
    """`artifacts` are (path, size in bytes, page count or None)."""
    totals = (f"{stories} stor{'ies' if stories != 1 else 'y'}, {words:,} words, "
              f"built in {seconds:.2f} s")
    if not out.is_terminal:  # plain lines: logs must not be cut or folded
        for path, size, pages in artifacts:
            print(f"wrote {path}  {_size(size)}" + (f"  {pages} pages" if pages else ""))
        print(totals)
        return
    table = Table(title=None, show_edge=False, box=None, pad_edge=False)
    table.add_column("file", overflow="fold")
    table.add_column("size", justify="right")
    table.add_column("pages", justify="right")
    for path, size, pages in artifacts:
        table.add_row(path, _size(size), str(pages) if pages is not None else "–")
    out.print(table)
    out.print(totals)
