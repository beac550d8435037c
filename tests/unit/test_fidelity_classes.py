"""The classes the held-out gold set found wrong, each with cases of its own (other words,
positions and punctuation than the gold's), and the look-alikes each rule must leave alone.

- Name blanks after an initial or a century: three or four hyphens or dashes are a two-em dash
  ⸺ (Lady B⸺, 18⸺), and two em dashes are one too; three between words or before a closing
  quote are an em dash (a false start, a cut-off).
- A spaced ellipsis attaches to what it trails, whatever follows it (?, !, a word typed without
  a space); four dots after a space are a period and an ellipsis (over.…).
- Single-quoted speech interrupted by a tag and resumed runs on into the next paragraph: the
  resuming mark opens a quotation, in the author's marks and in a converting house style.
- A range to an elided year or decade takes an en dash, and its apostrophes stay apostrophes.
- h-dropping with a dropped g ('avin', 'ollerin') is an elision too, and a frequent word that is
  the elision of nothing ('By, 'We, 'If) reads as a quotation opening.
- A measure ending in a fraction (5'1½") takes primes.
"""

from __future__ import annotations

import pytest

from octavo.normalise import house_style_for, typeset
from octavo.normalise.elisions import elision_cost


def one(text: str, quotes: str | None = None) -> str:
    return typeset([text], house_style_for("en", quotes))[0]


@pytest.mark.parametrize(("typed", "expected"), [
    ("Was it Captain R---?", "Was it Captain R⸺?"),
    ("It was Sir J----; nobody else.", "It was Sir J⸺; nobody else."),
    ('"Ask Mrs. K---!" she cried.', "“Ask Mrs. K⸺!” she cried."),
    ("He d----d the lot of them.", "He d⸺d the lot of them."),
    ('"In 17----," he said, "the river froze."', "“In 17⸺,” he said, “the river froze.”"),
    ("Born in 19---.", "Born in 19⸺."),
    ("Sir J——, of course, declined.", "Sir J⸺, of course, declined."),
    ("Count R——'s letter came.", "Count R⸺’s letter came."),
    ("He served in the —— Regiment.", "He served in the ⸺ Regiment."),
    ("It was signed — — and sealed.", "It was signed⸺and sealed."),  # spaced em dashes closed up
])
def test_name_blanks_after_an_initial_or_a_century(typed: str, expected: str) -> None:
    assert one(typed) == expected
    assert one(expected) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ('"W---we can\'t," she said.', "“W—we can’t,” she said."),
    ('"I---I---I don\'t know."', "“I—I—I don’t know.”"),
    ("O---oh, no.", "O—oh, no."),
    ("the summer of '99---the year it all went wrong", "the summer of ’99—the year it all went wrong"),
    ("'Not I---' he said.", "‘Not I—’ he said."),
    ("He counted to 12---then stopped.", "He counted to 12—then stopped."),
    ("Mr. D--, of course.", "Mr. D—, of course."),
])
def test_three_hyphens_between_words_or_before_a_closing_quote_are_an_em_dash(
        typed: str, expected: str) -> None:
    assert one(typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("Really ...!", "Really…!"),
    ('"Why ...?" he asked.', "“Why…?” he asked."),
    ("She paused ...then went on.", "She paused…then went on."),
    ('("Maybe ...")', "(“Maybe…”)"),
    ("It was late. . . . We stayed.", "It was late.… We stayed."),
    ('"It\'s done ...." He left.', "“It’s done.…” He left."),
    ("It ended . . . . Then the rain came.", "It ended.… Then the rain came."),
    ("And then ....", "And then.…"),
])
def test_a_spaced_ellipsis_attaches_to_what_it_trails(typed: str, expected: str) -> None:
    assert one(typed) == expected
    assert one(expected) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("( ... and so on)", "( … and so on)"),
    ('" ... and so on," she said.', "“ … and so on,” she said."),
    ("He said, ' ... and so on.'", "He said, ‘ … and so on.’"),
    ("… then nothing.", "… then nothing."),
])
def test_an_ellipsis_with_nothing_before_it_keeps_its_place(typed: str, expected: str) -> None:
    assert one(typed) == expected


