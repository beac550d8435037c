"""The checks that see the whole book: typos learnt against the book's vocabulary, one form per
word (hyphens, titles, national spellings), each with a firing case and look-alikes."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.check import book_findings, check_text
from octavo.check.anthology_rules import StoryText


def story(name: str, text: str) -> StoryText:
    return StoryText(name, text.split("\n"))


def found(stories: list[StoryText], language: str = "en-US",
          own: frozenset[str] = frozenset()) -> list[tuple[str, str, int, int, str | None]]:
    return [(d.code, d.span.path, d.span.line, d.span.column, d.fix)
            for d in book_findings(stories, language, own) if d.span]


def test_a_typo_used_once_is_reported_with_the_common_word_it_is_one_slip_from() -> None:
    book = [story("a.txt", "She went to teh window.\n\nI will recieve it tomorrow.")]
    assert found(book) == [("OCT347", "a.txt", 1, 13, "the"), ("OCT347", "a.txt", 3, 8, "receive")]


def test_the_books_own_words_are_never_typos() -> None:
    # A dialect word the book uses twice (in two stories), a name, an elision, a word the
    # manifest declares, dialect that only drops a g or regularises a verb.
    book = [story("a.txt", "Ye'll be gwine home, I knowed it. Nothin to be done."),
            story("b.txt", "He was gwine to the river with Tsarkov, goin' slow, 'em too."),
            story("c.txt", "The glorp sat in its jar.")]
    assert found(book, own=frozenset({"glorp"})) == []


def test_a_paragraph_of_dialect_is_not_read_as_typos() -> None:
    # two unknown words in one line: speech in dialect, not one slip
    assert found([story("a.txt", "\"I'll tek thee theer,\" he said.")]) == []


def test_the_dictionary_follows_the_books_language() -> None:
    from octavo.check.typo_rules import likely_typos

    book = [story("a.txt", "The colur of the sky.")]
    (us,) = likely_typos(book, "en-US")
    (gb,) = likely_typos(book, "en-GB")
    assert "en_US dictionary" in us.message and "en_GB dictionary" in gb.message


def test_a_language_without_a_dictionary_says_so_once() -> None:
    book = [story("a.txt", "Ydw i'n hoffi'r môr. Mae'n braf heddiw.")]
    (note,) = book_findings(book, "cy")
    assert note.code == "OCT348" and note.severity.value == "info"


def test_a_word_hyphenated_two_ways_is_reported_once_at_the_rarer_form() -> None:
    book = [story("a.txt", "She sent an email. Another email came."),
            story("b.txt", "The e-mail was short.")]
    assert found(book) == [("OCT380", "b.txt", 1, 5, "email")]
    different_words = [story("a.txt", "They re-cover the chairs. He will recover. I recover.")]
    assert found(different_words) == []


def test_a_title_capitalised_two_ways_in_mid_sentence() -> None:
    book = [story("a.txt", "He saw the captain. Then the captain left. Later the Captain came.")]
    (finding,) = book_findings(book, "en-US")
    assert finding.code == "OCT381" and finding.fix == "captain"
    assert "'Captain' (1 times) is written 'captain' 2 times" in finding.message
    names = [story("a.txt", "They sailed the Sound. The sound of it. Then the sound again.")]
    assert found(names) == []


def test_a_title_capitalised_two_ways_is_reported_at_a_use_after_the() -> None:
    # the lower-case form is used first without `the` (a generic admiral): the finding points
    # at the use that was counted, not at that one
    book = [story("a.txt", "If a rich admiral came, the Admiral said.\nThe Admiral smiled at "
                  "the Admiral.\nBut the admiral was gone.")]
    (finding,) = book_findings(book, "en-GB")
    assert finding.code == "OCT381" and finding.span is not None
    assert (finding.span.line, finding.span.column) == (3, 9)


def test_a_word_spelt_in_two_national_styles() -> None:
    book = [story("a.txt", "The colour of it. Another colour."), story("b.txt", "A color.")]
    (finding,) = book_findings(book, "en-US")
    assert (finding.code, finding.span and finding.span.path, finding.fix) == (
        "OCT382", "b.txt", "colour")
    assert "British 'colour', American 'color'" in finding.message
    # four and for, tour and tor: the dictionaries say these are not national pairs
    assert found([story("a.txt", "Four of them came for us on the tour.")]) == []


def test_book_findings_obey_ignore_directives_and_stale_ones_are_reported() -> None:
    book = [story("a.txt", "%% octavo: ignore OCT347\nShe went to teh window.\n\n"
                           "%% octavo: ignore OCT347\nNothing here.")]
    assert found(book) == [("OCT309", "a.txt", 4, 1, None)]
    # check_text leaves the whole-book codes to book_findings
    assert [d.code for d in check_text(book[0].text, "a.txt")] == []


def test_the_dictionary_index_works_without_a_writable_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from octavo.check import spelling

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("OCTAVO_CACHE_DIR", str(blocked))
    book = spelling._dictionary("en_US")
    index = spelling._word_index("en", "en_US", book)  # built in memory
    assert index.most_common({"teh", "the", "tea"}) == "the" and index.frequency("teh") is None
    assert blocked.read_text(encoding="utf-8").startswith("a file")


def test_a_form_used_only_inside_a_hyphenated_word_is_still_located() -> None:
    # the benchmark found this: `traveling` counted in `traveling-chaise` but not found again
    book = [story("a.txt", "Then travelling, and travelling.\n\nA traveling-chaise came.")]
    assert found(book, "en-GB") == [("OCT382", "a.txt", 3, 3, "travelling")]


def test_a_provider_that_claims_a_language_but_fails_is_no_dictionary() -> None:
    # Enchant's Hspell provider says it has Hebrew, then cannot open its files
    book = [story("a.txt", "שלום עולם, זה סיפור קצר על הים.")]
    assert [d.code for d in book_findings(book, "he")] == ["OCT348"]


def test_older_and_dialect_spellings_are_words_but_a_lost_apostrophe_is_a_typo() -> None:
    # SCOWL's largest list knows teazing, vext and nuncheon; `dont` is a contraction that
    # lost its apostrophe, so it stays a typo although the list has it too
    book = [story("a.txt", "She was teazing the child.\n\nHe spoke in a vext tone.\n\n"
                           "It procured me a nuncheon at Marlborough.\n\nI dont know.")]
    assert [(code, line, fix) for code, _, line, _, fix in found(book)] == [
        ("OCT347", 7, "don't")]


def test_a_slip_inside_a_compound_is_left_to_the_author() -> None:
    assert found([story("a.txt", "So unlover-like a speech; a spunging-house.")]) == []


def test_two_national_styles_used_equally_often_report_the_one_the_book_does_not_use() -> None:
    book = [story("a.txt", "A sense of humour."), story("b.txt", "A sense of humor.")]
    (us,) = book_findings(book, "en-US")
    (gb,) = book_findings(book, "en-GB")
    assert (us.span and us.span.path, us.fix) == ("a.txt", "humor")
    assert (gb.span and gb.span.path, gb.fix) == ("b.txt", "humour")


def test_a_possessive_is_counted_with_its_word_for_hyphenation() -> None:
    book = [story("a.txt", "The afternoon was fine. Every afternoon was."),
            story("b.txt", "On the after-noon's walk.")]
    assert [(code, path, fix) for code, path, _, _, fix in found(book)] == [
        ("OCT380", "b.txt", "afternoon")]


def test_forms_are_located_exactly_after_a_letter_whose_lower_case_is_longer() -> None:
    # `İ` lower-cases to two characters: the case-blind search must not shift the place
    book = [story("a.txt", "İİİ went to-day. Today, and today again."),
            story("b.txt", "İ said e-mail, and email, and email.")]
    assert sorted((code, path, line, column) for code, path, line, column, _ in found(book)) == [
        ("OCT380", "a.txt", 1, 10), ("OCT380", "b.txt", 1, 8)]


def test_a_name_is_no_closed_form_of_a_hyphenated_word() -> None:
    # Midsummer, the quarter day, is a name; the season is mid-summer
    names = [story("a.txt", "It was hot in mid-summer.\n\nThey would marry instead of "
                            "Midsummer, at Michaelmas.")]
    assert found(names) == []
    # a form capitalised only where it opens a sentence is still the same word
    book = [story("a.txt", "Today was fine. She came to-day and to-day.\n\nToday, then.")]
    assert [code for code, *_ in found(book)] == ["OCT380"]


def test_of_two_forms_used_as_often_the_hyphenated_one_is_reported() -> None:
    # once each: the dictionary's closed form stays, wherever the hyphenated one stands
    for text in ("He went to the hard-ware store.\n\nThe hardware was old.",
                 "The hardware was old.\n\nHe went to the hard-ware store."):
        ((code, _, line, _, fix),) = found([story("a.txt", text)])
        assert (code, fix) == ("OCT380", "hardware")
        assert text.split("\n")[line - 1].count("hard-ware") == 1
