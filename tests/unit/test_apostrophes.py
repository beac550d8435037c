"""Quotes and apostrophes, by class, kept as the author typed them (the default house style).

Each paragraph of apostrophe_cases.txt is set by hand; stripped to straight ASCII quotes it must
come back exactly. The classes: word-initial elisions at a paragraph's start, after an opening
quote or a dash and inside single-quoted speech (where the paragraph's balance decides), dropped
g's and plural possessives before a closing quote, h-dropping, years and decades, nested
quotations of both kinds, and look-alikes that are quotations ('home', 'Bunny').
"""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.normalise import house_style_for, typeset

CASES = [line for line in (Path(__file__).parent / "apostrophe_cases.txt").read_text(
    encoding="utf-8").split("\n") if line and not line.startswith("#")]
STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "′": "'", "″": '"'})


@pytest.mark.parametrize("expected", CASES)
def test_straight_quotes_come_back_as_set_by_hand(expected: str) -> None:
    assert typeset([expected.translate(STRAIGHT)]) == [expected]


@pytest.mark.parametrize("expected", CASES)
def test_correct_text_is_left_alone(expected: str) -> None:
    assert typeset([expected]) == [expected]


@pytest.mark.parametrize(("typed", "american", "british"), [
    ("'Tis true,' she said.", "“Tis true,” she said.", "‘Tis true,’ she said."),
    ("''Tis true,' she said.", "“’Tis true,” she said.", "‘’Tis true,’ she said."),
    ("'He said \"go\",' I said.", "“He said ‘go’,” I said.", "‘He said “go”,’ I said."),
    ('"He said \'go\'," I said.', "“He said ‘go’,” I said.", "‘He said “go”,’ I said."),
    ("\"She said, 'He told me \"no.\"'\"", "“She said, ‘He told me “no.”’”",
     "‘She said, “He told me ‘no.’”’"),
    ("'Just keep walkin',' she said.", "“Just keep walkin’,” she said.",
     "‘Just keep walkin’,’ she said."),
    ("He called it 'home'.", "He called it “home”.", "He called it ‘home’."),
    ("Tell 'em 'bout the '90s.", "Tell ’em ’bout the ’90s.", "Tell ’em ’bout the ’90s."),
])
def test_conversion_is_exact_nesting_included(typed: str, american: str, british: str) -> None:
    assert typeset([typed], house_style_for("en", "american")) == [american]
    assert typeset([typed], house_style_for("en", "british")) == [british]
    for style in ("american", "british"):
        once = typeset([typed], house_style_for("en", style))
        assert typeset(once, house_style_for("en", style)) == once


def test_speech_in_doubles_and_thoughts_in_singles_keep_both() -> None:
    story = ['"Come in," she said.', "'He looks tired,' she thought.", '"Sit down."']
    assert typeset(story) == ["“Come in,” she said.", "‘He looks tired,’ she thought.",
                              "“Sit down.”"]


def test_british_language_alone_does_not_convert() -> None:
    assert typeset(['"Come in," she said.'], house_style_for("en-GB")) == ["“Come in,” she said."]
