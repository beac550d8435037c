"""The checker's fast paths decide exactly what the slower tests they replace decide.

A rule that skips a regular expression when a quick look says it cannot match must then find
nothing the expression would have found: checked on generated text rich in what the patterns
look at.
"""

from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from octavo.check import text_rules as tr

EXAMPLES = settings(max_examples=400, deadline=None)
CLOSING_WORDS = st.sampled_from(["Yours", "your", "YOUR", "sincerely", "truly", "son", "friend",
                                 "regards", "love", "xx", "best", "wishes", "ever", "Ever"])
PIECES = st.one_of(CLOSING_WORDS, st.sampled_from([" ", ",", ", ", ".", "!", "\"", "”", "’",
                                                   ")", "_", "*", " y", "Y", "with", "a"]))


def test_the_digit_pattern_finds_what_isdigit_calls_a_digit() -> None:
    assert [c for c in range(sys.maxunicode + 1)
            if chr(c).isdigit() != (tr._ANY_DIGIT.match(chr(c)) is not None)] == []


@EXAMPLES
@given(st.lists(PIECES, max_size=12))
def test_a_letter_closing_is_found_as_by_the_patterns_alone(pieces: list[str]) -> None:
    paragraph = tr.TextParagraph((tr.Line(1, "".join(pieces)),))
    text = paragraph.text.rstrip().rstrip(tr._CLOSERS)
    by_patterns = tr._LETTER_CLOSING.search(text) is not None or (
        len(text.split()) <= 6 and tr._SHORT_CLOSING.search(text) is not None)
    assert tr._letter_closing(paragraph) == by_patterns
