"""False alarms on dialect and older English, each class beside the slips its rule must still
find: verbs in the older second and third person (`thou findest`), the dialect demonstrative
(`with that there rifle`) and `who's` before an indefinite pronoun (`Who's nobody?`). The
sentences are written for these tests."""

from __future__ import annotations

import pytest

from octavo.check import check_text
from octavo.check.anthology_rules import StoryText
from octavo.check.typo_rules import likely_typos


def typos(text: str) -> list[str]:
    return [d.message.split("'")[1] for d in
            likely_typos([StoryText("s.txt", text.split("\n"))], "en-GB")]


def codes(text: str) -> list[str]:
    return [d.code for d in check_text(f"Title\n\n{text}\n", "s.txt")]


@pytest.mark.parametrize("text", [
    '"Thou knowest not what thou askest," said the old woman.',
    "Until thou findest a better master, thou shalt stay with us.",
    'Over the door hung the sampler: "Thou God seest me." We had all heard that.',
    "Whom thou callest friend, thou must also feed.",
    '"He that sitteth by the fire," said the preacher, "hath no need of thee."',
    "The Lord giveth, as thy mother used to say.",
    "Why goest thou down to the river at this hour?",
    "Thou lovest her; I see it in thy face.",
])
def test_older_verb_forms_are_not_typos_in_older_english(text: str) -> None:
    assert typos(text) == []


@pytest.mark.parametrize(("text", "typo"), [
    # the same endings in modern prose, where nothing speaks the older English: slips
    ("It was the bigest fish he had ever caught.", "bigest"),
    ("That was the sadest summer of her life.", "sadest"),
    # in older English, a word that is no verb with -est is still a slip
    ("Thou art the bigest fool in the parish.", "bigest"),
    ("Thou art lost in the foreest, and thy lamp is out.", "foreest"),
])
def test_slips_with_those_endings_are_still_typos(text: str, typo: str) -> None:
    assert typos(text) == [typo]


@pytest.mark.parametrize("text", [
    '"Purty as a picture, and she could out-shoot me with that there rifle."',
    '"You keep away from them there hounds," said the keeper.',
    '"I\'ll not sleep in this there bed," said the old man.',
    '"Put it down by that there wall and come in."',
    '"Who\'s nobody?" she asked.',
    "I asked her who's anybody in a town this size.",
    '"Who\'s someone you trust?"',
])
def test_dialect_and_indefinites_are_right(text: str) -> None:
    assert not {"OCT363", "OCT364"} & set(codes(text))


@pytest.mark.parametrize(("text", "code"), [
    ("They came back for there money.", "OCT364"),
    ("He went out with there father.", "OCT364"),
    ("He knew that there car was gone.", "OCT364"),
    ('"Who\'s car is this?"', "OCT363"),
    ("I know who's book it was.", "OCT363"),
    ('"Whose in what?" he said quietly.', "OCT363"),  # a preposition and its asked object
    ("Their on what, exactly?", "OCT364"),
])
def test_the_slips_are_still_found(text: str, code: str) -> None:
    assert code in codes(text)
