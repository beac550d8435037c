"""`octavo cover [BOOK] [-o DIR] [--pages N]`: the wraparound print cover of a book."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from octavo.diagnostics import OctavoError


@click.command()
@click.argument("book", required=False)
@click.option("-o", "--output", "output", default="dist", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Folder to write <slug>-cover.pdf into.")
@click.option("--pages", type=click.IntRange(1, 5000), default=None,
              help="The interior's page count (default: lay the interior out and count).")
def cover(book: str | None, output: Path, pages: int | None) -> None:
    """Write the wraparound print cover of BOOK: back, spine and front, with bleed.

    The spine width follows the interior's page count and the paper (build.paper); the command
    prints the width it used.
    """
    from octavo import console, pipeline
    from octavo.document import timestamp_from_date
    from octavo.manifest import find_manifest, load_manifest
    from octavo.print_cover import make_cover

    try:
        manifest_path = find_manifest(book, Path.cwd())
        manifest, warnings = load_manifest(manifest_path)
        pipeline.check_output_dir(output)
        timestamp = timestamp_from_date(manifest.date) or pipeline._today()
        if pages is None:
            import tempfile

            with tempfile.TemporaryDirectory(prefix=".octavo-cover-", dir=output) as staging:
                built = pipeline.build(manifest_path, Path(staging), ("pdf",), timestamp=timestamp)
                pages = built.artifacts[0].pages or 0
        result = make_cover(manifest, output, pipeline.slugify(manifest.title), pages, timestamp)
    except OctavoError as exc:
        console.print_diagnostics(exc.diagnostics)
        sys.exit(1)
    console.print_diagnostics([*warnings, *result.diagnostics])
    text = "with spine text" if result.spine_text else "no spine text"
    print(f"wrote {result.path}  spine {result.spine_in:.3f} in ({result.pages} pages, "
          f"{manifest.print.paper} paper, {text})")
