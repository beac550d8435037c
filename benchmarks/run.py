"""Build benchmarks for octavo: wall time and peak memory of cold builds.

Generates two synthetic anthologies (about 100,000 words in 30 stories and 1,000,000 words
in 300 stories), builds each one EPUB-only, PDF-only and both, every build a fresh process,
and prints a Markdown table (also written to benchmarks/out/results.md). It also checks that
an EPUB-only build never imports WeasyPrint.

    python benchmarks/run.py [--quick] [--repeat N]

Exit status: 0 when every build succeeds and the targets hold, 1 when a build fails, the
import check fails or a target is missed, 2 when octavo cannot be run at all.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from synth import count_words, make_anthology

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "benchmarks" / "out"


@dataclass(frozen=True)
class Book:
    key: str
    stories: int
    words: int


BOOKS = (Book("100k", stories=30, words=100_000), Book("1M", stories=300, words=1_000_000))
FORMATS: dict[str, list[str]] = {
    "epub": ["--epub"],
    "pdf": ["--pdf"],
    "both": ["--epub", "--pdf"],
}
EXPECTED_SUFFIXES = {"epub": {".epub"}, "pdf": {".pdf"}, "both": {".epub", ".pdf"}}

# Targets: (book key, format) -> seconds of wall time, interpreter start-up included.
TARGETS: dict[tuple[str, str], float] = {("100k", "epub"): 1.5}

# The measuring wrapper. It runs the build as its own child, so RUSAGE_CHILDREN covers exactly
# that one build (and anything the build itself waited for), never an earlier run. The wall
# time is taken around the child alone, so the wrapper's own start-up is not counted.
WRAPPER = r"""
import json, resource, subprocess, sys, time
cmd, log, timeout = json.loads(sys.argv[1])
with open(log, "wb") as out:
    start = time.perf_counter()
    try:
        rc = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=out,
                            stderr=subprocess.STDOUT, timeout=timeout).returncode
    except subprocess.TimeoutExpired:
        rc = None
    wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if sys.platform == "darwin":
    peak //= 1024  # bytes there, KiB on Linux
