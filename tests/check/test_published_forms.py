"""Forms published fiction contains that are not slips: chat logs, lists, notices, letters,
typed messages, dialect and invented words. Each look-alike must stay quiet; the slip beside
it must still be found."""

from __future__ import annotations

import pytest

from octavo.check import check_text
from octavo.check.anthology_rules import StoryText
from octavo.check.transcripts import transcript_lines
from octavo.check.typo_rules import likely_typos

CHAT = """Theo: is anyone awake
Theo: serious question. the fridge is making the noise again
Marguerite: go to sleep theo
[01:22] Jonah: omg I can hear it from my room tbh. its more of a dolphin
Theo: dont unplug it"""


def codes(text: str) -> list[str]:
    return [d.code for d in check_text(text, "s.txt")]


def typos(text: str) -> list[str]:
    return [d.message.split("'")[1] for d in
            likely_typos([StoryText("s.txt", text.split("\n"))], "en-GB")]


def test_a_chat_log_is_the_characters_typing() -> None:
    assert codes(CHAT) == []
    assert typos(CHAT) == []
    # the same slips in prose are found
    prose = ("It was late. the fridge in the kitchen hummed on and on through the night\n\n"
             "and on. She did not recieve it.")
    assert codes(prose).count("OCT345") == 1 and codes(prose).count("OCT320") == 1
    assert typos(prose) == ["recieve"]


def test_a_speaker_label_must_recur_to_make_a_transcript() -> None:
    assert transcript_lines([(1, "Warning: the stairs are wet")]) == frozenset()
    assert transcript_lines([(1, "Theo: hi"), (2, "Ana: hey"), (3, "Theo: ok")]) == {1, 2, 3}
    assert transcript_lines([(1, "Theo: hi"), (9, "Ana: hey"), (20, "Theo: ok")]) == {1, 20}
    assert transcript_lines([(4, "[21:04] Priya: omw")]) == {4}
    assert "OCT320" in codes("Warning: the stairs are wet and she went on")


@pytest.mark.parametrize("text", [
    "She gave me a list:\n\n1. The boiler must be spoken to kindly\n\n2. Do not sell the piano",
    "He had written the instructions I was to follow\n\nFOR ROSALIND\nOPEN AFTER THE FUNERAL",
    "She taped a note to the door.\n\nDO NOT TURN OFF\nFAN ON ORDER\nRING IF IT SMOKES",
    "It was headed in her best hand:\n\nThings You Will Need To Know\n\nThe rest was blank.",
    "The last letter began\n\nDear Miss Hale,\n\nand I knew what it would say.",
    "I miss you.\n\nYours, in haste and in love,\n\nAlasdair\n\nI had never heard of him.",
    'Her sister had texted back: "on my way"\n\nShe waited.',
    "She looked at the screen.\n\n_where are you_\n\nShe did not answer.",
    "Her phone buzzed twice on the table beside the cold coffee and the keys.\n\n"
    "where are you\n\nShe typed an answer, deleted it, and typed it again more slowly.",
    "The last page of the log read:\n\nVELL, R. — ENTRY 211\ndrift moved against the current\n"
    "BERT says the sensors are fine\nI do not think the sensors are the problem\n\nNo more.",
    "And that was the last time any of us saw him.\n\n2:18am 24th September, 2012",
    "Paris, 1923\n\nMy dear Tom, it rains and rains here and the river is very high.",
    "Present: Mrs D. Okoro (Chair), Mr H. Pike (Secretary), Mrs J. Bellamy, Mr and Mrs Tran\n\n"
    "Apologies: Mr R. Ford, who has hurt his hip again and sends his regards to all\n\nIt rained.",
    "Day 14\n\nThe water filter failed again this morning, and I spent the day fixing it.",
    "He copied out the lines:\n\nThe river does not ask the bridge\nwhat it is carrying, or why",
])
def test_published_lead_ins_and_blocks_end_as_they_are(text: str) -> None:
    assert "OCT320" not in codes(text)


@pytest.mark.parametrize("text", [
    "She opened the door and stood for a long while on the step\n\nwhile the wind came in.",
    "He said it was the thing that had kept them all awake and\n\nThen he left the room "
    "without another word to any of them.",
    "In 1923 she went to Paris with her sister and\n\nThey stayed for a year in the same "
    "hotel by the river, and never once went up the tower.",
    'He wrote "Back soon" on the pad by the door and left the house\n\nShe waited for him '
    "until the light went and the street was quiet.",
])
def test_a_paragraph_that_lost_its_ending_is_still_found(text: str) -> None:
    assert "OCT320" in codes(text)


def test_dialect_speech_and_the_books_own_words_are_not_typos() -> None:
    # a dialect word beside others in the same speech; dialect grammar; an invented word in
    # two forms
    text = ('"They dinnae come for cameras." He rowed on. "My faither saw them every night."\n\n'
            '"They was going further down, but howsever, they come back."\n\n'
            "The quorl sat still.\n\nTwo quorls ran off.")
    assert typos(text) == []
    # standard prose keeps its slips, and a known word with an ending is no invented word
    assert typos(text + "\n\nShe did not recieve the letter.\n\nThe the cat teh dog.") == [
        "recieve", "teh"]
    assert typos("They were going further down, but howsever, they came back.") == [
        "howsever"]


def test_drawn_out_speech_is_no_typo_but_a_slip_beside_it_is() -> None:
    assert typos("It was sooo good.\n\nNooo, not that one.\n\nShe said shhh to the dog.") == []
    assert typos("It was sooo good.\n\nShe did not recieve it.\n\nIt took two weeeks.\n\n"
                 '"You never do what I telll you."') == ["recieve", "weeeks", "telll"]


def test_repeats_of_speech_and_sound_are_not_slips() -> None:
    assert "OCT310" not in codes("It was blah blah blah, yeah yeah, once, far far away.")
    assert "OCT310" in codes("She saw the the boat far away.")


def test_chat_typing_keeps_its_doubled_stops() -> None:
    chat = "Theo: ok.. fine\nAna: see u there\nTheo: k"
    assert "OCT311" not in codes(chat)
    assert "OCT311" in codes("He left.. Then she laughed.")


@pytest.mark.parametrize(("text", "fires"), [
    ('"Coffee?" She asked for two sugars and a spoon.', False),
    ('"Well?" She told him everything.', False),
    ('"Why?" She told him the truth.', False),
    ('"Why?" She asked him.', True),
    ('"Go," She told him.', True),
])
def test_a_sentence_about_what_was_asked_or_told_is_no_tag(text: str, fires: bool) -> None:
    assert ("OCT342" in codes(text)) is fires


def test_one_rare_word_in_a_long_speech_is_no_dialect() -> None:
    speech = ('"He is a very gentlemanlike man, and I have known him these ten years, and his '
              "sister and his mother, and all the family, and there was never anything in the "
              "least improper in any one of them that I ever heard of. I should be srory to "
              'think otherwise of any of them, and so I told my aunt when she asked me."')
    assert typos(speech) == ["srory"]


def test_standard_grammar_is_no_dialect() -> None:
    # `them as` is standard English: the slip beside it is still found
    assert typos('"I think of them as friends, and that is my observaton."') == ["observaton"]
