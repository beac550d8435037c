"""`octavo proof [BOOK] [--pages 1-20]`: PNG proofs of the print PDF's spreads, and a
contact sheet of the whole book."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from octavo.commands.common import shown_path


@click.command()
@click.argument("book", required=False)
@click.option("--pages", metavar="RANGE", help="Pages to proof, as 1-20 or 3,7,10-12 "
              "(default: all). Each page is shown in its spread.")
@click.option("-o", "--output", "output", default="dist/proofs", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write the proofs into.")
def proof(book: str | None, pages: str | None, output: Path) -> None:
    """Build BOOK's print PDF and write PNG proofs of its spreads and a contact sheet.

    Spreads lie as in the printed book: page 1 alone on the right, then 2-3, 4-5, and so on.
    """
    import tempfile  # here, not at the top: `octavo --help` imports this module

    from octavo import console, pipeline
    from octavo.diagnostics import OctavoError, Span
    from octavo.loop_codes import BAD_PAGE_RANGE
    from octavo.manifest import find_manifest
    from octavo.proofs import make_proofs, parse_pages

    try:
        manifest_path = find_manifest(book, Path.cwd())
        with tempfile.TemporaryDirectory(prefix="octavo-proof-") as staging:
            with console.ConsoleProgress() as progress:
                result = pipeline.build(manifest_path, Path(staging), ("pdf",),
                                        progress=progress)
            pdf = result.artifacts[0]
            wanted = parse_pages(pages, pdf.pages or 0)
            if wanted is None:
                raise OctavoError.single(BAD_PAGE_RANGE, f"--pages {pages!r}: give pages from 1 "
                                         f"to {pdf.pages}, as 1-20 or 3,7,10-12",
                                         Span("--pages"))
            made = make_proofs(pdf.path, output, wanted)
    except OctavoError as exc:
        console.print_diagnostics(exc.diagnostics)
        sys.exit(1)
    console.say(f"wrote {console.plural(len(made.spreads), 'spread')} of a "
                f"{made.pages}-page book and a contact sheet to {shown_path(output)}/",
                to_stdout=True)
    console.detail("\n".join(shown_path(p) for p in (*made.spreads, made.sheet)))
