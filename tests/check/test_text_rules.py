"""Each text check: one input that must fire, one look-alike that must not."""

from __future__ import annotations

import pytest

from octavo.check import check_text
from octavo.check.text_rules import RULES

CASES = [
    # code, must fire, look-alike that must not
    ("OCT301", "It\u00e2\u20ac\u2122s late.", "It’s late, café au lait."),
    ("OCT302", "Zero\u200bwidth here.", "A family 👩\u200d👩\u200d👧 and می\u200cخواهم."),
    ("OCT310", "She saw the the boat.", "She had had enough; that that was true."),
    ("OCT311", "Cost him a fortune, he said.. Then left.", "He waited... then left."),
    ("OCT312", "He stopped , then ran .", "He stopped, then ran. It was 9 a.m."),
    ("OCT313", "He was - no, he is - sure.", "A well-known mother-in-law, 1990-95."),
    ("OCT320", "He turned to her,", "He turned to her. 東京の夜は静かだった。"),
    ("OCT321", "Because I lo-“", "“Because,” she said."),
    ("OCT322", "“Go home, she said.\n\nHe went.", "“Go home,” she said.\n\nHe went."),
    ("OCT322", 'He was 5\'9" and "tall.\n\nNo.', 'He was 5\'2"-5\'9", with a 14" pan.\n\nNo.'),
    ("OCT323", "A/N: thanks for reading!", "Anna: thanks for reading!"),
    ("OCT324", " ".join(["word"] * 360) + ".", " ".join(["word"] * 300) + "."),
    ("OCT330", "A line ends here.\u00a0 ", "A line ends here."),
    ("OCT331", "\tIndented with a tab.", "Indented by the styles."),
    ("OCT326", "word " * 40_001, "word " * 30_000 + "end."),
    ("OCT325", "It began.\n\nChapter 2\n\nIt went on.", "Chapter 2 was the best of them."),
    ("OCT350", "The stone said ᚠ.", "Café, λόγος, 中文, עברית, عربي, 😀."),
    ("OCT342", "“Why couldn’t you ask for help?” She asked him.",
     "“Why?” She turned away. “Why?” Tom asked. “Why?” She explained the plan."),
    ("OCT343", "“I’m here.” she said.", "“I’m here,” she said. “At 5 p.m.” she said."),
    ("OCT344", "“I’m here” she said.", "He called it “the end” she said, and laughed."),
    ("OCT345", "He left. then he came back.",
     "He left at 5 a.m. and came back, etc. and so on. He waited . . . and left."),
    ("OCT346", "It was the end.Then he left.",
     "See www.example.com or J.R.R. Tolkien, e.g.The or wait...Then 3.5 miles."),
    ("OCT361", "I don’t know what your talking about.",
     "Your talking points were good. Your telling it will help. You’re right."),
    ("OCT362", "Its a shame. It’s own fault.", "The dog wagged its tail. It’s late."),
    ("OCT363", "He was a man whose seen too many.",
     "A man whose landed property was large. Who’s there?"),
    ("OCT364", "Their is a problem.", "Their house is there. They’re late."),
    ("OCT365", "She was taller then me.", "He was older then. Then he left."),
    ("OCT366", "I’m loosing my mind.", "A loose tooth. Don’t lose it."),
    ("OCT367", "The affect of it was huge.", "It will affect me. The effect was huge."),
    ("OCT368", "There was alot of rain.", "There was a lot of rain. They allot it."),
    ("OCT369", "She could of gone.", "It could of course be true."),
    ("OCT370", "It was a apple.", "An hour, a university, an historic day, a one-off."),
    # Off by default; a book turns them on (check: {enable: [...]}).
    ("OCT303", "He said, \"no.\"", "He said, “no.”"),
    ("OCT304", "He said--no.", "He said—no. A well-known fact."),
]


OPT_IN = frozenset({"OCT303", "OCT304"})


def codes(text: str, enabled: frozenset[str] = OPT_IN) -> list[str]:
    return [d.code for d in check_text(text, "s.txt", enabled)]


def test_every_rule_has_a_case() -> None:
    assert {code for code, _, _ in CASES} == {rule.code for rule in RULES}