print(json.dumps({"rc": rc, "wall": wall, "peak_kib": peak}))
"""


@dataclass
class Run:
    rc: int | None  # None: timed out
    wall: float
    peak_mib: float


@dataclass
class Result:
    book: Book
    words: int
    fmt: str
    runs: list[Run] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)
    error: str | None = None

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def peak_mib(self) -> float:
        return statistics.median(r.peak_mib for r in self.runs)

    @property
    def target(self) -> float | None:
        return TARGETS.get((self.book.key, self.fmt))

    @property
    def target_met(self) -> bool | None:
        if self.target is None:
            return None
        return self.error is None and self.wall < self.target


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def tail(path: Path, lines: int = 15) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no output)"
    return "\n".join("    " + line for line in text.splitlines()[-lines:]) or "    (no output)"


def octavo(python: str, *args: str) -> list[str]:
    return [python, "-m", "octavo", *args]


def measure(cmd: Sequence[str], log_path: Path, timeout: float) -> Run:
    """Run ``cmd`` once through the wrapper; its wall time and the peak RSS of its process."""
    payload = json.dumps([list(cmd), str(log_path), timeout])
    done = subprocess.run(
        [sys.executable, "-c", WRAPPER, payload], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"the measuring wrapper failed:\n{done.stderr}")
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return Run(rc=report["rc"], wall=report["wall"], peak_mib=report["peak_kib"] / 1024)


def output_sizes(folder: Path) -> dict[str, int]:
    """Bytes per output suffix (.epub, .pdf) under ``folder``."""
    sizes: dict[str, int] = {}
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix.lower() in {".epub", ".pdf"}:
            suffix = path.suffix.lower()
            sizes[suffix] = sizes.get(suffix, 0) + path.stat().st_size
    return sizes


def fresh_dir(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def bench_format(
    python: str,
    book: Book,
    book_yaml: Path,
    words: int,
    fmt: str,
    out: Path,
    args: argparse.Namespace,
) -> Result:
    result = Result(book=book, words=words, fmt=fmt)
    for attempt in range(1, args.repeat + 1):
        dist = fresh_dir(out / "dist" / book.key / fmt)
        log_path = out / "logs" / f"{book.key}-{fmt}-{attempt}.log"
        cmd = octavo(python, "build", str(book_yaml), "-o", str(dist), *FORMATS[fmt])
        run = measure(cmd, log_path, args.timeout)
        label = f"  {book.key:>4} {fmt:<4} run {attempt}/{args.repeat}:"
        if run.rc != 0:
            why = f"timed out after {args.timeout:g} s" if run.rc is None else f"exit {run.rc}"
            result.error = f"build failed ({why})"
            log(f"{label} FAILED ({why}); log {log_path}:\n{tail(log_path)}")
            break
        sizes = output_sizes(dist)
        if set(sizes) != EXPECTED_SUFFIXES[fmt]:
            found = ", ".join(sorted(sizes)) or "nothing"
            result.error = f"wrong outputs ({found})"
            log(f"{label} FAILED: expected {sorted(EXPECTED_SUFFIXES[fmt])}, found {found}")
            break
        result.runs.append(run)
        result.sizes = sizes
        log(f"{label} {run.wall:.2f} s, {run.peak_mib:.0f} MiB, {fmt_sizes(sizes)}")
    return result


def import_check(python: str, book: Book, book_yaml: Path, out: Path, timeout: float) -> str | None:
    """Run an EPUB-only build under ``-X importtime``; None if WeasyPrint stayed unimported.

    Otherwise a one-line reason. This untimed build also warms up the bytecode caches, so the
    timed runs that follow don't pay for one-off compilation.
    """
    dist = fresh_dir(out / "dist" / book.key / "importtime")
    cmd = octavo(python, "build", str(book_yaml), "-o", str(dist), "--epub")
    cmd.insert(1, "-X")
    cmd.insert(2, "importtime")
    try:
        done = subprocess.run(
            cmd,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            errors="replace",
        )
    except subprocess.TimeoutExpired:
        return f"the -X importtime EPUB build timed out after {timeout:g} s"
    (out / "logs" / f"{book.key}-importtime.log").write_text(done.stdout + done.stderr)
    if done.returncode != 0:
        return f"the -X importtime EPUB build failed (exit {done.returncode})"
    lines = done.stderr.splitlines()
    if not any(line.startswith("import time:") and "octavo" in line for line in lines):
        return "no import-time report for octavo (is this the right interpreter?)"
    hits = [line.strip() for line in lines if "weasyprint" in line.lower()]
    if hits:
        return f"WeasyPrint was imported by an EPUB-only build: {hits[0]}"
    return None


def fmt_sizes(sizes: dict[str, int]) -> str:
    return ", ".join(
        f"{suffix[1:].upper()} {human(size)}" for suffix, size in sorted(sizes.items())
    )


def human(size: float) -> str:
    for unit in ("B", "KiB", "MiB"):
        if size < 1024:
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} GiB"


def table(results: Sequence[Result]) -> str:
    rows = [
        "| book | words | stories | format | wall s | peak MiB | output size | target |",
        "|---|--:|--:|---|--:|--:|---|---|",
    ]
    for r in results:
        if r.error:
            wall, peak, size = "—", "—", f"**{r.error}**"
        else:
            wall = f"{r.wall:.2f}"
            if len(r.runs) > 1:
                walls = [run.wall for run in r.runs]
                wall += f" ({min(walls):.2f}–{max(walls):.2f})"
            peak, size = f"{r.peak_mib:.0f}", fmt_sizes(r.sizes)
        if r.target is None:
            target = "—"
        elif r.target_met:
            target = f"yes (< {r.target:g} s)"
        else:
            target = f"**NO** (< {r.target:g} s)"
        rows.append(
            f"| {r.book.key} | {r.words:,} | {r.book.stories} | {r.fmt} | {wall} | {peak} "
            f"| {size} | {target} |"
        )
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="only the 100k-word book")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="N",
        help="runs per build; the table shows the median (default 1)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="work folder for books, builds and results (benchmarks/out)",
    )
    parser.add_argument(
        "--python", default=sys.executable, help="interpreter that has octavo installed (this one)"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=3600,
        metavar="S",
        help="give up on one build after S seconds (3600)",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    out: Path = args.out.resolve()
    (out / "logs").mkdir(parents=True, exist_ok=True)
    books = BOOKS[:1] if args.quick else BOOKS

    # Preflight: can octavo be started at all?
    try:
        probe = subprocess.run(
            octavo(args.python, "--help"), capture_output=True, text=True, timeout=120, check=False
        )
        problem = None if probe.returncode == 0 else (probe.stderr or probe.stdout).strip()
    except (OSError, subprocess.TimeoutExpired) as exc:
        problem = str(exc)
    if problem is not None:
        log(f"cannot run `{' '.join(octavo(args.python, '--help'))}`:\n{problem[-2000:]}")
        log("run it with the interpreter that has octavo installed (`make bench`, or --python)")
        return 2

    results: list[Result] = []
    import_notes: list[str] = []
    failed = False
    for book in books:
        log(f"{book.key}: generating {book.stories} stories, ~{book.words:,} words")
        book_yaml = make_anthology(out / "books" / book.key, book.stories, book.words)
        words = count_words(book_yaml)
        problem = import_check(args.python, book, book_yaml, out, args.timeout)
        if problem is None:
            import_notes.append(f"- {book.key}: EPUB-only build did not import WeasyPrint: **ok**")
        else:
            failed = True
            import_notes.append(f"- {book.key}: **FAILED**: {problem}")
        log(import_notes[-1][2:])
        for fmt in FORMATS:
            result = bench_format(args.python, book, book_yaml, words, fmt, out, args)
            failed |= result.error is not None or result.target_met is False
            results.append(result)

    report = table(results)
    print()
    print(report)
    print()
    print("EPUB-only import check (`python -X importtime -m octavo build ... --epub`):")
    print("\n".join(import_notes))
    missed = [r for r in results if r.target_met is False]
    for r in missed:
        print(f"\nTarget missed: {r.book.key} {r.fmt}: {r.wall:.2f} s, target < {r.target:g} s")

    info = (
        f"- date: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}\n"
        f"- machine: {platform.platform()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}\n"
        f"- command: `{' '.join(octavo(args.python, 'build', 'BOOK', '-o', 'DIR'))}`"
        " with `--epub`, `--pdf` or both\n"
        f"- runs per build: {args.repeat} (wall and peak are medians; range in brackets)\n"
    )
    (out / "results.md").write_text(
        f"# octavo build benchmarks\n\n{info}\n{report}\n\n"
        f"EPUB-only import check:\n\n" + "\n".join(import_notes) + "\n",
        encoding="utf-8",
    )
    log(f"\nwrote {out / 'results.md'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
