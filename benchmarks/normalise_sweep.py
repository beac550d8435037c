"""A long random search for normaliser counterexamples, in every house style.

The test suite checks the two guarantees on a fixed set of generated examples; this sweep
draws tens of thousands of fresh ones: no letter or digit is ever lost, and normalising twice
gives the same result as once.

    python benchmarks/normalise_sweep.py [--examples N]
"""

from __future__ import annotations

import argparse
import re
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from octavo.normalise import house_style_for, to_markdown, typeset

TRICKY = "aAzZéß0159 \t\u00a0\u200b'\"‘’“”`´-–—.…,;:!?()[]*_#~<>/@§"
LETTER_MARKER = re.compile(r"^\s*(?:[oOxX]{3,}|<hr\s*/?>)\s*$", re.IGNORECASE | re.MULTILINE)
STYLES = {
    "kept quotes": house_style_for("en-US"),
    "american": house_style_for("en-US", "american"),
    "american, tied last words": house_style_for("en-US", "american", tie_last_word=True),
    "british": house_style_for("en-GB", "british"),
    "british, spaced dashes and ellipses": house_style_for("en-GB", "british", "spaced-en",
                                                           "spaced"),
}


def letters(text: str) -> list[str]:
    return re.findall(r"[^\W_]", text)


def sweep(examples: int) -> list[str]:
    failures = []
    options = settings(max_examples=examples, deadline=None, database=None,
                       suppress_health_check=list(HealthCheck))
    for name, style in STYLES.items():
        @options
        @given(st.lists(st.text(alphabet=TRICKY, max_size=80), min_size=1, max_size=5))
        def paragraphs(ps: list[str]) -> None:
            once = typeset(ps, style)  # noqa: B023 - each style is swept in its own loop turn
            assert typeset(once, style) == once, (ps, once)  # noqa: B023
            assert [letters(p) for p in once] == [letters(p) for p in ps], ps

        try:
            paragraphs()
            print(f"paragraphs, {name}: {examples} examples, no counterexample")
        except AssertionError as error:
            failures.append(f"paragraphs, {name}: {error}")

    @options
    @given(st.text(alphabet=TRICKY + "\n\n\n", max_size=300))
    def manuscripts(text: str) -> None:
        if LETTER_MARKER.search(text):
            return  # oOo, xXx and <hr> lines are scene breaks by design
        once = to_markdown(text, "m.txt")
        assert to_markdown(once, "m.txt") == once, (text, once)
        assert letters(once) == letters(text), text

    try:
        manuscripts()
        print(f"manuscripts: {examples} examples, no counterexample")
    except AssertionError as error:
        failures.append(f"manuscripts: {error}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    failures = sweep(parser.parse_args().examples)
    for failure in failures:
        print("COUNTEREXAMPLE", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