@pytest.mark.parametrize(("code", "fires", "quiet"), CASES, ids=[c[0] for c in CASES])
def test_rule_fires_on_the_fault_and_not_on_the_look_alike(code: str, fires: str,
                                                            quiet: str) -> None:
    assert code in codes(fires)
    assert code not in codes(quiet)


def test_positions_are_exact() -> None:
    (finding,) = [d for d in check_text("One.\n\nShe saw the the boat.", "s.txt")]
    assert finding.span is not None
    assert (finding.span.line, finding.span.column, finding.span.end_column) == (3, 9, 16)


def test_speech_running_on_into_the_next_paragraph_is_not_unbalanced() -> None:
    text = "“It was a long road, and I walked it.\n\n“Then the sea came.”"
    assert "OCT322" not in codes(text)


def test_an_unbalanced_quote_is_located_at_the_quote_without_a_partner() -> None:
    def where(text: str) -> list[tuple[int, int]]:
        return [(d.span.line, d.span.column) for d in check_text(text, "s.txt")
                if d.code == "OCT322" and d.span]

    # speech that opens twice and closes once: the first opening has no partner
    assert where("He said, “Go home. “Now,” she said.") == [(1, 10)]
    assert where("“Go home,” she said.\n\nHe stopped.” Then left.") == [(3, 12)]
    # a speech that quotes someone with the same marks is balanced
    assert where('She said, "Do not say "never," ever," and left.') == []
    # a speech that runs on is fine, unless its own tag shows it should have closed
    assert where("“It was a long road.\n\n“Then the sea came.”") == []
    assert where("“It was kind of you, said Anne.\n\n“Not at all.”") == [(1, 1)]


def test_a_colon_introducing_speech_or_a_letter_is_not_a_bad_ending() -> None:
    assert "OCT320" not in codes("She read it aloud:\n\n“Dear Sir, I write in haste.”")
    assert "OCT320" not in codes("He began, in a low voice,\n\n“I have something to say.”")
    assert "OCT320" in codes("He began:")  # nothing follows it
    assert "OCT320" in codes("She walked to his side,\n\n“I understand. I’ll inform the medical "
                             "staff of your request at once.”")  # narration, not a speech tag


def test_hard_wrapped_paragraph_is_one_paragraph() -> None:
    line = "This line of fixed-width prose runs on for about seventy characters or so"
    paragraph = "\n".join([line] * 4 + ["and ends here."])
    assert "OCT320" not in codes("\n\n".join([paragraph] * 3))


def test_a_name_spelled_two_ways_is_reported_at_every_use_of_the_rarer_spelling() -> None:
    from octavo.check.anthology_rules import StoryText, name_spellings

    first = StoryText("a.txt", ["Then Jett laughed.", "She saw Jett again, and Faye too.",
                                "Only Jett stayed."])
    second = StoryText("b.txt", ["Later Jet was gone.", "", "Nobody saw Jet.", "Jet left."])
    found = name_spellings([first, second])
    assert [(d.code, d.span.path, d.span.line, d.span.column, d.fix) for d in found
            if d.span] == [("OCT340", "b.txt", 1, 7, "Jett"), ("OCT340", "b.txt", 3, 12, "Jett"),
                           ("OCT340", "b.txt", 4, 1, "Jett")]  # the sentence start too
    assert found[0].message == "'Jet' (3 times) is spelled 'Jett' 3 times elsewhere (a.txt)"


def test_a_name_misspelt_only_where_every_word_takes_a_capital_is_reported() -> None:
    from octavo.check.anthology_rules import StoryText, name_spellings

    # Bernice is a name (capitalised in mid-sentence, never in lower case); `Bernnice`
    # stands only at the start of speech, a line or a sentence, so it is her name misspelt.
    first = StoryText("a.txt", ["They sat with Aunt Bernice.", "It was Bernice who dealt.",
                                "Later Bernice won."])
    second = StoryText("b.txt", ['"Bernnice cheat."', "", "Bernnice: you said it."])
    found = name_spellings([first, second])
    assert [(d.span.path, d.span.line, d.span.column, d.fix) for d in found if d.span] == [
        ("b.txt", 1, 2, "Bernice"), ("b.txt", 3, 1, "Bernice")]
    # Look-alikes: a dialect word beside a common word used in mid-sentence (`Weel` and
    # `Well`: the book writes `well` in lower case too), and a dictionary word at sentence
    # starts (`Mat` beside the name Matt) are no names misspelt.
    dialect = StoryText("c.txt", ['"Weel, here it is."', '"Weel," said Dougal.',
                                  "He said, Well, no. All was well."])
    words = StoryText("d.txt", ["They met Matt twice, and Matt stayed.",
                                "Mat by the door, rolled.", "Mat again."])
    assert name_spellings([dialect, words]) == []


