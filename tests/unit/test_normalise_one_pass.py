"""A story is typeset in one walk, each paragraph settling on its own: the result is already the
fixed point that typesetting it again and again would reach, in every house style, on the gold
cases, the sample stories and dialect dialogue (with emphasis inside paragraphs too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from octavo.ingest.decode import decode_manuscript
from octavo.ingest.model import RawStory
from octavo.ingest.plaintext import parse_plaintext
from octavo.normalise import house_style_for, normalise_story
from octavo.normalise.typography import HouseStyle
from tests.golden.score import load_all

REPO = Path(__file__).resolve().parents[2]
STYLES = {"keep": house_style_for("en"), "american": house_style_for("en", "american"),
          "british": house_style_for("en-GB", "british", "spaced-en", "spaced", True)}


def to_fixed_point(story: RawStory, style: HouseStyle) -> RawStory:
    """What the normaliser did before: the whole story typeset again until it stops changing."""
    for _ in range(8):
        again = normalise_story(story, style)
        if again == story:
            return story
        story = again
    return story


def corpus() -> list[str]:
    texts = [case.input for cases in load_all().values() for case in cases]
    for path in sorted((REPO / "manuscripts").glob("*.txt")):
        texts.append(decode_manuscript(path.read_bytes(), path.name).text)
    dialogue = (REPO / "tests" / "unit" / "apostrophe_cases.txt").read_text(encoding="utf-8")
    lines = [line for line in dialogue.split("\n") if line and not line.startswith("#")]
    straight = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
    texts.append("\n\n".join(line.translate(straight) for line in lines))
    # Emphasis splits a paragraph into several text nodes, set together.
    texts.append("\n\n".join(f"*{line[:12]}*{line[12:]}".translate(straight) for line in lines))
    return texts


@pytest.mark.parametrize("style_name", sorted(STYLES))
def test_one_walk_reaches_the_fixed_point(style_name: str) -> None:
    style = STYLES[style_name]
    differ = []
    for number, text in enumerate(corpus()):
        story = parse_plaintext(text, f"case-{number}.txt")
        once = normalise_story(story, style)
        if once != to_fixed_point(once, style):
            differ.append(number)
    assert differ == []


def test_a_converting_style_settles_a_swapped_paragraph_without_the_others() -> None:
    story = parse_plaintext("'She said \"no\" to me,' he said.\n\nA plain line.\n", "a.txt")
    once = normalise_story(story, STYLES["american"])
    assert [b.children[0].value for b in once.blocks] == [  # type: ignore[union-attr]
        "“She said ‘no’ to me,” he said.", "A plain line."]
