"""Sentence mechanics: where one sentence ends and the next begins.

A full stop that ends a sentence is followed by a space and a capital. Both rules are careful
with the full stops that do not end sentences: abbreviations (`etc.`, `a.m.`, `Mr.`), initials
(`J. R. R.`), decimals (`3.5`), web addresses (`example.com`) and ellipses (`wait...then`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from octavo.check.registers import lower_case_habit
from octavo.check.text_rules import (
    Finding,
    TextParagraph,
    finding_at,
    rule,
    scan,
    transcript_line_numbers,
)
from octavo.check.words import ABBREVIATIONS
from octavo.diagnostics import Severity

# A word, one full stop (no ellipsis), a space, and a word in lower case.
_LOWER_AFTER_STOP = re.compile(r"\.(?<=[^\W\d_]\.)(?![.…])[^\S\n]+(?P<next>[a-z][a-z'’-]*)")

# Two letters, sentence punctuation, and at once a capitalised word: end.Then, now?What,
# end.”Then. The word before must end in two small letters (not U.S.Army, e.g.The).
_NO_SPACE_AFTER = re.compile(r"(?P<punct>[.!?])(?<=[a-z]{2}[.!?])(?P<close>[”’)]?)"
                             r"(?P<next>[A-Z][a-z]+)\b(?![.@/][A-Za-z]|['’][a-z]{2})")

_WEB = re.compile(r"(?:https?:|www\.|@|/|\.(?:com|org|net|edu|gov|io|co|uk)\b)", re.IGNORECASE)


def _token_before(text: str, end: int) -> str:
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]


def _token_around(text: str, at: int) -> str:
    start, end = at, at
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end]


def _ends_sentence(token: str) -> bool:
    """Whether a full stop after this token (the text before it up to a space) ends a
    sentence, rather than an abbreviation, an initial or an ordinal."""
    word = token.lstrip("\"“‘'([_*").rstrip("_*")
    if not word or "." in word or len(word) == 1:
        return False
    return word.lower() not in ABBREVIATIONS and not any(c.isdigit() for c in word)


@rule("OCT345", Severity.WARNING, "a sentence starts with a small letter",
      "After a full stop that ends a sentence, the next sentence starts with a capital "
      "letter. Abbreviations (etc., a.m., vs., Mr.), initials and ellipses are not ends of "
      "sentences and are left alone.",
      why='A small letter after a full stop reads as a slip, or as a full stop that should have been a '
          'comma.',
      fix='Capitalise the word, or make the full stop a comma if the sentence goes on.',
      before='It was late. the house was dark.', after='It was late. The house was dark.')
def lower_case_after_stop(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    for _, _, match in scan(paragraphs, _LOWER_AFTER_STOP):
        text = match.string
        if not _ends_sentence(_token_before(text, match.start())) or \
                _unit_after_number(text, match.start()):
            continue
        following = text[match.start("next"):match.start("next") + 12]
        if any(c.isupper() for c in following.split(" ")[0]):  # iPhone, eBay
            continue
        word = match.group("next")
        finding = finding_at(paragraphs, "OCT345",
                             f"'{word}' starts a sentence, so it takes a capital",
                             match.start("next"), match.end("next"), word[0].upper() + word[1:])
        if finding.line in transcript_line_numbers(paragraphs):  # a chat log's typing
            continue
        if lower_case_habit(text, match.start("next")):  # `heyyy. practice ran late.`
            continue
        yield finding


# A number, then a short abbreviation without a vowel (a unit: `1 cwt. of coals`, `3 yds.`,
# `2 qrs.`, `4 pts.`), or one of the known abbreviations (`2 doz. eggs`).
_NUMBER_THEN_UNIT = re.compile(r"(?:^|\s)(?:\d[\d,./½¼¾]*|[½¼¾])\s+(?P<unit>[^\W\d_]{1,4})$")


def _unit_after_number(text: str, stop: int) -> bool:
    """Whether the full stop at `stop` closes a unit's abbreviation after a number (`1 cwt.
    of coals`, `2 lb. of tea`), which no sentence ends at."""
    match = _NUMBER_THEN_UNIT.search(text, max(0, stop - 16), stop)
    if match is None:
        return False
    unit = match.group("unit").lower()
    return unit in ABBREVIATIONS or not any(c in "aeiouy" for c in unit)


@rule("OCT346", Severity.WARNING, "no space after the end of a sentence",
      "A sentence that ends in . ! or ? is followed by a space: `the end. Then`, not "
      "`the end.Then`. Web addresses, initials (J.R.R.), abbreviations (e.g.) and ellipses "
      "are left alone. `octavo fix` inserts the space.",
      why='Without the space the two sentences run together on the page, and a line cannot break between '
          'them.',
      fix='Add the space; `octavo fix` inserts it.',
      before='It was the end.Then he left.', after='It was the end. Then he left.')
def missing_space_after_sentence(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    for _, _, match in scan(paragraphs, _NO_SPACE_AFTER):
        text = match.string
        if _WEB.search(_token_around(text, match.start())):
            continue
        if match.group("punct") == "." and not _ends_sentence(_token_before(text, match.start())):
            continue
        gap = match.end("close")
        before = text[match.start():gap]
        finding = finding_at(paragraphs, "OCT346",
                             f"no space after '{before}' before '{match.group('next')}'",
                             match.start(), gap, before + " ")
        if finding.line not in transcript_line_numbers(paragraphs):  # a chat log's typing
            yield finding

