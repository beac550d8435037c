"""False alarms, round seven: writing that keeps a register of its own (texts and posts typed
in small letters and without apostrophes, posts' links and stamps), a predicate after `it's`,
foreign words and sounds set in emphasis, a `He said,` that opens a new speech and a unit's
abbreviation after a number. Each class stands beside the slips its rule must still find. The
sentences are written for these tests, not taken from the benchmark's prose."""

from __future__ import annotations

import pytest

from octavo.check import check_text
from octavo.check.anthology_rules import StoryText
from octavo.check.typo_rules import likely_typos


def codes(text: str, code: str) -> list[str]:
    return [d.message for d in check_text(text, "s.txt") if d.code == code]


def typos(text: str, language: str = "en-US") -> list[str]:
    return [d.message.split("'")[1] for d in
            likely_typos([StoryText("s.txt", text.split("\n"))], language)]


# -- 1. OCT345: a unit written in small letters throughout -------------------------------------

LOWER_CASE_REGISTER = [
    # a post by someone who never capitalises
    "ok so i tried the glue. it held for a day. now the leg is off again",
    "lol no. we left at six. the bus was late anyway",
    "a TRUCK. someone parked a truck on the lawn. im dying",
    "told u. ok thats the best thing on here",
    "fair enough. good luck with it",
    # names keep their capitals, but no sentence starts with one
    "ok Dan. see u at 6. dont be late",
    "thx Priya. the link works now. will send the rest tonight",
    "i said nope. then Mum said yes.",
    # a text message quoted in capitalised narration
    'Her phone buzzed. "running late. save me a seat. sorry!!"',
    'He read it twice: "cant talk. call u later."',
    'She texted, "running late. save me a seat."',
    '"on my way. five min." Then nothing for an hour.',
    'Then, at last: "here. where are you. the blue door?"',
    # a paragraph of such a post running on, quoted words and all
    '"see you there" is the nicest thing anyone said all week. thank you all',
]

LOWER_CASE_SLIPS = [
    "It was late. the house was dark.",
    "ok, fine. She said it was late. the house was dark.",
    'She texted, "Running late. sorry about that."',
    "Nope, I said. then Mum said yes.",  # a sentence starts with a capital
    "I was late. the bus had gone.",  # `I`: this writer capitalises
    "ok Dan. See you at six. the bus is late.",  # a sentence starts with a capital
    '"Well," he said, "it was late. the house was dark."',  # speech that resumes mid-sentence
    '"Well," he said, "it was late. the house was dark." She went in.',
]


@pytest.mark.parametrize("text", LOWER_CASE_REGISTER)
def test_a_unit_in_small_letters_throughout_is_its_register(text: str) -> None:
    assert codes(text, "OCT345") == []


@pytest.mark.parametrize("text", LOWER_CASE_SLIPS)
def test_a_small_letter_in_capitalised_writing_is_still_a_slip(text: str) -> None:
    assert len(codes(text, "OCT345")) == 1


# -- 7. OCT345: a unit's abbreviation after a number -------------------------------------------

@pytest.mark.parametrize("text", [
    "Bought today: 1 cwt. of coals, and a sack of straw.",
    "She sent 2 lb. of tea and 4 oz. of snuff.",
    "The bolt was 3 yds. of flannel, and 2 doz. buttons with it.",
    "We drew 6 qrs. of oats from the granary.",
    "A bottle holding 2 pts. of milk stood on the step.",
])
def test_a_unit_after_a_number_ends_no_sentence(text: str) -> None:
    assert codes(text, "OCT345") == []


@pytest.mark.parametrize("text", [
    "He bought 4 apples. the shop was shut after that.",
    "They walked 3 miles. then the rain came.",
    "She bought 2 cakes. nobody else did.",
])
def test_a_sentence_that_ends_in_a_number_and_a_word_still_needs_a_capital_after(
        text: str) -> None:
    assert len(codes(text, "OCT345")) == 1


# -- 3. OCT320: posts as typed: small letters, a link at the end, a stamp line -----------------

POSTS = [
    "ok but has anyone else seen the crack in photo 2?? top left corner. thats not settling",
    "or, hear me out, you just ask the neighbours. theyre usually home after six",
    "Here are the rest of the pictures: photos.example/album/Qx81",
    "Full write-up on my blog: https://example.org/2024/03/the-stairs",
    "New photo, with the flash on: imgbox.example/a/9Tq#2",
    "Thread marked [SOLVED] by moderator PlumbLine · April 2, 2024 at 10:15 AM",
    "Edited by hollis_b | 14 May 2023, 18:40",
    "Last reply by Margo on March 9, 2024 at 4:02 PM",
]

LOST_ENDINGS = [
    "She opened the door and stood for a long while on the step",
    "Ok so I tried the glue and it held for a day and then the leg came off again",
    "He said he would meet us by the station clock at 9:00 AM",  # no stamp: a sentence
    "They moved to Leeds in March 2024 and never came back to the old house again",
]


@pytest.mark.parametrize("text", POSTS)
def test_a_post_as_typed_takes_no_full_stop(text: str) -> None:
    assert codes(text + "\n\nThe next post says something else entirely.", "OCT320") == []


