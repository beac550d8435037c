"""Every hand-written gold case comes out exactly as a professional typesetter would set it.

The cases of tests/golden/typography/ and tests/golden/fidelity/ go through octavo's public
normaliser API (`score.octavo_engine`), with the settings of their file's `#!` lines.
`python tests/golden/score.py` prints the shares per category, next to plain smartypants'.
"""

from __future__ import annotations

import pytest

from tests.golden.loader import GoldCase
from tests.golden.score import (
    FIDELITY_DIR,
    TYPOGRAPHY_DIR,
    is_right,
    load_all,
    octavo_engine,
    visible,
)

CASES = [case for cases in load_all().values() for case in cases]

TYPOGRAPHY_CATEGORIES = {"double_quotes", "single_quotes", "dashes", "ellipses", "spaces",
                         "scene_breaks"}
# Issue 9's classes, each at least this many cases.
FIDELITY_CATEGORIES = {
    "quote_hierarchy": 25, "quote_hierarchy_en_gb": 5, "quote_conversion_american": 12,
    "quote_conversion_british": 12, "initial_apostrophes": 50, "cut_off_speech": 12,
    "name_blanks": 10, "primes": 12, "ellipsis_spacing": 12, "private_use": 10,
}
# Cases moved here from tests/golden/typography/ (their expectation depends on a quote
# conversion that is no longer the default) carry this prefix; they do not count as new.
MOVED = "from typography: "


def test_the_gold_set_is_large_enough() -> None:
    typography = load_all([TYPOGRAPHY_DIR])
    fidelity = load_all([FIDELITY_DIR])
    assert set(typography) == TYPOGRAPHY_CATEGORIES
    assert sum(len(cases) for cases in typography.values()) >= 390
    assert set(fidelity) == set(FIDELITY_CATEGORIES)
    for category, least in FIDELITY_CATEGORIES.items():
        new = [case for case in fidelity[category] if not case.name.startswith(MOVED)]
        assert len(new) >= least, f"{category}: {len(new)} new cases, want {least}"
    new_cases = [case for cases in fidelity.values() for case in cases
                 if not case.name.startswith(MOVED)]
    assert len(new_cases) >= 150


def test_settings_files_ask_for_what_their_names_say() -> None:
    by_category = load_all([FIDELITY_DIR])
    assert all(c.setting("quotes") == "american" for c in by_category["quote_conversion_american"])
    assert all(c.setting("quotes") == "british" for c in by_category["quote_conversion_british"])
    assert all(c.setting("quotes") == "keep" and c.setting("language") == "en-GB"
               for c in by_category["quote_hierarchy_en_gb"])
    assert all(c.settings == {} for c in load_all([TYPOGRAPHY_DIR])["single_quotes"])


@pytest.mark.parametrize("case", CASES, ids=[f"{c.category}:{c.line}" for c in CASES])
def test_gold_case(case: GoldCase) -> None:
    got = octavo_engine(case)
    shown = got.strip() if case.category == "scene_breaks" else got
    expected = case.expected.strip() if case.category == "scene_breaks" else case.expected
    assert is_right(case, got), (
        f"{case.name}\n  got:      {visible(shown)}\n  expected: {visible(expected)}")
