"""Curly quotes, apostrophes and primes, decided over the whole paragraph.

smartypants decides each mark from a few regexes and gets word-initial apostrophes (’tis,
’90s), quotes after dashes and nested quotes wrong. Here every mark is first classified by the
real characters on either side of it (node-boundary markers skipped, so emphasis does not
blind it, and runs of adjacent marks judged together: ,'" closes twice, "'Tis opens once):

- Double quotes are decided in order, by context, keeping track of whether one is open.
- A single quote is often ambiguous: before a word it opens a quotation or marks an elision
  ('Tis true / 'Tis true,' she said), after a word it closes a quotation or marks dropped
  letters (walkin', the Joneses'), after a digit it may be a prime (a 9' drop). Each reading
  has a price (context, the elision lexicon of elisions.py), and the readings of the whole
  paragraph are chosen together so that quotations open and close in balance (a shortest path
  over "is a single quotation open"). A quotation left open at the end of a paragraph is
  allowed, at a price: speech that runs on into the next paragraph is not closed. Speech
  interrupted by a tag and picked up again (‘We drove all night,’ she said. ‘By dawn…) is the
  same speech: once a single quotation has closed on a comma or a dash (the sign that a tag
  interrupts it), a ' after the tag's sentence or clause break is read as that speech
  resuming, and may run on as speech that opened the paragraph may.

The scanner emits abstract marks (open or close, apostrophe, prime); `apply_marks` turns them
into characters. By default the author's hierarchy is kept (double marks stay double, single
stay single, only curled); a house style (American “‘’”, British ‘“”’) instead sets each
quotation by its nesting level, the outermost with the style's outer marks.

Every kind of quote the author typed (" “ ” ' ‘ ’) is a candidate. Where the context decides,
it decides (repairing an opening “ typed where a closing one belongs); where it is ambiguous, a
curly mark the author chose tips the balance.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from octavo.normalise.elisions import elision_cost
from octavo.normalise.markers import BOUNDARY

DOUBLES = '"“”„‟'
FRACTIONS = "¼½¾⅐⅑⅒⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"  # a measure may end in one: 1½″, 5′2¾″
SINGLES = "'‘’‚‛`´"
_QUOTE_CHAR = re.compile(f"[{re.escape(DOUBLES + SINGLES)}]")
# Runs of adjacent quote marks, with node boundaries between them or not.
# A single quote between two letters or digits is an apostrophe (don't, O'Brien, 45's): found
# all at once, and the runs of text without node boundaries are looked for around them (a run
# that is just such an apostrophe is skipped: it is decided already).
_QUOTES_CLASS = f"[{re.escape(DOUBLES + SINGLES)}]"
# (Each pattern starts with the mark itself and looks behind it only then: a pattern that
# starts with a look-behind is tried at every position of the paragraph.)
_APOSTROPHE_IN_WORD = re.compile(
    f"[{re.escape(SINGLES)}](?<=[^\\W_][{re.escape(SINGLES)}])(?=[^\\W_])")
_QUOTE_RUN_NOT_IN_WORD = re.compile(
    f"{_QUOTES_CLASS}(?:(?<![^\\W_]{_QUOTES_CLASS}){_QUOTES_CLASS}*"  # after no letter: the run
    f"|{_QUOTES_CLASS}+"  # two marks or more: the run
    f"|(?![^\\W_])"  # one mark, before no letter
    f"|(?<=[{re.escape(DOUBLES)}]))")  # one double mark, wherever it is
_QUOTE_RUN_ACROSS_BOUNDARIES = re.compile(
    f"[{re.escape(DOUBLES + SINGLES)}](?:{BOUNDARY}*[{re.escape(DOUBLES + SINGLES)}])*")


class Mark(enum.IntEnum):  # an int: hashed and compared at C speed in the hot loops
    DOUBLE_OPEN = enum.auto()
    DOUBLE_CLOSE = enum.auto()
    SINGLE_OPEN = enum.auto()
    SINGLE_CLOSE = enum.auto()
    APOSTROPHE = enum.auto()
    PRIME = enum.auto()  # feet, minutes: 9′
    DOUBLE_PRIME = enum.auto()  # inches, seconds: 14″


Marks = dict[int, Mark]
_OPENING = (Mark.DOUBLE_OPEN, Mark.SINGLE_OPEN)
_CLOSING = (Mark.DOUBLE_CLOSE, Mark.SINGLE_CLOSE)


@dataclass(frozen=True, slots=True)
class QuoteStyle:
    """Which characters a converting house style uses; `outer` for a quotation, `inner` for a
    quotation within it (and outer again a level further in)."""

    outer: tuple[str, str] = ("“", "”")
    inner: tuple[str, str] = ("‘", "’")


AMERICAN = QuoteStyle()
BRITISH = QuoteStyle(outer=("‘", "’"), inner=("“", "”"))


def _word(ch: str | None) -> bool:
    if ch is None:
        return False
    if ch.isalnum():
        return True
    return ch >= "\u0300" and unicodedata.category(ch) in ("Mn", "Mc")  # combining marks


def _measures(ch: str | None) -> bool:
    """A digit or a fraction, after which a mark may be a prime (9′, 14″, 1½″)."""
    return ch is not None and (ch.isdigit() or ch in FRACTIONS)


def _space(ch: str | None) -> bool:
    return ch is None or ch.isspace()


def _punct(ch: str | None) -> bool:
    return ch is not None and unicodedata.category(ch)[0] == "P"


# -- prices of the single-quote readings (lower is likelier) ---------------------------------

_OPEN_AT_START = 0.0  # a paragraph that starts with ' is nearly always speech
_OPEN_AFTER_MARK = 0.1  # "'Run,' — right after an opening double quote
_OPEN_AFTER_BREAK = 0.3  # after a sentence, a comma, a colon, a dash or a bracket
_OPEN_MID_SENTENCE = 1.0  # after a word: a title or a scare quote, rarer than an elision
_OPEN_ODD = 0.8  # after another symbol
_CLOSE = 0.2
_CLOSE_BEFORE_LOWER = 0.6  # a quotation closing mid-sentence ('home' and) is rarer
_APOSTROPHE_G_DROPPED = 0.2  # goin', nothin'
_APOSTROPHE_PLURAL = 0.4  # the Joneses', the girls'
_APOSTROPHE_SHORT = 0.2  # ol', an', th'
_APOSTROPHE_OTHER = 2.0
_PRIME = 0.6  # a 9' drop: a prime unless a quotation needs the mark to close
_TYPED_OTHERWISE = 0.8  # the author typed the other direction (‘ for ’, or ’ for ‘)
_NESTED_SAME_KIND = 2.5  # ' opening inside an open single quotation
_STRAY_CLOSE = 2.5  # ' closing when no single quotation is open
_LEFT_OPEN_FROM_START = 0.4  # speech that began the paragraph runs on into the next one
_OPEN_RESUMING = 0.0  # 'Go,' she said. 'Now — after the tag that interrupted a quotation
_LEFT_OPEN = 1.5
_CLOSED_BY_DOUBLE = 2.0  # a single opened inside a double is still open when the double closes

_WORD_FINAL_ELISIONS = frozenset("ol an th o n tha wi fo yo mo po t y".split())  # noqa: SIM905
_BREAK_BEFORE = ".!?…,;:—–([{\"“”’'‘"
_CLAUSE_END = ".!?…,;:—–"


# A lone single quote with no letter or digit on either side (',' she said', 'No.' he', ' ' '):
# its readings depend on the mark and its two neighbours alone (`_single`'s last three cases, all
# of which may open a quotation), so they are worked out once per such triple.
_READINGS_BETWEEN_NON_WORDS: dict[tuple[str, str | None, str | None], _Event] = {}
_MAX_KNOWN_READINGS = 4096


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.marks: Marks = {}
        self.double_open = False
        # The singles in order (each as its `_Event`: its readings and its place), with the
        # double quotes' opening and closing between them; and where each single stands.
        self.events: list[_Event] = []
        self.singles: list[int] = []
        self.may_open_single = False  # one of the singles may open a single quotation
        self.has_boundary = BOUNDARY in text

    def near(self, index: int, step: int) -> str | None:
        index += step
        if not self.has_boundary:
            return self.text[index] if 0 <= index < len(self.text) else None
        while 0 <= index < len(self.text):
            if self.text[index] != BOUNDARY:
                return self.text[index]
            index += step
        return None

    def scan(self) -> Marks:
        if self.has_boundary:
            self._scan_across_boundaries()
        else:
            self._scan_plain(self.text)
        return self._decide_singles()

    def _scan_across_boundaries(self) -> None:
        for cluster in self._clusters():
            before = self.near(cluster[0], -1)
            after = self.near(cluster[-1], 1)
            for position, index in enumerate(cluster):
                inner_before = before if position == 0 else self.text[cluster[position - 1]]
                inner_after = after if position == len(cluster) - 1 else self.text[cluster[position + 1]]
                if self.text[index] in DOUBLES:
                    self._double(index, before, after, first=position == 0)
                else:
                    self._single(index, inner_before, inner_after, before, after, position)

    def _scan_plain(self, text: str) -> None:
        """`scan` for text without node boundaries (most paragraphs), with the commonest marks
        decided on the spot: a ' between letters is an apostrophe (don't, O'Brien)."""
        marks = self.marks
        size = len(text)
        apostrophe = Mark.APOSTROPHE
        for match in _APOSTROPHE_IN_WORD.finditer(text):
            marks[match.start()] = apostrophe
        events = self.events
        double_open, double_close = Mark.DOUBLE_OPEN, Mark.DOUBLE_CLOSE
        for run in _QUOTE_RUN_NOT_IN_WORD.finditer(text):
            first, end = run.span()
            before = text[first - 1] if first else None
            after = text[end] if end < size else None
            if end - first == 1:
                if text[first] in DOUBLES:
                    # The commonest doubles as `_double` decides them: after a space, before
                    # anything but a space, one opens; before a space, after anything but a
                    # space, an opening bracket or a measure, one closes.
                    if before is None or before.isspace():
                        if after is not None and not after.isspace():
                            self.double_open = True
                            marks[first] = double_open
                            events.append(double_open)
                            continue
                    elif (after is None or after.isspace()) and before not in "([{" and not (
                            before.isdigit() or before in FRACTIONS):
                        self.double_open = False
                        marks[first] = double_close
                        events.append(double_close)
                        continue
                    self._double(first, before, after, first=True)
                else:
                    key = (text[first], before, after)
                    known = _READINGS_BETWEEN_NON_WORDS.get(key)
                    if known is not None:
                        events.append(known)
                        self.singles.append(first)
                        self.may_open_single = True
                        continue
                    self._single(first, before, after, before, after, 0)
                    if not _word(after) and not _word(before) and \
                            len(_READINGS_BETWEEN_NON_WORDS) < _MAX_KNOWN_READINGS:
                        _READINGS_BETWEEN_NON_WORDS[key] = events[-1]
                continue
            last = end - 1
            for index in range(first, end):
                position = index - first
                inner_before = before if index == first else text[index - 1]
                inner_after = after if index == last else text[index + 1]
                if text[index] in DOUBLES:
                    self._double(index, before, after, first=position == 0)
                else:
                    self._single(index, inner_before, inner_after, before, after, position)

    def _decide_singles(self) -> Marks:
        if not self.singles:  # every single quote was decided on the spot
            return self.marks
        if self.may_open_single:
            self._choose_singles()
        else:  # nothing can open a single quotation: each mark on its own, none open
            options_in_order = (event[0] for event in self.events if event.__class__ is tuple)
            for index, options in zip(self.singles, options_in_order, strict=True):
                self.marks[index] = min(
                    options,
                    key=lambda o: o[1] + (_STRAY_CLOSE if o[0] is Mark.SINGLE_CLOSE else 0))[0]
        return self.marks

    def _clusters(self) -> list[list[int]]:
        """Runs of adjacent quote marks, node boundaries between them not counting (text with
        boundaries only: `_scan_plain` finds the runs of the rest)."""
        text = self.text
        return [[i for i in range(m.start(), m.end()) if text[i] != BOUNDARY]
                for m in _QUOTE_RUN_ACROSS_BOUNDARIES.finditer(text)]

    # -- doubles: decided in order -------------------------------------------------------------

    def _double(self, index: int, before: str | None, after: str | None, first: bool) -> None:
        if first and _measures(before) and not _word(after):
            # 14" is inches, unless it closes an open quotation ("I was born in 1985.")
            later = sum(self.text.count(q, index + 1) for q in DOUBLES)
            if not self.double_open or later % 2 == 1:
                self.marks[index] = Mark.DOUBLE_PRIME
                return
        opens = self._opens(before, after)
        self.double_open = opens
        mark = Mark.DOUBLE_OPEN if opens else Mark.DOUBLE_CLOSE
        self.marks[index] = mark
        self.events.append(mark)

    def _opens(self, before: str | None, after: str | None) -> bool:
        if _space(before) and _space(after):
            return not self.double_open  # a stray mark between spaces: balance decides
        if before is None or before.isspace() or before in "([{":
            return True
        if before in "—–":  # "Wait—" closes, —"and then" opens
            return not self.double_open and not (_space(after) or _punct(after))
        # After a word or punctuation: closes, unless a space is missing (said,"Go). A prime
        # stands after a digit, so it counts as the digit would.
        return _word(after) and not self.double_open and not _word(before) and before not in "′″"

    # -- singles: readings now, chosen together at the end ---------------------------------------

    def _single(self, index: int, before: str | None, after: str | None,
                cluster_before: str | None, cluster_after: str | None, position: int) -> None:
        typed = self.text[index]
        word_after = _word(after)
        if word_after and _word(before):
            self.marks[index] = Mark.APOSTROPHE  # don't, O'Brien, rock'n'roll, 45's
            return
        options: list[tuple[Mark, float]]
        at_start = resumes = False
        may_open = True
        if word_after:  # before a word: opens a quotation, or an elision ('tis, '90s)
            rest = self.text[index + 1 : index + 40]
            if self.has_boundary:
                rest = rest.replace(BOUNDARY, "")
            at_start = cluster_before is None and position == 0
            # (at the run's first mark, `before` is the run's: after a space, the character
            # before the spaces is looked up once, for both questions)
            spaced = position == 0 and before is not None and before.isspace()
            word_before = self._non_space_before(index) if spaced else None
            resumes = spaced and (word_before or "") in _CLAUSE_END
            options = [(Mark.SINGLE_OPEN, self._opening_price(before, position, word_before)),
                       (Mark.APOSTROPHE, elision_cost(rest))]
        elif _word(before):  # after a word: closes, or dropped letters (goin', the Joneses')
            close = _CLOSE_BEFORE_LOWER if self._lower_word_follows(index) else _CLOSE
            options = [(Mark.SINGLE_CLOSE, close), (Mark.APOSTROPHE, self._final_price(index))]
            if _measures(before):
                options.append((Mark.PRIME, _PRIME))
            may_open = False
        elif before is not None and not before.isspace() and before not in "([{" and (
                position > 0 or before in ".!?…,;:—–)]}" or _punct(before)):
            # after punctuation or a closing mark: closes ('Go,' / 'No.'")
            options = [(Mark.SINGLE_CLOSE, _CLOSE), (Mark.SINGLE_OPEN, _OPEN_ODD + _CLOSE)]
        elif _space(after):  # between spaces: balance decides
            options = [(Mark.SINGLE_OPEN, _CLOSE), (Mark.SINGLE_CLOSE, _CLOSE)]
        else:  # at a word start but before punctuation or another mark: '…and then, '"Go
            at_start = cluster_before is None and position == 0
            options = [(Mark.SINGLE_OPEN, _OPEN_AFTER_BREAK), (Mark.SINGLE_CLOSE, _OPEN_ODD)]
        if typed == "‘" and not word_after:  # before a word, ‘ is what autocorrect always types
            options = [(m, p if m is Mark.SINGLE_OPEN else p + _TYPED_OTHERWISE) for m, p in options]
        elif typed == "’":
            options = [(m, p + _TYPED_OTHERWISE if m is Mark.SINGLE_OPEN else p) for m, p in options]
        # resumes: after a space that follows a sentence or clause break (she said. 'By / he
        # said, 'and), where speech interrupted by a tag picks up again; interrupts: right after
        # a comma or a dash ('Go,' she said / 'I—' he began), where a quotation closing is
        # interrupted by a tag rather than finished
        self.events.append((tuple(options), resumes, at_start,
                            before is not None and before in ",—–"))
        self.singles.append(index)
        self.may_open_single |= may_open

    @staticmethod
    def _opening_price(before: str | None, position: int, word_before: str | None) -> float:
        """`word_before`: the character before the spaces, when `before` is a space."""
        if position > 0 or (before is not None and before in "′″"):  # a prime was a mark too
            return _OPEN_AFTER_MARK
        if before is None:
            return _OPEN_AT_START
        if before in "([{—–…/":
            return _OPEN_AFTER_BREAK
        if before.isspace():
            if word_before is None or word_before in _BREAK_BEFORE:
                return _OPEN_AFTER_BREAK
            return _OPEN_MID_SENTENCE
        return _OPEN_ODD

    def _non_space_before(self, index: int) -> str | None:
        index -= 1
        while index >= 0 and (self.text[index].isspace() or self.text[index] == BOUNDARY):
            index -= 1
        return self.text[index] if index >= 0 else None

    def _lower_word_follows(self, index: int) -> bool:
        """A space and a lower-case word come next (a quotation rarely closes there)."""
        after = self.text[index + 1 : index + 6].replace(BOUNDARY, "")
        if not after.startswith(" "):
            return False
        word = after[1:].lstrip(SINGLES)
        return bool(word) and word[0].islower()

    def _final_price(self, index: int) -> float:
        """The price of an apostrophe after a word: dropped g, plural possessive, ol'."""
        start = index
        while start > 0 and (_word(self.text[start - 1]) or self.text[start - 1] == BOUNDARY):
            start -= 1
        word = self.text[start:index].replace(BOUNDARY, "").lower()
        if word.endswith("in") and len(word) > 3:
            return _APOSTROPHE_G_DROPPED
        if word.endswith("s"):
            return _APOSTROPHE_PLURAL
        if word in _WORD_FINAL_ELISIONS:
            return _APOSTROPHE_SHORT
        return _APOSTROPHE_OTHER

    def _choose_singles(self) -> None:
        """The cheapest readings of all single quotes together (see `_cheapest_readings`)."""
        for index, mark in zip(self.singles, _cheapest_readings(tuple(self.events)),
                               strict=True):
            self.marks[index] = mark


