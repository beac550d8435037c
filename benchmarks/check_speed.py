"""`octavo check` on a 1,000,000-word anthology (300 stories), cold, in a fresh process.

Target: under 5 seconds wall time, start-up included (it reads, normalises and compiles every
story too, so the manifest and manuscripts are checked exactly as a build would see them).

    python benchmarks/check_speed.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synth import make_anthology

TARGET_S = 5.0


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        manifest = make_anthology(Path(tmp) / "1M", stories=300, words=1_000_000)
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "octavo", "check", str(manifest)],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        print(proc.stderr, file=sys.stderr)
        return 1
    findings = len(proc.stdout.splitlines())
    holds = seconds < TARGET_S
    print("\n| check | words | stories | wall s | findings | target |\n|---|--:|--:|--:|--:|---|")
    print(f"| octavo check | 1,000,000 | 300 | {seconds:.2f} | {findings:,} | "
          f"{'yes' if holds else 'NO'} (< {TARGET_S:g} s) |")
    return 0 if holds else 1


if __name__ == "__main__":
    sys.exit(main())
