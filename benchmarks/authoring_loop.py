"""The authoring loop's latency: from a save to a rebuilt EPUB, as `octavo watch` and
`octavo preview` do it (the preview test asserts the 2 s the issue asks for in a browser).

Builds a synthetic anthology (30 stories, ~100,000 words) once, then edits one story and
rebuilds the EPUB, five times: with the rebuild engine's manuscript cache (what watch does)
and without it (what a fresh `octavo build --epub` in the same process costs).

    python benchmarks/authoring_loop.py [--stories N] [--words N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from octavo.rebuild import Rebuilder
from synth import make_anthology


def measure(manifest: Path, out: Path, cached: bool, rounds: int = 5) -> list[float]:
    rebuilder = Rebuilder(manifest, out, ("epub",))
    rebuilder.build()
    story = next(manifest.parent.rglob("*.txt"))
    times = []
    for n in range(rounds):
        if not cached:
            rebuilder.cache.clear()
        with story.open("a", encoding="utf-8") as handle:
            handle.write(f"\n\nA line added in round {n}.\n")
        started = time.perf_counter()
        report = rebuilder.build(("epub",), [story])
        assert report.ok
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=30)
    parser.add_argument("--words", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        manifest = make_anthology(Path(folder) / "book", args.stories, args.words)
        rows = []
        for cached in (False, True):
            times = measure(manifest, Path(folder) / "dist", cached)
            rows.append(("with the manuscript cache" if cached else "every manuscript re-read",
                         statistics.median(times), max(times)))
    print(f"| save → EPUB rebuilt ({args.stories} stories, {args.words:,} words) | median | max |")
    print("|---|---|---|")
    for name, median, worst in rows:
        print(f"| {name} | {median:.2f} s | {worst:.2f} s |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
