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
