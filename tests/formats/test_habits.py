"""Fan-fiction habits: found in every format, reported, and kept unless the manifest decides."""

from __future__ import annotations

from octavo.check import check_book
from octavo.diagnostics import Span
from octavo.document import Aside, Paragraph, Text, block_text
from octavo.ingest.habits import apply_habits
from octavo.ingest.model import ManuscriptHeading, RawStory
from tests.conftest import SAMPLE_MANIFEST


def _story(*texts: str, title: str | None = None) -> RawStory:
    heading = ManuscriptHeading(None, title, Span("s.docx")) if title else None
    return RawStory(heading, tuple(Paragraph((Text(t),), Span("s.docx", 0, 1, paragraph=n))
                                   for n, t in enumerate(texts, start=1)))


STORY = _story("A/N: Thanks to everyone who reviewed!", "Disclaimer: I don't own any of this.",
               "The tram climbed the hill in the rain.", "Chapter 2",
               "At the top, Vera got off and did not look back.", "(Updated)",
               "Until next time", "3/4/12", title="The Tram (Edited)")


def test_found_and_kept_by_default() -> None:
    result = apply_habits(STORY, (), "s.docx")
    assert result.blocks == STORY.blocks and result.heading == STORY.heading
    codes = sorted(d.code for d in result.diagnostics)
    assert codes == ["OCT240", "OCT241", "OCT242", "OCT242", "OCT243", "OCT244", "OCT244"]
    assert all("kept" in d.message for d in result.diagnostics)
    assert str(result.diagnostics[0].span) == "s.docx:¶1:1"


def test_moved_or_dropped_as_the_manifest_says() -> None:
    result = apply_habits(STORY, (("authors_notes", "endnote"), ("disclaimers", "drop"),
                                  ("update_stamps", "drop"), ("signoffs", "drop")), "s.docx")
    texts = [block_text(b) for b in result.blocks]
    assert texts[:3] == ["The tram climbed the hill in the rain.", "Chapter 2",
                         "At the top, Vera got off and did not look back."]
    notes = result.blocks[-1]
    assert isinstance(notes, Aside) and notes.kind == "notes"
    assert block_text(notes).endswith("A/N: Thanks to everyone who reviewed!")
    assert result.heading is not None and result.heading.title == "The Tram"


def test_look_alikes_are_left_alone() -> None:
    story = _story("Annie noted the date: 3 April.", "She did not own a car, or want one.",
                   "“Edited? No, written,” he said.", "They left at dawn, before the bells.")
    assert apply_habits(story, (), "s.docx").diagnostics == ()


def test_the_sample_signoff_is_reported_and_kept() -> None:
    found = check_book(SAMPLE_MANIFEST)
    signoffs = [d for d in found if d.code == "OCT244"]
    assert {d.message.split("'")[1] for d in signoffs} == {"See You, Space Cowboy",
                                                            "2:18am 24th September, 2012"}
    assert all("kept" in d.message for d in signoffs)
