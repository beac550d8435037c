"""False alarms, round six: classes of right English that tripped a rule, each beside the slips
that rule must still find. The sentences are written for these tests (a dozen look-alikes a
class), not taken from the benchmark's prose."""

from __future__ import annotations

import pytest

from octavo.check import check_text
from octavo.check.anthology_rules import StoryText
from octavo.check.typo_rules import likely_typos


def fixes(code: str, text: str) -> list[str]:
    return [(d.fix or "").lower() for d in check_text(text, "s.txt") if d.code == code]


# -- OCT362: `it's` before what `it is` names --------------------------------------------------

IT_IS_NAMES = [
    # an indefinite pronoun: `it is` anything, nobody owns one
    "I don't know whether it's anything.",
    "Maybe it's nothing, and maybe it's something.",
    "She thinks it's someone from the village.",
    "Tell him it's everything to me.",
    "If it's anybody, it's the postman.",
    # a number that tells a measure, a time or a sum, or ends the clause
    "It's two degrees too warm in here.",
    "They paid forty, and it's sixty.",
    "It's sixty miles to Leeds.",
    "Now it's ten past four.",
    "It's three hundred pounds, take it or leave it.",
    "It's forty-two, not forty.",
    "It's 1998 and nobody has a phone.",
    # `it` as the whole a share is taken from: `most of it is there`
    "It's broken, but most of it's there.",
    "All of it's gone now.",
    "The rest of it's in the van.",
    "None of it's true.",
    "Some of it's ours.",
    "Half of it's rubbish, to be honest.",
    "Most of it's wind, and the rest of it's rain.",
    # after a preposition, `it is` before a place or a state: nothing is owned
    "He knocked the top off it and, with it's gone, we could see in.",
]

ITS_SLIPS = [
    ("The dog wagged it's tail.", "its"),
    ("By the look of it's face, it was cross.", "its"),
    ("The cat licked it's two front paws.", "its"),
    ("Some of it's pages were torn.", "its"),
    ("The weight of it's load broke the axle.", "its"),
    ("He spoke of it's being sold.", "its"),
    ("The bird with it's long tail flew off.", "its"),
    ("That is the beauty of it's simplicity.", "its"),
    ("“Sorry. Its six in the morning.”", "it's"),
    # after a preposition or a share, what an owner owns: a word the lexicon lacks, an -ing
    # form (after `not` or an adverb too), an adverb and a describing word and a noun
    ("The whole of it's demesne lay in front.", "its"),
    ("She could have none of it's being his face.", "its"),
    ("She felt almost certain of it's not being him.", "its"),
    ("We spoke of it's still snowing fast.", "its"),
    ("Her talk sank from it's hitherto animated pitch.", "its"),
    ("You drill a small hole at it’s very tip.", "its"),
    ("Much of it's charm was lost.", "its"),
    ("It ran past the widest part of it's course, where the banks are low.", "its"),
]


@pytest.mark.parametrize("sentence", IT_IS_NAMES)
def test_its_before_what_it_is_names_is_right(sentence: str) -> None:
    assert fixes("OCT362", sentence) == []


@pytest.mark.parametrize(("slip", "fix"), ITS_SLIPS)
def test_its_slips_around_those_places_are_still_found(slip: str, fix: str) -> None:
    assert fixes("OCT362", slip) == [fix]


@pytest.mark.parametrize("sentence", [
    "Its three hundred members voted.", "The table and its four feet.",
    "Its two miles of coastline are lovely.", "Its 52 members left.",
    # `too` and a describing word and a noun; describing words parted by commas, then a noun
    "He feared its too strong effect on him.",
    "She admired the house, its large, airy, sunny rooms.",
    "She viewed the building, its suitable, becoming, characteristic situation."])
def test_its_before_a_number_and_what_it_owns_stays_quiet(sentence: str) -> None:
    assert fixes("OCT362", sentence) == []


# -- OCT320: lists whose items open in small letters -------------------------------------------

LISTS = [
    "4 oz plain flour\n1 good teaspoon bread soda, sieved, and more if it's damp\n"
    "a handful of oatmeal\n1 pint buttermilk, maybe a bit more than you would think\n"
    "1 egg if you have it",
    "2 lb potatoes, peeled and cut into rounds the size of a coin\n1 onion\n"
    "salt and pepper to taste, and a little more salt than that\nButter for the dish\n"
    "3 rashers of bacon",
    "Torches and the spare batteries from the drawer in the hall\nWaterproofs for everyone\n"
    "a flask of tea, the big one with the red lid that leaks\nMaps\nDad's whistle",
    "12 eggs\n2 loaves, one white and one brown if they have the seeded kind\n"
    "milk for the week\n1 bag of flour\nTea bags",
    "Monday: bins out, and ring the council about the lamp that flickers\n"
    "Tuesday: dentist at ten\nwednesday is the choir, if Joan can drive us\n"
    "Thursday: nothing",
]

