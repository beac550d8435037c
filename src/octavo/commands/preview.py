"""`octavo preview [BOOK]`: the book in the browser, rebuilt and reloaded on every save."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import click

from octavo.commands.common import shown_path


@click.command()
@click.argument("book", required=False)
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="Local port to serve on (0: any free port).")
@click.option("--open/--no-open", "open_browser", default=None,
              help="Open the preview in the browser (default: when run on a terminal).")
@click.option("--no-pdf", "no_pdf", is_flag=True,
              help="Preview only the EPUB (faster on a large book).")
def preview(book: str | None, port: int, open_browser: bool | None, no_pdf: bool) -> None:
    """Serve BOOK on http://127.0.0.1 (this machine only) and rebuild it on every save.

    The page shows the EPUB in a reader and the print PDF as pages; both reload by
    themselves after each rebuild and open at the place that changed. Nothing is fetched
    from the network. Ctrl-C stops.
    """
    from octavo import console
    from octavo.commands.watch import print_rebuilt, watch_book
    from octavo.diagnostics import OctavoError, Span
    from octavo.loop_codes import SERVER_FAILED
    from octavo.manifest import find_manifest
    from octavo.preview import PreviewState, serve, update_from
    from octavo.rebuild import Rebuilder

    try:
        manifest_path = find_manifest(book, Path.cwd())
    except OctavoError as exc:
        console.print_diagnostics(exc.diagnostics)
        sys.exit(1)
    state, lock, stopping = PreviewState(), threading.Lock(), threading.Event()
    try:
        server = serve(state, port, lock, stopping)
    except OSError as exc:
        console.print_diagnostics(OctavoError.single(
            SERVER_FAILED, f"cannot serve on port {port}: {exc.strerror}; try --port 0",
            Span(f"127.0.0.1:{port}")).diagnostics)
        sys.exit(1)
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    import tempfile  # here: `octavo --help` imports this module and should stay fast

    with tempfile.TemporaryDirectory(prefix="octavo-preview-") as output:
        rebuilder = Rebuilder(manifest_path, Path(output), ("epub",) if no_pdf else
                              ("epub", "pdf"))

        def rebuilt(report: object) -> None:
            update_from(state, report, lock)
            print_rebuilt(report)

        def epub_then_pdf(formats: tuple[str, ...], changed: list[Path]) -> None:
            # The EPUB first: it is ready in a moment, the PDF follows.
            if "epub" in formats:
                rebuilt(rebuilder.build(("epub",), changed))
            if "pdf" in formats:
                report = rebuilder.build(("pdf",), changed)
                update_from(state, report, lock)
                if not report.ok:
                    print_rebuilt(report)

        console.say(f"serving {shown_path(manifest_path)} on {url} (Ctrl-C stops)",
                    to_stdout=True)
        sys.stdout.flush()
        epub_then_pdf(rebuilder.formats, [])
        with state.lock:
            state.building = False
        state.announce()
        if open_browser or (open_browser is None and sys.stdout.isatty()):
            import webbrowser

            webbrowser.open(url)
        try:
            watch_book(rebuilder, stopping, lambda report: None, rebuild=epub_then_pdf)
        except KeyboardInterrupt:
            pass
        finally:
            stopping.set()
            server.shutdown()
