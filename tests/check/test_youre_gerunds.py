"""OCT361 where `your` stands before an -ing form that is the clause's verb: after a word a
clause follows, with nothing after it but the clause's end, an adverb or `or` (`what you think
your doing.`, `when your going uphill`), or with its object and then the next clause (`Your
thinking about it now, and you don't understand`), and `Your welcome any time`. The
look-alikes are gerunds and nouns owned, each with the verb it is the subject of, or after a
verb it is the object of. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from octavo.check import check_text


def your_findings(text: str) -> list[str]:
    return [(d.fix or "").lower() for d in check_text(f"Title\n\n{text}\n", "s.txt")
            if d.code == "OCT361"]


@pytest.mark.parametrize("text", [
    "She stood there wondering what you think your doing.",
    "Things like that affect you less when your going uphill.",
    "Tell me if your going or not, because the car is waiting.",
    "You haven't thought about it in years. Your thinking about it now, and you don't know why.",
    "Your welcome any time after the fourteenth.",
])
def test_your_before_the_clause_s_own_verb_is_you_are(text: str) -> None:
    assert your_findings(text) == ["you're"]


@pytest.mark.parametrize("text", [
    "This is all your doing.",
    "Your thinking about it now is what matters.",
    "Your thinking about it, and your talking about it, helped.",
    "I know your going will upset her.",
    "Your welcome to the city was warm.",
    "When your cooking is done, call me.",
    "What your singing lacks is breath, and you know it.",
    "I could hear your breathing, and I knew you were awake.",
])
def test_your_before_a_gerund_or_noun_it_owns_is_left_alone(text: str) -> None:
    assert your_findings(text) == []
