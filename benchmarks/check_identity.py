"""Does `octavo check` still find exactly what a reference version of octavo finds?

A speed change to the checker must not add, drop, move or reorder one finding. This tool runs
the same books through this checkout's `octavo check` and a reference checkout's (another
`src/` folder of a whole checkout, e.g. `git archive main | tar -x -C /tmp/ref`, then
`--reference /tmp/ref/src`), each in a fresh process
without a build cache, and compares their output line by line:

- the sample anthology (`manuscripts/book.yaml`);
- the synthetic 100k-word anthology of `synth.py`, and a 300-story 1M-word one (`--large`);
- the varied book of `check_speed.py` (Austen's novels and the stories written for the
  checks);
- every story written for the checks (tests/check/clean_corpus, benchmarks/check_quality),
  each checked as a file of its own, with `--format json` (fixes included).

    python benchmarks/check_identity.py --reference /tmp/ref/src [--large]

Exit status 1 when any output differs; the first differing lines are printed.
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE / "check_quality"))


def _run(src: Path, arguments: list[str], cwd: Path) -> str:
    environment = {**os.environ, "PYTHONPATH": str(src.resolve())}
    proc = subprocess.run([sys.executable, "-m", "octavo", "check", *arguments], cwd=cwd,
                          env=environment, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"octavo check {' '.join(arguments)} failed:\n{proc.stderr}")
    return proc.stdout


def _books(folder: Path, large: bool) -> list[tuple[str, list[str]]]:
    from check_speed import _varied_book
    from synth import make_anthology

    books = [("sample", [str(REPO / "manuscripts" / "book.yaml")]),
             ("synthetic 100k", [str(make_anthology(folder / "100k", stories=30,
                                                    words=100_000))]),
             ("varied", [str(_varied_book(folder / "varied"))])]
    if large:
        books.append(("synthetic 1M", [str(make_anthology(folder / "1M", stories=300,
                                                          words=1_000_000))]))
    stories = sorted(p for folder in (REPO / "tests" / "check" / "clean_corpus",
                                      REPO / "benchmarks" / "check_quality")
                     for p in folder.rglob("*.txt"))
    books.append(("written stories, one by one, JSON",
                  ["--format", "json", *(str(p) for p in stories)]))
    return books


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, required=True,
                        help="the reference checkout's src/ folder")
    parser.add_argument("--large", action="store_true", help="the 1M-word book too")
    args = parser.parse_args()
    differ = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name, arguments in _books(Path(tmp), args.large):
            outputs = []
            for src in (args.reference, REPO / "src"):
                for cache in Path(tmp).rglob(".octavo-cache"):
                    shutil.rmtree(cache, ignore_errors=True)
                outputs.append(_run(src, arguments, Path(tmp)))
            reference, mine = outputs
            same = reference == mine
            differ += not same
            print(f"{name}: {len(reference.splitlines())} lines of findings, "
                  f"{'identical' if same else 'DIFFERENT'}")
            if not same:
                sys.stdout.writelines(list(difflib.unified_diff(
                    reference.splitlines(True), mine.splitlines(True), "reference", "this",
                    n=1))[:40])
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
