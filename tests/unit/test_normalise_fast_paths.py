"""The normaliser's fast paths decide exactly what its full rules decide.

A rule that the typography skips when a quick look finds nothing it needs must then change
nothing; the quote scanner's on-the-spot decisions (apostrophes inside words, the commonest
double quotes) must be the marks its general path, the one for text with node boundaries,
gives. Checked on generated text rich in the characters the rules look at.
"""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from octavo.document import Text
from octavo.ingest import decode, plain_layout, plaintext
from octavo.normalise import markdown_out, markers, quotes
from octavo.normalise import typography as ty

ALPHABET = "aZé9 0'\"‘’“”`´-–—.…,;:!?()[]s\t\u00a0\u200b\u200c\ufdd0\ufdda½"
TEXT = st.text(alphabet=ALPHABET, max_size=60)
EXAMPLES = settings(max_examples=400, deadline=None)


@EXAMPLES
@given(TEXT)
def test_a_skipped_dash_rule_would_have_changed_nothing(text: str) -> None:
    if not ty._may(ty._MAY_CUT_OFF, text):
        assert ty._CUT_OFF.sub("—", text) == text
    if not ty._may(ty._MAY_OPEN_WITH_DASH, text):
        assert ty._OPENING_DASH.sub(r"\1\2—", text) == text
    if not ty._MAY_BE_RANGE.search(text):
        assert ty._RANGE.search(text) is None
    if not ty._MAY_BE_ELIDED_YEAR_RANGE.search(text):
        assert ty._ELIDED_YEAR_RANGE.search(text) is None
    if " —" not in text and "— " not in text:
        assert ty._LOOSE_EM_DASH.sub("—", text) == text
    assert ty._may_be_blank(text) == (ty._MAY_BE_BLANK.search(text) is not None)


@EXAMPLES
@given(TEXT)
def test_searches_that_start_from_the_mark_find_what_the_plain_patterns_find(text: str) -> None:
    digit_then_mark = re.compile(rf"[\d{quotes.FRACTIONS}]['‘’′\"“”″]")
    suspended = re.compile(r"[^\W\d_]-,? (?:and|or|to|nor)\b")
    assert bool(ty._DIGIT_THEN_MARK.search(text)) == bool(digit_then_mark.search(text))
    assert bool(ty._SUSPENDED_HYPHEN.search(text + "- and")) == bool(
        suspended.search(text + "- and"))
    assert bool(ty._SUSPENDED_HYPHEN.search(text)) == bool(suspended.search(text))


@EXAMPLES
@given(TEXT)
def test_spaces_and_invisible_characters_fast_paths(text: str) -> None:
    if not ty._ODD_SPACE_ANY.search(text):
        assert ty._PLAIN_SPACES.sub(" ", text) == ty._SPACES.sub(" ", text)
    if not ty._ZERO_WIDTH_ANY.search(text):
        assert ty._ZERO_WIDTH.sub("", text) == text
    assert markers.without_noncharacters(text) == markers._NONCHARACTER.sub("", text)


@EXAMPLES
@given(TEXT)
def test_quote_runs_are_every_run_but_an_apostrophe_inside_a_word(text: str) -> None:
    runs = [m.span() for m in re.finditer(f"[{re.escape(quotes.DOUBLES + quotes.SINGLES)}]+",
                                          text)]

    def in_word(first: int, end: int) -> bool:
        return (end - first == 1 and text[first] in quotes.SINGLES and first > 0
                and end < len(text) and text[first - 1].isalnum() and text[end].isalnum())

    assert [m.span() for m in quotes._QUOTE_RUN_NOT_IN_WORD.finditer(text)] == [
        span for span in runs if not in_word(*span)]
    assert [m.start() for m in quotes._APOSTROPHE_IN_WORD.finditer(text)] == [
        first for first, end in runs if in_word(first, end)]


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="ab9 '\"‘’“”,.—(", max_size=50))
def test_the_plain_scan_decides_as_the_general_one(text: str) -> None:
    plain = quotes._Scanner(text)
    general = quotes._Scanner(text)
    general.has_boundary = True  # the path for text with node boundaries, without fast paths
    assert plain.scan() == general.scan()


ASCII_TEXT = st.text(alphabet=[chr(c) for c in range(128)], max_size=60)


@EXAMPLES
@given(ASCII_TEXT)
def test_in_ascii_text_only_the_ascii_marks_are_looked_for(text: str) -> None:
    # `prepare` and `scan_marks` skip their searches in ASCII text on these few characters
    assert (ty._UNUSUAL.search(text) is not None) == ("`" in text or "\t" in text)
    assert (quotes._QUOTE_CHAR.search(text) is not None) == any(c in text for c in "'\"`")
    assert ty.strip_invisible(text) == (ty._ZERO_WIDTH.sub("", text)
                                        if ty._ZERO_WIDTH_ANY.search(text) else text)


SPACED_TEXT = st.text(alphabet=ALPHABET + "    \u202e\u2067\u2009\ufeff", max_size=60)


@EXAMPLES
@given(SPACED_TEXT)
def test_two_spaces_alone_need_only_the_space_rule(text: str) -> None:
    # `prepare` collapses spaces with the plain-space rule alone when neither the unusual
    # characters nor a bidirectional control are there: every other rule then does nothing
    if ty._UNUSUAL_OR_BIDI.search(text) is None:
        full = ty.tidy_spaces(ty.strip_invisible(ty.clean(text)).translate(ty._RARE_QUOTES))
        assert full == ty._PLAIN_SPACES.sub(" ", text)
    if text.isascii() and "`" not in text and "\t" not in text:
        assert ty._UNUSUAL_OR_BIDI.search(text) is None


LINE = st.text(alphabet=" \t\"'aZ.,*#-_~oOx<hr>", max_size=40)


@EXAMPLES
@given(LINE, st.booleans(), st.integers(0, 8))
def test_a_one_line_passage_is_the_paragraph_the_passage_rules_make(
        line: str, hard_wrapped: bool, indent: int) -> None:
    assert plain_layout._passage_groups([line], [0], hard_wrapped, indent) == [
        plain_layout.Group("paragraph", (0,))]
    expanded = line.expandtabs(4)
    assert plain_layout._indent(line) == len(expanded) - len(expanded.lstrip(" "))


def test_every_control_character_is_in_the_quick_look_for_them() -> None:
    assert [c for c in range(sys.maxunicode + 1) if decode._CONTROL.match(chr(c))
            and not decode._MAY_HOLD_CONTROL.match(chr(c))] == []


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="ab9_* \\\ufdd0\ufdd1\ufdd2.", max_size=40))
def test_emphasis_and_escapes_are_found_as_by_the_plain_patterns(text: str) -> None:
    emphasis = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"
                          r"|(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
    assert [(m.span(), m.groups()) for m in plaintext._EMPHASIS.finditer(text)] == [
        (m.span(), m.groups()) for m in emphasis.finditer(text)]
    escapes = str.maketrans({"\\": "\\\\", "*": "\\*", "_": "\\_"})
    assert markdown_out._escape(text) == text.translate(escapes)
    unescape = str.maketrans({"\ufdd0": "\\", "\ufdd1": "*", "\ufdd2": "_"})
    assert plaintext._unescape(Text(text)) == Text(text.translate(unescape))
