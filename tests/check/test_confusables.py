"""Confusables decided from the neighbouring words: each slip beside the right sentence that
looks most like it, which must stay quiet."""

from __future__ import annotations

import pytest

from octavo.check import check_text

CASES = [
    # code, the slip (with the fix expected), the look-alike that is right
    ("OCT364", "It was addressed in there mother’s handwriting.", "their",
     "It was addressed in there, in his handwriting."),
    ("OCT364", "The day there father had gone, it rained.", "their",
     "The place where there stood a mill was gone."),
    ("OCT364", "She regretted quitting there box so soon.", "their",
     "The people there say it rained for a week."),
    ("OCT364", "Nobody doubted there passions.", "their",
     "They had lived there years before the war."),
    ("OCT364", "All were again in there usual quarters.", "their",
     "Here and there patches of snow remained."),
    ("OCT362", "She had no doubt of it’s being a fine day.", "its",
     "She had no doubt of its being a fine day; it’s like that in June."),
    ("OCT362", "Her composure was gone, and it’s composure spoke for her.", "its",
     "It’s time that we left. It’s nonsense, and it’s Tuesday."),
    ("OCT362", "He said its your fault.", "it's",
     "The house and its your-money-or-your-life air."),
    ("OCT362", "“Its why I have no friends.”", "it's", "Its windows were shut."),
    ("OCT361", "Three hundred of you’re neighbours voted.", "your",
     "I hope you’re well, and that you’re coming."),
    ("OCT361", "You’re ideas are only more noble than mine.", "your",
     "You’re friends, aren’t you?"),
    ("OCT361", "You’re dear sister is here.", "your", "You’re very kind to say so."),
    ("OCT361", "He listened and said, “Your rushing the chorus.”", "you're",
     "He thought of your marrying him as certain."),
    ("OCT363", "The gentleman who’s negligent servant left it behind.", "whose",
     "The gentleman who’s negligent of his servants."),
    ("OCT365", "She had than been exulting in it.", "then",
     "She had more than enough, and was better than ever."),
    ("OCT365", "He was less gratified by his admiration then by the general’s.", "than",
     "He was less gratified, and then by evening quite cheerful."),
    ("OCT366", "I do not think she has any heart to loose.", "lose",
     "The dog had broken loose. He set the hounds loose."),
    ("OCT366", "They soon loose the look of youth.", "lose", "They cut the boat loose."),
    ("OCT361", "Honestly, your overqualified for this job.", "you're",
     "Your overcoat for the journey is on the chair."),
    ("OCT361", "“Your walking.” He pointed at the map.", "you're",
     "Nobody thought of your walking. We went in the carriage."),
    ("OCT362", "The shelf is fine, but its still too wide.", "it's",
     "The shelf is fine, but its stillness bothers me."),
    ("OCT362", "The rose will only waste it’s fragrance here.", "its",
     "The light flickers like it’s trying to send a message."),
    ("OCT362", "He wrote for it’s cause every day.", "its",
     "She waited until it’s working again."),
    ("OCT364", "I looked at the twins: their not all labelled.", "they're",
     "I looked at their notes, all labelled."),
    ("OCT365", "At last she than tried to smile.", "then",
     "She was no sooner in possession of it than, hurrying off, she read it."),
    ("OCT365", "I little thought than—", "then",
     "He is better qualified to decide what is right than a young lady."),
    ("OCT362", "On it’s being proposed, Anne offered to play.", "its",
     "On the whole, it’s being repaired this week."),
    ("OCT362", "Decide whether its worth waking somebody.", "it's",
     "The ring had proved its worth."),
    ("OCT361", "I rejoice as to you’re continuing here.", "your",
     "I am glad you’re continuing here."),
    ("OCT363", "Catherine, who’s second thoughts were clearer, read it.", "whose",
     "Ask Tom, who’s best friends with him."),
    ("OCT365", "“Very well, than there is an end of the party.”", "then",
     "He would rather walk, than ride in that carriage."),
    ("OCT365", "She asked. So than it all came out.", "then",
     "It was no more so than usual."),
    ("OCT364", "They were anxious to promote there daughter’s comfort.", "their",
     "Is there anybody’s coat on the chair?"),
    ("OCT364", "He had gone.  There evil was incalculable.", "their",
     "He had gone.  There again was the old man, and there once was a mill."),
    ("OCT362", "She could not see Pemberley and it’s owner.", "its",
     "“It’s geometry, and geometry is against you.”"),
    ("OCT367", "So it is in vain to effect ignorance.", "affect",
     "So it is in vain to effect their escape."),
    ("OCT367", "He effects greater indifference than he feels.", "affects",
     "It effects a change in her manners."),
    ("OCT367", "It may greatly effect his health.", "affect", "It may greatly effect a cure."),
    ("OCT367", "It was a most effecting scene.", "affecting",
     "It was a most effective scene, effecting a change."),
    ("OCT367", "Nothing could effect him now.", "affect", "Nothing could effect his escape."),
    ("OCT367", "She was effecting to take no notice.", "affecting",
     "The effect to be produced was great."),
]


@pytest.mark.parametrize(("code", "slip", "fix", "right"), CASES,
                         ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_the_slip_is_found_with_its_fix_and_the_look_alike_is_not(code: str, slip: str,
                                                                   fix: str, right: str) -> None:
    found = [d for d in check_text(slip, "s.txt") if d.code == code]
    assert [(d.fix or "").lower() for d in found] == [fix]
    assert [d for d in check_text(right, "s.txt") if d.code == code] == []
