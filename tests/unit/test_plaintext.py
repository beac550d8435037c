"""Plain-text paragraphs, headings and scene breaks."""

from __future__ import annotations

import pytest

from octavo.document import Paragraph, SceneBreak, block_text
from octavo.ingest.plaintext import parse_plaintext, split_heading


def texts(source: str) -> list[str]:
    return [block_text(b) if isinstance(b, Paragraph) else "<break>"
            for b in parse_plaintext(source, "s.txt").blocks]


def test_blank_line_and_single_newline_paragraphs_mix() -> None:
    source = "First paragraph.\n\n\"Dialogue.\"\nNarration follows.\n\nLast one."
    assert texts(source) == ["First paragraph.", '"Dialogue."', "Narration follows.", "Last one."]


def test_hard_wrapped_text_is_joined_into_paragraphs() -> None:
    line = "This line of fixed-width prose runs on for about seventy characters or so"
    paragraph = "\n".join([line] * 4 + ["and ends here."])
    source = "\n\n".join([paragraph] * 3)
    result = texts(source)
    assert len(result) == 3
    assert result[0] == " ".join([line] * 4 + ["and ends here."])


def test_heading_with_title() -> None:
    story = parse_plaintext("SESSION ONE: Where I Belong\n\nHammond was first.", "s.txt")
    assert story.heading is not None
    assert (story.heading.label, story.heading.title) == ("SESSION ONE", "Where I Belong")
    assert [block_text(b) for b in story.blocks] == ["Hammond was first."]


def test_bare_label_takes_the_next_short_line_as_title() -> None:
    story = parse_plaintext("Session 1:\n\n~Come Back Symphony (Updated)\n\nIt was over.", "s.txt")
    assert story.heading is not None
    assert (story.heading.label, story.heading.title) == ("Session 1", "Come Back Symphony (Updated)")
    assert [block_text(b) for b in story.blocks] == ["It was over."]


def test_bare_label_does_not_swallow_a_sentence() -> None:
    story = parse_plaintext("Chapter 3\n\nIt was over. Finally.\n\nMore.", "s.txt")
    assert story.heading is not None and story.heading.title is None
    assert [block_text(b) for b in story.blocks] == ["It was over. Finally.", "More."]


def test_ordinary_first_lines_are_not_headings() -> None:
    assert split_heading("Sessions with my therapist were long.") is None
    assert split_heading("Part of me wanted to stay.") is None
    assert split_heading("Chapter 12 - The Fall") == ("Chapter 12", "The Fall")
    assert split_heading("Prologue") == ("Prologue", None)


def test_scene_break_markers_collapse_and_edges_drop() -> None:
    source = "***\n\nOne.\n\n* * *\n\n#\n\nTwo.\n\n~~~\n\nThree.\n\n---\n"
    assert texts(source) == ["One.", "<break>", "Two.", "<break>", "Three."]


def test_paragraph_spans_point_at_source_lines() -> None:
    story = parse_plaintext("One.\n\n\nTwo.\nThree.", "s.txt")
    assert [b.span.line for b in story.blocks if b.span] == [1, 4, 5]
    assert not any(isinstance(b, SceneBreak) for b in story.blocks)


def test_a_bare_title_line_is_the_title() -> None:
    story = parse_plaintext("The Cartographer’s Daughter\n\nShe drew the coast.", "s.txt")
    assert story.heading is not None and story.heading.title == "The Cartographer’s Daughter"
    assert [block_text(b) for b in story.blocks] == ["She drew the coast."]


def test_a_sentence_or_fragment_is_not_a_title() -> None:
    for first in ("It was over.", "He opened his mouth to tell her, and—", "“Stop” she said",
                  "and then nothing at all happened to anyone in this small town today"):
        assert parse_plaintext(f"{first}\n\nMore text.", "s.txt").heading is None, first


# -- wraps, titles and verse: decided from the shape of the whole passage -------------------

def kinds(source: str) -> list[tuple[str, str]]:
    from octavo.document import Verse

    return [("verse" if isinstance(b, Verse) else "break" if isinstance(b, SceneBreak) else "p",
             block_text(b)) for b in parse_plaintext(source, "s.txt").blocks]


