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
    # a verb's form with its object where a clause starts, `had`, `has`, `got`
    ("OCT362", "It rolled out last night. Its supposed to help.", "it's",
     ["Its stated aim was peace.", "Its coming to power was celebrated."]),
    ("OCT362", "The light flickers like its trying to speak.", "it's",
     ["The light flickers in its trying hour."]),
    ("OCT362", "Its had two new covers since.", "it's", ["Its hadith was recited."]),
    # a time, a measure or a name, then the end of the clause
    ("OCT362", "“Sorry. Its six in the morning.”", "it's",
     ["The spider and its six legs.", "Its six sons were tall."]),
    ("OCT362", "“Morning, Gus. Its 52 degrees and cloudy.”", "it's",
     ["The club lost its 52 members."]),
    ("OCT362", "“March?” She stared. “Its October.”", "it's",
     ["The firm and its Chairman.", "The town and its Mrs. Grundy."]),
    # `like` before an article or an -ing form; `out of`
    ("OCT362", "“Its like watching paint dry.”", "it's", ["We shall never see its like again."]),
    ("OCT364", "“Their out of luck.”", "they're", ["Their outings were short."]),
    # where a clause must start, no verb after the noun or the describing word
    ("OCT362", "“Because its water.”", "it's",
     ["Because its engine stalls, we walk.", "Because its red door was open, we went in.",
      "Though its being so late did not matter."]),
    ("OCT362", "They will swear to it, for its true.", "it's", ["She praised its true worth."]),
    # after a word that a clause follows, or in a series of `it's`, a noun is what it is
    ("OCT362", "She read it’s contents.", "its",
     ["He says it’s indigestion.", "I am afraid it’s poor fare for a lady.",
      "It’s glasses, it’s haircuts, it’s people."]),
    ("OCT361", "That’s you’re trouble right there.", "your",
     ["“You’re Miss Ingoldby,” he said.", "The trouble is you’re late."]),
    # affect: someone, a name, everything or nothing after the verb
    ("OCT367", "Cracks don’t effect anything.", "affect",
     ["He could not effect anything useful.", "They hoped to effect a change."]),
    ("OCT367", "Nothing effects a buyer like a smell.", "affects",
     ["They managed to effect a transfer.", "The effect one gets is of calm."]),
    ("OCT367", "How it would effect Frank was her first thought.", "affect",
     ["To what effect? I asked.", "We did not effect a cure."]),
    ("OCT367", "She was strong enough to effect one so dear.", "affect",
     ["It had a strange effect. The effect was one of calm."]),
    ("OCT367", "It effects every hub in the country.", "affects",
     ["The side effects every patient feels are mild."]),
    # lose: a person and then what is lost
    ("OCT366", "If you loose them, you will not get them back.", "lose",
     ["They let him loose.", "She cut it loose.", "They set them loose on the town."]),
    ("OCT366", "I would rather loose it all.", "lose", ["Let loose the dogs."]),
    # after a word a whole clause must follow, one describing word and the clause's end
    ("OCT364", "They come because their bored, or because they want to.", "they're",
     ["Because their house.", "When their turn came, they sang."]),
    ("OCT361", "Oh, brother, when your tired and the road runs out.", "you're",
     ["When your work and your play are one, rest.", "Because your mother, who is kind, came."]),
    ("OCT361", "I am so glad your here!", "you're", ["I am so glad your house is safe."]),
    ("OCT361", "You will know when your seventeen.", "you're", ["When your seventeenth year came."]),
    ("OCT364", "“Their not going to do it,” said Renata.", "they're",
     ["I was surprised at their not going."]),
    # whose: a participle or an -ing form with its object, or a describing word at the end
    ("OCT363", "He is a man whose lost his way.", "who's",
     ["The man whose lost property was found.", "A man whose red hair stood up."]),
    ("OCT363", "You are the only one whose done anything.", "who's",
     ["The only one whose work was done."]),
    ("OCT363", "Do you know whose buying?", "who's",
     ["Whose building? Whose coat?", "The clergyman whose blessing at the altar mattered."]),
    ("OCT363", "Desmond is the one whose fine.", "who's",
     ["The man whose fine was paid.", "His boys, whose healthy, glowing faces shone."]),
    # there for their after a subject and its verb
    ("OCT364", "So they change there minds.", "their", ["We change there often.",
                                                      "They found there many old friends."]),
    # then for than: an auxiliary ends a clause inside a comparison
    ("OCT365", "It was better than it was than before.", "then",
     ["It seemed easier to leave me where I was than to find another curate."]),
    # a comparative and `to`
    ("OCT362", "It is worth more, and its closer to the door.", "it's",
     ["Its upper floors were let.", "Its elder sister was kind."]),
    ("OCT364", "Their closer to town than we are.", "they're", ["Their elder son was kind."]),
    # you're for your: a form of address, an -ing form after `worth` or a verb and `for`,
    # a plural noun and its verb; the underscores of emphasis are not words
    ("OCT361", "I hope you’re ladyship is pleased.", "your", ["I hope you’re pleased, my lady."]),
    ("OCT361", "I can answer for you’re being kindly received.", "your",
     ["Sit down, for you’re tired.", "Stay, for you’re being silly."]),
    ("OCT361", "The letter is not worth you’re reading.", "your",
     ["You’re reading it now."]),
    ("OCT361", "You’re _thoughts_ on this are mine.", "your",
     ["You’re _friends_ now.", "You’re _miles_ away."]),
    ("OCT361", "You’re last letter has made Papa uneasy.", "your",
     ["You’re last, I’m afraid.", "You’re good company, and that is all."]),
    # `an` before a word the pronouncing dictionary does not know: its first letter
    ("OCT370", "The rule was simple: an mapmaker marks the edge.", "a",
     ["He took an x-ray.", "Set an f-stop.", "It was an MP.", "An hour passed."]),
]


@pytest.mark.parametrize(("code", "slip", "fix", "right"), CASES,
                         ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_the_slip_is_found_and_the_look_alikes_are_not(code: str, slip: str, fix: str,
                                                        right: list[str]) -> None:
    found = [d for d in check_text(slip, "s.txt") if d.code == code]
    assert [(d.fix or "").lower() for d in found] == [fix]
    for sentence in right:
        assert [d for d in check_text(sentence, "s.txt") if d.code == code] == [], sentence
