"""Score octavo's normaliser, and plain smartypants for comparison, on the gold set.

    python tests/golden/score.py                      # Markdown table, one row per category
    python tests/golden/score.py --failures dashes    # every case octavo gets wrong in `dashes`
    python tests/golden/score.py --failures dashes --engine smartypants
    python tests/golden/score.py --check              # parse every file, print counts

The gold set is every `*.txt` file of tests/golden/typography/ and tests/golden/fidelity/; a
file is a category (its stem). A case is right only if the output is exactly the expected text.
Typography categories go through `octavo.normalise.typeset(paragraphs, style)` (all paragraphs
of a case together, in order), with the style the file's `#!` settings ask for
(`octavo_engine`); scene breaks through `octavo.normalise.to_markdown(text, display)`, compared
after stripping.

smartypants is scored fairly: only where it attempts the job. It gets each paragraph separately
with attributes q, b, d, e and u (curly double and single quotes and apostrophes, `--` as an em
dash, `...` and `. . .` as an ellipsis). It is not scored ("n/a") on the categories it never
attempts (NOT_ATTEMPTED_BY_SMARTYPANTS), and in the other categories only on the cases whose
expected text differs from the input by nothing but those rules (`smartypants_attempts`).
octavo's share on the same cases is printed beside it, so the two numbers compare like with
like; octavo's share on all cases is printed too.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `tests.golden` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.golden.loader import GoldCase, load_directory

GOLDEN_DIR = Path(__file__).resolve().parent
TYPOGRAPHY_DIR = GOLDEN_DIR / "typography"
FIDELITY_DIR = GOLDEN_DIR / "fidelity"
DIRECTORIES = (TYPOGRAPHY_DIR, FIDELITY_DIR)
SCENE_BREAKS = "scene_breaks"
CATEGORY_ORDER = (
    "double_quotes", "single_quotes", "dashes", "ellipses", "spaces", SCENE_BREAKS,
    "quote_hierarchy", "quote_hierarchy_en_gb", "quote_conversion_american",
    "quote_conversion_british", "initial_apostrophes", "cut_off_speech", "name_blanks", "primes",
    "ellipsis_spacing", "private_use",
)
# Categories whose whole point is a rule smartypants has no notion of.
NOT_ATTEMPTED_BY_SMARTYPANTS = frozenset({
    "spaces", "primes", "quote_conversion_american", "quote_conversion_british", "name_blanks",
    "private_use", SCENE_BREAKS,
})
DISPLAY = "case.txt"

Engine = Callable[[GoldCase], str | None]


class EngineMissing(Exception):
    """The engine cannot run at all (octavo's functions do not exist yet)."""


@dataclass(frozen=True)
class Outcome:
    case: GoldCase
    got: str | None  # None: the engine does not apply to this case
    right: bool


@dataclass(frozen=True)
class CategoryScore:
    category: str
    cases: int
    octavo: float | None  # share of all cases exactly right; None if octavo could not run
    shared: int  # cases smartypants attempts (0 for a category it never attempts)
    octavo_on_shared: float | None
    smartypants: float | None  # share of the shared cases; None: n/a


# ---------------------------------------------------------------------------------------------
# Engines


def _octavo_function(module_name: str, name: str) -> Callable[..., object]:
    try:
        import importlib

        module = importlib.import_module(module_name)
    except Exception as error:  # any import failure means "not available"
        raise EngineMissing(f"cannot import {module_name} ({type(error).__name__}: {error})") from None
    function = getattr(module, name, None)
    if not callable(function):
        raise EngineMissing(f"{module_name} has no function `{name}`")
    return function


def octavo_engine(case: GoldCase) -> str:
    """octavo's output for one case: the one place that knows the normaliser's public API.

    Typography: `typeset(paragraphs, house_style_for(language, quotes))`, where quotes is
    "keep" (the default: curl the author's marks, keep single or double and their nesting),
    "american" or "british"; the case file's `#!` lines choose them."""
    if case.category == SCENE_BREAKS:
        to_markdown = _octavo_function("octavo.normalise", "to_markdown")
        return str(to_markdown(case.input, DISPLAY))
    typeset = _octavo_function("octavo.normalise", "typeset")
    house_style_for = _octavo_function("octavo.normalise.typography", "house_style_for")
    style = house_style_for(case.setting("language"), quotes=case.setting("quotes"))
    result = typeset(case.input.split("\n\n"), style)
    if not isinstance(result, list) or not all(isinstance(p, str) for p in result):
        return f"<typeset returned {type(result).__name__}, not list[str]: {result!r}>"
    return "\n\n".join(result)


_SMARTYPANTS_DASH = re.compile(r"---|--|\u2014")
_SMARTYPANTS_ELLIPSIS = re.compile(r"\.\.\.|\. \. \.|\u2026")
_SMARTYPANTS_DOUBLE = re.compile("[\"\u201c\u201d]")
_SMARTYPANTS_SINGLE = re.compile("['\u2018\u2019]")


def _blind_to_smartypants_rules(text: str) -> str:
    """Text with every difference that smartypants' rules can make erased: straight and curly
    quotes alike, `--`, `---` and — alike, `...`, `. . .` and … alike."""
    text = _SMARTYPANTS_ELLIPSIS.sub("\x00E", text)
    text = _SMARTYPANTS_DASH.sub("\x00D", text)
    text = _SMARTYPANTS_DOUBLE.sub('"', text)
    return _SMARTYPANTS_SINGLE.sub("'", text)


def smartypants_attempts(case: GoldCase) -> bool:
    """Whether smartypants attempts everything this case asks for: its category is one that
    smartypants works in, and the expected text differs from the input only by curled quotes and
    apostrophes, em dashes for `--`/`---` and ellipses for `...`/`. . .`. A case that also needs
    a space removed, a hyphen turned into a dash, a prime, an en dash, a quote style changed or
    a mark kept that smartypants would not touch is outside its rules, so it is not scored."""
    if case.category in NOT_ATTEMPTED_BY_SMARTYPANTS:
        return False
    return _blind_to_smartypants_rules(case.input) == _blind_to_smartypants_rules(case.expected)


def smartypants_engine(case: GoldCase) -> str | None:
    if not smartypants_attempts(case):
        return None
    import smartypants

    attrs = (smartypants.Attr.q | smartypants.Attr.b | smartypants.Attr.d | smartypants.Attr.e
             | smartypants.Attr.u)
    return "\n\n".join(smartypants.smartypants(p, attrs) for p in case.input.split("\n\n"))


def is_right(case: GoldCase, got: str) -> bool:
    if case.category == SCENE_BREAKS:
        return got.strip() == case.expected.strip()
    return got == case.expected


def run(engine: Engine, cases: Sequence[GoldCase]) -> list[Outcome]:
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
        outcomes.append(Outcome(case, got, got is not None and is_right(case, got)))
    return outcomes


# ---------------------------------------------------------------------------------------------
# Scoring


def load_all(directories: Sequence[Path] = DIRECTORIES) -> dict[str, list[GoldCase]]:
    """Every category of every directory, in CATEGORY_ORDER and then by name. A category name
    used in two directories is an error (the table would mix them up)."""
    found: dict[str, list[GoldCase]] = {}
    for directory in directories:
        for name, cases in load_directory(directory).items():
            if name in found:
                raise ValueError(f"{directory}: category {name!r} is defined in two directories")
            found[name] = cases
    ordered = {name: found[name] for name in CATEGORY_ORDER if name in found}
    ordered.update({name: cases for name, cases in sorted(found.items()) if name not in ordered})
    return ordered


def _share(outcomes: Sequence[Outcome]) -> float | None:
    scored = [o for o in outcomes if o.got is not None]
    return sum(o.right for o in scored) / len(scored) if scored else None


def score(directories: Sequence[Path] = DIRECTORIES) -> tuple[list[CategoryScore], list[str]]:
    """Per-category scores and the problems met (e.g. octavo's functions missing). A category
    whose octavo function is missing has `octavo=None`, and the reason is in the problems."""
    rows: list[CategoryScore] = []
    problems: list[str] = []
    for category, cases in load_all(directories).items():
        shared = [case for case in cases if smartypants_attempts(case)]
        try:
            outcomes = run(octavo_engine, cases)
        except EngineMissing as missing:
            outcomes = []
            if str(missing) not in problems:
                problems.append(str(missing))
        on_shared = [o for o in outcomes if smartypants_attempts(o.case)]
        rows.append(CategoryScore(
            category, len(cases), _share(outcomes) if outcomes else None, len(shared),
            _share(on_shared) if on_shared else None,
            _share(run(smartypants_engine, shared)) if shared else None))
    return rows, problems


def _percent(value: float | None, missing: str) -> str:
    return missing if value is None else f"{value:.1%}"


def markdown_table(rows: list[CategoryScore]) -> str:
    lines = [
        "| category | cases | octavo | cases both attempt | octavo on those | smartypants on those |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        if row.shared:
            shared = (f"{row.shared} | {_percent(row.octavo_on_shared, 'missing')} | "
                      f"{_percent(row.smartypants, 'n/a')}")
        else:
            shared = "0 | – | n/a"
        lines.append(f"| {row.category} | {row.cases} | {_percent(row.octavo, 'missing')} | {shared} |")
    total = sum(row.cases for row in rows)
    shared_total = sum(row.shared for row in rows)
    lines.append(f"| **all** | {total} | {_overall(rows, 'octavo', 'cases')} | {shared_total} | "
                 f"{_overall(rows, 'octavo_on_shared', 'shared')} | "
                 f"{_overall(rows, 'smartypants', 'shared')} |")
    lines.append("")
    lines.append(
        "Shares of cases exactly right. smartypants (attributes q b d e u, each paragraph alone) "
        "is n/a on " + ", ".join(sorted(NOT_ATTEMPTED_BY_SMARTYPANTS)) + ": it has no rules for "
        "them. In the other categories it is scored only on the cases whose expected text "
        "differs from the input by nothing but curled quotes and apostrophes, `--`/`---` as em "
        "dashes and `...`/`. . .` as ellipses (\"cases both attempt\"); octavo's share on the "
        "same cases stands beside it.")
    return "\n".join(lines)


def _overall(rows: list[CategoryScore], attribute: str, weight: str) -> str:
    pairs = [(getattr(row, attribute), getattr(row, weight)) for row in rows if getattr(row, weight)]
    scored = [(share, n) for share, n in pairs if share is not None]
    if not scored:
        return "n/a"
    right = sum(share * n for share, n in scored)
    cases = sum(n for _, n in scored)
    note = "" if len(scored) == len(pairs) else f" (of {cases})"
    return f"{right / cases:.1%}{note}"


# ---------------------------------------------------------------------------------------------
# Output helpers


_VISIBLE = {"\t": "⟨TAB⟩"}


def visible(text: str) -> str:
    """Text with invisible, space-like and private-use characters shown, so a failure can be read."""
    out = []
    for char in text:
        if char in _VISIBLE:
            out.append(_VISIBLE[char])
        elif char != "\n" and char != " " and (
                unicodedata.category(char) in ("Zs", "Cf", "Cc", "Co") or char == "\u00a0"):
            out.append(f"⟨U+{ord(char):04X}⟩")
        else:
            out.append(char)
    return "".join(out)


def _indent(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in visible(text).split("\n"))


def print_failures(category: str, engine_name: str, directories: Sequence[Path] = DIRECTORIES) -> int:
    cases_by_category = load_all(directories)
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
    scored = [o for o in outcomes if o.got is not None]
    if not scored:
        print(f"{engine_name} does not attempt any case of {category}", file=sys.stderr)
        return 2
    failures = [o for o in scored if not o.right]
    for outcome in failures:
        case = outcome.case
        settings = "".join(f" {key}={value}" for key, value in sorted(case.settings.items()))
        print(f"=== {case.name}  ({case.category}.txt:{case.line}{settings})")
        print("input:")
        print(_indent(case.input))
        print("expected:")
        print(_indent(case.expected))
        print("got:")
        print(_indent(outcome.got or ""))
        print()
    skipped = len(outcomes) - len(scored)
    note = f" ({skipped} cases outside its rules not scored)" if skipped else ""
    print(f"{len(failures)} of {len(scored)} {category} cases wrong for {engine_name}{note}")
    return 0


def check(directories: Sequence[Path] = DIRECTORIES) -> int:
    cases = load_all(directories)
    total = 0
    for category, items in cases.items():
        print(f"{category}: {len(items)}")
        total += len(items)
    print(f"all: {total}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--failures", metavar="CATEGORY", help="print the failing cases of CATEGORY")
    parser.add_argument("--engine", choices=("octavo", "smartypants"), default="octavo",
                        help="whose failures --failures prints (default: octavo)")
    parser.add_argument("--check", action="store_true", help="parse every case file, print counts")
    parser.add_argument("--dir", type=Path, action="append", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    directories = tuple(args.dir) if args.dir else DIRECTORIES
    try:
        if args.check:
            return check(directories)
        if args.failures:
            return print_failures(args.failures, args.engine, directories)
        rows, problems = score(directories)
    except ValueError as error:  # a malformed case file
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(markdown_table(rows))
    for problem in problems:
        print(f"\noctavo not scored: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