# One single quote's readings and what the path needs to know of its place: (options, resumes,
# at start, interrupts); or a double quotation's opening or closing mark.
_Event = tuple[tuple[tuple[Mark, float], ...], bool, bool, bool] | Mark


@lru_cache(maxsize=8192)
def _cheapest_readings(events: tuple[_Event, ...]) -> tuple[Mark, ...]:
    """The cheapest readings of all single quotes together: a shortest path over the state
    (the single quotations open, each with the number of double ones open around it; did
    the outermost open the paragraph or resume its speech; did the last outermost single
    quotation close on a comma or a dash, interrupted by a tag). A single quotation may
    open inside another only with a double one between them (‘He said, “I told her
    ‘no’”’). A pure function of the readings and their order, not of the text, so the many
    paragraphs of a book that quote alike ('Go,' she said.) share one answer."""
    # Each step maps a state to (price, the previous state, the reading that led here).
    open_mark, close_mark = Mark.SINGLE_OPEN, Mark.SINGLE_CLOSE
    double_open = Mark.DOUBLE_OPEN
    most_open = _MAX_SINGLES_OPEN
    start: _State = ((), False, False)
    steps: list[dict[_State, tuple[float, _State, Mark]]] = []
    states: dict[_State, tuple[float, _State, Mark]] = {start: (0.0, start, _SETTLED)}
    depth = 0  # double quotations open
    for event in events:
        if event.__class__ is not tuple:  # a double quotation's mark
            if event is double_open:
                depth += 1
            else:
                depth = max(0, depth - 1)
                states = _settle_double_close(states, depth)
                steps.append(states)
            continue
        options, resumes, at_start, interrupts = event
        step: dict[_State, tuple[float, _State, Mark]] = {}
        known_price = step.get
        for state, reached in states.items():
            price = reached[0]
            stack, from_start, interrupted = state
            for mark, cost in options:
                after = state
                if mark is open_mark:
                    if (stack and stack[-1] >= depth) or len(stack) >= most_open:
                        cost += _NESTED_SAME_KIND
                    elif stack:
                        after = ((*stack, depth), from_start, interrupted)
                    elif interrupted and resumes:
                        cost = min(cost, _OPEN_RESUMING)
                        after = ((depth,), True, interrupted)
                    else:
                        after = ((depth,), at_start, interrupted)
                elif mark is close_mark:
                    if stack:
                        after = (stack[:-1], from_start and len(stack) > 1,
                                 interrupts if len(stack) == 1 else interrupted)
                    else:
                        cost += _STRAY_CLOSE
                total = price + cost
                known = known_price(after)
                if known is None or total < known[0]:
                    step[after] = (total, state, mark)
        steps.append(step)
        states = step
    state = min(states, key=lambda s: states[s][0] + _end_price(s))
    chosen: list[Mark] = []
    for step in reversed(steps):
        _, state, mark = step[state]
        if mark is not _SETTLED:
            chosen.append(mark)
    return tuple(reversed(chosen))


