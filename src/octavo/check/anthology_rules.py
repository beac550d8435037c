"""Checks across the stories of an anthology: one character, one spelling."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from octavo.diagnostics import Diagnostic, Severity, Span

# A capitalised word that does not start a sentence: most likely a name.
_NAME = re.compile(r"(?<![.!?…“\"‘'(]\s)(?<![.!?…“\"‘'(])(?<=\s)([A-Z][a-z]{2,})\b")
_DOUBLED = re.compile(r"(.)\1")


@dataclass(frozen=True, slots=True)
class StoryText:
    display: str
    lines: list[str]


def _key(name: str) -> str:
    """Jett and Jet, Anna and Ana: the same name once doubled letters are single."""
    return _DOUBLED.sub(r"\1", name.lower())


def name_spellings(stories: list[StoryText]) -> list[Diagnostic]:
    """OCT340: a name spelled two ways across the anthology (Jett in one story, Jet in another).
    Each spelling must be used at least twice, so a one-off word is never taken for a name."""
    counts: Counter[str] = Counter()
    first_seen: dict[str, tuple[str, int, int]] = {}
    used_in: dict[str, set[str]] = {}
    for story in stories:
        for number, text in enumerate(story.lines, start=1):
            for match in _NAME.finditer(text):
                name = match.group(1)
                counts[name] += 1
                first_seen.setdefault(name, (story.display, number, match.start() + 1))
                used_in.setdefault(name, set()).add(story.display)
    by_key: dict[str, list[str]] = {}
    for name, count in counts.items():
        if count >= 2:
            by_key.setdefault(_key(name), []).append(name)
    found = []
    for spellings in by_key.values():
        if len(spellings) < 2:
            continue
        spellings.sort(key=lambda n: -counts[n])
        usual = spellings[0]
        for other in spellings[1:]:
            path, line_number, column = first_seen[other]
            where = ", ".join(sorted(used_in[usual]))
            found.append(Diagnostic(
                Severity.WARNING, "OCT340",
                f"'{other}' ({counts[other]} times) is spelled '{usual}' {counts[usual]} times "
                f"elsewhere ({where})",
                Span(path, line_number, column, line_number, column + len(other)), usual))
    return found
