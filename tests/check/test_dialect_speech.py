"""OCT347 in dialect speech: words spelt with an apostrophe for the letters speech drops (an',
wi', Ye're, ’ouse) mark a speaker's dialect, so a word the dictionary lacks beside them is the
speaker's own. A slip beside them that no dialect makes (two letters swapped), and the same word
in standard prose, are still found."""

from __future__ import annotations

import pytest

from octavo.check.anthology_rules import StoryText
from octavo.check.typo_rules import likely_typos


def typos(text: str, language: str = "en-GB") -> list[str]:
    return [d.message.split("'")[1] for d in
            likely_typos([StoryText("s.txt", text.split("\n"))], language)]


@pytest.mark.parametrize(("text", "language"), [
    ('"Aye." The woman looked her up and down. "Ye\'re awfy young for it."', "en-US"),
    ('"He\'d best come an\' make it hissen, an\' not send a lad in a town hat."', "en-GB"),
    ("“Ah’ve telt thee twice. Gan wi’ the carrier an’ be done.”", "en-GB"),
    ("‘Mind the ’ouse while I’m gone,’ she said. ‘An’ dinna let the fire oot.’", "en-GB"),
])
def test_a_word_beside_the_speakers_elisions_is_dialect(text: str, language: str) -> None:
    assert typos(text, language) == []


def test_the_same_word_without_the_dialect_around_it_is_a_slip() -> None:
    assert typos("The woman looked her up and down. She was awfy young for it.") == ["awfy"]
    # a closing single quote after the last word, and a plural's possessive, are no elisions
    assert typos("‘Aye,’ said the woman. ‘You are awfy young’ she said.") == ["awfy"]
    assert typos('"You are awfy young for it," she said to the boys\' mother.') == ["awfy"]


def test_two_letters_swapped_are_a_slip_even_in_dialect_speech() -> None:
    assert typos("\"An' she turns ronud, an' looks at me, an' she says nowt.\"") == ["ronud"]
