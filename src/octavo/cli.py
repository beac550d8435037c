"""The `octavo` command. Parses arguments, calls the pipeline, and sets the exit status:
0 success, 1 errors in the book, 2 bad usage, 3 an internal error (a bug in octavo)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from octavo import __version__
from octavo.commands.common import OctavoGroup, global_options, shown_path
from octavo.diagnostics import OctavoError, Span
from octavo.store_names import STORES

EXIT_ERRORS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3


def source_date_epoch() -> dt.datetime | None:
    raw = os.environ.get("SOURCE_DATE_EPOCH")
    if not raw:
        return None
    try:
        return dt.datetime.fromtimestamp(int(raw), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise OctavoError.single("OCT400", f"SOURCE_DATE_EPOCH={raw!r} is not a Unix time",
                                 Span("SOURCE_DATE_EPOCH")) from None


@click.group(cls=OctavoGroup, context_settings={"help_option_names": ["-h", "--help"]},
             params=global_options())
@click.version_option(__version__, "-V", "--version", prog_name="octavo")
def cli() -> None:
    """Turn manuscripts into a store-ready EPUB 3 and a print-ready PDF.

    Start a book with `octavo new`, build it with `octavo build`, and keep it building on
    every save with `octavo watch` or `octavo preview`.
    """


@cli.command()
@click.argument("book", required=False)
@click.option("-o", "--output", "output", default="dist", show_default=True,
              type=click.Path(file_okay=True, dir_okay=True, path_type=Path),
              help="Folder to write the book files into.")
@click.option("--epub", "want_epub", is_flag=True, help="Build the EPUB (default: both formats).")
@click.option("--pdf", "want_pdf", is_flag=True, help="Build the print PDF (default: both).")
@click.option("--no-check", "no_check", is_flag=True,
              help="Skip the manuscript checks of `octavo check` (errors still stop the build).")
@click.option("--store", "stores", multiple=True, type=click.Choice([*STORES, "all"]),
              help="Also write the EPUB as this store wants it (repeatable, or all).")
@click.option("--no-cache", "no_cache", is_flag=True,
              help="Build everything afresh; neither read nor write the book's .octavo-cache/.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes for the stories (default: one per core).")
def build(book: str | None, output: Path, want_epub: bool, want_pdf: bool,
          no_check: bool, stores: tuple[str, ...], no_cache: bool, jobs: int | None) -> None:
    """Build BOOK (a folder holding book.yaml, or the file itself).

    Without BOOK, ./book.yaml is used, then manuscripts/book.yaml, then the book.yaml of the
    nearest folder above. Errors are all shown; of the warnings, the three that matter most
    (-v shows every one).
    """
    from octavo import console, pipeline
    from octavo.manifest import find_manifest
    from octavo.triage import most_important

    formats = tuple(f for f, wanted in (("epub", want_epub), ("pdf", want_pdf)) if wanted)
    try:
        manifest_path = find_manifest(book, Path.cwd())
        output = _output_folder(output, manifest_path)
        with console.ConsoleProgress() as progress:
            result = pipeline.build(manifest_path, output, formats or pipeline.FORMATS,
                                    timestamp=source_date_epoch(), progress=progress,
                                    lint=not no_check, use_cache=not no_cache, workers=jobs,
                                    stores=STORES if "all" in stores else stores)
    except OctavoError as exc:
        found = list(exc.diagnostics)
        errors = [d for d in found if d.severity.value == "error"]
        others = [d for d in found if d.severity.value != "error"]
        console.print_build_findings(found, found if console.verbose()
                                     else errors + most_important(others))
        print(f"octavo: build failed with {console.plural(len(errors), 'error')}",
              file=sys.stderr)
        sys.exit(EXIT_ERRORS)
    found = result.diagnostics
    if console.verbose():
        console.print_build_findings(found, found)
    else:
        console.print_build_findings(found, most_important(
            [d for d in found if d.severity.value != "info"]))
    chapters = sum(1 for _ in result.book.chapters())
    console.print_summary([(shown_path(a.path), a.size, a.pages) for a in result.artifacts],
                          result.words, chapters, result.seconds, noun=result.book.unit_noun)


@cli.command()
@click.argument("file", type=click.Path(allow_dash=True, dir_okay=False, path_type=Path))
@click.option("--in-place", "in_place", is_flag=True,
              help="Rewrite FILE with the normalised text, keeping a backup (FILE.bak).")
@click.option("--diff", "show_diff", is_flag=True, help="Show what would change, as a diff.")
@click.option("--quotes", type=click.Choice(["keep", "american", "british"]), default=None,
              help="Quotation style (default: the book's house style, else keep the author's "
                   "double and single marks, curled).")
@click.option("--language", default=None,
              help="The text's language (default: the book's, else en-US).")
def normalize(file: Path, in_place: bool, show_diff: bool, quotes: str | None,
              language: str | None) -> None:
    """Print FILE (or - for standard input) normalised, as Markdown.

    Curly quotes and apostrophes, dashes, ellipses and spaces as a typesetter would set them;
    every scene-break marker as one `* * *` line. Nothing but punctuation and spaces changes.
    A file inside a book folder gets that book's house style, as `octavo build` applies it.
    `--diff` and `--in-place` (which combine) keep the file's own format: a .txt stays plain
    text with its own heading lines, and is written only when something changes.
    """
    from octavo import console
    from octavo.commands.fix import Target, apply, style_for_file
    from octavo.normalise import house_style_for
    from octavo.normalise.command import normalise_file

    if in_place and str(file) == "-":
        raise click.UsageError("--in-place needs a file, not standard input")
    try:
        style = None
        if quotes or language:
            style = house_style_for(language or "en-US", quotes)
        elif str(file) != "-" and file.is_file():
            style = style_for_file(file)
        if (in_place or show_diff) and str(file) != "-":
            if not apply(Target(file, style), repairs=False, write=in_place,
                         show_diff=show_diff) and not show_diff:
                console.say(f"{file}: nothing to change")
            return
        result = normalise_file(file, quotes=quotes, language=language or "en-US",
                                in_place=in_place, diff=show_diff, style=style)
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
# The choices are print_profiles.PAPER_CHOICES, spelt out so that --help imports nothing more.
@click.option("--paper", type=click.Choice(["white", "cream", "colour", "standard-colour", "color",
                                            "premium-colour", "premium-color", "standard-color"]),
              default=None,
              help="With --profile: the paper, for the shop's page limits and black-only text "
                   "(default: the book's build.paper, else white).")
def check(paths: tuple[Path, ...], output_format: str, explain_code: str | None,
          epub_file: Path | None, pdf_file: Path | None, profile: str | None,
          paper: str | None) -> None:
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
            raise click.UsageError(f"unknown code {explain_code!r}; `octavo explain --list` "
                                   "lists them")
        console.result(text)
        return
    if paper is not None and profile is None:
        raise click.UsageError("--paper goes with --pdf FILE --profile NAME")
    built = [p for p in (epub_file, pdf_file) if p is not None]
    missing = [p for p in (*paths, *built) if not p.exists()]
    if missing:
        print(f"octavo check: no such file or folder: {missing[0]}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    books = [p for p in paths if p.is_dir() or p.suffix in (".yaml", ".yml")]
    try:
        if built:
            from octavo.check.outputs import check_epub, check_pdf
            from octavo.print_profiles import paper_name

            found = (check_epub(epub_file) if epub_file else []) + (
                check_pdf(pdf_file, profile, paper and paper_name(paper)) if pdf_file else [])
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
        console.print_check_summary(_files_checked(paths, books, built), found)
    if any(d.severity.value == "error" for d in found):
        sys.exit(EXIT_ERRORS)


def _output_folder(output: Path, manifest_path: Path) -> Path:
    """A book found in a folder above (run from chapters/, say) builds into its own dist/,
    unless -o says otherwise."""
    context = click.get_current_context()
    if context.get_parameter_source("output") is not click.core.ParameterSource.DEFAULT:
        return output
    folder = manifest_path.parent.resolve()
    cwd = Path.cwd().resolve()
    return folder / output if folder in cwd.parents and folder != cwd / "manuscripts" else output


def _files_checked(paths: tuple[Path, ...], books: list[Path], built: list[Path]) -> int:
    """How many files a check read: each book's manifest and manuscripts, and the files."""
    from octavo.commands.fix import book_style
    from octavo.manifest import find_manifest

    count = len(built) + len([p for p in paths if p not in books])
    names: list[str | None] = [str(b) for b in books] or ([] if paths or built else [None])
    for name in names:
        try:
            count += 1 + len(book_style(find_manifest(name, Path.cwd()))[1])
        except OctavoError:
            count += 1
    return count