# (the depths of the single quotations open, did the outermost open or resume the paragraph's
# speech, was the last outermost single quotation interrupted by a tag)
_State = tuple[tuple[int, ...], bool, bool]
_MAX_SINGLES_OPEN = 2


def _end_price(state: _State) -> float:
    stack, from_start, _ = state
    if not stack:
        return 0.0
    return _LEFT_OPEN * (len(stack) - 1) + (_LEFT_OPEN_FROM_START if from_start else _LEFT_OPEN)


_SETTLED = Mark.DOUBLE_CLOSE  # the "reading" recorded for a step where a double quotation closed


def _settle_double_close(states: dict[_State, tuple[float, _State, Mark]], depth: int
                         ) -> dict[_State, tuple[float, _State, Mark]]:
    """A double quotation closes, leaving `depth` open: a single one opened inside it should
    have closed before. A step of its own, so that the readings can be traced back."""
    step: dict[_State, tuple[float, _State, Mark]] = {}
    for state, (price, _, _) in states.items():
        stack, from_start, interrupted = state
        after = state
        if stack and stack[-1] > depth:
            kept = tuple(d for d in stack if d <= depth)
            price += _CLOSED_BY_DOUBLE * (len(stack) - len(kept))
            after = (kept, from_start and bool(kept), interrupted)
        known = step.get(after)
        if known is None or price < known[0]:
            step[after] = (price, state, _SETTLED)
    return step