@pytest.mark.parametrize("text", LOST_ENDINGS)
def test_a_paragraph_that_lost_its_ending_is_still_reported(text: str) -> None:
    assert len(codes(text + "\n\nThe next paragraph goes on with the story.", "OCT320")) == 1


# -- 2 and 4. OCT362: `its` in a register without apostrophes; `it's` before a predicate --------

ITS_NOT_CONFUSED = [
    '"dont worry its a big house" is what she wrote on the card.',
    "im outside. its a red car. dont be long",
    "thats fine, its a short walk from the station",
    '"theyre back. its a mess in here." That was all she sent.',
    # `it's` and a plural noun that is what it is
    '"I know it\'s spades, boy. Play a card."',
    "She thinks it's nerves, nothing more.",
    "It's hearts. Always hearts with him.",
    "I bet it's twins.",
    "He said it's trumps, and laid his card.",
]

ITS_SLIPS = [
    ("I think its a big house.", "it's"),  # capitalised, with no register of its own
    ("Don't worry, its a big house.", "it's"),  # apostrophes elsewhere: a slip
    ("she knows. dont worry, it's a big house and its a short walk", "it's"),
    ("He emptied it's contents onto the table.", "its"),
    ("The box and it's lids were lost.", "its"),
    ("The dog chased it's tail.", "its"),
]


@pytest.mark.parametrize("text", ITS_NOT_CONFUSED)
def test_its_in_its_register_or_before_a_predicate_is_not_a_confusion(text: str) -> None:
    assert codes(text, "OCT362") == []


@pytest.mark.parametrize(("text", "right"), ITS_SLIPS)
def test_its_confusions_are_still_found(text: str, right: str) -> None:
    found = [d for d in check_text(text, "s.txt") if d.code == "OCT362"]
    assert [d.fix.lower() if d.fix else "" for d in found] == [right]


# -- 2 and 5. OCT347: contractions without apostrophes, text-speak, words set in emphasis ------

NOT_TYPOS = [
    "or you could just drill a hole. theyre cheap at any hardware store",
    "youre going to love this. im serious",
    '"omw. ten min. dont touch it."',
    'Then she wrote: "idk. brb."',
    "The dowels went in with a small, dry _tik_ each time.",
    "The clock went _tunk_ and stopped.",
    "The kettle went *fwump* and died.",
    '"_Solvitur ambulando_," said the doctor, and walked on.',
    "It was, as they say, _de trop_ and _comme il faut_ at once.",
]

TYPOS = [
    ("She did not recieve the letter.", "recieve"),
    ("I dont know what she meant by it.", "dont"),  # one contraction, in capitalised prose
    ("The _recieve_ button was broken.", "recieve"),  # two letters swapped: a slip in emphasis
    ("Oh! Miss Crawford, _tht_ was not fair.", "tht"),  # no vowel: no sound, no foreign word
    ("ok so the hinge brokee again and now the door hangs open", "brokee"),
    ("They said theyre coming, but they're not.", "theyre"),  # apostrophes elsewhere
]


@pytest.mark.parametrize("text", NOT_TYPOS)
def test_register_and_emphasis_words_are_no_typos(text: str) -> None:
    assert typos(text) == []


@pytest.mark.parametrize(("text", "word"), TYPOS)
def test_typos_are_still_found(text: str, word: str) -> None:
    assert typos(text) == [word]


# -- 6. OCT342: a capitalised `He said,` that introduces a new speech --------------------------

NEW_SPEECH = [
    "I said, ‘Will you not spare him, in front of the whole parish?’ He said, ‘My dear, I "
    "shall spare nobody.’",
    'She asked, "Are you coming to the fair?" He answered, "Not this year."',
    'The boy called out, "Is it ready?" She said, "Nearly."',
    "Tom said: ‘What a day!’ She replied, ‘Indeed it was.’",
]

CAPITALISED_TAGS = [
    '"Oh, Emma!" She cried, "I have such news to tell you."',  # no lead-in before the speech
    '"Why?" She asked.',
    '"Are you coming?" She asked him.',
    'He said, "Well," She whispered, "it is late."',  # after a comma: the speech's own tag
    'I said, "Wait..." She said, "No."',  # after an ellipsis: unfinished, so its tag
]


@pytest.mark.parametrize("text", NEW_SPEECH)
def test_a_capitalised_lead_in_to_a_new_speech_is_a_sentence(text: str) -> None:
    assert codes(text, "OCT342") == []


@pytest.mark.parametrize("text", CAPITALISED_TAGS)
def test_a_capitalised_tag_is_still_reported(text: str) -> None:
    assert len(codes(text, "OCT342")) == 1


@pytest.mark.parametrize(("text", "word"), [
    ("told u. ok thats the best thing on ths forum this year", "ths"),
    ('"—front of houe have been waiting for—"', "houe"),
])
def test_a_slip_inside_a_sentence_in_small_letters_is_still_a_typo(text: str, word: str) -> None:
    assert typos(text) == [word]
