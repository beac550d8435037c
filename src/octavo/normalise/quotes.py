"""Curly quotes and apostrophes, decided by context, one mark at a time.

smartypants decides each quote from a few regexes and gets word-initial apostrophes (’tis, ’90s),
quotes after dashes and nested quotes wrong. Here a scanner looks at the real characters on
either side of each mark (skipping node-boundary markers, so emphasis does not blind it) and
keeps track of which quotations are open. It emits abstract marks (open or close, outer or
inner, apostrophe) that the house style turns into characters, so American (“‘’”) and British
(‘“”’) quotation are one algorithm.

Every kind of quote the author typed (" “ ” ' ‘ ’ ` ´) is a candidate: where the context decides,
it decides (repairing an opening “ typed where a closing one belongs); where it is ambiguous, a
curly mark the author chose is kept.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass

BOUNDARY = "\ue000"  # joins the text of inline nodes; transparent to every rule
DOUBLES = '"“”„‟'
SINGLES = "'‘’‚‛`´"

# Words that begin with an elision: there the apostrophe stands for dropped letters.
ELISIONS = frozenset(
    """specially tis twas twere twill twould twixt em cause cos coz cuz til round bout fore neath nuff gainst
mongst midst pon scuse spect sides cept kay im er ere ave ome ow ello appen ad ud un uns ee
ull allo nother taint""".split()  # noqa: SIM905 - a word list reads best as words
)
_WORD = re.compile(r"[^\W_]+")
_DECADE = re.compile(r"\d\d\b")  # in '07
_DECADES = re.compile(r"\d\ds\b")  # the '90s
_CLOSING_CONTEXT = ".,!?;:…—–)]}"
_CLOSER_NEXT = re.compile(r"[,.!?;:…][’']")
_LOWER_WORD_NEXT = re.compile(r" [a-z]")
_LATER_CLOSER = re.compile(r"[^\W_][,.!?;:…]?[’'](?:\s|$)|[,.!?;:…][’'](?:\s|$)")


class Mark(enum.Enum):
    DOUBLE_OPEN = enum.auto()
    DOUBLE_CLOSE = enum.auto()
    SINGLE_OPEN = enum.auto()
    SINGLE_CLOSE = enum.auto()
    APOSTROPHE = enum.auto()


@dataclass(frozen=True, slots=True)
class QuoteStyle:
    """Which characters the book uses; `outer` for speech, `inner` for quotes within it."""

    outer: tuple[str, str] = ("“", "”")
    inner: tuple[str, str] = ("‘", "’")


AMERICAN = QuoteStyle()
BRITISH = QuoteStyle(outer=("‘", "’"), inner=("“", "”"))


def _space(ch: str | None) -> bool:
    return ch is None or ch.isspace()


def _word(ch: str | None) -> bool:
    return ch is not None and (ch.isalnum() or unicodedata.category(ch) in ("Mn", "Mc"))


def _punct(ch: str | None) -> bool:
    return ch is not None and unicodedata.category(ch)[0] == "P"


_QUOTE_CHAR = re.compile(f"[{re.escape(DOUBLES + SINGLES)}]")
_OPENING_MARKS = (Mark.DOUBLE_OPEN, Mark.SINGLE_OPEN)


class _Scanner:
    """Decides each mark in turn. Double and single quotes share `_opens`, the rules for where a
    quotation starts; singles are first tested for apostrophes. Sharing the rules is what keeps
    normalising twice equal to once when a style swaps singles and doubles."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.marks: dict[int, Mark] = {}
        self.open = {"double": False, "single": False}

    def near(self, index: int, step: int) -> tuple[int, str | None]:
        index += step
        while 0 <= index < len(self.text):
            if self.text[index] != BOUNDARY:
                return index, self.text[index]
            index += step
        return index, None

    def scan(self) -> dict[int, Mark]:
        for match in _QUOTE_CHAR.finditer(self.text):
            index = match.start()
            if match.group(0) in DOUBLES:
                opens = self._opens(index, "double")
                self.marks[index] = Mark.DOUBLE_OPEN if opens else Mark.DOUBLE_CLOSE
            else:
                self.marks[index] = self._single(index)
        return self.marks

    def _opens(self, index: int, kind: str) -> bool:
        before_at, before = self.near(index, -1)
        _, after = self.near(index, 1)
        is_open = self.open[kind]
        if _space(before) and _space(after):
            opens = not is_open  # a stray mark between spaces: balance decides
        elif before_at in self.marks:  # next to another mark: same direction ("‘ or ’”)
            opens = self.marks[before_at] in _OPENING_MARKS
        elif before is None or before.isspace() or before in "([{":
            opens = True
        elif before in "—–":  # "Wait—" closes, —"and then" opens
            opens = not is_open and not (_space(after) or _punct(after))
        else:  # after a word or punctuation: closes, unless a space is missing (said,"Go)
            opens = _word(after) and not is_open and not _word(before)
        self.open[kind] = opens
        return opens

    def _single(self, index: int) -> Mark:
        before_at, before = self.near(index, -1)
        _, after = self.near(index, 1)
        if _word(before) and _word(after):
            return Mark.APOSTROPHE  # don't, O'Brien, rock'n'roll
        # —'Open up!' and :'Go' (a missing space) open a quotation, as they would for a double.
        # After a dash the shared rule decides (an apostrophe never follows a dash).
        opens_after_punct = before is not None and (
            before in "—–" or (before in _CLOSING_CONTEXT and _word(after) and not self.open["single"]))
        if before_at not in self.marks and not opens_after_punct and (
            _word(before) or (before is not None and before in _CLOSING_CONTEXT)
        ):
            # After a word or a sentence: the end of a quotation ('Go,' she said) if one is
            # open, else an apostrophe (goin', the Joneses'); both are set ’.
            if self.open["single"] and not self._apostrophe_before_closer(index, before):
                self.open["single"] = False
                return Mark.SINGLE_CLOSE
            return Mark.APOSTROPHE
        starts_word = (before is None or before.isspace() or before in "([{—–…\"“"
                       or self.marks.get(before_at) in _OPENING_MARKS)
        if starts_word and self._leading_elision(index):
            return Mark.APOSTROPHE  # 'tis, 'em, the '90s, rock 'n' roll
        return Mark.SINGLE_OPEN if self._opens(index, "single") else Mark.SINGLE_CLOSE

    def _apostrophe_before_closer(self, index: int, before: str | None) -> bool:
        """Inside a single-quoted speech, a ' after a word is still an apostrophe when the
        speech closes later: 'Just keep walkin',' and 'The girls' room is upstairs,'."""
        if not _word(before):
            return False
        rest = self.text[index + 1 : index + 400]
        if _CLOSER_NEXT.match(rest):
            return True  # walkin',' — the quote right after the punctuation closes
        return bool(_LOWER_WORD_NEXT.match(rest) and _LATER_CLOSER.search(rest))

    def _leading_elision(self, index: int) -> bool:
        """'tis, 'em, rock 'n' roll, the '90s: an apostrophe for dropped letters. Unless the
        mark is the '90s, a closing single quote later in the paragraph means it opens a
        quotation instead ('em' is a word; 'Tis true,' she said)."""
        rest = self.text[index + 1 : index + 400].replace(BOUNDARY, "")
        if _DECADES.match(rest):
            return True
        word = _WORD.match(rest)
        if not word:
            return False
        token = word.group(0).lower()
        if token == "n" and rest[1:2] and rest[1] in SINGLES:
            return True  # rock 'n' roll
        if token not in ELISIONS and not _DECADE.match(rest):
            return False
        _, before = self.near(index, -1)
        if before is not None and self.marks.get(self.near(index, -1)[0]) is Mark.SINGLE_OPEN:
            return True  # ''Tis nothing,' — the quotation has just opened
        return not _LATER_CLOSER.search(rest, word.end())