LOST_ENDINGS = [
    # wrapped prose that lost its ending: lines open where a word fell, mostly in small letters
    "The rain came down on the roofs of the town all that evening\n"
    "and Mary watched it from the window of her room, thinking of\n"
    "the letter she had not sent and of the answer she would never",
    # most lines open with a capital, but sentences end inside them: prose set in short lines
    "Ann came in late from the market with her basket. Nobody\nMoved from the fire. Tom said hello and\n"
    "Mary said nothing. Then they all\nWaited for the",
]


@pytest.mark.parametrize("text", LISTS)
def test_a_list_with_some_items_in_small_letters_is_no_lost_ending(text: str) -> None:
    story = f"Title\n\nShe found the list in the drawer.\n\n{text}\n\nThat was all.\n"
    assert [d for d in check_text(story, "s.txt") if d.code == "OCT320"] == []


@pytest.mark.parametrize("text", LOST_ENDINGS)
def test_prose_that_lost_its_ending_is_still_reported(text: str) -> None:
    story = f"Title\n\nShe found the page in the drawer.\n\n{text}\n\nThat was all.\n"
    assert "OCT320" in [d.code for d in check_text(story, "s.txt")]


# -- OCT347: coined compounds and sung syllables ------------------------------------------------

def typos(text: str) -> list[str]:
    return [d.message.split("'")[1] for d in
            likely_typos([StoryText("s.txt", text.split("\n"))], "en-GB")]


@pytest.mark.parametrize("text", [
    # two common words joined, a coinage, one slip from a word only at its first letter
    "If the terraces fail or the sunwell goes dark, we lose everything.",
    "The sunship came down over the bay at dusk.",
    "They waited for the moonday, when the tide went out for a mile.",
    "She kept the seahouse on the point for thirty years.",
    "Nobody walked the sunwind road in summer.",
    "The sunfire burned all night on the headland.",
    # a run of sung or chanted syllables, opening alike
    "He was doing his scales in the wings. “Mee, may, mah, moh, moo.”",
    "“La, la, lah, loh,” she sang, and missed the note again.",
    "The bell went bim, bam, bom across the water.",
    "“Tee, tay, tah, toh, too,” the choirmaster sang, tapping the piano.",
    # speech running `to`, `have` or `you` into the word before, spelt as heard
    "“You oughta know better,” he said.",
    "“I shoulda told you sooner.”",
    "“She musta left early, then.”",
    "“We mighta missed the bus.”",
    "“Willya look at that?”",
])
def test_coinages_and_sung_syllables_are_not_typos(text: str) -> None:
    assert typos(text) == []


@pytest.mark.parametrize(("text", "typo"), [
    ("She allways took the early train.", "allways"),  # a letter doubled inside: two words
    ("They lived in a small cotage by the river.", "cotage"),
    ("It was at the bittom of the stairs.", "bittom"),
    # two words, one slip from a word at its start (doorway) but also inside it (motorway)
    ("They drove up the moorway at dawn.", "moorway"),
    ("The sunborn children were pink by noon.", "sunborn"),  # sunburn: a slip inside
    ("I went to the thn barn on the hill.", "thn"),  # short words opening alike: a slip
    ("She said the moh was hers.", "moh"),  # a short word no run of sounds stands around
])
def test_slips_that_look_like_them_are_still_typos(text: str, typo: str) -> None:
    assert typos(text) == [typo]


# -- confusables: classes of slips the sweep found missed, beside their look-alikes ------------

