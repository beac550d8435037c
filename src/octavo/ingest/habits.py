"""Fan-fiction and web-serial habits, recognised in every format after reading.

Writers who first posted a story online leave the site's conventions in the text: author's notes
(`A/N:`, a bracketed note at the top or bottom), disclaimers ("I don't own…"), update stamps
("(Updated)", "Edited 3/4/12"), chapter headers left mid-story, and a sign-off or a date after
the last line. Each is found on the story's blocks and reported; the book decides per kind
(`habits: {authors_notes: endnote, signoffs: keep, …}`) whether it stays (the default), moves to
an "Author's notes" aside at the story's end, or goes. Nothing goes without the manifest saying so.
"""

from __future__ import annotations

import dataclasses
import re

from octavo.diagnostics import Diagnostic, Severity, Span
from octavo.document import Aside, Block, Paragraph, inline_text
from octavo.ingest.model import RawStory
from octavo.ingest.plaintext import split_heading

HABITS: dict[str, tuple[str, str]] = {  # kind → (code, what it is, for messages)
    "authors_notes": ("OCT240", "an author's note"),
    "disclaimers": ("OCT241", "a disclaimer"),
    "update_stamps": ("OCT242", "an update stamp"),
    "chapter_headers": ("OCT243", "a chapter header left in the text"),
    "signoffs": ("OCT244", "a sign-off or date after the story"),
}
ACTIONS = ("keep", "endnote", "drop")
NOTES_TITLE = "Author's notes"
_EDGE = 3  # how many paragraphs count as a story's top or bottom

_AUTHORS_NOTE = re.compile(
    r"^\W{0,3}(?:A/N|A\.N\.|AN|Author'?s\s+notes?|Author’s\s+notes?|Note from the author|"
    r"Notes?)\s*\d*\s*[:\-–—]", re.IGNORECASE)
_BRACKETED = re.compile(r"^\s*(?:\[[^\[\]]{3,}\]|\([^()]{3,}\)|\{[^{}]{3,}\})\s*$")
_DISCLAIMER = re.compile(
    r"^\W{0,3}(?:disclaimer\b|I\s+(?:do\s+not|don'?t|don’t|dont)\s+own\b|I\s+own\s+nothing\b|"
    r"(?:all\s+)?(?:the\s+)?characters\s+(?:belong|are\s+(?:the\s+)?property)\b|"
    r"no\s+copyright\s+infringement\b)", re.IGNORECASE)
_STAMP = re.compile(
    r"^\W{0,3}(?:updated|edited|edit|revised|reposted|re-?uploaded|fixed)\b[^.!?]{0,40}\W{0,3}$"
    r"|^\W{0,3}(?:edit|update)\s*\d*\s*:", re.IGNORECASE)
_STAMP_IN_TITLE = re.compile(r"\s*[(\[]\s*(?:updated|edited|revised|reposted)[^)\]]{0,30}[)\]]\s*$",
                             re.IGNORECASE)
_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_DATE = re.compile(
    rf"\b\d{{1,2}}[:.]\d{{2}}\s*(?:am|pm)\b|\b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b"
    rf"|\b(?:{_MONTHS})\b\.?\s*\d{{1,2}}|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b"
    rf"|\b(?:19|20)\d{{2}}-\d{{2}}-\d{{2}}\b", re.IGNORECASE)
_SIGNOFF_PHRASES = re.compile(
    r"^\W{0,3}(?:thanks?\s+(?:you\s+)?for\s+reading|please\s+review|read\s+(?:and|&)\s+review|"
    r"r\s*(?:&|and)\s*r|reviews?\s+(?:are|please)|until\s+next\s+time|see\s+you\s+next|"
    r"to\s+be\s+continued|tbc|more\s+soon|stay\s+tuned)\b", re.IGNORECASE)


def _date_line(text: str) -> bool:
    """A line that is only a date (and perhaps a time): few words besides it."""
    if not _DATE.search(text):
        return False
    rest = _DATE.sub(" ", text)
    return len(re.findall(r"[^\W\d_]{3,}", rest)) <= 3 and len(text) <= 60


def _short_line(text: str) -> bool:
    return len(text.split()) <= 6 and not text.rstrip().endswith((".", "?", "!", "”", '"', "…"))


def _kind_of(text: str, index: int, count: int, tail: set[int]) -> str | None:
    near_edge = index < _EDGE or index >= count - _EDGE
    if index in tail:
        return "signoffs"
    if _DISCLAIMER.match(text):
        return "disclaimers"
    if len(text) <= 80 and _STAMP.match(text):
        return "update_stamps"
    if _AUTHORS_NOTE.match(text) or (near_edge and _BRACKETED.match(text)):
        return "authors_notes"
    if index > 0 and len(text) <= 80 and split_heading(text) is not None:
        return "chapter_headers"
    return None


def _signoff_tail(texts: list[str]) -> set[int]:
    """The story's last lines when they are a sign-off: a date, a short closing line right
    before a date, or a stock closing phrase."""
    found: set[int] = set()
    index = len(texts) - 1
    while index > 0 and len(found) < _EDGE:
        text = texts[index]
        if _STAMP.match(text):
            break  # an update stamp is its own habit
        closing = _SIGNOFF_PHRASES.match(text) and len(text.split()) <= 12
        if _date_line(text) or closing or (found and _short_line(text)
                                           and any(_date_line(texts[i]) for i in found)):
            found.add(index)
            index -= 1
        else:
            break
    return found


def apply_habits(story: RawStory, settings: tuple[tuple[str, str], ...], display: str) -> RawStory:
    """The story with each habit kept, moved to its end or dropped, and reported."""
    actions = dict(settings)
    blocks = list(story.blocks)
    texts = [inline_text(b.children).strip() if isinstance(b, Paragraph) else "" for b in blocks]
    tail = {i for i in _signoff_tail(texts) if isinstance(blocks[i], Paragraph)}
    kept: list[Block] = []
    moved: list[Block] = []
    notes = list(story.diagnostics)
    for index, block in enumerate(blocks):
        kind = _kind_of(texts[index], index, len(blocks), tail) if texts[index] else None
        if kind is None:
            kept.append(block)
            continue
        action = actions.get(kind, "keep")
        code, what = HABITS[kind]
        quoted = texts[index][:60] + ("…" if len(texts[index]) > 60 else "")
        notes.append(Diagnostic(Severity.INFO, code, f"{what}: '{quoted}' ({_said(kind, action)})",
                                block.span or Span(display)))
        if action == "keep":
            kept.append(block)
        elif action == "endnote":
            moved.append(block)
    heading = story.heading
    if heading is not None and heading.title and (stamp := _STAMP_IN_TITLE.search(heading.title)):
        action = actions.get("update_stamps", "keep")
        notes.append(Diagnostic(Severity.INFO, "OCT242", f"an update stamp in the heading: "
                                f"'{stamp.group(0).strip()}' ({_said('update_stamps', action)})",
                                heading.span))
        if action != "keep":
            heading = dataclasses.replace(heading, title=heading.title[: stamp.start()].strip())
    if moved:
        kept.append(Aside("notes", tuple(moved), NOTES_TITLE, moved[0].span))
    return dataclasses.replace(story, heading=heading, blocks=tuple(kept),
                               diagnostics=tuple(notes))


def _said(kind: str, action: str) -> str:
    if action == "keep":
        return f"kept; habits: {{{kind}: endnote}} or {{{kind}: drop}} in book.yaml moves or removes it"
    if action == "endnote":
        return "moved to the story's end, as book.yaml says"
    return "left out, as book.yaml says"
