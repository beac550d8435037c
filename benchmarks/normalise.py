"""Normaliser throughput: megabytes of manuscript text per second on one core, per kind of text.

Each corpus is built deterministically (seeded) to the same size and timed through the whole
`octavo normalize` path (read the text, find paragraphs, typeset, write Markdown) and through
the typography alone. Target (issue 11): 8 MB/s on one core, on every corpus. The corpora:

- **sample prose**: the sample stories' paragraphs reshuffled (about a hundred paragraphs,
  recycled: the easy case);
- **written prose**: the stories written for the checks (tests/check/clean_corpus/ and
  benchmarks/check_quality/), every paragraph different, typed with straight quotes as most
  manuscripts arrive;
- **two spaces**: the written prose with two spaces after every sentence;
- **single-quoted speech**: the written prose with its speech in single quotes, British
  fashion ('Go,' she said. 'It's Tom's.'), apostrophes typed the same way;
- **dialect**: the nineteenth-century stories with dialect speech (yer, missin', 'em) and the
  hand-set dialect paragraphs of tests/unit/apostrophe_cases.txt, straight quotes;
- **long paragraphs**: the written prose run together eight to twenty paragraphs at a time;
- **mixed**: all of it at random, paragraph by paragraph (dashes, ellipses, primes included).

Times are CPU seconds of this process (best of 3), so other work on the machine counts less.

    python benchmarks/normalise.py [--megabytes N] [--corpus NAME]
"""

from __future__ import annotations

import argparse
import random
import re
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


_STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "′": "'", "″": '"',
                           "—": "--", "…": "..."})
_WRITTEN = (REPO / "tests" / "check" / "clean_corpus", REPO / "benchmarks" / "check_quality")


def _paragraphs_of(path: Path) -> list[str]:
    """A story's paragraphs (blank-line separated, lines of one paragraph joined), straight
    quotes, without its title line."""
    text = path.read_text(encoding="utf-8").translate(_STRAIGHT)
    paragraphs = [" ".join(p.split("\n")) for p in text.split("\n\n") if p.strip()]
    return paragraphs[1:]


def written_paragraphs(dialect_only: bool = False) -> list[str]:
    """Every paragraph of the stories written for the checks, in file order."""
    found: list[str] = []
    for folder in _WRITTEN:
        for path in sorted(folder.rglob("*.txt")):
            if not dialect_only or "c19" in path.name:
                found.extend(_paragraphs_of(path))
    return found


def _dialect_cases() -> list[str]:
    cases = (REPO / "tests" / "unit" / "apostrophe_cases.txt").read_text(encoding="utf-8")
    return [line.translate(_STRAIGHT) for line in cases.split("\n")
            if line and not line.startswith("#")]


def _to_size(paragraphs: list[str], megabytes: float) -> str:
    """The paragraphs in order, again from the start until the text is `megabytes` long."""
    parts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        paragraph = paragraphs[len(parts) % len(paragraphs)]
        parts.append(paragraph)
        size += len(paragraph.encode()) + 2
    return "\n\n".join(parts)


_SENTENCE_END = re.compile(r"(?<=[.!?])(['\"]?) (?=['\"]?[A-Z])")
# A double quotation mark that opens or closes speech (not a 14" measure).
_DOUBLE_SPEECH = re.compile(r'(?<![\d])"')


def written_text(megabytes: float) -> str:
    return _to_size(written_paragraphs(), megabytes)


def two_spaces_text(megabytes: float) -> str:
    return _SENTENCE_END.sub(r"\1  ", written_text(megabytes))


def single_quoted_text(megabytes: float) -> str:
    return _DOUBLE_SPEECH.sub("'", written_text(megabytes))


def dialect_text(megabytes: float) -> str:
    return _to_size([*written_paragraphs(dialect_only=True), *_dialect_cases()], megabytes)


def long_paragraphs_text(megabytes: float) -> str:
    rng = random.Random(20261202)
    source = written_paragraphs()
    joined: list[str] = []
    at = 0
    while at < len(source):
        count = rng.randint(8, 20)
        joined.append(" ".join(source[at:at + count]))
        at += count
    return _to_size(joined, megabytes)


def varied_text(megabytes: float) -> str:
    """Everything mixed, paragraph by paragraph: sample and written prose, dialect dialogue,
    two spaces after sentences, long paragraphs."""
    rng = random.Random(20261201)
    dialogue = [*_dialect_cases(), *written_paragraphs(dialect_only=True)]
    source = [*sample_paragraphs(), *written_paragraphs()]
    parts: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        paragraph = rng.choice(dialogue if rng.random() < 0.3 else source)
        if rng.random() < 0.1:  # a long paragraph: speech and narration run together
            paragraph = " ".join(rng.choice(dialogue if rng.random() < 0.3 else source)
                                 for _ in range(rng.randint(8, 20)))
        if rng.random() < 0.3:
            paragraph = paragraph.replace(". ", ".  ")
        if rng.random() < 0.2:
            paragraph = _DOUBLE_SPEECH.sub("'", paragraph)
        parts.append(paragraph if rng.random() > 0.01 else "* * *")
        size += len(parts[-1].encode()) + 2
    return "\n\n".join(parts)


CORPORA = {
    "sample prose": synthetic_text,
    "written prose": written_text,
    "two spaces": two_spaces_text,
    "single-quoted speech": single_quoted_text,
    "dialect": dialect_text,
    "long paragraphs": long_paragraphs_text,
    "mixed": varied_text,
}


def best_of(runs: int, action: object) -> float:
    timings = []
    for _ in range(runs):
        started = time.process_time()
        action()  # type: ignore[operator]
        timings.append(time.process_time() - started)
    return min(timings)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=4.0, help="size of each corpus")
    parser.add_argument("--corpus", choices=sorted(CORPORA), action="append",
                        help="only this corpus (may be repeated)")
    parser.add_argument("--runs", type=int, default=3, help="best of this many")
    args = parser.parse_args()
    ok = True
    print(f"Normaliser, {args.megabytes:g} MB per corpus, one core, CPU s, best of {args.runs}\n")
    print("| corpus | normalize (read, typeset, Markdown) s | MB/s | typography only s | MB/s "
          "| target |\n|---|--:|--:|--:|--:|---|")
    for name, make in CORPORA.items():
        if args.corpus and name not in args.corpus:
            continue
        text = make(args.megabytes)
        megabytes = len(text.encode()) / 1_000_000
        paragraphs = text.split("\n\n")
        whole = best_of(args.runs, lambda text=text: to_markdown(text, "bench.txt"))
        typography = best_of(args.runs, lambda paragraphs=paragraphs: typeset(paragraphs))
        holds = megabytes / whole >= TARGET_MB_PER_S
        ok &= holds
        print(f"| {name} | {whole:.2f} | {megabytes / whole:.1f} | {typography:.2f} | "
              f"{megabytes / typography:.1f} | {'yes' if holds else 'NO'} "
              f"(≥ {TARGET_MB_PER_S:g} MB/s) |")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
