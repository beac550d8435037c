"""Score octavo's normaliser, and plain smartypants for comparison, on the typography gold set.

    python tests/golden/score.py                      # Markdown table, one row per category
    python tests/golden/score.py --failures dashes    # every case octavo gets wrong in `dashes`
    python tests/golden/score.py --failures dashes --engine smartypants
    python tests/golden/score.py --check              # parse every file, print counts

A case is right only if the output is exactly the expected text. Typography categories go
through `octavo.normalise.typeset(paragraphs)` (all paragraphs of a case together, in order);
scene breaks through `octavo.normalise.to_markdown(text, display)`, compared after stripping.
smartypants gets each paragraph separately with attributes q, b, d, e and u; it has no notion
of scene breaks ("n/a").
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tests.golden` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.golden.loader import GoldCase, load_directory

TYPOGRAPHY_DIR = Path(__file__).resolve().parent / "typography"
SCENE_BREAKS = "scene_breaks"
CATEGORY_ORDER = ("double_quotes", "single_quotes", "dashes", "ellipses", "spaces", SCENE_BREAKS)
DISPLAY = "case.txt"

Engine = Callable[[GoldCase], str]


class EngineMissing(Exception):
    """The engine cannot run at all (octavo's functions do not exist yet)."""


@dataclass(frozen=True)
class Outcome:
    case: GoldCase
    got: str | None  # None: the engine does not apply to this category
    right: bool


@dataclass(frozen=True)
class CategoryScore:
    category: str
    cases: int
    octavo: float | None  # share exactly right; None if not scored
    smartypants: float | None


# ---------------------------------------------------------------------------------------------
# Engines


def smartypants_engine(case: GoldCase) -> str | None:
    if case.category == SCENE_BREAKS:
        return None
    import smartypants

    attrs = (smartypants.Attr.q | smartypants.Attr.b | smartypants.Attr.d | smartypants.Attr.e
             | smartypants.Attr.u)
    return "\n\n".join(smartypants.smartypants(p, attrs) for p in case.input.split("\n\n"))


def _octavo_function(name: str) -> Callable[..., object]:
    try:
        import octavo.normalise as normalise
    except Exception as error:  # any import failure means "not available"
        raise EngineMissing(f"cannot import octavo.normalise ({type(error).__name__}: {error})") from None
    function = getattr(normalise, name, None)
    if not callable(function):
        raise EngineMissing(
            f"octavo.normalise has no function `{name}` yet (expected "
            + ("`typeset(paragraphs: list[str]) -> list[str]`" if name == "typeset"
               else "`to_markdown(text: str, display: str) -> str`") + ")")
    return function


def octavo_engine(case: GoldCase) -> str:
    if case.category == SCENE_BREAKS:
        to_markdown = _octavo_function("to_markdown")
        return str(to_markdown(case.input, DISPLAY))
    typeset = _octavo_function("typeset")
    from octavo.normalise import house_style_for  # the cases assume `quotes: american`

    result = typeset(case.input.split("\n\n"), house_style_for("en", "american"))
    if not isinstance(result, list) or not all(isinstance(p, str) for p in result):
        return f"<typeset returned {type(result).__name__}, not list[str]: {result!r}>"
    return "\n\n".join(result)


def _is_right(case: GoldCase, got: str) -> bool:
    if case.category == SCENE_BREAKS:
        return got.strip() == case.expected.strip()
    return got == case.expected


def run(engine: Callable[[GoldCase], str | None], cases: Sequence[GoldCase]) -> list[Outcome]:
    """Outcomes of one engine. Raises EngineMissing if the engine is not available; an error
    on one case is that case's (wrong) output, not a crash."""
    outcomes = []
    for case in cases:
        try:
            got = engine(case)
        except EngineMissing:
            raise
        except Exception as error:  # report it as the case's output; don't crash the score
            got = f"<{type(error).__name__}: {error}>"
        outcomes.append(Outcome(case, got, got is not None and _is_right(case, got)))
    return outcomes


# ---------------------------------------------------------------------------------------------
# Scoring


def load_all(directory: Path = TYPOGRAPHY_DIR) -> dict[str, list[GoldCase]]:
    found = load_directory(directory)
    ordered = {name: found[name] for name in CATEGORY_ORDER if name in found}
    ordered.update({name: cases for name, cases in found.items() if name not in ordered})
    return ordered


def _share(outcomes: list[Outcome]) -> float | None:
    scored = [o for o in outcomes if o.got is not None]
    return sum(o.right for o in scored) / len(scored) if scored else None


def score(directory: Path = TYPOGRAPHY_DIR) -> tuple[list[CategoryScore], list[str]]:
    """Per-category scores and the problems met (e.g. octavo's functions missing). A category
    whose octavo function is missing has `octavo=None`, and the reason is in the problems."""
    rows: list[CategoryScore] = []
    problems: list[str] = []
    for category, cases in load_all(directory).items():
        try:
            octavo: float | None = _share(run(octavo_engine, cases))
        except EngineMissing as missing:
            octavo = None
            if str(missing) not in problems:
                problems.append(str(missing))
        rows.append(CategoryScore(category, len(cases), octavo,
                                  _share(run(smartypants_engine, cases))))
    return rows, problems


def markdown_table(rows: list[CategoryScore]) -> str:
    def cell(value: float | None, missing: str) -> str:
        return missing if value is None else f"{value:.0%}"

    lines = ["| category | cases | octavo | smartypants |", "|---|---:|---:|---:|"]
    for row in rows:
        lines.append(f"| {row.category} | {row.cases} | {cell(row.octavo, 'missing')} | "
                     f"{cell(row.smartypants, 'n/a')} |")
    total = sum(row.cases for row in rows)
    lines.append(f"| **all** | {total} | {_overall(rows, 'octavo')} | {_overall(rows, 'smartypants')} |")
    return "\n".join(lines)


def _overall(rows: list[CategoryScore], engine: str) -> str:
    pairs = [(getattr(row, engine), row.cases) for row in rows]
    scored = [(share, n) for share, n in pairs if share is not None]
    if not scored:
        return "missing" if engine == "octavo" else "n/a"
    right = sum(share * n for share, n in scored)
    cases = sum(n for _, n in scored)
    note = "" if len(scored) == len(pairs) else f" (of {cases})"
    return f"{right / cases:.0%}{note}"


# ---------------------------------------------------------------------------------------------
# Output helpers


_VISIBLE = {"\t": "⟨TAB⟩"}


def visible(text: str) -> str:
    """Text with invisible and space-like characters shown, so a failure can be read."""
    out = []
    for char in text:
        if char in _VISIBLE:
            out.append(_VISIBLE[char])
        elif char != "\n" and char != " " and (
                unicodedata.category(char) in ("Zs", "Cf", "Cc") or char == "\u00a0"):
            out.append(f"⟨U+{ord(char):04X}⟩")
        else:
            out.append(char)
    return "".join(out)


def _indent(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in visible(text).split("\n"))


def print_failures(category: str, engine_name: str, directory: Path = TYPOGRAPHY_DIR) -> int:
    cases_by_category = load_all(directory)
    if category not in cases_by_category:
        print(f"no category {category!r}; known: {', '.join(cases_by_category)}", file=sys.stderr)
        return 2
    cases = cases_by_category[category]
    engine = octavo_engine if engine_name == "octavo" else smartypants_engine
    try:
        outcomes = run(engine, cases)
    except EngineMissing as missing:
        print(f"octavo cannot be scored: {missing}", file=sys.stderr)
        return 1
    if all(o.got is None for o in outcomes):
        print(f"{engine_name} does not apply to {category}", file=sys.stderr)
        return 2
    failures = [o for o in outcomes if not o.right]
    for outcome in failures:
        case = outcome.case
        print(f"=== {case.name}  ({case.category}.txt:{case.line})")
        print("input:")
        print(_indent(case.input))
        print("expected:")
        print(_indent(case.expected))
        print("got:")
        print(_indent(outcome.got or ""))
        print()
    print(f"{len(failures)} of {len(cases)} {category} cases wrong for {engine_name}")
    return 0


def check(directory: Path = TYPOGRAPHY_DIR) -> int:
    cases = load_all(directory)
    total = 0
    for category, items in cases.items():
        print(f"{category}: {len(items)}")
        total += len(items)
    print(f"all: {total}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--failures", metavar="CATEGORY", help="print the failing cases of CATEGORY")
    parser.add_argument("--engine", choices=("octavo", "smartypants"), default="octavo",
                        help="whose failures --failures prints (default: octavo)")
    parser.add_argument("--check", action="store_true", help="parse every case file, print counts")
    parser.add_argument("--dir", type=Path, default=TYPOGRAPHY_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        if args.check:
            return check(args.dir)
        if args.failures:
            return print_failures(args.failures, args.engine, args.dir)
        rows, problems = score(args.dir)
    except ValueError as error:  # a malformed case file
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(markdown_table(rows))
    for problem in problems:
        print(f"\noctavo not scored: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
