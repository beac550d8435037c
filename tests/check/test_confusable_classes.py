"""Confusables, round five: classes of context decided from parts of speech. Each case is a
slip that must be found (with its fix) and look-alikes, right English, that must stay quiet.
The sentences are written for these tests, not taken from the benchmark's prose."""

from __future__ import annotations

import pytest

from octavo.check import check_text

CASES = [
    # code, the slip, the fix expected, look-alikes that are right
    # an adverb and then a predicate: what follows `is`/`are`, never what an owner owns
    ("OCT362", "“Its very good,” she said.", "it's",
     ["The house lost its very existence.", "Its very walls were damp."]),
    ("OCT362", "Its actually quite warm, for once.", "it's",
     ["Its rapidly growing town needs water.", "Its almost mythical status grew."]),
    ("OCT362", "Its exactly the right size.", "it's", ["Its newly built wing was grand."]),
    ("OCT361", "“Your very kind to say so,” she said.", "you're",
     ["Your very good friend is here.", "Your very words were these."]),
    ("OCT361", "“Your very decided.”", "you're", ["Your very decided manner frightened him."]),
    ("OCT364", "“Their always following the map.”", "they're",
     ["Their always cheerful greeting met us.",
      "I had no doubt of their faithfully keeping the secret."]),
    ("OCT363", "Then we shall see whose really in charge.", "who's",
     ["The man whose rapidly failing health worried us.",
      "The man whose very kindness hurt her."]),
    # a demonstrative, `to` and a verb, or a preposition: never after an owner's word
    ("OCT363", "“Whose that?” I whispered.", "who's",
     ["Whose is that?", "The tree whose to-do list was long."]),
    ("OCT363", "“Whose to pay the men now?”", "who's", ["Whose turn is it to pay?"]),
    ("OCT363", "“Whose at the door?”", "who's", ["The house whose inside was bare."]),
    ("OCT363", "“Whose this stranger, then?”", "who's", ["Whose this is, I cannot say?"]),
    ("OCT364", "That is what their for.", "they're", ["That is what their money is for."]),
    ("OCT362", "It isn’t that. Its that he never rang.", "it's",
     ["Its thatched roof leaked."]),
    ("OCT361", "Your for it now, my lad.", "you're", ["Your forecast was wrong."]),
    # a name after `who's` is who is meant, not what is owned
    ("OCT363", "Who’s dog is barking?", "whose", ["“Who’s Aunt Louise going to tell?”",
                                                  "Who’s Mr. Price?"]),
    # dialect forms read as the words they stand for: `bringin'`, `a-going`, `t'`
    ("OCT364", "“Their bringin’ t’ lass up now.”", "they're",
     ["“Their bringin’ us home was kind.”"]),
    ("OCT361", "“Your a-going to fight him, then,” she said.", "you're",
     ["“Your going was a loss,” she said."]),
]


@pytest.mark.parametrize(("code", "slip", "fix", "right"), CASES,
                         ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_the_slip_is_found_and_the_look_alikes_are_not(code: str, slip: str, fix: str,
                                                        right: list[str]) -> None:
    found = [d for d in check_text(slip, "s.txt") if d.code == code]
    assert [(d.fix or "").lower() for d in found] == [fix]
    for sentence in right:
        assert [d for d in check_text(sentence, "s.txt") if d.code == code] == [], sentence
