"""`octavo completion bash|zsh|fish`: the shell completion script, from click's own support."""

from __future__ import annotations

import click

SHELLS = ("bash", "zsh", "fish")


@click.command()
@click.argument("shell", type=click.Choice(SHELLS))
def completion(shell: str) -> None:
    """Print the completion script for SHELL (bash, zsh or fish).

    \b
    bash:  octavo completion bash > ~/.local/share/bash-completion/completions/octavo
    zsh:   octavo completion zsh > "${fpath[1]}/_octavo"
    fish:  octavo completion fish > ~/.config/fish/completions/octavo.fish
    """
    from click.shell_completion import get_completion_class

    from octavo import console
    from octavo.cli import cli

    completer = get_completion_class(shell)
    assert completer is not None  # the choice admits only shells click supports
    console.result(completer(cli, {}, "octavo", "_OCTAVO_COMPLETE").source())
