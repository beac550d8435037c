"""Does the normaliser still give the same bytes as a reference version of octavo?

A speed change to the normaliser must not change one byte of its output. This tool runs the
same inputs through this checkout's normaliser and through a reference checkout's (another
`src/` folder of a whole checkout, e.g. `git archive main | tar -x -C /tmp/ref`, then
`--reference /tmp/ref/src`), each in its own process, and
compares a digest of every output:

- every corpus of `normalise.py` (sample and written prose, two spaces, single-quoted speech,
  dialect, long paragraphs, mixed), 1 MB each, through the whole `octavo normalize` path;
- every story file of the repository (sample, check corpora, fidelity corpus, gold sets)
  through the whole path and through the typography in each house style;
- fuzzed paragraphs (seeded: words, quote marks of every kind, dashes, dots, digits,
  fractions, odd spaces, invisible characters, URLs, boundary-like markers) through the
  typography in each house style, and fuzzed manuscripts (several paragraphs, breaks, emphasis)
  through the whole path.

    python benchmarks/normalise_identity.py --reference /tmp/ref/src [--fuzz N]

Exit status 1 when any output differs; the first few differing inputs are printed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

STYLE_ARGS = {
    "keep": ("en-US",),
    "american": ("en-US", "american"),
    "american-tied": ("en-US", "american", None, None, True),
    "british": ("en-GB", "british"),
    "british-spaced": ("en-GB", "british", "spaced-en", "spaced"),
}

_WORDS = """
the and she said he was in it of to a that I you his her had 'em 'tis goin' O'Brien don't can't
Joneses' rock'n'roll '90s 1985 6 2 14 9 ½ ¾ 555-0134 1990-95 Mr. Mrs. St. e-mail to-day first-
and a.m. www.example.com jo@example.org `code` nothin' ol' an' th' 'ouse 'orses 'Arry 'round
'cause 'is
""".split()  # noqa: SIM905 - a word list reads best as words
_MARKS = ["'", '"', "‘", "’", "“", "”", "`", "´", "‚", "„", "′", "″", "''", "``", "'\"", "\"'"]
_PUNCT = [".", ",", ";", ":", "!", "?", "...", ". . .", "....", "…", "-", "--", "---", "----",
          "–", "—", "——", " - ", " -- ", " — ", "(", ")", "[", "]", "*", "_", "\\", "#"]
_SPACE = [" ", " ", " ", " ", "  ", "\t", "\u00a0", "\u2009", "\u200b", "\u200c", "\u00ad",
          "\ufeff", "\u202f", "\u202e", "\u2067"]


def _fuzzed_paragraph(rng: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(1, 40)):
        roll = rng.random()
        if roll < 0.45:
            parts.append(rng.choice(_WORDS))
        elif roll < 0.65:
            parts.append(rng.choice(_MARKS))
        elif roll < 0.85:
            parts.append(rng.choice(_PUNCT))
        else:
            parts.append(rng.choice(_SPACE))
        if rng.random() < 0.5:
            parts.append(" ")
    return "".join(parts)


def _fuzzed_manuscript(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        if roll < 0.08:
            paragraphs.append(rng.choice(["* * *", "#", "***", "~"]))
            continue
        text = _fuzzed_paragraph(rng)
        if roll < 0.3:
            words = text.split(" ")
            at = rng.randrange(len(words))
            words[at] = f"*{words[at]}*" if rng.random() < 0.7 else f"_{words[at]}_"
            text = " ".join(words)
        if roll > 0.9:  # a wrapped paragraph
            text = text.replace(" ", "\n", 2)
        paragraphs.append(text)
    return "\n\n".join(paragraphs)


def _story_files() -> list[Path]:
    folders = [REPO / "manuscripts", REPO / "tests" / "check" / "clean_corpus",
               REPO / "benchmarks" / "check_quality", REPO / "benchmarks" / "fidelity",
               REPO / "tests" / "golden"]
    found: list[Path] = []
    for folder in folders:
        found.extend(sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md")))
    return found


def cases(fuzz: int) -> Iterator[tuple[str, Callable[[], str]]]:
    """(name, the output to digest) for every input; the same names in every checkout."""
    from normalise import CORPORA
    from octavo.ingest.decode import decode_manuscript
    from octavo.normalise import house_style_for, to_markdown, typeset

    styles = {name: house_style_for(*args) for name, args in STYLE_ARGS.items()}  # type: ignore[arg-type]
    for name, make in CORPORA.items():
        text = make(1.0)
        yield f"corpus {name}", lambda text=text: to_markdown(text, "bench.txt")
    for path in _story_files():
        text = decode_manuscript(path.read_bytes(), path.name).text
        shown = str(path.relative_to(REPO))
        yield f"file {shown}", lambda text=text: to_markdown(text, "story.txt")
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        for style_name, style in styles.items():
            yield (f"file {shown} {style_name}",
                   lambda ps=paragraphs, s=style: "\n\n".join(typeset(ps, s)))
    rng = random.Random(20261201)
    batch = 100
    for first in range(0, fuzz, batch):
        paragraphs = [_fuzzed_paragraph(rng) for _ in range(batch)]
        for style_name, style in styles.items():
            yield (f"fuzz {first}-{first + batch - 1} {style_name}",
                   lambda ps=paragraphs, s=style: "\u0000".join(typeset(ps, s)))
    for number in range(fuzz // 20):
        text = _fuzzed_manuscript(rng)
        yield f"fuzz manuscript {number}", lambda text=text: to_markdown(text, "m.txt")


def digests(fuzz: int) -> dict[str, str]:
    return {name: hashlib.sha256(make().encode("utf-8", "surrogatepass")).hexdigest()
            for name, make in cases(fuzz)}


def _input_of(name: str, fuzz: int) -> str:
    """The text of a fuzzed batch, to show where outputs differ."""
    for case, make in cases(fuzz):
        if case == name:
            return make()
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, help="the reference checkout's src/ folder")
    parser.add_argument("--fuzz", type=int, default=60_000, help="fuzzed paragraphs")
    parser.add_argument("--digests", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    if args.digests:
        json.dump(digests(args.fuzz), sys.stdout)
        return 0
    if args.reference is None:
        parser.error("--reference is required")
    environment = {**os.environ, "PYTHONPATH": str(args.reference.resolve())}
    reference_run = subprocess.run([sys.executable, __file__, "--digests", "--fuzz",
                                    str(args.fuzz)], env=environment, capture_output=True,
                                   text=True, check=True)
    reference = json.loads(reference_run.stdout)
    mine = digests(args.fuzz)
    differ = [name for name in reference if mine.get(name) != reference[name]]
    inputs = len(reference)
    print(f"{inputs} outputs compared ({args.fuzz} fuzzed paragraphs in {len(STYLE_ARGS)} "
          f"styles, {args.fuzz // 20} fuzzed manuscripts): {len(differ)} differ")
    for name in differ[:5]:
        print("DIFFERS:", name)
    return 1 if differ or set(mine) != set(reference) else 0


if __name__ == "__main__":
    sys.exit(main())
