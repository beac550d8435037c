"""Build a whole catalogue: discover its books, run them on an engine, write the report."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from octavo.catalogue.discover import CatalogueEntry, discover
from octavo.catalogue.engines import make_engine
from octavo.catalogue.task import BookReport, BookTask

REPORT_NAME = "octavo-report.json"


@dataclass(slots=True)
class CatalogueReport:
    catalogue: str
    engine: str
    jobs: int
    books: list[BookReport] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def counts(self) -> Counter[str]:
        return Counter(b.status for b in self.books)

    @property
    def failed(self) -> int:
        return self.counts["failed"]

    def to_json(self) -> dict[str, Any]:
        counts = self.counts
        return {
            "catalogue": self.catalogue,
            "engine": self.engine,
            "jobs": self.jobs,
            "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "seconds": round(self.seconds, 3),
            "summary": {"books": len(self.books), "built": counts["built"],
                        "fresh": counts["fresh"], "failed": counts["failed"]},
            "books": [b.to_json() for b in self.books],
        }


def output_folder(entry: CatalogueEntry, output: Path | None) -> Path:
    """Each book's outputs: its own `dist/`, or `OUTPUT/<book>` when an output folder is given."""
    if output is None:
        return entry.manifest.parent / "dist"
    return output.resolve() / entry.name


def build_catalogue(catalogue: Path, *, engine: str = "local", jobs: int | None = None,
                    output: Path | None = None, formats: tuple[str, ...] = ("epub", "pdf"),
                    lint: bool = True, force: bool = False,
                    started: Callable[[int], None] = lambda total: None,
                    finished: Callable[[BookReport], None] = lambda report: None,
                    ) -> CatalogueReport:
    """Build every book of the catalogue; the report lists them in catalogue order."""
    began = time.perf_counter()
    entries = discover(catalogue)
    jobs = jobs or os.cpu_count() or 1
    tasks = [BookTask(str(e.manifest), e.name, str(output_folder(e, output)), formats, lint, force)
             for e in entries]
    started(len(tasks))
    reports: dict[str, BookReport] = {}

    def done(report: BookReport) -> None:
        reports[report.manifest] = report
        finished(report)

    make_engine(engine, jobs).run(tasks, done)
    report = CatalogueReport(str(catalogue), engine, jobs,
                             [reports[t.manifest] for t in tasks if t.manifest in reports])
    report.seconds = time.perf_counter() - began
    return report


def write_report(report: CatalogueReport, path: Path) -> None:
    """Written whole or not at all: a reader never sees half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    partial.write_text(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n",
                       encoding="utf-8")
    os.replace(partial, path)
