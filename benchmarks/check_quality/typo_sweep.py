"""Recall of the likely-typo rule (OCT347) at many places, not a dozen, and which of the rule's
gates let each missed slip through.

`run.py` plants twelve typos per era, so one miss moves the figure by eight points. This sweep
plants a typo (the same slips `plant.typos` makes) in up to `--cap` paragraphs of every book
of a set at once, one slip to a paragraph, each a different word, and counts how many OCT347
finds where they were planted. For every miss it names the gate that excused it (`--why`):

    python benchmarks/check_quality/typo_sweep.py [--set dev|heldout|heldout2|heldout3|heldout4]
        [--cap 60] [--seed 13] [--why 40] [--no-austen]

Only the sets a rule may be tuned on are offered; a blind set is judged by `run.py` alone.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import plant as planting

from octavo.check import typo_rules as typos
from octavo.check.anthology_rules import BookWords, StoryText
from octavo.check.spelling import Speller, speller
from octavo.check.transcripts import transcript_lines
from run import Book, books

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _plants(book: Book, cap: int, rng: random.Random) -> list[planting.Plant]:
    texts = [s.text for s in book.stories]
    candidates = list(planting.typos(texts, book.language, rng))
    rng.shuffle(candidates)
    used: set[tuple[int, int]] = set()
    slips: set[str] = set()
    words: set[str] = set()
    chosen = []
    for p in candidates:
        text = texts[p.story]
        paragraph = len(_PARAGRAPH_BREAK.findall(text, 0, p.start))
        word = text[p.start:p.end]
        if (p.story, paragraph) in used or p.text in slips or word in words:
            continue
        used.add((p.story, paragraph))
        slips.add(p.text)
        words.add(word)
        chosen.append(p)
        if len(chosen) >= cap:
            break
    return chosen


def _planted(book: Book, plants: list[planting.Plant]) -> list[str]:
    out = []
    for index, story in enumerate(book.stories):
        text = story.text
        for p in sorted((p for p in plants if p.story == index), key=lambda p: -p.start):
            text = text[:p.start] + p.text + text[p.end:]
        out.append(text)
    return out


def why_missed(word: str, story: StoryText, start: int, book: BookWords,
               check: Speller, language: str) -> str:
    """The first gate of the rule that excuses the word here (in the rule's order)."""
    lower = word.lower()
    if book.parts.get(lower, 0) != 1:
        return "used more than once in the book"
    if typos._drawn_out(lower, check):
        return "drawn out"
    if check.knows(lower):
        return "known word"
    if typos._dialect_form(lower, check):
        return "dialect form of a known word"
    if typos._inflects_a_book_word(lower, book.parts, check):
        return "inflects a book word"
    text, end = story.text, start + len(word)
    if text.count("\n", 0, start) + 1 in transcript_lines(enumerate(story.lines, 1)):
        return "transcript line"
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if before in "'’‘`" or after in "'’‘`" or before == "-" or after == "-":
        return "apostrophe or hyphen beside it"
    if typos._another_unknown_word(text, start, end, check) and check.swap_of(word) is None:
        return "another unknown word (dialect gate)"
    suggestion = check.one_slip_from(word)
    if suggestion is None:
        return "no common word one slip away"
    if typos._coined_compound(lower, suggestion, check):
        return "coined compound"
    if typos._among_sounds(text, start, end, check):
        return "among sounds"
    if typos._older_spelling(lower, language, check):
        return "older spelling (large word list)"
    if typos._archaic_verb(lower, check) and typos._archaic_register(story):
        return "archaic verb"
    return "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("dev", "heldout", "heldout2", "heldout3", "heldout4"),
                        default="heldout4")
    parser.add_argument("--cap", type=int, default=60, help="plants per book, at most")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--why", type=int, default=0, metavar="N",
                        help="print up to N missed slips, each with the gate that excused it")
    parser.add_argument("--no-austen", action="store_true", help="leave out the Austen novels")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    planted: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    gates: Counter[tuple[str, str]] = Counter()
    missed: list[str] = []
    for book in books(args.set):
        if args.no_austen and book.stories[0].name.startswith("austen/"):
            continue
        plants = _plants(book, args.cap, rng)
        texts = _planted(book, plants)
        stories = [StoryText(s.name, t.split("\n")) for s, t in
                   zip(book.stories, texts, strict=True)]
        found = {(d.span.path, d.span.line, d.span.column) for d in
                 typos.likely_typos(stories, book.language) if d.span and d.code == "OCT347"}
        words = BookWords.of(stories)
        check = speller(book.language)
        for p in plants:
            story = stories[p.story]
            # where the slip stands in the planted text: later plants in the story do not move it
            start = p.start + sum(len(q.text) - (q.end - q.start) for q in plants
                                  if q.story == p.story and q.start < p.start)
            line = story.text.count("\n", 0, start) + 1
            column = start - (story.text.rfind("\n", 0, start) + 1) + 1
            planted[book.era] += 1
            if (story.display, line, column) in found:
                caught[book.era] += 1
                continue
            gate = why_missed(p.text, story, start, words, check, book.language)
            gates[(book.era, gate)] += 1
            row = story.text.split("\n")[line - 1]
            missed.append(f"{book.era} [{gate}] {p.text}: "
                          f"…{row[max(0, column - 50):column + 40]}…")
    print(f"### typo sweep, {args.set}\n\n| era | planted | found | recall |\n|---|--:|--:|--:|")
    for era in sorted(planted):
        print(f"| {era} | {planted[era]} | {caught[era]} | "
              f"{100 * caught[era] / planted[era]:.0f} % |")
    print("\n| era | gate that excused a miss | misses |\n|---|---|--:|")
    for (era, gate), n in sorted(gates.items(), key=lambda kv: (kv[0][0], -kv[1])):
        print(f"| {era} | {gate} | {n} |")
    if args.why:
        print("\nmissed:")
        for row in missed[:args.why]:
            print("  " + row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
