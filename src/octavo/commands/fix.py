"""`octavo fix`: the safe fixes, applied to a book's manuscripts or to given files.

A file is written only when something in it needs fixing, and its backup is kept only then;
`--dry-run` and `--diff` show what would change without writing (`--diff --in-place` shows
and writes). A file inside a book folder gets that book's house style, as `octavo build`
would apply it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from octavo.commands.common import shown_path
from octavo.diagnostics import OctavoError, Span

if TYPE_CHECKING:  # the normaliser is imported when a file is fixed, not for `octavo --help`
    from octavo.normalise import HouseStyle

EXIT_ERRORS = 1


@dataclass(frozen=True, slots=True)
class Target:
    path: Path
    style: HouseStyle | None


def book_style(manifest_path: Path) -> tuple[HouseStyle, list[Path]]:
    """A book's house style and every manuscript it names (stories and matter files)."""
    from octavo.manifest import load_manifest
    from octavo.paths import display_path

    manifest, _ = load_manifest(manifest_path, display_path(manifest_path))
    files = [s.path for s in manifest.stories()]
    for source in (manifest.dedication, manifest.acknowledgements, *manifest.front,
                   *manifest.back):
        if source is not None and source.path is not None and source.path not in files:
            files.append(source.path)
    return manifest.house_style, files


def style_for_file(path: Path) -> HouseStyle | None:
    """The house style of the book `path` lies in (its nearest book.yaml above), or None when
    it lies in no book. Raises OctavoError when that book's manifest has errors."""
    from octavo.manifest import find_upwards

    manifest_path = find_upwards(path.parent)
    if manifest_path is None:
        return None
    style, _ = book_style(manifest_path)
    return style


def default_style() -> HouseStyle:
    from octavo.manifest import DEFAULT_LANGUAGE
    from octavo.normalise import house_style_for

    return house_style_for(DEFAULT_LANGUAGE)


def targets_for(paths: tuple[Path, ...]) -> list[Target]:
    from octavo.manifest import find_manifest

    if not paths:
        style, files = book_style(find_manifest(None, Path.cwd()))
        return [Target(f, style) for f in files]
    targets: list[Target] = []
    for path in paths:
        if path.is_dir() or path.suffix in (".yaml", ".yml"):
            style, files = book_style(find_manifest(str(path), Path.cwd()))
            targets.extend(Target(f, style) for f in files)
        else:
            targets.append(Target(path, style_for_file(path) if path.exists() else None))
    return targets


def apply(target: Target, *, repairs: bool, write: bool, show_diff: bool) -> bool:
    """Fix one file (or show what fixing it would do). Returns whether it needed fixing."""
    from octavo import console
    from octavo.fixing import plan_fix, write_plan

    if not target.path.is_file():
        raise OctavoError.single("OCT200", "no such file", Span(str(target.path)))
    shown = shown_path(target.path)
    plan = plan_fix(target.path, shown, target.style or default_style(), repairs=repairs)
    console.print_diagnostics(plan.diagnostics)
    if not plan.changed:
        console.detail(f"{shown}: nothing to fix")
        return False
    if show_diff:
        console.print_diff(plan.diff())
    if write:
        backup = write_plan(plan)
        console.say(f"fixed {shown} (the original is in {backup.name})")
    elif not show_diff:
        console.say(f"would fix {shown}")
    return True


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-n", "--dry-run", "dry_run", is_flag=True,
              help="Say which files would change; write nothing.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Show what would change, as a diff (writes nothing unless --in-place).")
@click.option("--in-place", "in_place", is_flag=True,
              help="Write the fixes (the default, unless --diff or --dry-run is given).")
def fix(paths: tuple[Path, ...], dry_run: bool, show_diff: bool, in_place: bool) -> None:
    """Apply the safe fixes to a book's manuscripts (or the given files).

    The fixes: mojibake repaired (donâ€™t → don’t), doubled periods and commas made single,
    spaces at line ends removed, and the normaliser's curly quotes, dashes, ellipses and
    spaces, in the book's house style. A file keeps its format: a .txt stays plain text with
    its own heading lines. Only a file that changes is written, keeping its original as
    FILE.bak (then .bak2, …). Run `octavo check` afterwards for what needs an editor's eye.
    """
    from octavo import console

    if dry_run and in_place:
        raise click.UsageError("--dry-run and --in-place contradict each other")
    write = in_place or not (dry_run or show_diff)
    try:
        targets = targets_for(paths)
        changed = sum(apply(t, repairs=True, write=write, show_diff=show_diff) for t in targets)
    except OctavoError as exc:
        console.print_diagnostics(exc.diagnostics)
        sys.exit(EXIT_ERRORS)
    if not changed:
        console.say("nothing to fix")
    elif len(targets) > 1:
        verb = "fixed" if write else "would fix"
        console.say(f"{verb} {changed} of {console.plural(len(targets), 'file')}")
