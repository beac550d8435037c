"""Hostile sizes, each built by a fresh `octavo build`: wall time, peak memory and outcome.

The issue's bar: a 5 MB paragraph, 20,000 tiny paragraphs and a 3,000-character word each build
or fail cleanly within a minute and 2 GB of memory. (Covers: benchmarks/covers.py.)

    python benchmarks/hardening.py

Exit status 0 when every case ends as expected within the bar, 1 otherwise.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

LIMIT_SECONDS = 60.0
LIMIT_MIB = 2048.0
WORDS = ("harbour", "lantern", "rope", "gull", "tide", "salt", "keel", "mast", "oar", "net")


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    expect_status: int  # 0 built, 1 refused with a diagnostic


def paragraph(characters: int) -> str:
    rng = random.Random(characters)
    out: list[str] = []
    length = 0
    while length < characters:
        word = rng.choice(WORDS)
        out.append(word)
        length += len(word) + 1
    return " ".join(out) + "."


def cases() -> list[Case]:
    many = "\n\n".join(f"Line {i} of the {WORDS[i % 10]}." for i in range(20_000))
    word = "".join(random.Random(3).choice("abcdefghij") for _ in range(3000))
    return [
        Case("5 MB paragraph", f"Big\n\n{paragraph(5_000_000)}\n", 1),
        Case("190,000-character paragraph (under the limit)", f"Long\n\n{paragraph(190_000)}\n", 0),
        Case("20,000 tiny paragraphs", f"Many\n\n{many}\n", 0),
        Case("3,000-character word", f"Word\n\nBefore {word} after.\n", 0),
    ]


def run_case(case: Case, folder: Path) -> tuple[int, float, float]:
    (folder / "s").mkdir(parents=True)
    (folder / "s" / "story.txt").write_text(case.text, encoding="utf-8")
    (folder / "book.yaml").write_text(
        "title: Sizes\nauthor: A. Writer\nlanguage: en\ncontents: [s/story.txt]\n",
        encoding="utf-8")
    # Peak RSS of the build alone: RUSAGE_CHILDREN only ever grows, so each case gets its own
    # small wrapper process whose one child is the build.
    wrapper = ("import resource, subprocess, sys, time;"
               "t = time.perf_counter();"
               "p = subprocess.run([sys.executable, '-m', 'octavo', 'build', sys.argv[1], '-o',"
               " sys.argv[2]], capture_output=True);"
               "r = resource.getrusage(resource.RUSAGE_CHILDREN);"
               "print(p.returncode, time.perf_counter() - t, r.ru_maxrss / 1024)")
    out = subprocess.run([sys.executable, "-c", wrapper, str(folder), str(folder / "dist")],
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), float(out[1]), float(out[2])


def main() -> int:
    ok = True
    print("| case | outcome | wall | peak RSS |")
    print("|---|---|--:|--:|")
    with tempfile.TemporaryDirectory() as tmp:
        for index, case in enumerate(cases()):
            status, wall, peak = run_case(case, Path(tmp) / f"case{index}")
            outcome = {0: "built", 1: "refused with a located diagnostic"}.get(status,
                                                                            f"exit {status}")
            good = status == case.expect_status and wall < LIMIT_SECONDS and peak < LIMIT_MIB
            ok &= good
            print(f"| {case.name} | {outcome}{'' if good else ' (NOT AS EXPECTED)'} | "
                  f"{wall:.1f} s | {peak:.0f} MiB |")
    print(f"\nbar: within {LIMIT_SECONDS:.0f} s and {LIMIT_MIB:.0f} MiB each: "
          f"{'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
