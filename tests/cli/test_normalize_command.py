"""`octavo normalize`: Markdown on standard output, a diff, or the file rewritten with a backup."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import run_octavo

MESSY = 'Chapter 1\n\nShe said -- "no..."  \n\n* * *\n\n~~~\n\nIt\'s the \'90s.\n'
CLEAN = "# Chapter 1\n\nShe said—“no…”\n\n* * *\n\nIt’s the ’90s.\n"


def test_prints_normalised_markdown(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text(MESSY, encoding="utf-8")
    result = run_octavo("normalize", "s.txt", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == CLEAN
    assert (tmp_path / "s.txt").read_text(encoding="utf-8") == MESSY  # untouched


def test_reads_standard_input_in_any_encoding(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "octavo", "normalize", "-"], cwd=tmp_path,
                          input='Caf\xe9 -- "ol\xe9"\r\n'.encode("cp1252"), capture_output=True)
    assert proc.returncode == 0
    assert proc.stdout.decode() == "Café—“olé”\n"


def test_diff_shows_what_would_change(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text(MESSY, encoding="utf-8")
    result = run_octavo("normalize", "--diff", "s.txt", cwd=tmp_path)
    assert result.returncode == 0
    assert '-She said -- "no..."  ' in result.stdout
    assert "+She said—“no…”" in result.stdout
    assert (tmp_path / "s.txt").read_text(encoding="utf-8") == MESSY


def test_in_place_keeps_the_format_and_backs_up_only_when_something_changes(tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text(MESSY, encoding="utf-8")
    first = run_octavo("normalize", "--in-place", "s.txt", cwd=tmp_path)
    assert first.returncode == 0 and first.stdout == ""
    # Still plain text: its own heading line and break markers, the typography set.
    fixed = "Chapter 1\n\nShe said—“no…”\n\n* * *\n\n~~~\n\nIt’s the ’90s.\n"
    assert story.read_text(encoding="utf-8") == fixed
    assert (tmp_path / "s.txt.bak").read_text(encoding="utf-8") == MESSY
    again = run_octavo("normalize", "--in-place", "s.txt", cwd=tmp_path)
    assert again.returncode == 0 and "nothing to change" in again.stderr
    assert story.read_text(encoding="utf-8") == fixed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.txt", "s.txt.bak"]
    story.write_text(MESSY, encoding="utf-8")
    assert run_octavo("normalize", "--in-place", "s.txt", cwd=tmp_path).returncode == 0
    assert (tmp_path / "s.txt.bak").read_text(encoding="utf-8") == MESSY  # never overwritten
    assert (tmp_path / "s.txt.bak2").read_text(encoding="utf-8") == MESSY


def test_british_house_style(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text('"He said \'never\' twice," Jo said.\n', encoding="utf-8")
    result = run_octavo("normalize", "--quotes", "british", "s.txt", cwd=tmp_path)
    assert result.stdout == "‘He said “never” twice,’ Jo said.\n"


def test_bad_input_is_a_diagnostic_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "pic.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    result = run_octavo("normalize", "pic.txt", cwd=tmp_path)
    assert result.returncode == 1 and "OCT201" in result.stderr
    missing = run_octavo("normalize", "nope.txt", cwd=tmp_path)
    assert missing.returncode == 1 and "no such file" in missing.stderr
    for run in (result, missing):
        assert "Traceback" not in run.stderr
    stdin_in_place = run_octavo("normalize", "--in-place", "-", cwd=tmp_path)
    assert stdin_in_place.returncode == 2