Marks = dict[int, Mark]


def scan_marks(text: str) -> Marks:
    """Decide every quote mark of one paragraph (the house style is applied later)."""
    if not any(ch in text for ch in DOUBLES + SINGLES):
        return {}
    return _Scanner(text).scan()


def speech_in_singles(marks_by_paragraph: list[Marks]) -> bool | None:
    """True when the author set speech in single quotes, False for double quotes, None when
    nothing tells (then the house style's own speech marks are assumed).

    The evidence is the kind of mark that opens the first quotation of each paragraph, as the
    scanner decided it (an elision such as 'tis is no quotation): “It’s ‘odd’” counts for
    doubles, ‘It’s “odd”’ for singles. Normalised text opens with the house style's speech
    marks, so a second pass finds them and changes nothing."""
    singles = doubles = 0
    for marks in marks_by_paragraph:
        first = next((m for m in marks.values() if m in _OPENING_MARKS), None)
        if first is Mark.SINGLE_OPEN:
            singles += 1
        elif first is Mark.DOUBLE_OPEN:
            doubles += 1
    if singles == doubles:
        return None
    return singles > doubles


def apply_marks(text: str, marks: Marks, style: QuoteStyle = AMERICAN,
                single_outer: bool = False) -> str:
    """Set the decided marks in the house style. `single_outer`: the author's speech marks are
    single quotes, so they become the style's outer quotes."""
    if not marks:
        return text
    for_doubles, for_singles = (style.inner, style.outer) if single_outer else (style.outer, style.inner)
    chars = {
        Mark.DOUBLE_OPEN: for_doubles[0], Mark.DOUBLE_CLOSE: for_doubles[1],
        Mark.SINGLE_OPEN: for_singles[0], Mark.SINGLE_CLOSE: for_singles[1], Mark.APOSTROPHE: "’",
    }
    out = list(text)
    for index, mark in marks.items():
        out[index] = chars[mark]
    return "".join(out)