def scan_marks(text: str) -> Marks:
    """Decide every quote mark of one paragraph (the characters are set by `apply_marks`)."""
    if text.isascii():  # (a flag of the string: no scan) its quote marks can only be ' " `
        if "'" not in text and '"' not in text and "`" not in text:
            return {}
    elif not _QUOTE_CHAR.search(text):
        return {}
    return _Scanner(text).scan()


def _levels(marks: Marks) -> dict[int, int]:
    """Each quotation mark's nesting level: 1 outermost, 2 inside it, and so on."""
    levels: dict[int, int] = {}
    stack: list[bool] = []  # True: a double quotation
    for index in sorted(marks):
        mark = marks[index]
        double = mark in (Mark.DOUBLE_OPEN, Mark.DOUBLE_CLOSE)
        if mark in _OPENING:
            stack.append(double)
            levels[index] = len(stack)
        elif mark in _CLOSING:
            if double in stack:
                depth = len(stack) - stack[::-1].index(double)
                levels[index] = depth
                del stack[depth - 1:]
            else:
                levels[index] = len(stack) + 1
    return levels


_KEPT = {Mark.DOUBLE_OPEN: "“", Mark.DOUBLE_CLOSE: "”", Mark.SINGLE_OPEN: "‘",
         Mark.SINGLE_CLOSE: "’", Mark.APOSTROPHE: "’", Mark.PRIME: "′", Mark.DOUBLE_PRIME: "″"}


def apply_marks(text: str, marks: Marks, style: QuoteStyle | None = None) -> str:
    """Set the decided marks: curled as the author typed them (`style` None), or in a house
    style by nesting level."""
    if not marks:
        return text
    characters = list(text)
    if style is None:
        kept = _KEPT
        for index, mark in marks.items():
            characters[index] = kept[mark]
        return "".join(characters)
    levels = _levels(marks)
    for index, mark in marks.items():
        if index not in levels:
            characters[index] = _KEPT[mark]
        else:
            pair = style.outer if levels[index] % 2 else style.inner
            characters[index] = pair[0] if mark in _OPENING else pair[1]
    return "".join(characters)


def kinds_changed(text: str, marks: Marks, style: QuoteStyle | None) -> bool:
    """Whether setting `marks` in `style` turns a double quotation into a single one or back
    (then the text must be scanned again to be stable)."""
    if style is None:
        return False
    levels = _levels(marks)
    for index, level in levels.items():
        was_double = marks[index] in (Mark.DOUBLE_OPEN, Mark.DOUBLE_CLOSE)
        now = style.outer if level % 2 else style.inner
        if (now[0] in DOUBLES) != was_double:
            return True
    return False
