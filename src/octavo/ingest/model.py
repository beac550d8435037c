"""What a reader produces from one manuscript, before normalising and compiling."""

from __future__ import annotations

from dataclasses import dataclass

from octavo.diagnostics import Diagnostic, Span
from octavo.document import Block


@dataclass(frozen=True, slots=True)
class ManuscriptHeading:
    """The manuscript's own heading: a label ("Session One"), a title, or both."""

    label: str | None
    title: str | None
    span: Span


@dataclass(frozen=True, slots=True)
class RawStory:
    heading: ManuscriptHeading | None
    blocks: tuple[Block, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    encoding: str = "utf-8"
