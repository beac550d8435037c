"""OCT320 and verse set a line to a paragraph: songs and poems in manuscripts and exports often
have a blank line between every line, so each line is a paragraph of its own and most end in a
comma, a semicolon or nothing. That is verse, not prose that lost its ending; a run of short
speeches with one lost full stop is still reported. The verses are written for these tests."""

from __future__ import annotations

import pytest

from octavo.check import check_text

VERSES = [
    ["Down by the river where the willows grow so long and low,",
     "I left my heart with a girl I knew a long, long time ago;",
     "And if you find it lying there, then keep it safe and warm,",
     "And carry it home across the fields before the coming storm."],
    ["Sing me a song of the northern sea and the boats that sail away",
     "Where the grey gulls cry and the wind blows free at the breaking of the day,",
     "Sing of the men who never came home to the harbour wall",
     "And the wives who wait by the tide and the foam and listen for their call."],
    ["Oh, the kettle's on the hob and the dog is by the fire,",
     "And Father's coming up the lane with his boots all caked in mire;",
     "So it's bread and it's dripping and it's off up the stair",
     "And the candle's nearly guttered out by the time that we get there."],
    ["'Twas on a Monday morning that the ploughboy rose at four,",
     "He kissed his mother at the gate and went out through the door,",
     "He took the road to Banbury with a shilling in his hand",
     "And never did he come again to walk his father's land."],
    ["Baby, baby, don't you cry beneath that Texas sky,",
     "There's neon in the window and the highway rolling by;",
     "Every road we never took is written in the book",
     "That the driver keeps beside him, if you ever care to look."],
    ["Hush now, the lamps are lit along the long street,",
     "Hush now, the shutters close on the weary and the sweet;",
     "Sleep where the shadows sit and the old clocks keep the time",
     "And dream of the summer rose that grew along the lime."],
]


def _story(lines: list[str]) -> str:
    verse = "\n\n".join(lines)
    return (f"Title\n\nShe sang it the way her grandmother had, slow and low.\n\n{verse}\n\n"
            "When she stopped, nobody spoke for a while.\n")


@pytest.mark.parametrize("lines", VERSES)
def test_verse_set_a_line_to_a_paragraph_is_no_lost_ending(lines: list[str]) -> None:
    assert [d for d in check_text(_story(lines), "s.txt") if d.code == "OCT320"] == []


LOST_ENDINGS = [
    # short speeches and beats, one of which lost its full stop: still reported
    ["\"Where are you going?\"", "\"Out.\"", "He shrugged and turned away from her toward the open door",
     "\"Fine. Go, then.\"", "She did not look up from her book."],
    # a paragraph broken where it should not be: the continuation opens in small letters
    ["The rain came down on the roofs all evening,", "and nobody came to the door.",
     "Mary waited by the window", "until the lamps were lit."],
    # three short lines are too few to call a verse
    ["The train was late again and the platform was nearly empty.",
     "Anna stood by the timetable with her collar turned up against the wind",
     "A porter went past with a trolley of parcels for the night mail.",
     "Nobody else came down the steps from the bridge all that time."],
]


@pytest.mark.parametrize("lines", LOST_ENDINGS)
def test_a_lost_ending_among_short_paragraphs_is_still_reported(lines: list[str]) -> None:
    assert "OCT320" in [d.code for d in check_text(_story(lines), "s.txt")]
