"""The `octavo build-many` command."""

from __future__ import annotations

import sys
from pathlib import Path

import click

ENGINES = ("local", "ray")  # the names `engines.make_engine` knows


@click.command("build-many")
@click.argument("catalogue", type=click.Path(exists=True, path_type=Path))
@click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
              help="local: a process pool here; ray: a Ray cluster (RAY_ADDRESS, else a local "
                   "Ray instance; needs `pip install octavo[ray]`).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Books built at once (default: one per core).")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write each book's files to OUTPUT/<book> (default: the book's own dist/).")
@click.option("--epub", "want_epub", is_flag=True, help="Build only the EPUBs.")
@click.option("--pdf", "want_pdf", is_flag=True, help="Build only the print PDFs.")
@click.option("--no-check", "no_check", is_flag=True, help="Skip the manuscript checks.")
@click.option("--force", is_flag=True, help="Rebuild books whose outputs are fresh.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Where to write the JSON report (default: "
                                 "CATALOGUE/octavo-report.json, or beside a list file).")
def build_many(catalogue: Path, engine: str, jobs: int | None, output: Path | None,
               want_epub: bool, want_pdf: bool, no_check: bool, force: bool,
               report_path: Path | None) -> None:
    """Build every book under CATALOGUE (a folder of book projects, or a file listing them).

    Books whose outputs are newer than every input are skipped; a book that fails never stops
    the others. Exit status: 0 every book built or fresh, 1 some failed.
    """
    from octavo import console
    from octavo.catalogue.run import REPORT_NAME, build_catalogue, write_report
    from octavo.diagnostics import OctavoError

    if engine == "ray":
        try:
            import ray  # noqa: F401
        except ImportError:
            raise click.UsageError("--engine ray needs Ray: pip install 'octavo[ray]'") from None
    formats = tuple(f for f, wanted in (("epub", want_epub), ("pdf", want_pdf)) if wanted)
    report_path = report_path or (catalogue / REPORT_NAME if catalogue.is_dir()
                                  else catalogue.parent / REPORT_NAME)
    try:
        with console.CatalogueProgress() as progress:
            report = build_catalogue(
                catalogue, engine=engine, jobs=jobs, output=output,
                formats=formats or ("epub", "pdf"), lint=not no_check, force=force,
                started=progress.started,
                finished=lambda b: progress.finished(b.book, b.status, b.seconds, b.error))
    except OctavoError as exc:
        console.print_diagnostics(exc.diagnostics)
        sys.exit(1)
    write_report(report, report_path)
    console.print_catalogue_summary(dict(report.counts), report.seconds, str(report_path))
    if report.failed:
        sys.exit(1)
