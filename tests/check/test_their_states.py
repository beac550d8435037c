"""OCT364 in three more places the grammar makes plain: `their` before a describing word that
never stands before a noun, or a particle that tells where people are, with the clause's end
(`Their asleep.`, `once their out,`); `there` before a plural noun with a plural verb after
it (`there lives have meaning`), where `lives` cannot be the verb; and `it was there turn`,
a singular noun after `it was there` with nothing after it. The look-alikes: the same words
owned, `there` as a place or as the subject, and `it was there` before a time, a name or a
clause. The sentences are written for these tests."""

from __future__ import annotations

import pytest

from octavo.check import check_text


def their_findings(text: str) -> list[str]:
    return [(d.fix or "").lower() for d in check_text(f"Title\n\n{text}\n", "s.txt")
            if d.code == "OCT364"]


@pytest.mark.parametrize(("text", "fix"), [
    ("The children? Their asleep.", "they're"),
    ("Their alone in the house tonight.", "they're"),
    ("\"And once their out, there's no saying what'll happen.\"", "they're"),
    ("They want to feel like there lives have meaning.", "their"),
    ("There needs are simple enough.", "their"),
    ("When it was there turn, they carried it up to the front.", "their"),
    ("It's there fault.", "their"),
    ("That was there idea to begin with.", "their"),
])
def test_the_grammar_shows_which_word_belongs(text: str, fix: str) -> None:
    assert their_findings(text) == [fix]


@pytest.mark.parametrize("text", [
    "They left their children asleep.",
    "They counted their outings.",
    "Their away games were all lost.",
    "There lives a man in the hills who knows.",
    "It was there time to go.",
    "It was there Tom found it.",
    "It was there, in the drawer.",
    "Was there room for us?",
    "It was there that I met him.",
    "It was there and then that she knew.",
    "It's there somewhere.",
])
def test_the_same_words_owned_or_placed_are_left_alone(text: str) -> None:
    assert their_findings(text) == []