def test_a_line_broken_mid_sentence_is_a_wrap_even_between_single_newline_paragraphs() -> None:
    source = ("It was late.\nHe walked to the door and\nopened it slowly, then\nstepped out.\n"
              "Nobody followed.\n")
    assert kinds(source) == [("p", "It was late."),
                             ("p", "He walked to the door and opened it slowly, then stepped out."),
                             ("p", "Nobody followed.")]


def test_a_sentence_end_or_a_capital_ends_the_paragraph() -> None:
    assert kinds("It was late.\nShe waited\nNobody came.\nthe end.\n") == [
        ("p", "It was late."), ("p", "She waited"), ("p", "Nobody came."), ("p", "the end.")]


def test_a_first_line_that_runs_on_is_not_a_title() -> None:
    story = parse_plaintext("He walked to the door and\nopened it slowly.\n\nIt was dark.", "s.txt")
    assert story.heading is None
    assert [block_text(b) for b in story.blocks] == ["He walked to the door and opened it slowly.",
                                                     "It was dark."]


def test_a_first_line_ending_on_a_word_that_leads_on_is_not_a_title() -> None:
    for first in ("He walked to the door and", "They came back with", "She walked home alone"):
        assert parse_plaintext(f"{first}\n\nMore text.", "s.txt").heading is None, first
    for title in ("The Door", "Something to Believe In", "He Left", "A Song for the Road"):
        story = parse_plaintext(f"{title}\n\nMore text.", "s.txt")
        assert story.heading is not None and story.heading.title == title


STANZA = ("The woods are lovely, dark and deep,\nBut I have promises to keep,\n"
          "And miles to go before I sleep,\nAnd miles to go before I sleep.")


def test_a_stanza_set_apart_by_blank_lines_is_verse() -> None:
    assert kinds(f"It began to rain.\n\n{STANZA}\n\nHe put the book down.\n") == [
        ("p", "It began to rain."), ("verse", STANZA), ("p", "He put the book down.")]


def test_an_indented_song_inside_single_newline_prose_is_verse() -> None:
    source = ("Then she sang, softly, the way her mother used to on the porch at night:\n"
              "    Oh my darling, oh my darling,\n    Oh my darling Clementine,\n"
              "    you are lost and gone forever\nAnd he wept.\n")
    assert kinds(source) == [
        ("p", "Then she sang, softly, the way her mother used to on the porch at night:"),
        ("verse", "Oh my darling, oh my darling,\nOh my darling Clementine,\n"
                  "you are lost and gone forever"),
        ("p", "And he wept.")]


def test_an_address_block_is_verse_and_the_letter_after_it_is_prose() -> None:
    source = ("The letter read:\n\nMr. John Smith\n14 Harbour Lane\nPortsmouth\nPO1 2AB\n\n"
              "Dear John,\n\nI hope this finds you well.\n")
    assert kinds(source) == [("p", "The letter read:"),
                             ("verse", "Mr. John Smith\n14 Harbour Lane\nPortsmouth\nPO1 2AB"),
                             ("p", "Dear John,"), ("p", "I hope this finds you well.")]


@pytest.mark.parametrize("source", [
    '"Yes."\n"No."\n"Maybe."\n"Why not?" she asked\n"Because."\n',  # dialogue, one per line
    "Dear John,\nI hope this finds you well.\nLove, Mary\n",  # a letter's greeting and body
    "He left.\nShe stayed.\nThe end came.\n",  # short sentences
    '"Wait," he said\n"Why?"\n',  # two short lines
    "Short line one.\nShort line two!\nShort line three?\n",
])
def test_short_lines_that_are_paragraphs_stay_paragraphs(source: str) -> None:
    assert all(kind == "p" for kind, _ in kinds(source)), kinds(source)
    assert len(kinds(source)) == source.count("\n")


def test_verse_reads_back_from_octavos_own_markdown() -> None:
    from octavo.normalise import to_markdown

    once = to_markdown(f"Prose.\n\n{STANZA}\n", "s.txt")
    assert "deep,\\\nBut" in once
    assert to_markdown(once, "s.txt") == once
    assert ("verse", STANZA) in kinds(once)


def test_the_checker_sees_the_readers_paragraphs() -> None:
    from octavo.check import paragraphs_of

    found = paragraphs_of("It was late.\nHe walked to the door and\nopened it.\n\n" + STANZA)
    assert [[line.number for line in p.lines] for p in found] == [[1], [2, 3], [5, 6, 7, 8]]
