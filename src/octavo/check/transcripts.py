"""Chat logs and text-message transcripts inside a story: lines such as

    Theo: is anyone awake
    [01:22] Jonah: its more of a dolphin

Modern fiction sets a group chat, a text exchange or a play-script scrap this way. Their text is
the characters' own, typed on a phone: no full stop at the end, small letters after a full stop,
`omg` and `dont` are the register, not slips, so the sentence and spelling rules leave them alone.

A line is a transcript line when it begins with a timestamp, or with a speaker's label (a name
or a handle and a colon) that begins at least one other line of the story as well, or that
stands next to such a line: one `Warning: the stairs` line is prose with a colon, a speaker who
talks twice (or once among the others) is a transcript.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_TIMESTAMP = r"[\[(]?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?[\])]?"
_NAME = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}"
_HANDLE = r"@?[a-z][a-z0-9_.]{1,19}\d*|@[A-Za-z][\w.]{1,19}"
_LINE = re.compile(rf"^[^\S\n]*(?P<time>{_TIMESTAMP}[^\S\n]*[-–—]?[^\S\n]*)?[*_]*"
                   rf"(?P<who>{_NAME}|{_HANDLE})[*_]*:[*_]*[^\S\n]+\S", re.MULTILINE)


def transcript_lines(lines: Iterable[tuple[int, str]]) -> frozenset[int]:
    """The numbers of the lines (number, text) that are lines of a chat log or a transcript."""
    labelled: list[tuple[int, str, bool]] = []
    for number, text in lines:
        if ":" not in text[:48]:
            continue
        match = _LINE.match(text)
        if match:
            labelled.append((number, match.group("who").lower(), match.group("time") is not None))
    if not labelled:
        return frozenset()
    speakers: dict[str, int] = {}
    for _, who, _ in labelled:
        speakers[who] = speakers.get(who, 0) + 1
    found = {number for number, who, timed in labelled if timed or speakers[who] >= 2}
    # a speaker who talks once, in the middle of the others' lines, is part of the log too
    rest = sorted(number for number, _, _ in labelled if number not in found)
    grew = True
    while rest and grew:
        joined = [n for n in rest if n - 1 in found or n + 1 in found
                  or n - 2 in found or n + 2 in found]
        grew = bool(joined)
        found.update(joined)
        rest = [n for n in rest if n not in found]
    return frozenset(found)


def labelled(text: str) -> bool:
    """Whether the line begins with a label and a colon (`Theo: hi`, `Present: Mrs Okoro`)."""
    return ":" in text[:48] and _LINE.match(text) is not None
