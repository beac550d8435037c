"""Where a parallel PDF build's wall time goes: one build with N workers, its stages on a
timeline, each with the CPU this process spent in it and the CPU of the workers it ran.

    python benchmarks/pdf_timeline.py BOOK.yaml OUT_FOLDER [--jobs 2]

On a shared machine the wall column is only as good as the load lets it be; the CPU columns
are what to compare. What this process spends outside the workers is serial work: on 2 idle
cores the build takes about (serial CPU) + (workers' CPU) / 2 + the workers' idle tail, which
the last table shows (per worker process: busy seconds, and how long before the last task
ended it stopped).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pdf_stages import patch_stage  # this folder is on the path when run as a script

_started_cpu = time.process_time()
_started_wall = time.perf_counter()

# (module, attribute path, label); see pdf_stages.py for how a name is patched where it is used.
STAGES = (
    ("octavo.pipeline", "load_book", "read, normalise, check the book"),
    ("octavo.backends.pdf_layout", "PdfLayout.__init__", "fonts and stylesheets"),
    ("octavo.backends.pdf_compose", "_planned_documents", "plan the documents"),
    ("octavo.backends.pdf_parallel", "_in_workers", "documents in workers"),
    ("octavo.backends.pdf_compose", "_place_body", "place the body"),
    ("octavo.backends.pdf_layout", "PdfLayout.render", "render here (front matter)"),
    ("octavo.backends.pdf_layout", "PdfLayout.folio_sheets", "folio sheet"),
    ("octavo.backends.pdf", "_assemble", "join the documents"),
    ("octavo.backends.pdf", "mark_pdfx", "PDF/X marks"),
    ("pikepdf", "Pdf.save", "save"),
    ("octavo.check.pdf_preflight", "preflight", "preflight"),
)

events: list[tuple[str, float, float, float, float]] = []  # label, start, end, CPU, workers' CPU
_depth = [0]
_TASKS = Path(tempfile.mkdtemp(prefix="octavo-timeline-")) / "tasks"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(function: Callable[..., Any], label: str) -> Callable[..., Any]:
    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        if _depth[0]:  # only the outermost stage: the timeline does not overlap itself
            return function(*args, **kwargs)
        _depth[0] += 1
        start, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
        try:
            return function(*args, **kwargs)
        finally:
            _depth[0] -= 1
            events.append((label, start - _started_wall, time.perf_counter() - _started_wall,
                           time.process_time() - cpu, _children_cpu() - children))
    return timed


def _log_tasks() -> None:
    """Each task a worker runs, logged as (pid, start, end) to a shared file."""
    from octavo.backends import pdf_layout

    for name in ("lay_out", "sheet_pdf"):
        original = getattr(pdf_layout.PdfLayout, name)

        def logged(self: Any, *args: Any, __original: Any = original, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return __original(self, *args, **kwargs)
            finally:
                with _TASKS.open("a") as out:
                    out.write(f"{os.getpid()} {start - _started_wall:.3f} "
                              f"{time.perf_counter() - _started_wall:.3f}\n")
        setattr(pdf_layout.PdfLayout, name, logged)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manifest", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    from octavo import pipeline
    from octavo.backends.base import NullProgress

    imported = time.process_time() - _started_cpu
    for module, path, label in STAGES:
        patch_stage(module, path, functools.partial(_timed, label=label))
    _log_tasks()
    cpu, children = time.process_time(), _children_cpu()
    pipeline.build(args.manifest, args.out, ("pdf",),
                   timestamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), progress=NullProgress(),
                   lint=True, use_cache=False, workers=args.jobs)
    end = time.perf_counter() - _started_wall
    own, theirs = time.process_time() - cpu, _children_cpu() - children
    print(f"{'stage':34s} {'start':>6s} {'end':>6s} {'CPU s':>6s} {'workers':>7s}")
    print(f"{'start-up, imports':34s} {0:6.2f} {'':6s} {imported:6.2f}")
    for label, start, stop, spent, workers in events:
        print(f"{label:34s} {start:6.2f} {stop:6.2f} {spent:6.2f} {workers:7.2f}")
    serial = own - sum(spent for label, *_, spent, _ in events if label == "documents in workers")
    print(f"{'whole build':34s} {'':6s} {end:6.2f} {own:6.2f} {theirs:7.2f}")
    print(f"\nCPU: this process {own + imported:.2f} s (outside the workers' stages "
          f"{serial + imported:.2f}), workers {theirs:.2f} s, total {own + imported + theirs:.2f};"
          f" wall {end:.2f} s, load {os.getloadavg()[0]:.1f}")
    # What the same work would take on idle cores, whatever the load was: the serial CPU, and
    # the workers' CPU shared by `jobs` cores (their idle tails, below, not counted).
    print(f"on {args.jobs} idle cores: about {serial + imported + theirs / args.jobs:.2f} s wall "
          f"(serial {serial + imported:.2f} + workers {theirs:.2f} / {args.jobs}; "
          f"the serial share is {(serial + imported) / (serial + imported + theirs / args.jobs):.0%})")
    tasks: dict[str, list[tuple[float, float]]] = {}
    for line in _TASKS.read_text().splitlines() if _TASKS.exists() else []:
        pid, start_text, end_text = line.split()
        tasks.setdefault(pid, []).append((float(start_text), float(end_text)))
    last = max((stop for spans in tasks.values() for _, stop in spans), default=0.0)
    print(f"\n{'process':10s} {'tasks':>5s} {'busy s':>7s} {'first':>6s} {'last end':>8s}")
    for pid, spans in sorted(tasks.items(), key=lambda item: item[1][0]):
        busy = sum(stop - start for start, stop in spans)
        label = "this" if int(pid) == os.getpid() else pid
        print(f"{label:10s} {len(spans):5d} {busy:7.2f} {spans[0][0]:6.2f} "
              f"{max(stop for _, stop in spans):8.2f}  (idle tail {last - max(s for _, s in spans):.2f})")


if __name__ == "__main__":
    main()
