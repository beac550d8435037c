"""`octavo add FILE... [--part TITLE]`: list manuscripts in the book's contents, keeping
book.yaml's comments and layout."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from octavo.commands.common import shown_path


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--book", "book", metavar="BOOK",
              help="The book (a folder or its book.yaml); default: the nearest book.yaml here "
                   "or above.")
@click.option("--part", "part", metavar="TITLE",
              help="Add the files as a new part with this title.")
def add(files: tuple[Path, ...], book: str | None, part: str | None) -> None:
    """Append FILEs (manuscripts) to the book's contents, in the order given.

    book.yaml keeps its comments, order and layout; a file the contents already list (by name
    or through a pattern such as chapters/*.md) is skipped with a warning.
    """
    from octavo import console
    from octavo.diagnostics import Diagnostic, OctavoError, Severity, Span
    from octavo.loop_codes import ADD_ALREADY_LISTED, ADD_UNUSABLE
    from octavo.manifest import find_manifest
    from octavo.manifest_contents import PATTERN_SUFFIXES, expand_pattern, explicit_paths, is_pattern
    from octavo.manifest_edit import append_to_contents, write_manifest
    from octavo.manifest_yaml import load_yaml

    try:
        manifest_path = find_manifest(book, Path.cwd())
        text = manifest_path.read_text(encoding="utf-8")
        data = load_yaml(text.encode("utf-8"), shown_path(manifest_path)).data
    except OctavoError as exc:
        console.print_diagnostics(exc.diagnostics)
        sys.exit(1)
    folder = manifest_path.parent.resolve()
    root = (folder / str(data.get("root", "."))).resolve()
    listed = explicit_paths(data.get("contents", []), folder, root)
    for pattern in _patterns(data.get("contents", []), is_pattern):
        try:
            listed |= {p for p, _ in expand_pattern(pattern, folder, root, Span(""))}
        except OctavoError:
            continue
    problems: list[Diagnostic] = []
    entries: list[str] = []
    for file in files:
        path = (Path.cwd() / file).resolve()
        span = Span(str(file))
        if not path.is_file():
            problems.append(Diagnostic(Severity.ERROR, ADD_UNUSABLE, "no such file", span))
        elif path.suffix.lower() not in PATTERN_SUFFIXES:
            problems.append(Diagnostic(Severity.ERROR, ADD_UNUSABLE, f"'{path.suffix}' is not "
                                       "a manuscript octavo reads (.txt, .md, .docx, .odt, "
                                       ".rtf, .html, .epub)", span))
        elif path != root and root not in path.parents:
            problems.append(Diagnostic(Severity.ERROR, ADD_UNUSABLE, "the file lies outside "
                                       f"the book folder ({shown_path(root)}); move it in first",
                                       span))
        elif path in listed:
            problems.append(Diagnostic(Severity.WARNING, ADD_ALREADY_LISTED,
                                       "already in the contents; skipped", span))
        else:
            listed.add(path)
            entries.append(Path(os.path.relpath(path, folder)).as_posix())
    console.print_diagnostics(problems)
    if any(p.severity is Severity.ERROR for p in problems):
        sys.exit(1)
    if not entries:
        console.say("nothing to add")
        return
    new_text = append_to_contents(text, [{"part": part, "contents": entries}] if part
                                  else entries)
    load_yaml(new_text.encode("utf-8"), shown_path(manifest_path))  # still a valid manifest
    write_manifest(manifest_path, new_text)
    where = f" as part '{part}'" if part else ""
    console.say(f"added {', '.join(entries)} to {shown_path(manifest_path)}{where}")


def _patterns(contents: object, is_pattern: object) -> list[str]:
    found: list[str] = []
    for item in contents if isinstance(contents, list) else []:
        raw = item if isinstance(item, str) else (item.get("file") if isinstance(item, dict)
                                                 else None)
        if isinstance(item, dict) and isinstance(item.get("contents"), list):
            found.extend(_patterns(item["contents"], is_pattern))
        if isinstance(raw, str) and callable(is_pattern) and is_pattern(raw):
            found.append(raw)
    return found
