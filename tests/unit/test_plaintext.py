"""Plain-text paragraphs, headings and scene breaks."""

from __future__ import annotations

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
