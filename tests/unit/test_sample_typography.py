"""The sample stories, normalised: the flaws our user's manuscripts really have, set right."""

from __future__ import annotations

from octavo.document import Paragraph, block_text
from octavo.ingest import read_manuscript
from octavo.normalise import normalise_story
from tests.conftest import REPO


def paragraphs(name: str) -> list[str]:
    path = REPO / "manuscripts" / name
    story = normalise_story(read_manuscript(path, name))
    return [block_text(b) for b in story.blocks if isinstance(b, Paragraph)]


def test_straight_quotes_story() -> None:
    text = paragraphs("000_cae833c62a8e726c.txt")
    assert text[2] == "“Yah. Just a dream.”"
    assert "‘Let her go.’ He told himself." in text  # a thought in single quotes stays single
    assert ("“I love you…” She whispered softly to his corpse. Her eyes closed and she turned "
            "away, crying more.") in text
    assert "“Goodbye…old buddy.” He said softly," in text
    assert text[0].endswith("ghosts of his past…")
    joined = "\n".join(text)
    assert "'" not in joined and '"' not in joined and "..." not in joined


def test_curly_quotes_story_with_no_break_spaces() -> None:
    text = paragraphs("003_4cf53e13c3f0ee84.txt")
    # A no-break space at the end of a line, and one before a paragraph, are gone.
    assert "“Ouch! Dammit,” he muttered." in text
    assert "“I… I can sell my ship. That should help pay for some of it, right?”" in text
    assert "softened. It struck Faye" in "\n".join(text)
    # The cut-off speech typed "I lo-“" ends with an em dash and a closing quote.
    assert any(p.endswith("Because I…. I lo—”") for p in text)
    assert all("\u00a0" not in p and not p.endswith(" ") for p in text)
    assert "“Y-Yessir!”" in text[3]  # a stammer's hyphen stays a hyphen
