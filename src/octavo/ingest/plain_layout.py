"""Which lines of a plain-text story make one paragraph, which a passage of verse.

Authors separate paragraphs with blank lines, with single newlines, or both in one file. A
*passage* is a run of non-blank lines between blank lines (or scene breaks). Within it:

- Verse: a poem, a song or a letter's address block is a passage of short lines whose breaks
  are the author's, not a wrap. Decided from the shape of the whole passage, never one line:
  its lines are indented beyond the file's usual indent, or end in a Markdown hard break (a
  backslash, as octavo's own output writes verse), or there are three or more short lines,
  most of them ending without a sentence's punctuation yet followed by a capital (The woods are
  lovely, dark and deep, / But I have promises to keep, / …). Short dialogue, one speech per
  line, is not verse: its lines open with quotation marks and end sentences.
- Hard-wrapped text (fixed-width lines, as from e-mail): the passage is one paragraph.
- Otherwise each line is a paragraph, except that a line ending without a sentence's
  punctuation and followed by one starting in lower case continues into it: that break is a
  wrap (He walked to the door and / opened it slowly.).
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass
from typing import Literal

from octavo.ingest.scenebreak import is_scene_break

_MAX_VERSE_LINE = 60
_MIN_VERSE_LINES = 3  # without indentation or hard breaks (two short lines may be a greeting)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]*_]*$")
_OPENS_SPEECH = re.compile(r"^[\"'“‘«—–-]")
_STARTS_CAPITAL = re.compile(r"^[\"'“‘(]*[A-Z0-9À-Þ]")
_HARD_BREAK = re.compile(r"(?<!\\)(?:\\\\)*\\$")  # an odd number of backslashes at the end


@dataclass(frozen=True, slots=True)
class Group:
    """A paragraph, a passage of verse or a scene break: indexes of its lines."""

    kind: Literal["paragraph", "verse", "break"]
    lines: tuple[int, ...]


def ends_in_hard_break(line: str) -> bool:
    return bool(_HARD_BREAK.search(line.rstrip(" \t")))


def body_groups(lines: list[str], start: int) -> list[Group]:
    """The groups of `lines[start:]` (blank lines and %% comments already blanked)."""
    body = range(start, len(lines))
    hard_wrapped = is_hard_wrapped(lines[start:])
    indent = _usual_indent([lines[i] for i in body if lines[i].strip()])
    groups: list[Group] = []
    passage: list[int] = []

    def flush() -> None:
        if len(passage) == 1:  # most passages: one line, one paragraph (as _passage_groups says)
            groups.append(Group("paragraph", (passage[0],)))
            passage.clear()
        elif passage:
            groups.extend(_passage_groups(lines, passage, hard_wrapped, indent))
            passage.clear()

    for index in body:
        line = lines[index]
        if not line.strip():
            flush()
        elif is_scene_break(line):
            flush()
            groups.append(Group("break", (index,)))
        else:
            passage.append(index)
    flush()
    return groups


def _passage_groups(lines: list[str], passage: list[int], hard_wrapped: bool,
                    indent: int) -> list[Group]:
    texts = [lines[i] for i in passage]
    if _is_verse(texts, indent, hard_wrapped):
        return [Group("verse", tuple(passage))]
    if hard_wrapped:
        return [Group("paragraph", tuple(passage))]
    groups: list[Group] = []
    current: list[int] = []
    run: list[int] = []  # consecutive lines indented as verse inside single-newline prose

    def close_paragraph() -> None:
        if current:
            groups.append(Group("paragraph", tuple(current)))
            current.clear()

    def close_run() -> None:
        if len(run) >= 2:
            close_paragraph()
            groups.append(Group("verse", tuple(run)))
        else:
            for index in run:
                _add_line(index)
        run.clear()

    def _add_line(index: int) -> None:
        if current and continues(lines[current[-1]], lines[index]):
            current.append(index)
        else:
            close_paragraph()
            current.append(index)

    for index in passage:
        line = lines[index]
        if _indent(line) > indent + 1 and len(line.strip()) <= _MAX_VERSE_LINE:
            run.append(index)
            continue
        close_run()
        _add_line(index)
    close_run()
    close_paragraph()
    return groups


def continues(previous: str, line: str) -> bool:
    """A wrap: the previous line stops mid-sentence and this one goes on in lower case."""
    before, text = previous.strip(), line.strip()
    return (not _SENTENCE_END.search(before) and not ends_in_hard_break(previous)
            and text[:1].islower())


def _is_verse(texts: list[str], indent: int, hard_wrapped: bool) -> bool:
    stripped = [t.strip() for t in texts]
    if len(stripped) < 2 or max(len(t) for t in stripped) > _MAX_VERSE_LINE * 4 // 3:
        return False
    if all(ends_in_hard_break(t) for t in texts[:-1]):
        return True
    if max(len(t) for t in stripped) > _MAX_VERSE_LINE:
        return False
    if all(_indent(t) > indent + 1 for t in texts):
        return True
    if len(stripped) < _MIN_VERSE_LINES:
        return False
    if sum(1 for t in stripped if _OPENS_SPEECH.match(t)) * 3 > len(stripped):
        return False  # dialogue, one speech per line
    pairs = list(itertools.pairwise(stripped))
    open_ended = [(a, b) for a, b in pairs if not _SENTENCE_END.search(a)]
    if len(open_ended) * 3 < len(pairs) * 2:
        return False  # most breaks end a sentence: short paragraphs
    capitalised = sum(1 for _, b in open_ended if _STARTS_CAPITAL.match(b))
    if capitalised * 3 >= len(open_ended) * 2:
        return True
    if hard_wrapped:  # lines broken well before the wrap width are the author's
        width = max(len(t) for t in stripped)
        early = sum(1 for a, b in pairs if len(a) + 1 + len(b.split()[0]) <= width)
        return early * 3 >= len(pairs) * 2
    return False


def _indent(line: str) -> int:
    if line[:1] not in (" ", "\t"):  # most lines: not indented at all
        return 0
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip(" "))


def _usual_indent(lines: list[str]) -> int:
    """The indentation of the file's prose (0, or a tab for files that indent every paragraph):
    that of its long lines, which verse never has; else the smallest."""
    long_lines = [line for line in lines if len(line.strip()) > _MAX_VERSE_LINE]
    if long_lines:
        return int(statistics.median_low(_indent(line) for line in long_lines))
    return min((_indent(line) for line in lines), default=0)


def is_hard_wrapped(lines: list[str]) -> bool:
    """Fixed-width text: most lines inside paragraphs have nearly the same length, and no line is
    much longer than that width. Free-flowing text has one long line per paragraph."""
    nonblank = [len(line.rstrip()) for line in lines if line.strip()]
    if len(nonblank) < 8:
        return False
    # Lines followed by another non-blank line are the ones a hard wrap would have made.
    wrapped = [
        len(lines[i].rstrip())
        for i in range(len(lines) - 1)
        if lines[i].strip() and lines[i + 1].strip()
    ]
    if len(wrapped) < 0.5 * len(nonblank):
        return False
    width = statistics.median(wrapped)
    if not 40 <= width <= 100:
        return False
    near_width = sum(1 for n in wrapped if width - 15 <= n <= width + 2)
    return near_width >= 0.8 * len(wrapped) and max(nonblank) <= width + 10
