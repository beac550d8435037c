"""Recall of the confusable rules at every place a slip can be planted, not a dozen.

`run.py` plants six slips of each confusable kind per book, so one miss moves a figure by
17 points. This sweep plants each kind at every occurrence in a set (one slip at a time, in
its own paragraph) and counts how many the rule finds, so a rule is judged on a class of
contexts rather than on a few examples:

    python benchmarks/check_quality/confusable_sweep.py [--set dev|heldout|heldout2|heldout3|heldout4]
        [--kind who] [--cap 400] [--show-missed 20]

Plants where the rule already fires on the unplanted paragraph (a false alarm, counted by
`run.py`) are left out and listed. Only the sets a rule may be tuned on are offered (heldout3 and heldout4
has been seen since its first measurement); a blind set is judged by `run.py` alone.
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
from corpora import corpus

from octavo.check import check_text

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _paragraph_around(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((m.end() for m in _PARAGRAPH_BREAK.finditer(text, 0, start)), default=0)
    right = _PARAGRAPH_BREAK.search(text, end)
    return left, right.start() if right else len(text)


def _fires(paragraph: str, code: str, column_from: int, column_to: int, line: int) -> bool:
    for d in check_text(paragraph, "sweep", only=frozenset({code})):
        if d.span and d.span.line == line and column_from - 2 <= d.span.column <= column_to + 1:
            return True
    return False


def sweep(which: str, kind_filter: str, cap: int, seed: int) -> tuple[
        Counter[tuple[str, str]], Counter[tuple[str, str]], list[str], list[str]]:
    alarms: list[str] = []
    planted: Counter[tuple[str, str]] = Counter()
    caught: Counter[tuple[str, str]] = Counter()
    missed: list[str] = []
    by_kind: dict[str, list[tuple[str, str, planting.Plant]]] = {}
    for story in corpus(which):
        for planter in planting.CONFUSABLES:
            for p in planter(story.text, 0):
                if kind_filter in p.kind:
                    by_kind.setdefault(p.kind, []).append((story.era, story.text, p))
    rng = random.Random(seed)
    for kind, plants in sorted(by_kind.items()):
        rng.shuffle(plants)
        for era, text, p in plants[:cap]:
            left, right = _paragraph_around(text, p.start, p.end)
            original = text[left:right]
            at = p.start - left
            line = original.count("\n", 0, at) + 1
            column = at - (original.rfind("\n", 0, at) + 1) + 1
            if _fires(original, p.code, column, column + len(p.text), line):
                flat = original.replace("\n", " ")
                alarms.append(f"{era} {p.code}: …{flat[max(0, at - 50):at + 50]}…")
                continue  # the rule already fires here unplanted: a false alarm, not a plant
            planted_text = original[:at] + p.text + original[p.end - left:]
            planted[(era, kind)] += 1
            if _fires(planted_text, p.code, column, column + len(p.text), line):
                caught[(era, kind)] += 1
            else:
                flat = planted_text.replace("\n", " ")
                missed.append(f"{era} {kind}: …{flat[max(0, at - 50):at + 50]}…")
    return planted, caught, missed, alarms


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("dev", "heldout", "heldout2", "heldout3", "heldout4"),
                        default="heldout2")
    parser.add_argument("--kind", default="", help="only kinds whose name contains this")
    parser.add_argument("--cap", type=int, default=400, help="plants per kind, at most")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show-missed", type=int, default=0, metavar="N",
                        help="print up to N missed plants of each kind")
    args = parser.parse_args()
    planted, caught, missed, alarms = sweep(args.set, args.kind, args.cap, args.seed)
    print(f"### confusable sweep, {args.set}\n\n| kind | era | planted | found | recall |\n"
          "|---|---|--:|--:|--:|")
    for era, kind in sorted(planted, key=lambda k: (k[1], k[0])):
        p, c = planted[(era, kind)], caught[(era, kind)]
        print(f"| {kind.split(': ', 1)[1]} | {era} | {p} | {c} | {100 * c / p:.0f} % |")
    print(f"\nthe rule already fires unplanted (false alarms) at {len(alarms)} of the places:")
    for row in sorted(set(alarms)):
        print("  " + row)
    if args.show_missed:
        shown: Counter[str] = Counter()
        print("\nmissed:")
        for row in missed:
            kind = row.split(": …", 1)[0]  # `modern confusable: its → it's`
            if shown[kind] < args.show_missed:
                shown[kind] += 1
                print("  " + row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