@pytest.mark.parametrize(("story", "kept", "american"), [
    (["'I can't stay,' he said, 'not tonight.", "'Tomorrow, maybe.'"],
     ["‘I can’t stay,’ he said, ‘not tonight.", "‘Tomorrow, maybe.’"],
     ["“I can’t stay,” he said, “not tonight.", "“Tomorrow, maybe.”"]),
    (["'Sit down,' she said. 'All of you, and listen.", "'It won't take long.'"],
     ["‘Sit down,’ she said. ‘All of you, and listen.", "‘It won’t take long.’"],
     ["“Sit down,” she said. “All of you, and listen.", "“It won’t take long.”"]),
    (["'Well,' said Mrs Pike, 'my mother used to say, \"Never trust a man in a hat.\"",
      "'And she was right.'"],
     ["‘Well,’ said Mrs Pike, ‘my mother used to say, “Never trust a man in a hat.”",
      "‘And she was right.’"],
     ["“Well,” said Mrs Pike, “my mother used to say, ‘Never trust a man in a hat.’",
      "“And she was right.”"]),
    (["'Hold on--' Jo began. 'We said we'd wait for 'em.", "'So we wait.'"],
     ["‘Hold on—’ Jo began. ‘We said we’d wait for ’em.", "‘So we wait.’"],
     ["“Hold on—” Jo began. “We said we’d wait for ’em.", "“So we wait.”"]),
])
def test_speech_resumed_after_a_tag_runs_on(story: list[str], kept: list[str],
                                            american: list[str]) -> None:
    assert typeset(story) == kept
    assert typeset(kept) == kept
    assert typeset(story, house_style_for("en", "american")) == american
    assert typeset(story, house_style_for("en", "british")) == kept


def test_double_quoted_speech_resumed_runs_on_in_british_style() -> None:
    story = ['"Not now," he said. "Any day but today.', '"Not today."']
    assert typeset(story, house_style_for("en-GB", "british")) == [
        "‘Not now,’ he said. ‘Any day but today.", "‘Not today.’"]


@pytest.mark.parametrize(("typed", "expected"), [
    ("He called it 'the shed'. 'Tis where he kept 'em.",
     "He called it ‘the shed’. ’Tis where he kept ’em."),  # closed on a letter: no tag, no resuming
    ("'Is that you?' 'Course it is.'", "‘Is that you?’ ‘Course it is.’"),
    ("'Come on,' said Alf. 'We're late, an' Mum's cross.'",
     "‘Come on,’ said Alf. ‘We’re late, an’ Mum’s cross.’"),
    ("'An' I'm the Duke of York. 'Ow much?'", "‘An’ I’m the Duke of York. ’Ow much?’"),
])
def test_resuming_speech_look_alikes(typed: str, expected: str) -> None:
    assert one(typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("The winters of '46-'47 were hard.", "The winters of ’46–’47 were hard."),
    ("'From '39-'45 he was away,' she said.", "‘From ’39–’45 he was away,’ she said."),
    ("The 1998-'99 season was his last.", "The 1998–’99 season was his last."),
    ("Music of the '80s-'90s, mostly.", "Music of the ’80s–’90s, mostly."),
    ("Music of the '60s-70s, mostly.", "Music of the ’60s–70s, mostly."),
])
def test_ranges_to_elided_years_take_an_en_dash(typed: str, expected: str) -> None:
    assert one(typed) == expected
    assert one(typed, "american") == expected.replace("‘", "“").replace("he was away,’", "he was away,”")
    assert one(expected) == expected


@pytest.mark.parametrize("typed", ["a 9-'til-5 job", "on 2024-05-01", "call 555-0134"])
def test_hyphens_near_digits_that_are_no_range(typed: str) -> None:
    assert one(typed) == typed.replace("'", "’")


@pytest.mark.parametrize(("typed", "expected"), [
    ("'E's been 'avin' us on.", "’E’s been ’avin’ us on."),
    ("Stop yer 'ollerin', will you?", "Stop yer ’ollerin’, will you?"),
])
def test_h_and_g_dropped_together(typed: str, expected: str) -> None:
    assert one(typed) == expected


def test_frequent_words_that_elide_nothing_are_priced_as_quotation_openings() -> None:
    for word in ("By", "We", "If", "The", "to", "my"):
        assert elision_cost(word) > 1.0, word
    for word in ("is", "and", "old", "as", "ouse", "avin"):  # his, hand, hold, has, house, having
        assert elision_cost(word) < 1.0, word


@pytest.mark.parametrize(("typed", "expected"), [
    ('A 1½" pipe and a 3\' 4¾" board.', "A 1½″ pipe and a 3′ 4¾″ board."),
    ('"She\'s 5\'1½", and proud of it."', "“She’s 5′1½″, and proud of it.”"),
])
def test_measures_ending_in_a_fraction_take_primes(typed: str, expected: str) -> None:
    assert one(typed) == expected
