"""What the typesetting pass costs, in CPU seconds, measured so that a shared machine's load
falls on both sides alike: one build in this process (`workers=1`), each document laid out
twice, without the pass and with it (the one with it is kept; which goes first alternates), so
that the two are timed seconds apart instead of minutes apart in two builds.

    python benchmarks/typeset_cost.py [--books 100k,held-out,untuned,fourth]

Per book: the documents' layout CPU without the pass and with it, the rest of the build (the
same either way) and the build's ratio, pass on ÷ pass off = (rest + with) ÷ (rest + without).
The books are benchmarks/typesetting.py's, made there first (run it once).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))  # this tree's octavo

from octavo.backends.pdf_layout import PdfLayout
from octavo.pipeline import build

BOOKS = Path(__file__).resolve().parent / "out" / "typesetting" / "books"
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def measure(book: Path) -> tuple[float, float, float]:
    """(layout CPU without the pass, with it, the rest of the build) for one build."""
    spent = {"off": 0.0, "on": 0.0}
    turn = [0]
    lay_out = PdfLayout.lay_out

    def both(self: PdfLayout, html: str, typeset: bool = True) -> Any:
        if not typeset:
            return lay_out(self, html, False)
        laid_out = None
        # In turn which goes first, so that neither gains from the other's warm caches.
        for kind in ("off", "on") if turn[0] % 2 == 0 else ("on", "off"):
            start = time.process_time()
            result = lay_out(self, html, kind == "on")
            spent[kind] += time.process_time() - start
            laid_out = result if kind == "on" else laid_out
        turn[0] += 1
        return laid_out

    PdfLayout.lay_out = both  # type: ignore[method-assign]
    try:
        with TemporaryDirectory() as out:
            start = time.process_time()
            build(book, Path(out), ("pdf",), timestamp=STAMP, use_cache=False, workers=1)
            total = time.process_time() - start
    finally:
        PdfLayout.lay_out = lay_out  # type: ignore[method-assign]
    return spent["off"], spent["on"], total - spent["off"] - spent["on"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--books", default="100k,held-out,untuned,fourth")
    args = parser.parse_args(argv)
    print("| book | layout CPU s, pass off | pass on | rest of the build | build, on ÷ off |")
    print("|---|--:|--:|--:|--:|")
    for name in args.books.split(","):
        book = BOOKS / name / "book.yaml"
        if not book.exists():
            print(f"{book}: missing (run benchmarks/typesetting.py first)", file=sys.stderr)
            return 1
        off, on, rest = measure(book)
        print(f"| {name} | {off:.2f} | {on:.2f} | {rest:.2f} | {(rest + on) / (rest + off):.2f}× |",
              flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
