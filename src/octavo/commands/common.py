"""The options every octavo command takes: -q/--quiet, -v/--verbose, --color.

They work before the command (`octavo -q build`) and after it (`octavo build -q`): the group
adds them to each command as it is registered, so a command written later gets them for free.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

COLOR_CHOICES = ("auto", "always", "never")


# The console (and rich) is imported only when an option is given: `octavo --help` stays fast.
def _set_quiet(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        from octavo import console

        console.configure(verbosity=-1)


def _set_verbose(ctx: click.Context, _param: click.Parameter, value: int) -> None:
    if value:
        from octavo import console

        console.configure(verbosity=value)


def _set_color(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    if value is not None:
        from octavo import console

        console.configure(color=value)


def global_options() -> list[click.Parameter]:
    """Fresh Option objects (click keeps state on them, so each command gets its own)."""
    return [
        click.Option(["-q", "--quiet"], is_flag=True, expose_value=False, callback=_set_quiet,
                     help="Show only errors and warnings: no progress, notes or summary."),
        click.Option(["-v", "--verbose"], count=True, expose_value=False, callback=_set_verbose,
                     help="Show notes and details too (which manifest, house style, timings)."),
        click.Option(["--color"], type=click.Choice(COLOR_CHOICES), default=None,
                     expose_value=False, callback=_set_color, metavar="auto|always|never",
                     help="Colour the output: auto (on a terminal, unless NO_COLOR is set), "
                          "always, or never."),
    ]


class OctavoGroup(click.Group):
    """A click group whose commands all take the global options."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        import sys

        console = sys.modules.get("octavo.console")
        if console is not None:  # each run starts from the defaults (tests run many in one)
            console.reset()
        return super().main(*args, **kwargs)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        present = {opt for param in cmd.params for opt in getattr(param, "opts", ())}
        cmd.params.extend(p for p in global_options()
                          if not set(getattr(p, "opts", ())) & present)
        super().add_command(cmd, name)




BOOK_ARGUMENT_HELP = ("BOOK is a folder holding book.yaml, or the file itself; without it, "
                      "book.yaml is looked for here and in the folders above, as git does.")


def shown_path(path: Path) -> str:
    """A path relative to the working folder when it lies below it, else absolute."""
    import os

    relative = os.path.relpath(path)
    return str(path.resolve()) if relative.startswith("..") else relative
