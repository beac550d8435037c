"""What the manifest tells the readers: decisions the manuscript cannot make for itself."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReadOptions:
    # A Word file's tracked changes: "accept" (insertions kept, deletions dropped), "refuse"
    # (the text before the changes), or None: the build stops and names the first change.
    docx_changes: str | None = None
