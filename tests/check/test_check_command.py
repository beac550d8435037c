"""`octavo check` as an editor uses it: sorted findings, JSON, --explain, exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO, SAMPLE_MANIFEST, BookFolder, run_octavo


def test_sample_anthology_findings(tmp_path: Path) -> None:
    result = run_octavo("check", SAMPLE_MANIFEST, cwd=REPO)
    assert result.returncode == 0  # warnings only
    rows = result.stdout.splitlines()
    assert rows == sorted(rows, key=lambda r: (r.split(":")[0], int(r.split(":")[1]),
                                               int(r.split(":")[2])))
    assert "manuscripts/000_cae833c62a8e726c.txt:5:60: warning OCT310 'more' is repeated" in rows
    assert ("manuscripts/003_4cf53e13c3f0ee84.txt:29:106: warning OCT311 doubled punctuation "
            "'..'") in rows
    assert "manuscripts/003_4cf53e13c3f0ee84.txt:49:134: warning OCT321 '“' faces the wrong way" in rows


def test_json_format(tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text("She saw the the boat.\n", encoding="utf-8")
    result = run_octavo("check", "--format", "json", "s.txt", cwd=tmp_path)
    (finding,) = json.loads(result.stdout)
    assert finding == {"path": "s.txt", "line": 1, "column": 9,
                       "end": {"line": 1, "column": 16}, "severity": "warning",
                       "code": "OCT310", "message": "'the' is repeated", "fix": "the"}


def test_errors_exit_1_and_bad_arguments_exit_2(book: BookFolder, tmp_path: Path) -> None:
    book.manifest("title: Tales\nlanguage: en\ncontents: [stories/missing.txt]\n")
    broken = run_octavo("check", book.root, cwd=tmp_path)
    assert broken.returncode == 1 and "error OCT111" in broken.stdout + broken.stderr
    assert run_octavo("check", "no-such-file.txt", cwd=tmp_path).returncode == 2
    assert run_octavo("check", "--explain", "OCT999", cwd=tmp_path).returncode == 2
    for run in (broken,):
        assert "Traceback" not in run.stderr


def test_explain(tmp_path: Path) -> None:
    result = run_octavo("check", "--explain", "oct322", cwd=tmp_path)
    assert result.returncode == 0
    assert "runs on into the next paragraph" in result.stdout


def test_on_a_terminal_the_line_is_shown_with_a_caret(tmp_path: Path) -> None:
    import shlex
    import subprocess
    import sys

    (tmp_path / "s.txt").write_text("One.\n\nShe saw the the boat.\n", encoding="utf-8")
    command = f"{shlex.quote(sys.executable)} -m octavo check s.txt"
    # `script` runs the command on a pseudo-terminal, as an editor's shell would.
    shown = subprocess.run(["script", "-qec", command, "/dev/null"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=60,
                           env={"TERM": "dumb", "COLUMNS": "120", "PATH": "/usr/bin:/bin"}).stdout
    lines = [line.rstrip("\r") for line in shown.splitlines()]
    assert any("s.txt:3:9:" in line and "OCT310" in line for line in lines), shown
    source = lines.index("    She saw the the boat.")
    assert lines[source + 1] == "    " + " " * 8 + "^" * 7


def test_every_code_octavo_can_report_has_an_explanation() -> None:
    import re

    from octavo.check import explain

    source = "\n".join(p.read_text(encoding="utf-8")
                       for p in (REPO / "src" / "octavo").rglob("*.py"))
    codes = set(re.findall(r'"(OCT\d{3})"', source))
    assert len(codes) > 50
    assert sorted(code for code in codes if explain(code) is None) == []
