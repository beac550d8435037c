"""All terminal output: progress, diagnostics and the build summary.

Diagnostics go to standard error as `path:line:col: severity CODE message`; the summary goes to
standard output. On a terminal, rich draws live progress bars; elsewhere each stage and step is a
plain line, so logs stay readable.

Two things are decided apart: the *layout* (caret snippets, live bars, tables, summaries) follows
whether the stream really is a terminal; the *colour* follows `--color auto|always|never` and
NO_COLOR (auto: colour on a terminal unless NO_COLOR is set). `-q` keeps only what the user must
see (errors and warnings); `-v` adds notes and details. `configure` sets both, once per run.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table

from octavo.diagnostics import Diagnostic, Severity, Span

COLOR_CHOICES = ("auto", "always", "never")


@dataclass(slots=True)
class Settings:
    verbosity: int = 0  # -1 quiet, 0 normal, 1 and more verbose
    color: str = "auto"  # one of COLOR_CHOICES


settings = Settings()


def _make_console(stderr: bool) -> Console:
    force = settings.color == "always"
    never = settings.color == "never" or (settings.color == "auto"
                                          and os.environ.get("NO_COLOR", "") != "")
    return Console(stderr=stderr, highlight=False, soft_wrap=True,
                   force_terminal=True if force else None, no_color=never,
                   color_system=None if never else ("standard" if force else "auto"))


out = _make_console(stderr=False)
err = _make_console(stderr=True)


def configure(*, verbosity: int | None = None, color: str | None = None) -> None:
    """Apply the global options (-q/-v, --color) for the rest of the run."""
    global out, err
    if verbosity is not None:
        settings.verbosity = verbosity
    if color is not None:
        settings.color = color
    out, err = _make_console(stderr=False), _make_console(stderr=True)


def reset() -> None:
    """Back to the defaults (tests that run several commands in one process use it)."""
    settings.verbosity, settings.color = 0, "auto"
    configure()


def quiet() -> bool:
    return settings.verbosity < 0


def verbose() -> bool:
    return settings.verbosity > 0


def is_terminal(target: Console) -> bool:
    """Layout decisions: is this stream a real terminal (whatever --color says)?"""
    stream = sys.stdout if target is out else sys.stderr
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def coloured(target: Console) -> bool:
    return target.color_system is not None and not target.no_color


_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def say(message: str, *, to_stdout: bool = False, style: str | None = None) -> None:
    """One line of chatter ("wrote …", "nothing to fix"): not shown with -q."""
    if quiet():
        return
    target = out if to_stdout else err
    if style and coloured(target):
        target.out(message, style=style, highlight=False)
    else:
        print(message, file=sys.stdout if to_stdout else sys.stderr)


def detail(message: str) -> None:
    """A line only -v shows (which manifest, which house style, timings)."""
    if verbose():
        print(message, file=sys.stderr)


def result(message: str) -> None:
    """What the command was asked to print (a script, an explanation): shown even with -q."""
    sys.stdout.write(message if message.endswith("\n") else message + "\n")


def print_json_diagnostics(diagnostics: Iterable[Diagnostic]) -> None:
    import json

    from octavo.diagnostics import as_json

    rows = [as_json(d) for d in diagnostics]
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
        if with_source and is_terminal(target) and d.span and (d.span.line or d.span.paragraph):
            source = source_text(d.span)
            if source is not None:
                width = max(1, (d.span.end_column or d.span.column + 1) - d.span.column)
                target.out("    " + source.rstrip("\n")[:200], highlight=False)
                target.out("    " + " " * (d.span.column - 1) + "^" * min(width, 80),
                           style="bold", highlight=False)


def _print_diagnostic(d: Diagnostic, target: Console) -> None:
    if not coloured(target):
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
        self.live = is_terminal(err) and not quiet()
        self._bars: Progress | None = None
        self._task: TaskID | None = None
        self._stage = ""

    def __enter__(self) -> ConsoleProgress:
        if self.live:
            # No refresh thread (auto_refresh): the build may fork worker processes, and a
            # forked child of a threaded process can deadlock; each step refreshes instead.
            self._bars = Progress(TextColumn("{task.description:<8}"), BarColumn(),
                                  MofNCompleteColumn(), TextColumn("{task.fields[label]}"),
                                  console=err, transient=False, auto_refresh=False)
            self._bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bars is not None:
            self._bars.stop()

    def stage(self, name: str, total: int) -> None:
        self._stage = name
        if self._bars is not None:
            self._task = self._bars.add_task(name, total=total, label="")
            self._bars.refresh()
        elif not quiet():
            print(f"{name}: {total} item{'s' if total != 1 else ''}", file=sys.stderr)

    def step(self, label: str) -> None:
        if self._bars is not None and self._task is not None:
            self._bars.update(self._task, advance=1, label=label[:50])
            self._bars.refresh()
        elif verbose():
            print(f"  {self._stage.lower()}: {label}", file=sys.stderr)


def _size(size: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    return str(size)


def plural(count: int, noun: str) -> str:
    """"1 story", "12 stories", "3 chapters"."""
    if count == 1:
        return f"1 {noun}"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return f"{count} {noun[:-1]}ies"
    return f"{count} {noun}s"


def print_summary(artifacts: list[tuple[str, int, int | None]], words: int, stories: int,
                  seconds: float, noun: str = "story") -> None:
    """`artifacts` are (path, size in bytes, page count or None); `noun` names the book's
    units ("story", "chapter")."""
    if quiet():
        return
    totals = f"{plural(stories, noun)}, {words:,} words, built in {seconds:.2f} s"
    if not is_terminal(out):  # plain lines: logs must not be cut or folded
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


class CatalogueProgress:
    """`build-many`: one bar over the books on a terminal, one line per finished book otherwise."""

    def __init__(self) -> None:
        self._bars: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> CatalogueProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bars is not None:
            self._bars.stop()

    def started(self, total: int) -> None:
        if err.is_terminal:
            self._bars = Progress(TextColumn("Books"), BarColumn(), MofNCompleteColumn(),
                                  TextColumn("{task.fields[label]}"), console=err)
            self._bars.start()
            self._task = self._bars.add_task("books", total=total, label="")
        else:
            print(f"Books: {total}", file=sys.stderr)

    def finished(self, book: str, status: str, seconds: float, error: str | None) -> None:
        line = f"{status:<6} {book} ({seconds:.1f} s)" + (f": {error}" if error else "")
        if self._bars is not None and self._task is not None:
            self._bars.update(self._task, advance=1, label=book[:50])
            if status == "failed":
                self._bars.console.out(line, style="red", highlight=False)
        else:
            print(f"  {line}", file=sys.stderr)


def print_catalogue_summary(counts: dict[str, int], seconds: float, report: str) -> None:
    books = sum(counts.values())
    print(f"{books} book{'s' if books != 1 else ''}: {counts.get('built', 0)} built, "
          f"{counts.get('fresh', 0)} fresh, {counts.get('failed', 0)} failed "
          f"in {seconds:.1f} s; report in {report}")
_DIFF_STYLES = (("+++", "bold"), ("---", "bold"), ("@@", "cyan"), ("+", "green"), ("-", "red"))


def print_diff(diff: str) -> None:
    """A unified diff on standard output: coloured when colour is on, plain otherwise."""
    if not coloured(out):
        sys.stdout.write(diff)
        return
    for line in diff.splitlines():
        style = next((s for prefix, s in _DIFF_STYLES if line.startswith(prefix)), None)
        out.out(line, style=style, highlight=False)


def shows_check_summary() -> bool:
    """Whether `print_check_summary` prints anything (on a terminal, when not quiet)."""
    return not quiet() and is_terminal(out)


def print_check_summary(files: int, diagnostics: list[Diagnostic]) -> None:
    """"3 files, 0 errors, 2 warnings" after `octavo check`, on a terminal."""
    if not shows_check_summary():
        return
    counts = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
    parts = [plural(files, "file"), plural(counts[Severity.ERROR], "error"),
             plural(counts[Severity.WARNING], "warning")]
    if counts[Severity.INFO]:
        parts.append(plural(counts[Severity.INFO], "note"))
    style = "bold red" if counts[Severity.ERROR] else ("yellow" if counts[Severity.WARNING]
                                                      else "green")
    line = ", ".join(parts)
    if coloured(out):
        out.out(line, style=style, highlight=False)
    else:
        print(line)


def print_build_findings(diagnostics: list[Diagnostic], shown: list[Diagnostic]) -> None:
    """After a build: every error; of the rest, `shown` (the most important) with a count of
    all, so a first build says what matters in a few lines (`-v` shows everything)."""
    print_diagnostics(shown, with_source=True)
    hidden = len(diagnostics) - len(shown)
    if hidden <= 0 or quiet():
        return
    from collections import Counter

    shown_ids = {id(d) for d in shown}
    by_code = Counter(d.code for d in diagnostics if id(d) not in shown_ids)
    counts = ", ".join(f"{code} ×{n}" for code, n in by_code.most_common(5))
    more = ", …" if len(by_code) > 5 else ""
    kinds = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
    total = ", ".join(plural(n, "note" if s is Severity.INFO else s.value)
                      for s, n in kinds.items() if n)
    say(f"{total} in all, {len(shown)} shown; not shown: {counts}{more}. "
        "`octavo check` lists every one, `octavo build -v` shows them here.")
