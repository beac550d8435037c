"""`octavo new DIR [--novel | --anthology]`: start a book that builds at once."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from octavo.commands.common import shown_path


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--novel", "kind", flag_value="novel", default=True,
              help="A novel: chapters by one author (the default).")
@click.option("--anthology", "kind", flag_value="anthology",
              help="An anthology: stories by several writers, each with a byline.")
@click.option("--title", help="The book's title (default: from the folder's name).")
@click.option("--author", default="Your Name", show_default=True,
              help="The author (of a novel) or editor (of an anthology).")
@click.option("--language", default="en", show_default=True, help="The book's language.")
@click.option("--add-existing/--no-add-existing", "add_existing", default=None,
              help="List the manuscripts already in the folder in `contents` (asked on a "
                   "terminal; not done otherwise).")
def new(folder: Path, kind: str, title: str | None, author: str, language: str,
        add_existing: bool | None) -> None:
    """Start a book in FOLDER (default: here): book.yaml, a sample chapter, a cover.

    book.yaml lists every setting, each explained; `octavo build` in FOLDER then writes an
    EPUB and a PDF at once. In a folder that already holds manuscripts, octavo offers to list
    them instead of writing a sample.
    """
    from octavo import console
    from octavo.diagnostics import OctavoError, Span
    from octavo.loop_codes import NEW_WOULD_OVERWRITE
    from octavo.metadata_values import normalise_language
    from octavo.scaffold import (
        Project,
        describe,
        existing_manuscripts,
        plural_files,
        title_from_folder,
        write,
    )

    if normalise_language(language) is None:
        raise click.BadParameter(f"'{language}' is not a BCP 47 tag (en, en-GB, fr...)",
                                 param_hint="--language")
    found = existing_manuscripts(folder)
    if found and add_existing is None:
        add_existing = sys.stdin.isatty() and click.confirm(
            f"{folder} holds {console.plural(len(found), 'manuscript')} "
            f"({plural_files(found)}). List them in the book's contents?", default=True)
    if found and not add_existing:
        console.say(f"note: {plural_files(found)} not listed; `octavo add FILE...` lists "
                    "them later, or run again with --add-existing")
    project = Project(folder, kind, title or title_from_folder(folder), author,
                      normalise_language(language) or language,
                      tuple(found) if add_existing else ())
    try:
        written = write(project)
    except FileExistsError as exc:
        console.print_diagnostics(OctavoError.single(
            NEW_WOULD_OVERWRITE, f"{exc.args[0]} is there already; octavo new never "
            "overwrites a file (use `octavo add` to extend a book)",
            Span(shown_path(folder / exc.args[0]))).diagnostics)
        sys.exit(1)
    console.say(f"Started {describe(kind)}, {project.title!r}, in {shown_path(folder)}/:")
    for path in written:
        console.say(f"  {shown_path(path)}")
    where = "" if folder.resolve() == Path.cwd().resolve() else f"cd {shown_path(folder)} && "
    console.say(f"Next: {where}octavo build    (or octavo preview, to see each change as you "
                "save)")
