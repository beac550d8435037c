"""Deterministic synthetic anthologies for the octavo benchmarks.

The stories are made of real prose: the paragraphs of the sample manuscripts in
``manuscripts/`` (their heading lines skipped), each story a differently seeded selection
and order of them, with a few ``* * *`` scene breaks. Same arguments, same bytes.

    python benchmarks/synth.py OUT --stories 30 --words 100000 [--seed 0]

writes ``OUT/book.yaml`` and ``OUT/stories/story-001.txt`` ... and prints the book.yaml path.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLES = (
    REPO / "manuscripts" / "000_cae833c62a8e726c.txt",
    REPO / "manuscripts" / "003_4cf53e13c3f0ee84.txt",
)
SCENE_BREAK = "* * *"

# A heading line is short and does not end like a sentence ("Session 1:",
# "~Come Back Symphony (Updated)", "SESSION ONE: Where I Belong").
_HEADING_MAX_CHARS = 60
_SENTENCE_END = re.compile(r"""[.!?…"'”’*-]$""")


def _is_heading(line: str) -> bool:
    return len(line) <= _HEADING_MAX_CHARS and not _SENTENCE_END.search(line)


def read_paragraphs(path: Path) -> list[str]:
    """The paragraphs of one sample manuscript, without its heading lines.

    Paragraphs are separated by blank lines or, in places, by single newlines, so every
    non-empty line is a paragraph. Whitespace inside a line is collapsed. Heading-like lines
    at the start (the heading) and at the end (a sign-off such as "See You, Space Cowboy"
    and a date) are skipped.
    """
    text = path.read_text(encoding="utf-8-sig")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    paragraphs = [line for line in lines if line]
    start, end = 0, len(paragraphs)
    while start < end and _is_heading(paragraphs[start]):
        start += 1
    while end > start and _is_heading(paragraphs[end - 1]):
        end -= 1
    return paragraphs[start:end]


def _label(words: int) -> str:
    """100000 -> "100k", 1000000 -> "1M", 2500 -> "2500"."""
    for unit, size in (("M", 1_000_000), ("k", 1_000)):
        if words >= size and words % (size // 10) == 0:
            value = words / size
            return f"{value:g}{unit}"
    return str(words)


def _story_targets(rng: random.Random, stories: int, words: int) -> list[int]:
    """Per-story word targets, uneven (±40 %) but summing to ``words``."""
    weights = [rng.uniform(0.6, 1.4) for _ in range(stories)]
    total = sum(weights)
    targets = [max(1, round(words * w / total)) for w in weights]
    targets[-1] = max(1, targets[-1] + words - sum(targets))
    return targets


def _story(rng: random.Random, pool: Sequence[str], target: int) -> list[str]:
    """Paragraphs drawn from ``pool`` in a seeded order, about ``target`` words in all.

    The pool is reshuffled each time it runs out, so long stories reuse paragraphs in a new
    order rather than repeating a block verbatim. The story stops at whichever paragraph
    boundary is nearest to ``target``.
    """
    body: list[str] = []
    count = 0
    deck: list[str] = []
    while count < target:
        if not deck:
            deck = list(pool)
            rng.shuffle(deck)
        paragraph = deck.pop()
        size = len(paragraph.split())
        if body and count + size - target > target - count:
            break
        body.append(paragraph)
        count += size
    # A few scene breaks, never first or last, never two in a row.
    if len(body) >= 8:
        breaks = min(rng.randint(1, 4), len(body) // 8)
        slots = sorted(rng.sample(range(2, len(body) - 1), k=breaks))
        for offset, slot in enumerate(slots):
            body.insert(slot + offset, SCENE_BREAK)
    return body


def _yaml_str(value: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(value, ensure_ascii=False)


def make_anthology(
    out_dir: Path,
    stories: int,
    words: int,
    seed: int = 0,
    *,
    sources: Sequence[Path] = SAMPLES,
) -> Path:
    """Write a synthetic anthology to ``out_dir`` and return the path of its ``book.yaml``.

    ``stories`` story files of about ``words`` words in all (each story overshoots its share
    by less than one paragraph). Deterministic: the same arguments give byte-identical files.
    Stale ``stories/story-*.txt`` files from a larger earlier run are removed.
    """
    if stories < 1 or words < stories:
        raise ValueError("need at least one story and at least one word per story")
    pool = [p for source in sources for p in read_paragraphs(Path(source))]
    if not pool:
        raise ValueError("the sample manuscripts hold no paragraphs")

    out_dir = Path(out_dir)
    story_dir = out_dir / "stories"
    story_dir.mkdir(parents=True, exist_ok=True)
    width = max(3, len(str(stories)))
    names = [f"story-{i:0{width}d}.txt" for i in range(1, stories + 1)]
    for stale in story_dir.glob("story-*.txt"):
        if stale.name not in names:
            stale.unlink()

    targets = _story_targets(random.Random(f"octavo-bench:{seed}:targets"), stories, words)
    manifest = [
        f"title: {_yaml_str(f'Synthetic Anthology {_label(words)}')}",
        f"editor: {_yaml_str('Bench Editor')}",
        "language: en-US",
        'date: "2026-01-01"',
        "contents:",
    ]
    for number, (name, target) in enumerate(zip(names, targets, strict=True), start=1):
        rng = random.Random(f"octavo-bench:{seed}:story:{number}")
        body = _story(rng, pool, target)
        (story_dir / name).write_bytes(("\n\n".join(body) + "\n").encode("utf-8"))
        manifest += [
            f"  - file: stories/{name}",
            f"    title: {_yaml_str(f'Story {number}')}",
            f"    author: {_yaml_str(f'Author {number}')}",
        ]
    book = out_dir / "book.yaml"
    book.write_bytes(("\n".join(manifest) + "\n").encode("utf-8"))
    return book


def count_words(book: Path) -> int:
    """Words in the story files next to ``book`` (scene breaks not counted)."""
    total = 0
    for story in sorted((book.parent / "stories").glob("story-*.txt")):
        for line in story.read_text(encoding="utf-8").splitlines():
            if line.strip() != SCENE_BREAK:
                total += len(line.split())
    return total


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write book.yaml and stories/ into")
    parser.add_argument("--stories", type=int, default=30, help="number of stories (30)")
    parser.add_argument("--words", type=int, default=100_000, help="words in all (100000)")
    parser.add_argument("--seed", type=int, default=0, help="seed (0)")
    args = parser.parse_args(argv)
    try:
        book = make_anthology(args.out, args.stories, args.words, args.seed)
    except ValueError as exc:
        parser.error(str(exc))
    print(book)
    print(f"{args.stories} stories, {count_words(book)} words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
