"""OCT347 among dialect words: a word no dictionary knows beside others it does not know is
usually the speaker's own spelling, written for the ear (`telt`, `oot`, `awfy`, `zummat`), so the
rule lets it be. A slip of the fingers that no spelling for the ear makes is still a typo there:
a letter doubled or made single without changing the sound (`frrom`, `sayys`, `wil`), a vowel
struck as the consonant on the key beside it (`ssid`, `clme`), a vowel dropped so that the word begins as no
English word does (`tme`). And `-es` only follows the sounds that take it (`comees` is a slip
for `comes`, in verse as in prose). The sentences are written for these tests."""

from __future__ import annotations

import pytest

from octavo.check.anthology_rules import StoryText
from octavo.check.typo_rules import likely_typos


def typos(text: str, language: str = "en-GB") -> list[str]:
    return [d.message.split("'")[1] for d in
            likely_typos([StoryText("s.txt", text.split("\n"))], language)]


@pytest.mark.parametrize(("text", "typo"), [
    ("\"He's gone frrom under us, an' the rope wi' him.\"", "frrom"),
    ("\"I'll not gan wi' ye,\" she ssid, an' turned her back.", "ssid"),
    ("\"He come in wi' his blnnet in his two hands, an' wet through.\"", "blnnet"),
    ("\"Ye'd best clme in an' eat, 'cause there ain't another house.\"", "clme"),
    ("\"She wil, an' all,\" said the carrier. \"Ye'll see.\"", "wil"),
    ("\"Aye, he sayys it hissen, an' spits i' t' fire.\"", "sayys"),
    ("\"Come an' sit by t' fiire, lass, ye're wet through.\"", "fiire"),
    ("\"'Tis the first tme I've heard it, an' I'm owd.\"", "tme"),
])
def test_a_finger_slip_among_dialect_words_is_a_typo(text: str, typo: str) -> None:
    assert typos(text) == [typo]


@pytest.mark.parametrize("text", [
    "\"I've telt ye twice, an' I'll not tell ye again.\"",
    "\"Ye're awfy young for it, an' the road's lang.\"",
    "\"He'd best make it hissen, an' not send a lad.\"",
    "\"Dinna let the fire oot, an' mind the bairn.\"",
    "\"I'll tek it up to t' Hall mysen, an' be back by dark.\"",
    "\"There be zummat in the lane, an' I bain't going vor to look.\"",
    "\"Thee'll have a bit o' breead wi' thy dinner, an' welcome.\"",
    "\"I spose ye'll be wanting yer tea, an' the fire not lit.\"",
    # a consonant for a consonant, or a vowel for one, is a sound: weel (well, not week), heid
    # (head, not heir), mair (more), dae (do), neet (night), ower (over)
    "\"Aye, weel, ye'll tak' a cup o' tea at the heid o' the glen.\"",
    "\"He kent mair aboot us than the minister, an' he'll no' dae it.\"",
    "\"Tha preached ower long, an' it's a cold neet, mind.\"",
    "\"Dost tha not know owt, lad? It's raining cats an' dogs.\"",
])
def test_spellings_for_the_ear_among_dialect_words_are_not_typos(text: str) -> None:
    assert typos(text) == []


@pytest.mark.parametrize(("text", "typo"), [
    ("When the wind comees o'er the hill,\nAnd the heather bends low,", "comees"),
    ("He sat with his bonnet over his eyees and said no more that night.", "eyees"),
])
def test_es_only_after_the_sounds_that_take_it(text: str, typo: str) -> None:
    assert typos(text) == [typo]


@pytest.mark.parametrize("text", [
    # the plural and older forms the same ending rightly makes, each once
    "The covies rose from the stubble, and the chimnies smoked.",
    "She set the boxes down among the potatoes and the foxes' skins.",
])
def test_es_after_the_sounds_that_take_it_is_no_typo(text: str) -> None:
    assert typos(text) == []


@pytest.mark.parametrize("text", [
    # a first letter changed is how dialect writes a word (`een`: eyes, `jist`: just), and
    # fingers seldom slip there: not a slip for `den` or `mist`
    "\"Ye'll keep yer een on the stragglers, an' ye'll no' shout.\"",
    "\"I jist came in tae see who's sittin' in the kitchen.\"",
])
def test_a_first_letter_changed_among_dialect_words_is_not_a_typo(text: str) -> None:
    assert typos(text) == []


CHAT = "Maya: are we still on for tonight\nTheo: {line}\nMaya: ok see you at 7\nTheo: cool\n"


@pytest.mark.parametrize(("line", "typo"), [
    ("I thinnk I should drive down in the morning", "thinnk"),
    ("We havve 212 people in the class", "havve"),
    ("I love a machine that mostly workks", "workks"),
])
def test_a_consonant_doubled_inside_a_word_is_a_typo_even_in_a_chat_log(line: str,
                                                                         typo: str) -> None:
    assert typos(CHAT.format(line=line), "en-US") == [typo]


@pytest.mark.parametrize("line", [
    "omg yesss i dont even care",  # stress doubles a last letter; shorthand drops letters
    "txt me when ur there pls",
    "soooo tired lol, thx for the lift",
    "kk omgg see u there",
])
def test_a_chat_log_s_shorthand_and_stress_are_not_typos(line: str) -> None:
    assert typos(CHAT.format(line=line), "en-US") == []