CONFUSABLE_SLIPS = [
    # an -ing verb with its object or a clause, and no verb of the sentence after it (commas
    # and an aside like `I suppose` included)
    ("OCT361", "“I'd forgotten him. Your thinking I'm a fool.”", "you're"),
    ("OCT361", "“Your going to Swindon, like the rest of us.”", "you're"),
    ("OCT361", "“Everybody's heard. Your asking about the regatta, I suppose.”", "you're"),
    ("OCT361", "“But your looking in the wrong place, you know.”", "you're"),
    ("OCT361", "“Your losing every match to the wind.”", "you're"),
    ("OCT361", "I do not doubt that your grieving for them, sir.", "you're"),
    ("OCT364", "“I reckon their cheating us.”", "they're"),
    # `your` before a describing word that takes a clause, a participle that ends one, a
    # describing word and `enough`, `not` and an -ing verb with its object
    ("OCT361", "“And your sure you didn't touch anything?”", "you're"),
    ("OCT361", "Look at me and say your sorry, and I will.", "you're"),
    ("OCT361", "“You're a day late, but your met.”", "you're"),
    ("OCT361", "It will go on humming after your gone.", "you're"),
    ("OCT361", "“You can't? Your old enough to know which.”", "you're"),
    ("OCT362", "Its big enough for two.", "it's"),
    ("OCT361", "You used to roll your eyes. Your not rolling them now.", "you're"),
    # `their` and a describing word or a participle that ends the clause or takes a
    # preposition, or `to` and a verb
    ("OCT364", "“They're hungry, and their frightened.”", "they're"),
    ("OCT364", "“Their sure of it.”", "they're"),
    ("OCT364", "“In return, their allowed to visit.”", "they're"),
    ("OCT364", "“Their all talking about it in the band.”", "they're"),
    ("OCT364", "They asked how their to feed them.", "they're"),
    # `loosing` before what is lost; `loose` after `sooner` or a modal at the clause's end
    ("OCT366", "“Are we loosing our jobs?” said Petra.", "losing"),
    ("OCT366", "The mill was not loosing money.", "losing"),
    ("OCT366", "I'd sooner loose a night's pay than go back.", "lose"),
    ("OCT366", "It was something you might loose.", "lose"),
    # `effect` as the verb with someone or someone's after it; `affect` after a determiner
    ("OCT367", "Things like that effect you less when you're going uphill.", "affect"),
    ("OCT367", "“Warmth always effects it.”", "affects"),
    ("OCT367", "“It's effecting all of us.”", "affecting"),
    ("OCT367", "It must not effect mine.", "affect"),
    ("OCT367", "“Doesn't that effect the rest of you?”", "affect"),
    ("OCT367", "She had known the affect for a year.", "effect"),
    ("OCT367", "I've heard of the affect a teacher has on a camp.", "effect"),
    # `whose` before a describing word and its preposition, an adverb of time and a
    # participle, or an -ing form and `for`
    ("OCT363", "He is a man whose friendly to everyone.", "who's"),
    ("OCT363", "“For someone whose willing to plant it.”", "who's"),
    ("OCT363", "For everyone whose ever stood next to him.", "who's"),
    ("OCT363", "It is about whose still out there.", "who's"),
    ("OCT363", "“And whose paying for it?”", "who's"),
    # `who's` before a subject and its tensed verb, or a noun and the question's verb
    ("OCT363", "The tape on each lid said who's it was.", "whose"),
    ("OCT363", "“Jonah, who's side are you even on?”", "whose"),
    ("OCT363", "“Who's turn is it?”", "whose"),
]

CONFUSABLE_LOOK_ALIKES = [
    ("OCT361", "Your telling it will help."),
    ("OCT361", "Your going was a loss."),
    ("OCT361", "Your singing in the choir, my dear, was admired."),
    ("OCT361", "Your cooking, though, is the best."),
    ("OCT361", "Your thinking he was wrong was wrong."),
    ("OCT361", "Your leaving the village in spring surprised us all."),
    ("OCT361", "Your writing it down helps."),
    ("OCT361", "Your not coming was a blow."),
    ("OCT361", "Your sorry state upset her."),
    ("OCT361", "He was sure your sister was right."),
    ("OCT361", "Your met friends were kind."),
    ("OCT361", "Your afraid look gave you away."),
    # after a comma: what the clause before named, or an item of a list
    ("OCT361", "It was an awkward business, my dear, your spending the whole autumn at the "
               "sea instead of here."),
    ("OCT364", "She told him about her health, their coming to town, and the rest."),
    ("OCT364", "Their taking the farm made them rich."),
    ("OCT364", "Their taking her home, and keeping her there, was kind."),
    ("OCT364", "Their young, in the spring, are blind."),
    ("OCT364", "The birds fed their young."),
    ("OCT364", "They did their best."),
    ("OCT364", "They gave their all."),
    ("OCT364", "Their allowed hours were few."),
    ("OCT364", "Their frightened children ran."),
    ("OCT364", "Their given names were Welsh."),
    ("OCT364", "She proposed their all walking out."),  # a gerund owned by them all
    ("OCT364", "On their all dining together, she spoke."),
    ("OCT366", "He was loosing his hounds on the moor."),
    ("OCT366", "The archers were loosing their arrows."),
    ("OCT366", "She sat loosing her hair from its pins."),
    ("OCT366", "I would sooner let him loose."),
    ("OCT366", "The dogs broke loose."),
    ("OCT367", "That effect you have on people is rare."),
    ("OCT367", "The effect it had was enormous."),
    ("OCT367", "It was the effect you wanted, wasn't it?"),
    ("OCT367", "They hoped to effect a change."),
    ("OCT367", "The best means of effecting it would be by not trying him."),
    ("OCT367", "The drug had an effect on all of us."),
    ("OCT367", "To that effect, he wrote again."),
    ("OCT363", "The man whose kind of work I admire."),
    ("OCT363", "“Who's he kidding?”"),
    ("OCT363", "“Who's it for?”"),
    ("OCT363", "I know who's coming."),
    ("OCT363", "The girl whose still face haunted him."),
    ("OCT363", "The men whose loyal service was rewarded."),
    ("OCT363", "The woman whose just cause won."),
]


