"""How a text unit is written: the habits of a register, judged from the whole unit.

A text message, a forum post or a chat line is often written, on purpose, in small letters
throughout (`heyyy. practice ran late. still need a hand?`) and without apostrophes (`dont be
scared its a nice room`, `theyre like $30`). Published books print such writing as it was
typed. A slip is a departure from the unit's own habit: one small letter after a full stop in
capitalised prose, one `dont` among `don't`s. So the sentence, confusable and typo rules ask
here whether the unit around a word writes that way throughout.

A unit is the quotation a word stands in (the message quoted: `Then: "omw. 20 min."`), or
else the whole paragraph (a post). Offsets are into a text in which paragraphs are parted by
newlines (a rule's joined paragraphs) or by blank lines (a story's source lines): the caller
says which.
"""

from __future__ import annotations

import re

from octavo.check.words import word_set

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# a word with a capital and then a small letter (a sentence's first word, a name), or `I`,
# `I'm`: what a writer who capitalises writes somewhere in any unit of a few words
_CAPITALISED = re.compile(r"(?<![^\W\d_])(?:[A-Z][a-z]|I(?![^\W\d_])|I['’][a-z])")
_QUOTATION = re.compile(r"“[^“”\n]*(?:”|$)|\"[^\"\n]*(?:\"|$)", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")

# Contractions, built from their parts: the negatives (`don't`) and the pronouns' (`I'm`,
# `they're`, `that's`); written without the apostrophe they are no dictionary words.
_NEGATED = word_set("do does did is are was were has have had could would should must "
                    "might need ca wo ai dare")
_PRONOUN_ENDINGS = {
    "i": ("m", "ve", "ll", "d"),
    **{p: ("re", "ve", "ll", "d") for p in ("you", "we", "they")},
    **{p: ("s", "ll", "d") for p in ("he", "she", "it", "that", "what", "who", "there",
                                     "here", "where", "how")},
}
# (the ones that spell another word without the apostrophe are no evidence)
_HOMOGRAPHS = word_set("cant wont well were ill id hell shell shed wed its")
APOSTROPHE_FREE_CONTRACTIONS = frozenset(
    {w + "nt" for w in _NEGATED} | {p + e for p, ends in _PRONOUN_ENDINGS.items()
                                    for e in ends}) - _HOMOGRAPHS
_APOSTROPHISED = re.compile(r"[^\W\d_](?:['’](?:t|re|m|ve|ll|d)\b)|"
                            r"\b(?:it|that|what|who|he|she|there|here)['’]s\b", re.IGNORECASE)


def _paragraph(text: str, offset: int, *, blank_lines: bool) -> tuple[int, int]:
    if not blank_lines:
        start = text.rfind("\n", 0, offset) + 1
        end = text.find("\n", offset)
        return start, len(text) if end < 0 else end
    start = max((m.end() for m in _BLANK_LINE.finditer(text, 0, offset)), default=0)
    after = _BLANK_LINE.search(text, offset)
    return start, len(text) if after is None else after.start()


def unit_of(text: str, offset: int, *, blank_lines: bool = False) -> tuple[int, int]:
    """The unit the character at `offset` belongs to: the double-quoted quotation around it,
    if it stands in one, or else its paragraph. (start, end) into `text`."""
    start, end = _paragraph(text, offset, blank_lines=blank_lines)
    for match in _QUOTATION.finditer(text, start, end):
        if match.start() < offset < match.end():
            return match.start() + 1, match.end()
    return start, end


def _opens_at_sentence_start(text: str, start: int, *, blank_lines: bool) -> bool:
    """Whether the unit starting at `start` starts a sentence: its paragraph starts there, or
    the quotation opens after a sentence's end, a colon, or the comma of a lead-in (`she
    writes, "omw`) — not the comma of a tag, after which a speech resumes (`"Well," he said,
    "and...`, `"So do I," said Mrs. Weston, "very much."`)."""
    paragraph_start, _ = _paragraph(text, start, blank_lines=blank_lines)
    before = text[paragraph_start:max(paragraph_start, start - 1)].rstrip()
    if not before or before[-1] in ".!?:…—":
        return True
    # (no speech before it in the paragraph: a tag's comma follows one)
    return before[-1] == "," and not any(mark in before for mark in "\"“”")


# where a sentence starts inside a unit: after . ! ? or an ellipsis, closing marks and a space
_SENTENCE_START = re.compile(r"(?:[.!?]|…)[\"”’')\]_*]*\s+[\"“‘'(\[_*]*([^\W\d_])")


def lower_case_habit(text: str, offset: int, *, blank_lines: bool = False) -> bool:
    """Whether the unit around `offset` is written in small letters on purpose: it opens a
    sentence in a small letter, and either no word in it has a capital (words in capitals,
    `NOT`, are emphasis, not capitals) or no sentence in it starts with one (`ok Dan. see u
    at 6.`: a name keeps its capital). A small letter after a full stop in a unit that
    capitalises its sentences (`It was late. the house`) is a slip, and is not excused."""
    start, end = unit_of(text, offset, blank_lines=blank_lines)
    unit = text[start:end]
    first = _WORD.search(unit)
    if first is None or not first.group(0)[:1].islower() or \
            unit[:first.start()].strip(" \t\n\"“”‘’'([_*—–-…"):
        return False  # (`4 eggs`, `#2 pencil`: a unit that does not open with a word)
    if not _opens_at_sentence_start(text, start, blank_lines=blank_lines) or \
            len(_WORD.findall(unit)) < 2:
        return False
    if _CAPITALISED.search(unit) is None:
        return True
    starts = [m.group(1) for m in _SENTENCE_START.finditer(unit)]
    return bool(starts) and all(letter.islower() for letter in starts)


def casual_spelling(text: str, offset: int, word_end: int, *, blank_lines: bool = False) -> bool:
    """Whether the unit around the word at [offset, word_end) writes its contractions without
    apostrophes, as its habit (`dont be scared its a nice room`): it uses no contraction with
    an apostrophe, and another without one (`dont`, `im`, `theyre`), or it is in small
    letters throughout. There `its` may be `it's`, and `theyre` is no typo."""
    start, end = unit_of(text, offset, blank_lines=blank_lines)
    unit = text[start:end]
    if _APOSTROPHISED.search(unit):
        return False
    others = (m for m in _WORD.finditer(unit)
              if not start + m.start() <= offset < start + m.end())
    if any(m.group(0).lower() in APOSTROPHE_FREE_CONTRACTIONS for m in others):
        return True
    return lower_case_habit(text, offset, blank_lines=blank_lines)


_EMPHASIS = re.compile(r"(?<![^\W_])([_*])(?=\S)[^_*\n]{1,60}?(?<=\S)\1(?![^\W_])")


def in_emphasis(text: str, start: int, end: int) -> bool:
    """Whether the word at [start, end) stands inside `_..._` (or `*...*`) emphasis on its
    line: where a book sets foreign words (`_Experto credite._`) and sounds (`a small, clean
    _tok_`)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return any(m.start() < start and end < m.end()
               for m in _EMPHASIS.finditer(text, line_start, line_end))


# A web address as the last thing in a paragraph (`Photos here: imgbox.example/a/7Hq2Lx`): a
# post leaves the full stop off, so that the link is copied whole.
_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+$|(?<!\S)[\w-]+(?:\.[\w-]+)+/\S*$",
                          re.IGNORECASE)


def ends_in_web_address(text: str) -> bool:
    return _WEB_ADDRESS.search(text.rstrip()) is not None


_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
_CLOCK = r"\b\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?"
_DATE = rf"(?:\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\b\d{{1,2}}(?:st|nd|rd|th)?\s+" \
        rf"{_MONTH},?\s+\d{{4}}|\b\d{{4}}-\d{{2}}-\d{{2}})"
_STAMP_AT_END = re.compile(rf"(?:{_CLOCK}|{_DATE})$")
_STAMP_SEPARATOR = re.compile(r"\s[·•|]\s")
_STAMP_WORDS = 20


def stamp_line(text: str) -> bool:
    """A post's or a message's stamp on a line of its own (`Thread marked [RESOLVED] by
    moderator BeamAndJoist · March 22, 2024 at 9:00 AM`): it ends in a date or a clock time,
    and parts its fields with a dot or a bar, or gives both a date and a time."""
    text = text.strip()
    if len(text.split()) > _STAMP_WORDS or _STAMP_AT_END.search(text) is None:
        return False
    return _STAMP_SEPARATOR.search(text) is not None or (
        re.search(_CLOCK, text) is not None and re.search(_DATE, text) is not None)
