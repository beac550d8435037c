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
class WorkMeta:
    """What a manuscript says about itself, kept aside from the text: Markdown front matter, an
    AO3 or FanFiction.net download's preface, an EPUB's package metadata. The manifest's own
    values always win; these fill the gaps (a story's title and author) and are reported."""

    title: str | None = None
    subtitle: str | None = None
    authors: tuple[str, ...] = ()
    language: str | None = None
    site: str | None = None  # "Archive of Our Own", "FanFiction.net"
    fandoms: tuple[str, ...] = ()
    rating: str | None = None
    words: int | None = None
    published: str | None = None
    updated: str | None = None
    tags: tuple[str, ...] = ()
    summary: str | None = None
    notes: tuple[str, ...] = ()  # the site's "Notes" fields (author's notes kept aside)

    def described(self) -> str:
        """One line for the report: what was found."""
        parts = []
        if self.site:
            parts.append(self.site)
        if self.title:
            parts.append(f"title '{self.title}'")
        if self.authors:
            parts.append("by " + ", ".join(self.authors))
        if self.fandoms:
            parts.append("fandom " + ", ".join(self.fandoms))
        if self.rating:
            parts.append(f"rated {self.rating}")
        if self.words is not None:
            parts.append(f"{self.words:,} words")
        if self.published:
            parts.append(f"published {self.published}")
        if self.updated:
            parts.append(f"updated {self.updated}")
        if self.tags:
            parts.append(f"{len(self.tags)} tags")
        if self.summary:
            parts.append("a summary")
        if self.notes:
            parts.append(f"{len(self.notes)} author's note(s)")
        return "; ".join(parts)

    @property
    def empty(self) -> bool:
        return self == WorkMeta()


@dataclass(frozen=True, slots=True)
class RawStory:
    heading: ManuscriptHeading | None
    blocks: tuple[Block, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    encoding: str = "utf-8"
    meta: WorkMeta = WorkMeta()