@pytest.mark.parametrize(("code", "slip", "fix"), CONFUSABLE_SLIPS)
def test_confusable_slips_of_these_classes_are_found(code: str, slip: str, fix: str) -> None:
    assert fixes(code, slip) == [fix]


@pytest.mark.parametrize(("code", "sentence"), CONFUSABLE_LOOK_ALIKES)
def test_their_look_alikes_stay_quiet(code: str, sentence: str) -> None:
    assert fixes(code, sentence) == []


# -- the nineteenth-century sets: right forms of older prose beside the slips ------------------

OLDER_PROSE_RIGHT = [
    ("OCT310", "I thank you; but I assure you you are quite mistaken."),
    ("OCT310", "I told you you would be late."),
    ("OCT310", "She was looking forward to to-morrow's ball."),
    ("OCT310", "He came back to to-day's business at last."),
    ("OCT364", "He took leave of the few friends there whom he could suppose to feel it."),
    ("OCT364", "I hope you will take a day's sport there yourself, sir."),
    ("OCT364", "Her husband never meant to go there himself."),
    ("OCT364", "The men there who had known him wept."),
    ("OCT364", "She stood there while the aunt heard the tale."),
    ("OCT364", "They sat there until it was dark."),
    ("OCT370", "Felix named the generators. A is Agnetha and B is Bjorn."),
    ("OCT370", "If a is odd, then so is b."),
    ("OCT365", "The attention of the younger ones was then no longer to be gained by him."),
    ("OCT365", "The younger girl is then sent to school."),
    ("OCT365", "She joined them, with a firmer determination to be friends, than she might "
               "have had courage to show."),
    ("OCT365", "He must be a better judge of her, and of how she is likely to act, than I "
               "can be."),
]

OLDER_PROSE_SLIPS = [
    ("OCT310", "She saw the the boat."),
    ("OCT310", "She gave you you know what."),  # no verb of telling before the pair
    ("OCT364", "They lost there way."),
    ("OCT364", "All there friends came."),
    ("OCT364", "It was not worth there while."),
    ("OCT370", "She ate a apple."),
    ("OCT365", "The elder girl was taller then her sister."),
    ("OCT365", "Her younger brother is better then me at it."),
]


@pytest.mark.parametrize(("code", "sentence"), OLDER_PROSE_RIGHT)
def test_right_forms_of_older_prose_stay_quiet(code: str, sentence: str) -> None:
    assert [d for d in check_text(sentence, "s.txt") if d.code == code] == []


@pytest.mark.parametrize(("code", "sentence"), OLDER_PROSE_SLIPS)
def test_the_slips_beside_them_are_found(code: str, sentence: str) -> None:
    assert [d.code for d in check_text(sentence, "s.txt") if d.code == code] == [code]


@pytest.mark.parametrize("text", [
    "He will save all the best of the covies for you.",  # the older plural of covey
    "The chimnies smoked all winter.",
    "She popt it all out before anyone could stop her.",  # the older -t past
    "He kist her hand and left.",
])
def test_older_spellings_are_not_typos(text: str) -> None:
    assert typos(text) == []


@pytest.mark.parametrize(("text", "typo"), [
    ("They had buult the wall themselves.", "buult"),
    ("The wind would drit the snow.", "drit"),  # a short word in -t after another sound
])
def test_slips_near_older_spellings_are_still_typos(text: str, typo: str) -> None:
    assert typos(text) == [typo]


def test_a_lead_in_that_ends_in_hearing_introduces_the_speech_below_it() -> None:
    story = ("Title\n\nShe had come in at last, and talked without stopping. As the door opened "
             "she was heard,\n\n\"So very obliging of you! No rain at all. Nothing to signify, I do "
             "not care.\"\n\nShe walked across the long room to his side and took his cold hand "
             "in hers,\n\n\"Why did you not tell me before, when there was still time to do "
             "something?\"\n")
    # the heard speech is led in; the complete action above the second speech lost its stop
    assert [(d.code, d.span.line) for d in check_text(story, "s.txt")
            if d.code == "OCT320" and d.span] == [("OCT320", 7)]
