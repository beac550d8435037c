"""Helpers for the authoring-loop tests: click's runner in process, and a real terminal."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from octavo.cli import cli


@pytest.fixture
def octavo(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run `octavo ARGS` in process through click's runner, in a folder: octavo(cwd, *args)."""
    def run(cwd: Path, *args: str, input: str | None = None) -> Result:
        monkeypatch.chdir(cwd)
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)
    return run


def on_terminal(command: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run `octavo …` on a pseudo-terminal (`script`), as an author's shell would; the screen."""
    line = f"{shlex.quote(sys.executable)} -m octavo {command}"
    environment = {"TERM": "xterm-256color", "COLUMNS": "120", "PATH": "/usr/bin:/bin",
                   "PYTHONPATH": os.environ.get("PYTHONPATH", ""), **(env or {})}
    shown = subprocess.run(["script", "-qec", line, "/dev/null"], cwd=cwd, capture_output=True,
                           text=True, timeout=120, env=environment).stdout
    return shown.replace("\r\n", "\n").replace("\r", "")
