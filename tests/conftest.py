"""Shared fixtures: run the real `octavo` command, and make small books in temporary folders."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis.internal.conjecture import providers as _hypothesis_providers

REPO = Path(__file__).resolve().parent.parent
SAMPLE_MANIFEST = REPO / "manuscripts" / "book.yaml"

STORY_ONE = """\
Chapter 1: The Harbour

The boat came in at dawn, heavy with fish and rumours.

"Nobody leaves," said the harbour master. "Not tonight."
"""

STORY_TWO = """\
It rained for three days.

* * *

On the fourth, the letters began to arrive.
"""


def _draw_from_hypothesis_constants_only() -> None:
    """Hypothesis (since 6.131) also draws examples from the string and number constants of
    whatever local modules happen to be imported, so one derandomised test drew different
    examples depending on which other tests ran: `pytest tests/check tests/property` failed
    where the full run passed. Examples must depend on the test alone, so the pool of local
    constants stays empty (hypothesis is pinned in pyproject.toml because this is its internal
    hook; tests/property/test_determinism.py fails if the hook goes away)."""
    empty = _hypothesis_providers.Constants()
    _hypothesis_providers._get_local_constants = lambda: empty


_draw_from_hypothesis_constants_only()


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def run_octavo(*args: str | Path, cwd: Path, timeout: float = 300) -> Run:
    """Run the installed command exactly as a user would, and capture what it prints.
    `timeout` only guards against a hang; it is never a speed target."""
    proc = subprocess.run(
        [sys.executable, "-m", "octavo", *map(str, args)],
        cwd=cwd, capture_output=True, text=True, timeout=timeout,
    )
    return Run(proc.returncode, proc.stdout, proc.stderr)


@dataclass
class BookFolder:
    root: Path

    def write(self, relative: str, content: str | bytes) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    def manifest(self, yaml_text: str) -> Path:
        return self.write("book.yaml", textwrap.dedent(yaml_text).lstrip("\n"))

    def build(self, *args: str) -> Run:
        return run_octavo("build", self.root, "-o", self.root / "dist", *args, cwd=self.root)


@pytest.fixture
def book(tmp_path: Path) -> BookFolder:
    """A book folder with two small stories and no manifest yet."""
    folder = BookFolder(tmp_path / "book")
    folder.write("stories/one.txt", STORY_ONE)
    folder.write("stories/two.txt", STORY_TWO)
    return folder


MakeBook = Callable[[str], BookFolder]
