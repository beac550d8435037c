"""A bug in octavo still never shows a traceback: one line, a log, exit status 3."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BookFolder
from tests.hardening.harness import snapshot

MANIFEST = "title: Harbour Tales\nlanguage: en\ncontents: [stories/one.txt, stories/two.txt]\n"

# Runs the real entry point with one function of octavo replaced by one that fails.
DRIVER = """
import sys
import {module} as target

def broken(*args, **kwargs):
    {statement}

target.{name} = broken
sys.argv = ["octavo", *sys.argv[1:]]
from octavo.cli import main
main()
"""


def run_with_fault(folder: BookFolder, module: str, name: str, statement: str,
                   *args: str) -> subprocess.CompletedProcess[str]:
    driver = DRIVER.format(module=module, name=name, statement=statement)
    return subprocess.run([sys.executable, "-c", driver, *args], cwd=folder.root,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(("command", "module", "name"), [
    ("build", "octavo.pipeline", "build"),
    ("check", "octavo.check", "check_book"),
    ("normalize", "octavo.normalise.command", "normalise_file"),
])
def test_an_internal_error_prints_one_line_and_a_log(book: BookFolder, command: str,
                                                     module: str, name: str) -> None:
    book.manifest(MANIFEST)
    target = "stories/one.txt" if command == "normalize" else str(book.root)
    before = snapshot(book.root)
    result = run_with_fault(book, module, name, "raise RuntimeError('a bug in octavo')",
                            command, target)
    assert result.returncode == 3, result.stderr
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "RuntimeError" not in output
    lines = [line for line in result.stderr.splitlines() if "internal error" in line]
    assert len(lines) == 1, result.stderr
    log = Path(re.search(r"(/\S+octavo-crash-\S+\.log)", lines[0]).group(1))  # type: ignore[union-attr]
    assert "RuntimeError: a bug in octavo" in log.read_text(encoding="utf-8")
    log.unlink()
    assert snapshot(book.root) == before


def test_an_interrupted_build_says_so_and_leaves_nothing(book: BookFolder) -> None:
    book.manifest(MANIFEST)
    before = snapshot(book.root)
    # Interrupted while the EPUB is being written: the staging folder must go with it.
    result = run_with_fault(book, "octavo.backends.epub", "write_epub", "raise KeyboardInterrupt",
                            "build", str(book.root), "-o", str(book.root / "dist"))
    assert result.returncode == 130, result.stderr
    assert "interrupted" in result.stderr and "Traceback" not in result.stderr
    assert list((book.root / "dist").iterdir()) == []
    assert snapshot(book.root) == before
