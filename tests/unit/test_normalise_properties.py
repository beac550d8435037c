"""Properties of the normaliser over arbitrary text: it never loses a letter or digit, and
normalising twice gives the same result as once."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from octavo.normalise import house_style_for, to_markdown, typeset

# Plenty of the characters that typography rules act on, mixed with letters and digits.
TRICKY = "aAzZéß0159 \t\u00a0\u200b'\"‘’“”`´-–—.…,;:!?()[]*_#~<>/@§"
paragraph_text = st.text(alphabet=TRICKY, max_size=60)
manuscript_text = st.text(alphabet=TRICKY + "\n\n\n", max_size=200)
# derandomize: the same examples every run, so CI never turns red by chance; benchmarks/
# normalise_sweep.py explores far more, at random, across every house style.
SETTINGS = settings(max_examples=400, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


def letters_and_digits(text: str) -> list[str]:
    return re.findall(r"[^\W_]", text)


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    remaining = iter(haystack)
    return all(ch in remaining for ch in needle)


@SETTINGS
@given(st.lists(paragraph_text, min_size=1, max_size=4))
def test_typesetting_keeps_every_letter_and_digit_in_order(paragraphs: list[str]) -> None:
    out = typeset(paragraphs)
    for before, after in zip(paragraphs, out, strict=True):
        assert letters_and_digits(after) == letters_and_digits(before)


@SETTINGS
@given(st.lists(paragraph_text, min_size=1, max_size=4))
def test_typesetting_is_idempotent(paragraphs: list[str]) -> None:
    once = typeset(paragraphs)
    assert typeset(once) == once


# Lines that are scene-break markers made of letters (oOo, xXx, <hr>) are dropped by design.
_LETTER_MARKER = re.compile(r"^\s*(?:[oOxX]{3,}|<hr\s*/?>)\s*$", re.IGNORECASE | re.MULTILINE)


@SETTINGS
@given(manuscript_text)
def test_manuscripts_keep_every_letter_and_digit_in_order(text: str) -> None:
    assume(not _LETTER_MARKER.search(text))
    assert letters_and_digits(to_markdown(text, "m.txt")) == letters_and_digits(text)


@SETTINGS
@given(manuscript_text)
def test_normalising_a_manuscript_twice_changes_nothing(text: str) -> None:
    once = to_markdown(text, "m.txt")
    assert to_markdown(once, "m.txt") == once


# Counterexamples that benchmarks/normalise_sweep.py found (tens of thousands of random examples
# per house style), kept so that they stay fixed.
SWEEP_COUNTEREXAMPLES = [
    (["0'‘Z"], None), (["0‘\"0"], "american"), ([":'\"`´\""], "american"), (["ß‘–"], "british"),
    (["A‘–"], None), (["— —"], None), (["0`-0"], "american"), (["--—"], "american"),
    (["0‘-0"], "british"), (["0 …—0"], "british"), (["0 -—0"], "british"),
]


@pytest.mark.parametrize(("paragraphs", "quotes"), SWEEP_COUNTEREXAMPLES)
def test_sweep_counterexamples_stay_fixed(paragraphs: list[str], quotes: str | None) -> None:
    spaced = quotes == "british"
    style = house_style_for("en", quotes, "spaced-en" if spaced else None, "spaced" if spaced else None)
    once = typeset(paragraphs, style)
    assert typeset(once, style) == once
    assert letters_and_digits(once[0]) == letters_and_digits(paragraphs[0])


@pytest.mark.parametrize("text", ["0\nz\n0", "0'\n0"])
def test_sweep_manuscript_counterexamples_stay_fixed(text: str) -> None:
    once = to_markdown(text, "m.txt")
    assert to_markdown(once, "m.txt") == once
