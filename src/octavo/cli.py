"""The `octavo` command. Parses arguments, calls the pipeline, and sets the exit status:
0 success, 1 errors in the book, 2 bad usage, 3 an internal error (a bug in octavo)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback
from pathlib import Path

import click

from octavo import __version__
from octavo.diagnostics import OctavoError, Span

EXIT_ERRORS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


def _source_date_epoch() -> dt.datetime | None:
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if not raw:
        return None
    try:
        return dt.datetime.fromtimestamp(int(raw), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise OctavoError.single("OCT400", f"SOURCE_DATE_EPOCH={raw!r} is not a Unix time",
                                 Span("SOURCE_DATE_EPOCH")) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="octavo")
def cli() -> None:
    """Turn manuscripts into a store-ready EPUB 3 and a print-ready PDF."""


@cli.command()
@click.argument("book", required=False)
@click.option("-o", "--output", "output", default="dist", show_default=True,
              type=click.Path(file_okay=True, dir_okay=True, path_type=Path),
              help="Folder to write the book files into.")
@click.option("--epub", "want_epub", is_flag=True, help="Build the EPUB (default: both formats).")
@click.option("--pdf", "want_pdf", is_flag=True, help="Build the print PDF (default: both).")
@click.option("--no-check", "no_check", is_flag=True,
              help="Skip the manuscript checks of `octavo check` (errors still stop the build).")
def build(book: str | None, output: Path, want_epub: bool, want_pdf: bool,
          no_check: bool) -> None:
    """Build BOOK (a folder holding book.yaml, or the file itself).

    Without BOOK, ./book.yaml is used, then manuscripts/book.yaml.
    """
    from octavo import console, pipeline
    from octavo.manifest import find_manifest

    formats = tuple(f for f, wanted in (("epub", want_epub), ("pdf", want_pdf)) if wanted)
    try:
        manifest_path = find_manifest(book, Path.cwd())
        with console.ConsoleProgress() as progress:
            result = pipeline.build(manifest_path, output, formats or pipeline.FORMATS,
                                    timestamp=_source_date_epoch(), progress=progress,
                                    lint=not no_check)
    except OctavoError as exc:
        console.print_diagnostics(exc.diagnostics)
        errors = sum(1 for d in exc.diagnostics if d.severity.value == "error")
        print(f"octavo: build failed with {errors} error{'s' if errors != 1 else ''}",
              file=sys.stderr)
        sys.exit(EXIT_ERRORS)
    shown = [d for d in result.diagnostics if d.severity.value != "info"]
    console.print_diagnostics(shown)
    if len(shown) < len(result.diagnostics):
        print(f"({len(result.diagnostics) - len(shown)} notes not shown: run octavo check)",
              file=sys.stderr)
    stories = sum(1 for _ in result.book.chapters())
    console.print_summary([(_shown(a.path), a.size, a.pages) for a in result.artifacts],
                          result.words, stories, result.seconds)


@cli.command()
@click.argument("file", type=click.Path(allow_dash=True, dir_okay=False, path_type=Path))
@click.option("--in-place", "in_place", is_flag=True,
              help="Rewrite FILE with the normalised text, keeping a backup (FILE.bak).")
@click.option("--diff", "show_diff", is_flag=True, help="Show what would change, as a diff.")
@click.option("--quotes", type=click.Choice(["american", "british"]), default=None,
              help="Quotation style (default: American; British for --language en-GB).")
@click.option("--language", default="en-US", show_default=True, help="The text's language.")
def normalize(file: Path, in_place: bool, show_diff: bool, quotes: str | None,
              language: str) -> None:
    """Print FILE (or - for standard input) normalised, as Markdown.

    Curly quotes and apostrophes, dashes, ellipses and spaces as a typesetter would set them;
    every scene-break marker as one `* * *` line. Nothing but punctuation and spaces changes.
    """
    from octavo import console
    from octavo.normalise.command import normalise_file

    if in_place and str(file) == "-":
        raise click.UsageError("--in-place needs a file, not standard input")
    try:
        result = normalise_file(file, quotes=quotes, language=language, in_place=in_place,
                                diff=show_diff)
    except OctavoError as exc:
        console.print_diagnostics(exc.diagnostics)
        sys.exit(EXIT_ERRORS)
    console.print_diagnostics(result.diagnostics)
    if result.output:
        sys.stdout.write(result.output)
    if result.backup:
        print(f"rewrote {file}; the original is in {result.backup}", file=sys.stderr)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print the findings.")
@click.option("--explain", "explain_code", metavar="CODE", help="Explain a diagnostic code.")
@click.option("--epub", "epub_file", type=click.Path(path_type=Path), metavar="FILE",
              help="Run EPUBCheck on a built EPUB and report in octavo's format.")
@click.option("--pdf", "pdf_file", type=click.Path(path_type=Path), metavar="FILE",
              help="Preflight a print PDF: fonts, page size, image resolution.")
@click.option("--profile", type=click.Choice(["kdp", "ingram", "generic"]), default=None,
              help="With --pdf: also every rule of this print shop (gutter, safe zone, PDF/X…).")
def check(paths: tuple[Path, ...], output_format: str, explain_code: str | None,
          epub_file: Path | None, pdf_file: Path | None, profile: str | None) -> None:
    """Check a book (a folder or book.yaml) or manuscript files before building.

    Prints `path:line:col: severity CODE message` for each finding, sorted by file and place.
    Exit status: 0 no errors, 1 errors found, 2 the check could not run.
    """
    from octavo import check as checker
    from octavo import console
    from octavo.manifest import find_manifest

    if explain_code:
        text = checker.explain(explain_code)
        if text is None:
            raise click.UsageError(f"unknown code {explain_code!r}")
        print(text)
        return
    built = [p for p in (epub_file, pdf_file) if p is not None]
    missing = [p for p in (*paths, *built) if not p.exists()]
    if missing:
        print(f"octavo check: no such file or folder: {missing[0]}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    books = [p for p in paths if p.is_dir() or p.suffix in (".yaml", ".yml")]
    try:
        if built:
            from octavo.check.outputs import check_epub, check_pdf

            found = (check_epub(epub_file) if epub_file else []) + (
                check_pdf(pdf_file, profile) if pdf_file else [])
        elif not paths:
            found = checker.check_book(find_manifest(None, Path.cwd()))
        elif books:
            found = [d for book in books for d in checker.check_book(find_manifest(str(book),
                                                                                  Path.cwd()))]
            found += checker.check_files([p for p in paths if p not in books])
        else:
            found = checker.check_files(list(paths))
    except OctavoError as exc:
        if any(d.code == "OCT100" for d in exc.diagnostics):
            console.print_diagnostics(exc.diagnostics)
            sys.exit(EXIT_USAGE)
        raise
    if output_format == "json":
        console.print_json_diagnostics(found)
    else:
        console.print_diagnostics(found, with_source=True, to_stdout=True)
    if any(d.severity.value == "error" for d in found):
        sys.exit(EXIT_ERRORS)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def fix(paths: tuple[Path, ...]) -> None:
    """Apply the safe fixes to a book's manuscripts (or the given files), in place.

    The fixes: mojibake repaired (donâ€™t → don’t), doubled periods and commas made single,
    and the normaliser's curly quotes, dashes, ellipses, spaces and scene breaks.
    Each file changed keeps its original as FILE.bak (then .bak2, …). Run `octavo check`
    afterwards for what needs an editor's eye.
    """
    from octavo import console
    from octavo.manifest import find_manifest, load_manifest
    from octavo.normalise.command import normalise_file

    try:
        books = [p for p in paths if p.is_dir() or p.suffix in (".yaml", ".yml")]
        if not paths:
            books = [find_manifest(None, Path.cwd())]
        # (file, quotation style, language): a book's manuscripts follow its house style.
        targets: list[tuple[Path, str | None, str]] = [
            (p, None, "en-US") for p in paths if p not in books]
        for book in books:
            manifest, _ = load_manifest(find_manifest(str(book), Path.cwd()))
            style = "british" if manifest.house_style.single_outer else "american"
            targets += [(s.path, style, manifest.language) for s in manifest.stories()]
        for path, quotes, language in targets:
            result = normalise_file(path, quotes=quotes, language=language, in_place=True,
                                    diff=False, repairs=True)
            console.print_diagnostics(result.diagnostics)
            backup = result.backup.name if result.backup else "-"
            print(f"fixed {_shown(path)} (the original is in {backup})")
    except OctavoError as exc:
        console.print_diagnostics(exc.diagnostics)
        sys.exit(EXIT_ERRORS)


from octavo.cover_command import cover as _cover  # noqa: E402  (the command's own module)

cli.add_command(_cover)


def _shown(path: Path) -> str:
    """A path relative to the working folder when it lies below it, else absolute."""
    relative = os.path.relpath(path)
    return str(path.resolve()) if relative.startswith("..") else relative


def main() -> None:
    """Entry point: never let a Python traceback reach the user."""
    try:
        # Not click's standalone mode: it would answer Ctrl-C with "Aborted!" and status 1.
        status = cli.main(standalone_mode=False)
        sys.exit(status if isinstance(status, int) else 0)
    except SystemExit:
        raise
    except click.ClickException as exc:  # bad usage: click's own message, status 2
        exc.show()
        sys.exit(exc.exit_code)
    except (KeyboardInterrupt, click.Abort):
        print("octavo: interrupted", file=sys.stderr)
        sys.exit(130)
    except BaseException:
        fd, log_path = tempfile.mkstemp(prefix="octavo-crash-", suffix=".log")
        with os.fdopen(fd, "w") as log:
            traceback.print_exc(file=log)
        from octavo.console import print_internal_error

        print_internal_error(log_path)
        sys.exit(EXIT_INTERNAL)
