"""Normaliser throughput: megabytes of manuscript text per second on one core.

Builds ~20 MB of plain-text manuscript from the sample stories' paragraphs (deterministic,
seeded shuffles, with scene breaks) and times the whole `octavo normalize` path (read the text,
find paragraphs, typeset, write Markdown) and the typography alone. Target: 5 MB/s.

    python benchmarks/normalise.py [--megabytes N]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from octavo.ingest.decode import decode_manuscript
from octavo.normalise import to_markdown, typeset

REPO = Path(__file__).resolve().parent.parent
TARGET_MB_PER_S = 5.0


def sample_paragraphs() -> list[str]:
    paragraphs: list[str] = []
    for path in sorted((REPO / "manuscripts").glob("*.txt")):
        text = decode_manuscript(path.read_bytes(), path.name).text
        paragraphs.extend(line for line in text.split("\n") if line.strip())
    return paragraphs


def synthetic_text(megabytes: float) -> str:
    rng = random.Random(20261121)
    source = sample_paragraphs()
    parts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        paragraph = rng.choice(source) if rng.random() > 0.01 else "* * *"
        parts.append(paragraph)
        size += len(paragraph.encode()) + 2
    return "\n\n".join(parts)


def best_of(runs: int, action: object) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=20.0)
    args = parser.parse_args()
    text = synthetic_text(args.megabytes)
    megabytes = len(text.encode()) / 1_000_000
    paragraphs = text.split("\n\n")
    whole = best_of(3, lambda: to_markdown(text, "bench.txt"))
    typography = best_of(3, lambda: typeset(paragraphs))
    rows = [("normalize (read, typeset, Markdown)", whole), ("typography only", typography)]
    print(f"Normaliser on {megabytes:.1f} MB of manuscript text, one core, best of 3\n")
    print("| stage | seconds | MB/s | target |\n|---|--:|--:|---|")
    ok = True
    for label, seconds in rows:
        rate = megabytes / seconds
        holds = rate >= TARGET_MB_PER_S
        ok &= holds or label != rows[0][0]
        print(f"| {label} | {seconds:.2f} | {rate:.1f} | "
              f"{'yes' if holds else 'NO'} (≥ {TARGET_MB_PER_S:g} MB/s) |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
