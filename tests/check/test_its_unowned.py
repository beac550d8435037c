"""OCT362 where `its` stands before what no owner owns: a dialect word the lexicon has no part
of speech for (`Its nowt.`, `Its nobbut seven mile.`, `Its summat to be going on`), a word set
in capitals for stress at a sentence's end (`Its TONIGHT.`), a name's possessive (`Its
Lucky's.`) and `no`/`none` (`its no reason`). The look-alikes are possessives: a rare noun with
its verb, an acronym before a noun, a common noun's possessive, a capitalised word before
a verb, and an answer that names a thing owned. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from octavo.check import check_text


def its_findings(text: str) -> list[str]:
    return [(d.fix or "").lower() for d in check_text(f"Title\n\n{text}\n", "s.txt")
            if d.code == "OCT362"]


@pytest.mark.parametrize("text", [
    '"Nay, its nowt. Ye\'ll tell me if ye want owt else."',
    '"I allus tek t\' Hall\'s letters. Its nobbut seven mile."',
    '"I shew it to folk. Its summat to be going on wi\'."',
    "Maya: Change of plan. Its TONIGHT. Ray says we can have the back room.",
    '"I am going to lose my mind. Its COWS. He is citing COWS."',
    "It's small. It's really small. Its Lucky's. There's a lemon cake.",
    '"But its no reason to give up a pitch that pays."',
    "I won't tell you, because its none of your business.",
])
def test_its_before_what_no_owner_owns_is_it_is(text: str) -> None:
    assert its_findings(text) == ["it's"]


@pytest.mark.parametrize("text", [
    "The castle stood high on the moor. Its demesne stretched to the sea.",
    "The alliance grew. Its NATO membership was never in doubt.",
    "The dog lay by the fire. Its owner's name was Tom.",
    "The firm opened a branch in Leeds. Its CEO resigned within the year.",
    '"What did the dog lose?" "Its collar."',
    "The town kept its no-parking rules all summer.",
    "The old mill and its wheel. The lane and its hedges.",
    "The club grew fast. Its three hundred members voted to stay.",
])
def test_its_before_a_thing_owned_is_left_alone(text: str) -> None:
    assert its_findings(text) == []
