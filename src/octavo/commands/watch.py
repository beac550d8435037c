"""`octavo watch [BOOK]`: rebuild on every save, and say what the save changed."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import click

from octavo.commands.common import shown_path

# Short: an author saves, and wants the book now. (watchfiles' own default waits 1.6 s.)
DEBOUNCE_MS = 50


def watch_book(rebuilder: object, stop: threading.Event,
               on_rebuilt: Callable[[object], None],
               rebuild: Callable[[tuple[str, ...], list[Path]], None] | None = None) -> None:
    """Rebuild with `rebuilder` (a rebuild.Rebuilder) whenever a file of the book changes,
    until `stop` is set; `on_rebuilt` gets each rebuild's report. `rebuild`, when given,
    does the rebuilding instead (the preview builds the EPUB before the PDF)."""
    from watchfiles import watch

    from octavo.rebuild import Rebuilder
    from octavo.resources import styles_dir

    assert isinstance(rebuilder, Rebuilder)
    folders = [rebuilder.folder]
    styles = styles_dir()
    if not styles.resolve().is_relative_to(rebuilder.folder):
        folders.append(styles)  # the package's own styles: a developer editing them
    for changes in watch(*folders, stop_event=stop, debounce=DEBOUNCE_MS, step=25,
                         rust_timeout=500, yield_on_timeout=False, raise_interrupt=False):
        changed = {Path(path) for _, path in changes}
        formats = rebuilder.affected(changed)
        if formats:
            relevant = [p for p in changed if rebuilder.affected([p])]
            if rebuild is not None:
                rebuild(formats, relevant)
            else:
                on_rebuilt(rebuilder.build(formats, relevant))


def print_rebuilt(report: object) -> None:
    from octavo import console
    from octavo.rebuild import Rebuilt

    assert isinstance(report, Rebuilt)
    when = time.strftime("%H:%M:%S")
    what = ", ".join(shown_path(p) for p in sorted(report.changed)[:3]) or "the book"
    formats = " and ".join(f.upper() for f in report.formats)
    if report.ok:
        console.say(f"[{when}] {what}: rebuilt the {formats} in {report.seconds:.2f} s")
    else:
        console.say(f"[{when}] {what}: the build failed; the last good files are kept")
    errors = [d for d in report.diagnostics if d.severity.value == "error"]
    if not report.changed:  # the first build: what matters most, as `octavo build` shows it
        from octavo.triage import most_important

        others = [d for d in report.diagnostics if d.severity.value == "warning"]
        console.print_build_findings(report.diagnostics, errors + most_important(others))
        return
    console.print_diagnostics(sorted(set(errors) | set(report.new), key=lambda d: d.sort_key()),
                              with_source=True)
    if report.resolved:
        console.say(f"  {console.plural(report.resolved, 'finding')} gone since the last build")


@click.command()
@click.argument("book", required=False)
@click.option("-o", "--output", "output", default="dist", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the book files into.")
@click.option("--epub", "want_epub", is_flag=True, help="Build only the EPUB.")
@click.option("--pdf", "want_pdf", is_flag=True, help="Build only the PDF.")
def watch(book: str | None, output: Path, want_epub: bool, want_pdf: bool) -> None:
    """Build BOOK, then rebuild it on every save of a manuscript, book.yaml or a style.

    Only what changed is redone (an EPUB template rebuilds only the EPUB), and each rebuild
    prints the findings the save brought, and how many it cleared. Ctrl-C stops.
    """
    from octavo import console
    from octavo.diagnostics import OctavoError
    from octavo.manifest import find_manifest
    from octavo.rebuild import FORMATS, Rebuilder

    formats = tuple(f for f, wanted in (("epub", want_epub), ("pdf", want_pdf)) if wanted)
    try:
        manifest_path = find_manifest(book, Path.cwd())
    except OctavoError as exc:
        console.print_diagnostics(exc.diagnostics)
        sys.exit(1)
    rebuilder = Rebuilder(manifest_path, output, formats or FORMATS)
    print_rebuilt(rebuilder.build())
    console.say(f"watching {shown_path(rebuilder.folder)} for changes (Ctrl-C stops)")
    stop = threading.Event()
    try:
        watch_book(rebuilder, stop, print_rebuilt)
    except KeyboardInterrupt:
        stop.set()
