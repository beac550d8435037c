"""Confusables decided from the grammar around them, round two: each pattern with a slip that
must be found (with its fix) and look-alikes that are right English and must stay quiet. The
sentences are written for these tests, not taken from the benchmark's prose."""

from __future__ import annotations

import pytest

from octavo.check import check_text

CASES = [
    # code, the slip, the fix expected, look-alikes that are right
    # there for their: a describing word and a noun after a preposition, `all` or a verb
    ("OCT364", "The boys spoke of there several failures.", "their",
     ["The boys went there several times.", "We saw there several old friends."]),
    ("OCT364", "The sailors lost all there savings.", "their",
     ["The sailors were all there, waiting.", "It was all there was."]),
    ("OCT364", "The guests shall take there last drive at noon.", "their",
     ["The guests went there last week.", "We stayed there two nights."]),
    ("OCT364", "Tell the children to mind there manners.", "their",
     ["The children there mind nothing.", "She left the children there alone."]),
    ("OCT364", "They were thanked in there warm letters.", "their",
     ["It was warm in there, and dark.", "There was little in there worth having."]),
    ("OCT364", "There cottage was the smallest in the lane.", "their",
     ["There followed a long silence.", "There lay scattered papers on the floor."]),
    ("OCT364", "There second visit was shorter.", "their",
     ["There remained little hope.", "There once was a mill."]),
    # there for their before an -ing form it owns
    ("OCT364", "The rain prevented there sailing that day.", "their",
     ["He sat there sailing paper boats.", "The rain prevented there being a race."]),
    ("OCT364", "She spoke of there being together again.", "their",
     ["She spoke of there being a ghost in the house.",
      "I had no idea of there being so much mud.", "He spoke of there being quite a crowd."]),
    ("OCT364", "Nothing came of there all leaving early.", "their",
     ["They kept him there all evening."]),
    # then for than: a comparative earlier in the clause, and what it is compared with
    ("OCT365", "The harbour held more boats then anyone could count.", "than",
     ["The harbour held more boats, and then anyone could sail.",
      "The bigger boat then sailed.", "He chose the bigger boat, then he sailed."]),
    ("OCT365", "He would rather walk the cliffs then ride.", "than",
     ["He would rather walk; then he rode home."]),
    ("OCT365", "No sooner had the tide turned, then the boats put out.", "than",
     ["At first the tide turned, then the boats put out."]),
    ("OCT365", "The cook was more frightened then hurt.", "than",
     ["The cook was more frightened then, and hurt."]),
    ("OCT365", "The farm paid more then 300 a year.", "than",
     ["The farm paid 300 a year then."]),
    ("OCT365", "It was a greater success, then either of them hoped.", "than",
     ["Her younger brother then spoke.", "She grew older, then wiser."]),
    # you're for your: where only an owner can stand
    ("OCT361", "Keep the rain off you’re hat.", "your",
     ["Come on you’re late.", "Once it’s over you’re free."]),
    ("OCT361", "Bring the map for you’re youngest brother.", "your",
     ["Sit down, for you’re tired.", "Stay, for you’re a friend."]),
    ("OCT361", "You must mend you’re boots.", "your",
     ["I gather you’re leaving.", "I trust you’re feeling better.", "Tell them you’re busy."]),
    ("OCT361", "He has spoilt you’re supper.", "your",
     ["The man you’re meeting is late.", "She said you’re moving house."]),
    ("OCT361", "I think you’re letters were lost.", "your",
     ["You’re friends with him.", "You’re miles away.", "You’re strangers to me."]),
    ("OCT361", "It was you’re old cousin.", "your", ["You’re old news.", "You’re fair game."]),
    # effect for affect: the verb, where what follows is swayed rather than brought about
    ("OCT367", "The drought will effect the harvest.", "affect",
     ["The council will effect the transfer.", "They hoped to effect a lasting peace.",
      "It took years to effect the reform."]),
    ("OCT367", "The damp effects his chest every winter.", "affects",
     ["The side effects his doctor mentioned were mild.", "The effects of the damp were plain."]),
    ("OCT367", "Nothing effects him.", "affects", ["Nothing effects a cure so well as rest."]),
    ("OCT367", "Why does this effect us?", "affect", ["This effect is well known."]),
    ("OCT367", "Do not let it effect your sleep.", "affect",
     ["Do not let it effect a change in you."]),
    ("OCT367", "It was an effecting farewell.", "affecting",
     ["The effecting of the change took months.", "He spoke of effecting the latter."]),
    ("OCT367", "The frost is effecting the young trees.", "affecting",
     ["They were effecting the repairs all week."]),
    ("OCT367", "He was not effecting to be pleased.", "affecting",
     ["The law came into effect to be enforced next year."]),
    # its for it's: what follows `is`, never what `its` owns
    ("OCT362", "“Its in pieces,” he said.", "it's", ["The bench and its in-laws."]),
    ("OCT362", "Leave the kettle. Its boiled.", "it's", ["The kettle had lost its lid."]),
    ("OCT362", "Its one of those days.", "it's", ["Its one fault was the noise."]),
    ("OCT362", "Hurry up. Its half past nine.", "it's",
     ["The firm kept its half of the bargain."]),
    ("OCT362", "The fuse is fine, so its something in the wiring.", "it's",
     ["The fuse blew, and its wire melted."]),
    ("OCT362", "The cake is dry, but its tasty.", "it's",
     ["She knew its worth.", "It was done for its good.", "Its long, dark halls were cold."]),
    ("OCT362", "“Its not working,” she said.", "it's",
     ["Its being late, we went home."]),
    # whose for who's
    ("OCT363", "He is a man whose too proud of his roses.", "who's",
     ["He is a man whose always cheerful wife sings."]),
    ("OCT363", "Whose taking the dog out?", "who's",
     ["Whose holding company owns it?", "Whose coat is this?"]),
    # round three: an owner's phrase after a gerund, a sentence's describing word
    ("OCT362", "The lamp kept blinking it’s weak light.", "its",
     ["The lamp kept blinking; it’s weak, I think."]),
    ("OCT362", "It’s rusty handle was mended.", "its",
     ["It’s broken glass, mostly.", "It’s early days yet."]),
    ("OCT361", "She read the note aloud: Your hopeless.", "you're",
     ["She read the note aloud: Your usual table is ready.", "Your own."]),
    ("OCT361", "“Your cruel the way you say it.”", "you're",
     ["Your humble servant."]),
    ("OCT364", "Ring the vet. There number’s on the fridge.", "their",
     ["Go on. There life’s simpler."]),
    ("OCT361", "Lift with your knees or you will hurt you’re back.", "your",
     ["I am glad you’re back.", "I hear you’re back."]),
    ("OCT361", "I have kept all you’re postcards.", "your",
     ["You’re crackers.", "You’re idiots."]),
    # round four: after `all`, a preposition, `have`, `was`, a modal; who's before an owner's
    # phrase and its verb
    ("OCT362", "Age has robbed the bridge of all it’s charm.", "its",
     ["That is all it’s worth.", "Whatever it was it’s gone now."]),
    ("OCT362", "The rain beat on it’s high roof.", "its",
     ["Hold on it’s coming.", "Come on it’s late."]),
    ("OCT362", "The scheme has it’s faults.", "its", ["I think it’s time."]),
    ("OCT363", "She met a farmer, who’s broad fields were flooded.", "whose",
     ["The boy who’s watching television is my son.", "He is the man who’s new here.",
      "The one who’s good company and kind."]),
    ("OCT363", "I never learnt who’s niece she was.", "whose",
     ["I never learnt who’s coming."]),
    ("OCT361", "“You’re singing is lovely,” said Tom.", "your",
     ["What you’re doing is wrong.", "The way you’re talking is rude."]),
    ("OCT361", "Long may you’re garden flourish.", "your", ["You may, you’re right."]),
    ("OCT361", "I shall mind you’re dog.", "your", ["You’re great kids.", "You’re old friends."]),
    ("OCT361", "Do not waste you’re time.", "your", ["Now you’re home will you stay?"]),
    ("OCT361", "Forgive me, for you’re hard-hearted aunt is here.", "your",
     ["Forgive me, for you’re hard-hearted."]),
    ("OCT365", "He could do no more then wait.", "than", ["Eat more then sleep."]),
    ("OCT365", "She would sooner sell the farm then see it flooded.", "than",
     ["It would be better to sell the farm, for then we might rest.",
      "A bigger farm is better if then we can rest."]),
    ("OCT365", "It is far better then waiting here.", "than", ["It is far better then."]),
    ("OCT365", "Her coat is warmer then mine.", "than", ["The coat was then mine."]),
]


@pytest.mark.parametrize(("code", "slip", "fix", "right"), CASES,
                         ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_the_slip_is_found_and_the_look_alikes_are_not(code: str, slip: str, fix: str,
                                                        right: list[str]) -> None:
    found = [d for d in check_text(slip, "s.txt") if d.code == code]
    assert [(d.fix or "").lower() for d in found] == [fix]
    for sentence in right:
        assert [d for d in check_text(sentence, "s.txt") if d.code == code] == [], sentence
