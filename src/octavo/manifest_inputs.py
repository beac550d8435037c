"""The manifest's settings for reading manuscripts: `habits:` and `docx:`, for the whole book
and per story (a story's own settings win, key by key)."""

from __future__ import annotations

from typing import Any


def merged_habits(book: dict[str, Any], story: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """(habit kind, action) pairs, sorted; the book's, overridden by the story's."""
    merged = {**book.get("habits", {}), **story.get("habits", {})}
    return tuple(sorted(merged.items()))


def docx_changes(book: dict[str, Any], story: dict[str, Any]) -> str | None:
    value = story.get("docx", {}).get("changes", book.get("docx", {}).get("changes"))
    return str(value) if value is not None else None