@cli.command()
@click.argument("book", required=False)
def clean(book: str | None) -> None:
    """Remove BOOK's build cache (.octavo-cache/), so that the next build starts afresh."""
    from octavo import console
    from octavo.cache import CACHE_DIR_NAME
    from octavo.cache import clean as clean_cache
    from octavo.manifest import find_manifest

    try:
        folder = find_manifest(book, Path.cwd()).parent
    except OctavoError as exc:
        console.print_diagnostics(exc.diagnostics)
        sys.exit(EXIT_USAGE)
    freed = clean_cache(folder)
    where = shown_path(folder / CACHE_DIR_NAME)
    console.result(f"removed {where} ({freed / 1e6:.1f} MB)" if freed
                   else f"no cache at {where}")


def _register() -> None:
    """The commands that live in their own modules (octavo/commands/, octavo/cover_command.py)."""
    from octavo.catalogue.command import build_many
    from octavo.commands import add, completion, explain, fix, new, preview, proof, watch
    from octavo.cover_command import cover

    for command in (new.new, add.add, fix.fix, explain.explain, watch.watch, preview.preview,
                    proof.proof, completion.completion, cover, build_many):
        cli.add_command(command)


_register()


def main() -> None:
    """Entry point: never let a Python traceback reach the user."""
    try:
        # Not click's standalone mode: it would answer Ctrl-C with "Aborted!" and status 1.
        status = cli.main(standalone_mode=False, prog_name="octavo")
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
        import tempfile  # here, not at the top: `octavo --help` stays fast
        import traceback

        fd, log_path = tempfile.mkstemp(prefix="octavo-crash-", suffix=".log")
        with os.fdopen(fd, "w") as log:
            traceback.print_exc(file=log)
        from octavo.console import print_internal_error

        print_internal_error(log_path)
        sys.exit(EXIT_INTERNAL)
