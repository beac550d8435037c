"""The whole-book checks run early, while worker processes read and check the stories.

The checks across the book (names, forms, national spellings, typos) need every story's
text, and used to run alone at the end, on one core, after the stories. But the text they
read is only the decoded manuscript, which the parent process can decode from the bytes it
has already read: so it runs them while the workers do the rest, then takes its share of the
stories that are left. The findings are used only if the texts the stories gave are exactly
the texts they were made from (a story that could not be parsed gives none, for one); else
they are made again, as before, from the stories' own texts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from octavo.check.anthology_rules import StoryText
from octavo.diagnostics import Diagnostic, OctavoError
from octavo.ingest import MARKDOWN_SUFFIXES, is_line_format
from octavo.ingest.decode import decode_manuscript
from octavo.paths import display_path


class EarlyBookFindings:
    """`run(texts)` makes the findings from the texts the stories will most likely give;
    `findings(texts)` returns them if those were the texts, else None."""

    def __init__(self, check: Callable[[list[StoryText]], list[Diagnostic]]) -> None:
        self._check = check
        self._made: tuple[list[StoryText], list[Diagnostic]] | None = None

    def run(self, texts: list[StoryText]) -> None:
        try:
            self._made = (texts, self._check(texts))
        except Exception:  # made again from the stories' own texts, which raise it again
            self._made = None

    def findings(self, texts: list[StoryText]) -> list[Diagnostic] | None:
        if self._made is None or self._made[0] != texts:
            return None
        return self._made[1]


def likely_text(path: Path, raw: bytes) -> StoryText | None:
    """The text of the story in `raw` that the whole-book checks read, as `process_story`
    makes it when linting; None for a format they do not read."""
    suffix = path.suffix.lower()
    if not is_line_format(suffix) or suffix in MARKDOWN_SUFFIXES:
        return None
    shown = display_path(path)
    try:
        decoded = decode_manuscript(raw, shown)
    except OctavoError:
        return None
    return StoryText(shown, decoded.text.split("\n"))
