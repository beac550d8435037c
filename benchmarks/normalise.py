"""Normaliser throughput: megabytes of manuscript text per second on one core.

Builds ~20 MB of plain-text manuscript from the sample stories' paragraphs (deterministic,
seeded shuffles, with scene breaks) and times the whole `octavo normalize` path (read the text,
find paragraphs, typeset, write Markdown) and the typography alone. Target (issue 11): 8 MB/s
on one core. A second, varied text mixes in dialect dialogue in single and double quotes (the
paragraphs of tests/unit/apostrophe_cases.txt stripped to straight quotes), two spaces after
sentences, long paragraphs (a tenth of them eight to twenty paragraphs run together), dashes,
ellipses and primes: the work the quote scanner and the space rules do on real fiction.
Times are CPU seconds of this process (best of 3), so other work on the machine counts less.

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
TARGET_MB_PER_S = 8.0


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


def varied_text(megabytes: float) -> str:
    """Sample prose mixed with dialect dialogue, two spaces after sentences, straight quotes."""
    rng = random.Random(20261201)
    cases = (REPO / "tests" / "unit" / "apostrophe_cases.txt").read_text(encoding="utf-8")
    straight = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "′": "'", "″": '"', "—": "--",
                              "…": "..."})
    dialogue = [line.translate(straight) for line in cases.split("\n")
                if line and not line.startswith("#")]
    source = sample_paragraphs()
    parts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        paragraph = rng.choice(dialogue if rng.random() < 0.5 else source)
        if rng.random() < 0.1:  # a long paragraph: speech and narration run together
            paragraph = " ".join(rng.choice(dialogue if rng.random() < 0.5 else source)
                                 for _ in range(rng.randint(8, 20)))
        if rng.random() < 0.5:
            paragraph = paragraph.replace(". ", ".  ")
        parts.append(paragraph if rng.random() > 0.01 else "* * *")
        size += len(parts[-1].encode()) + 2
    return "\n\n".join(parts)


def best_of(runs: int, action: object) -> float:
    timings = []
    for _ in range(runs):
        started = time.process_time()
        action()  # type: ignore[operator]
        timings.append(time.process_time() - started)
    return min(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=20.0)
    args = parser.parse_args()
    ok = True
    for name, text in (("sample prose", synthetic_text(args.megabytes)),
                       ("varied: dialect dialogue, two spaces", varied_text(args.megabytes))):
        megabytes = len(text.encode()) / 1_000_000
        paragraphs = text.split("\n\n")
        whole = best_of(3, lambda text=text: to_markdown(text, "bench.txt"))
        typography = best_of(3, lambda paragraphs=paragraphs: typeset(paragraphs))
        rows = [("normalize (read, typeset, Markdown)", whole), ("typography only", typography)]
        print(f"\nNormaliser on {megabytes:.1f} MB of {name}, one core, CPU s, best of 3\n")
        print("| stage | seconds | MB/s | target |\n|---|--:|--:|---|")
        for label, seconds in rows:
            rate = megabytes / seconds
            holds = rate >= TARGET_MB_PER_S
            ok &= holds or label != rows[0][0]
            print(f"| {label} | {seconds:.2f} | {rate:.1f} | "
                  f"{'yes' if holds else 'NO'} (≥ {TARGET_MB_PER_S:g} MB/s) |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
