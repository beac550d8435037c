"""Fixes as data: each finding that has a fix carries the text that replaces its span, and the
safe ones are applied here, by one function that `octavo fix` calls.

Safe means there is one right answer whatever the author meant: a doubled full stop, a speech
tag's capital, a missing space after a sentence. Everything else (a confusable, a typo, a
comma before a tag) keeps its fix in `octavo check --format json` for an editor to accept.
"""

from __future__ import annotations

from dataclasses import dataclass

from octavo.diagnostics import Diagnostic

# The checks whose fix `octavo fix` applies without asking.
SAFE_FIXES = frozenset({"OCT311", "OCT342", "OCT346"})


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text from `start` to `end` (offsets into the manuscript) with `text`."""

    start: int
    end: int
    text: str


def edits_for(text: str, findings: list[Diagnostic], codes: frozenset[str] = SAFE_FIXES
              ) -> list[Edit]:
    """The edits of the findings of `codes` that carry a fix and a one-line span, in order,
    overlapping ones dropped (the first wins)."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    edits: list[Edit] = []
    for d in findings:
        span = d.span
        if d.code not in codes or d.fix is None or span is None or span.line <= 0:
            continue
        if span.end_line not in (None, span.line) or span.line >= len(starts):
            continue
        start = starts[span.line - 1] + span.column - 1
        end = starts[span.line - 1] + (span.end_column or span.column + 1) - 1
        edits.append(Edit(start, end, d.fix))
    edits.sort(key=lambda e: (e.start, e.end))
    kept: list[Edit] = []
    for edit in edits:
        if not kept or edit.start >= kept[-1].end:
            kept.append(edit)
    return kept


def apply_edits(text: str, edits: list[Edit]) -> str:
    """The text with the (ordered, non-overlapping) edits made."""
    parts, at = [], 0
    for edit in edits:
        parts.append(text[at:edit.start])
        parts.append(edit.text)
        at = edit.end
    parts.append(text[at:])
    return "".join(parts)


def apply_safe_fixes(text: str, *, markdown: bool = False) -> str:
    """The manuscript with every safe fix the checks find made (run until nothing changes, so
    a fix that reveals another is made too)."""
    from octavo.check import check_text

    for _ in range(3):
        findings = check_text(text, "-", markdown=markdown, only=SAFE_FIXES)
        edits = edits_for(text, findings)
        if not edits:
            break
        text = apply_edits(text, edits)
    return text