def test_names_that_only_look_alike_once_are_not_reported() -> None:
    from octavo.check.anthology_rules import StoryText, name_spellings

    stories = [StoryText("a.txt", ["Then Anna sang.", "Later Anna slept."]),
               StoryText("b.txt", ["It was the Ana River."])]  # used once: not a name to compare
    assert name_spellings(stories) == []


def test_opt_in_checks_are_off_by_default() -> None:
    assert codes('He said--"no."', frozenset()) == []


def test_a_directive_excuses_the_next_paragraph_and_stale_ones_are_reported() -> None:
    text = ("%% octavo: ignore OCT310\nShe said it again and again, the the way she does.\n\n"
            "%% octavo: ignore OCT311\nNothing doubled here.\n\nBut the the slip here counts.")
    found = [(d.code, d.span.line if d.span else 0) for d in check_text(text, "s.txt")]
    assert found == [("OCT310", 7), ("OCT309", 4)]


def test_house_style_words() -> None:
    words = (("alright", "all right"), ("OK", "okay"))
    found = check_text("Alright, it was OK. Not ok, Okay? All right.", "s.txt", frozenset(), words)
    assert [(d.code, d.span.column if d.span else 0, d.fix) for d in found] == [
        ("OCT341", 1, "all right"), ("OCT341", 17, "okay")]


def test_a_repeat_is_found_whatever_its_case() -> None:
    found = [d for d in check_text("The the boat came in. It was IT it again.", "s.txt")
             if d.code == "OCT310"]
    assert [(d.span.column if d.span else 0) for d in found] == [1, 30]


def test_a_repeat_is_found_on_every_line_of_a_paragraph() -> None:
    """A hard-wrapped paragraph (one paragraph of several lines): a slip on its third line."""
    line = "This line of fixed-width prose runs on for about seventy characters or so"
    paragraph = "\n".join([line, line, "and then the the end came", line, "and it ended."])
    source = "\n\n".join([paragraph] * 3)
    found = [d for d in check_text(source, "s.txt") if d.code == "OCT310"]
    assert [(d.span.line, d.span.column) for d in found if d.span] == [(3, 10), (9, 10), (15, 10)]


def test_a_repeat_is_found_in_a_wrapped_paragraph_of_a_single_newline_file() -> None:
    source = "It was late.\nHe walked to the door and\nopened it, and and then left.\n"
    found = [d for d in check_text(source, "s.txt") if d.code == "OCT310"]
    assert [(d.span.line, d.span.column) for d in found if d.span] == [(3, 12)]
def test_narration_that_begins_a_speech_may_end_in_a_comma() -> None:
    assert "OCT320" not in codes("He began with,\n\n“I have something to say.”")
    assert "OCT320" not in codes("And away she went; but returning again in a moment,\n\n"
                                 "“Lord! here comes your aunt.”")
    # an action is not a lead-in, and a lead-in with nothing after it still lacks its end
    assert "OCT320" in codes("She walked to his side,\n\n“I understand. I’ll inform the staff "
                             "of your request at once.”")
    assert "OCT320" in codes("He began with,\n\nThe rain stopped at last over the long grey "
                             "valley and the town.")


def test_a_quotation_over_several_plain_paragraphs_is_balanced() -> None:
    charade = ("“My first displays the wealth and pomp of kings,\n\n"
               "Lords of the earth! their luxury and ease.\n\n"
               "Thy ready wit the word will soon supply,\n\n"
               "May its approval beam in that soft eye!”\n\nShe read it twice.")
    assert "OCT322" not in codes(charade)
    # a quote left open, and the next quotes in the story opening properly, is still found
    assert "OCT322" in codes("“Go home, she said.\n\nHe went.\n\n“Now,” he said.")
