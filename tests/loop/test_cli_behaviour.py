"""What every command shares: -q/-v, --color and NO_COLOR, shell completion, and the terminal
behaviours (colour, carets, summaries) on a real pseudo-terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from octavo.cli import cli
from tests.loop.conftest import on_terminal

ANSI = "\x1b["


def test_every_command_takes_the_global_options() -> None:
    context = click.Context(cli)
    names = cli.list_commands(context)
    assert {"build", "check", "fix", "normalize", "new", "add", "watch", "preview", "proof",
            "explain", "completion"} <= set(names)
    for name in names:
        command = cli.get_command(context, name)
        assert command is not None
        options = {opt for param in command.params for opt in getattr(param, "opts", ())}
        assert {"-q", "--quiet", "-v", "--verbose", "--color"} <= options, name
    # A command registered later (as `octavo cover` or `build-many` will be) gets them too.
    @cli.command("probe-later")
    def probe_later() -> None:
        """A stand-in."""
    try:
        later = cli.get_command(context, "probe-later")
        assert later is not None and "--quiet" in {o for p in later.params for o in p.opts}
    finally:
        cli.commands.pop("probe-later")


def test_quiet_and_verbose(octavo, tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text('He said -- "no..."\n', encoding="utf-8")
    loud = octavo(tmp_path, "fix", "s.txt", "--dry-run")
    assert "would fix s.txt" in loud.output
    assert octavo(tmp_path, "-q", "fix", "s.txt", "--dry-run").output == ""
    assert octavo(tmp_path, "fix", "--dry-run", "-q", "s.txt").output == ""
    story.write_text("Fine.\n", encoding="utf-8")
    assert "s.txt: nothing to fix" in octavo(tmp_path, "fix", "-v", "s.txt").output
    assert "s.txt: nothing to fix" not in octavo(tmp_path, "fix", "s.txt").output


def test_completion_scripts_and_real_completion(octavo, tmp_path: Path) -> None:
    for shell, marker in (("bash", "complete -o nosort -F"), ("zsh", "#compdef octavo"),
                          ("fish", "complete --no-files --command octavo")):
        result = octavo(tmp_path, "completion", shell)
        assert result.exit_code == 0 and marker in result.output and "_OCTAVO_COMPLETE" in \
            result.output
    env = {**os.environ, "_OCTAVO_COMPLETE": "bash_complete", "COMP_WORDS": "octavo pr",
           "COMP_CWORD": "1"}
    completed = subprocess.run([sys.executable, "-m", "octavo"], env=env, capture_output=True,
                               text=True, cwd=tmp_path, timeout=60)
    offered = [line.split(",")[-1] for line in completed.stdout.split()]
    assert offered == ["preview", "proof"]
    assert octavo(tmp_path, "completion", "powershell").exit_code == 2


def test_colour_follows_the_terminal_no_color_and_the_option(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("One.\n\nShe saw the the boat.\n", encoding="utf-8")
    coloured = on_terminal("check s.txt", tmp_path)
    assert ANSI in coloured and "OCT310" in coloured
    assert ANSI not in on_terminal("check s.txt", tmp_path, {"NO_COLOR": "1"})
    assert ANSI not in on_terminal("check --color never s.txt", tmp_path)
    piped = subprocess.run([sys.executable, "-m", "octavo", "check", "--color", "always",
                            "s.txt"], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert ANSI in piped.stdout
    plain = subprocess.run([sys.executable, "-m", "octavo", "check", "s.txt"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=60)
    assert ANSI not in plain.stdout
    assert plain.stdout.strip() == "s.txt:3:9: warning OCT310 'the' is repeated"


def test_check_ends_with_a_summary_on_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("One.\n\nShe saw the the boat.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Fine.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("It was done..\n", encoding="utf-8")
    screen = on_terminal("check --color never a.txt b.txt c.txt", tmp_path)
    assert screen.rstrip().splitlines()[-1] == "3 files, 0 errors, 2 warnings"
    piped = subprocess.run([sys.executable, "-m", "octavo", "check", "a.txt"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=60)
    assert "errors" not in piped.stdout  # a script reads findings only
