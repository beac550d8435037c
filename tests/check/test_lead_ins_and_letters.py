"""OCT320 on what published prose sets without a full stop: narration that a speech below
completes, verse quoted inside a sentence, a letter's signature, a recipe's ingredients, a
printer's note in brackets. Each look-alike stays quiet; the paragraph that really lost its
ending beside it is still found."""

from __future__ import annotations

import pytest

from octavo.check import check_text


def ending(text: str) -> int:
    return [d.code for d in check_text(text, "s.txt")].count("OCT320")


@pytest.mark.parametrize("text", [
    # the last clause names the speaking, in any form of the verb
    'Emma laughed, and replied,\n\n"My being charming is not quite enough to induce me."',
    'Mr. Weston, walking briskly through the passage, was calling out,\n\n'
    '"You talk a great deal of the length of this passage, my dear."',
    'She then took another line, and looking into the doubtful room, observed,\n\n'
    '"I do not think it is so very small."',
    # ... or the speech itself, or it cannot end where it stops
    'There was a little blush, and then this answer,\n\n"I must not hope to be ever so."',
    'Frank Churchill lingered, and his last words to Emma were,\n\n"Well, I will stay."',
    'He cut her short with,\n\n"I am going to Kingston. Can I do anything for you?"',
    'To her news Emma could get no more approving reply, than,\n\n"Very well."',
    'On another,\n\n"And after all, five couple are not enough."',
    # a speech quoted earlier in the paragraph does not make the lead-in a speech
    '"I never saw it," was all the answer she had; and she said, after a pause,\n\n'
    '"He did remember the book."',
    # books that set speech in single quotes
    "Gran put down the trowel and said to the man from the council,\n\n"
    "‘Not on my allotment, you don’t.’",
    # a speaker who quotes a verse in single quotes
    '"Such talent must not be suffered to remain unknown. I dare say you have heard the poet,\n\n'
    "'Full many a flower is born to blush unseen.'\"",
    # verse displayed inside a sentence, a line to a paragraph, and the sentence going on
    "and she rather sentimentally recited that well-known charade,\n\n"
    "My first doth affliction denote,\n\nWhich my second is destined to feel\n\n"
    "And my whole is the best antidote\n\nThat affliction to soften and heal.--\n\n"
    "made her quite sorry to say that they had it already.",
    "nor could he avoid observations which, unless it were like Cowper and his fire,\n\n"
    '"Myself creating what I saw,"\n\nbrought him yet stronger suspicion of them both.',
    # a letter's closing below the sentence that leads into it
    "In one respect my good fortune is undoubted, that of being able to subscribe myself,\n\n"
    "Your obliged and affectionate Son,\n\nF. C. Weston Churchill.",
])
def test_a_lead_in_completed_below_is_not_a_lost_ending(text: str) -> None:
    assert ending(text) == 0


@pytest.mark.parametrize("text", [
    # a complete action lost its full stop; the speech below does not complete it
    'She walked to his side,\n\n"I understand. I will tell the staff at once."',
    "Gran walked down to the shed at the end of the plot,\n\n‘Not on my allotment.’",
    # a comma inside a speech still open is not a lead-in
    '"I went down to the market in the rain,\n\n"Then I saw him by the stall."',
    # a speech's own tag, whose sentence ends there: the speech below is a new one
    '"Goodbye, old buddy." He said softly,\n\n"I will miss you." He kept walking.',
    # `began` to do something is an action, not the beginning of a speech
    "The tears began to stream down her cheeks as a sob wracked her body,\n\n"
    '"Why could you not ask for help?" she asked him.',
    # a lead-in with no speech below it
    "He cut her short with,\n\nThe rain stopped at last over the long grey valley.",
    # a short speech that ends its sentence is no verse quoted in a sentence
    'He went down to the river and sat on the bank,\n\n"I understand."\n\nShe left.',
])
def test_narration_that_lost_its_ending_before_speech_is_found(text: str) -> None:
    assert ending(text) == 1


LETTER = ("From: Hester Lyle\nTo: Clerk to the Council\nSubject: Re: Lower Field\n\n"
          "Dear Gordon,\n\nThank you. Yes, it is. Bring your own mug, and wear wellies. The "
          "brook will be up.\n\n{name}")


@pytest.mark.parametrize("text", [
    LETTER.format(name="Hester"),
    "Dear Mrs Amory,\n\nThe pears are in. I have put two boxes by for you.\n\n"
    "I hope the knee is better.\n\nH. M. Lyle\n\nShe folded it twice.",
    "The message read:\n\nHi Mum,\n\nLanded safe. Phone dead. Will ring tonight.\n\nDan xx",
])
def test_a_name_that_signs_a_letter_is_not_a_lost_ending(text: str) -> None:
    assert ending(text) == 0


def test_a_name_alone_in_prose_or_after_the_scene_is_still_found() -> None:
    assert ending("The wind rose over the moor all night and the door banged.\n\nHester") == 1
    # a signature looks back over its own letter only, not across a scene break
    assert ending("Dear Gordon,\n\nThank you. The brook will be up.\n\n* * *\n\n"
                  "The next morning she walked out to the field with her\n\nHester") == 2


RECIPE = ("CORINNE'S POUND CAKE\n\n1 pound butter (real butter, not that other mess), soft\n"
          "3 cups sugar\n6 eggs, room temperature\n3 cups plain flour, sifted twice\n"
          "1 teaspoon lemon extract, if you have it\n\nCream butter and sugar till light.")


def test_a_recipes_ingredients_are_items_not_sentences() -> None:
    assert ending(RECIPE) == 0
    # one to a paragraph, each opening with its quantity
    assert ending("You will need:\n\n3 cups sugar\n\n6 eggs, room temperature\n\n"
                  "2 teaspoons vanilla, the real kind if you can get it\n\nBeat well.") == 0
    assert ending("Take these\n\n3 cups sugar\n\n6 eggs\n\nand beat them.") == 0


def test_wrapped_prose_or_a_lone_number_that_lost_its_ending_is_still_found() -> None:
    wrapped = ("She creamed the butter and the sugar together for a long time\n"
               "because her grandmother had always said it could not be rushed\n"
               "and that the cake would know if you did, and she beat in the eggs")
    assert ending(wrapped + "\n\nThen she sat down.") == 1
    assert ending("3 men came up the road from the harbour and stood there in the rain\n\n"
                  "Nobody spoke to them.") == 1


def test_a_note_in_brackets_is_not_a_lost_ending() -> None:
    assert ending("[End of volume one. Printed by T. and A. Constable, Printers]\n\n"
                  "CHAPTER I") == 0
    assert ending("[Illustration: The carrier at the gate]\n\nIt rained.") == 0
    assert ending("[She left the room without a word to any of them\n\nIt rained.") == 1


def test_a_salutation_by_name_under_a_message_header_is_not_a_lost_ending() -> None:
    message = ("From: Alasdair Munro\nTo: Kirsty Lindsay\nSubject: Re: IT SET\n\nKirsty,\n\n"
               "I have just shown this to the whole office. It looks exactly like hers.\n\n"
               "Alasdair")
    assert ending(message) == 0
    # a name and a comma in a story, with no message above it, lost the rest of its sentence
    assert ending("The kettle boiled and nobody got up to see to it.\n\nKirsty,\n\n"
                  "It was raining again when the bus came up the hill from the harbour.") == 1
