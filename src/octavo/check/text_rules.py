"""Checks on manuscript text, one small function per code.

Each rule sees the decoded text of one manuscript as paragraphs that keep their source lines,
and yields findings with an exact line and column. Rules look for what an editor would query;
they stay quiet on finished prose (a clean corpus in the tests holds them to that).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from octavo.characters import BIDI_CONTROLS
from octavo.check import registers
from octavo.check.transcripts import labelled, transcript_lines
from octavo.check.words import (
    COPULAS,
    LEAD_IN_ENDINGS,
    PREPOSITIONS,
    SPEECH_VERB_FORMS,
    UTTERANCE_NOUNS,
    word_set,
)
from octavo.diagnostics import Severity
from octavo.explanations import explained


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based
    text: str


@dataclass(frozen=True, slots=True)
class TextParagraph:
    """A paragraph as the author wrote it: its lines, joined (once) for paragraph-wide rules.

    `ends_section`: a scene break or the end of the story follows it."""

    lines: tuple[Line, ...]
    ends_section: bool = False
    text: str = field(init=False, compare=False)
    _starts: tuple[int, ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        if len(self.lines) == 1:  # most paragraphs: one line
            object.__setattr__(self, "text", self.lines[0].text.strip())
            object.__setattr__(self, "_starts", (0,))
            return
        starts, parts, offset = [], [], 0
        for line in self.lines:
            stripped = line.text.strip()
            starts.append(offset)
            parts.append(stripped)
            offset += len(stripped) + 1
        object.__setattr__(self, "text", " ".join(parts))
        object.__setattr__(self, "_starts", tuple(starts))

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def last(self) -> Line:
        return self.lines[-1]

    def locate(self, offset: int) -> tuple[int, int]:
        """The source line number and 1-based column of an offset into `text`."""
        index = max(0, bisect_right(self._starts, offset) - 1)
        line = self.lines[index]
        indent = len(line.text) - len(line.text.lstrip())
        return line.number, indent + offset - self._starts[index] + 1

    def line_starts_at(self, offset: int) -> bool:
        """Whether `offset` is the first character of one of the paragraph's source lines."""
        return offset in self._starts


class Paragraphs(list[TextParagraph]):
    """A story's paragraphs, and their text joined by newlines, so that a rule can scan the
    whole story with one regular expression and map each match back to its paragraph."""

    @functools.cached_property
    def joined(self) -> str:
        return "\n".join(p.text for p in self)

    @functools.cached_property
    def _offsets(self) -> list[int]:
        offsets, at = [], 0
        for paragraph in self:
            offsets.append(at)
            at += len(paragraph.text) + 1
        return offsets

    @functools.cached_property
    def source_lines(self) -> tuple[str, list[int], list[Line]]:
        """Every source line of the story's paragraphs joined by newlines, with each line's
        offset: line rules scan the whole story at once (patterns never cross a newline)."""
        lines = [line for paragraph in self for line in paragraph.lines]
        offsets, at = [], 0
        for line in lines:
            offsets.append(at)
            at += len(line.text) + 1
        return "\n".join(line.text for line in lines), offsets, lines

    @functools.cached_property
    def cache(self) -> dict[str, object]:
        """What one rule computed for the story that another may reuse."""
        return {}

    def at(self, offset: int) -> tuple[int, int]:
        """The paragraph index of an offset into `joined`, and the offset within it."""
        index = bisect_right(self._offsets, offset) - 1
        return index, offset - self._offsets[index]


def paragraphs_view(paragraphs: list[TextParagraph]) -> Paragraphs:
    return paragraphs if isinstance(paragraphs, Paragraphs) else Paragraphs(paragraphs)


def scan(paragraphs: list[TextParagraph], pattern: re.Pattern[str]) -> Iterator[
        tuple[TextParagraph, int, re.Match[str]]]:
    """Every match of `pattern` over the story's paragraphs (never across two of them):
    (paragraph, its index, the match, whose offsets are into `joined`)."""
    view = paragraphs_view(paragraphs)
    for match in pattern.finditer(view.joined):
        index, _ = view.at(match.start())
        yield view[index], index, match


def transcript_line_numbers(paragraphs: list[TextParagraph]) -> frozenset[int]:
    """The source lines of the story that are lines of a chat log or transcript
    (`Theo: is anyone awake`): the characters' own typing, which the sentence rules leave
    alone. Computed once per story."""
    view = paragraphs_view(paragraphs)
    found = view.cache.get("transcript_lines")
    if not isinstance(found, frozenset):
        found = frozenset() if ": " not in view.joined else transcript_lines(
            (line.number, line.text) for paragraph in view for line in paragraph.lines)
        view.cache["transcript_lines"] = found
    return found


def finding_at(paragraphs: list[TextParagraph], code: str, message: str, start: int, end: int,
               fix: str | None = None) -> Finding:
    """A finding for the span [start, end) of `joined`, located in its source line."""
    view = paragraphs_view(paragraphs)
    index, offset = view.at(start)
    number, column = view[index].locate(offset)
    return Finding(code, message, number, column, max(1, end - start), fix)


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    message: str
    line: int
    column: int  # 1-based
    length: int = 1
    fix: str | None = None


@dataclass(frozen=True, slots=True)
class TextRule:
    code: str
    severity: Severity
    summary: str
    explanation: str
    run: Callable[[list[TextParagraph]], Iterator[Finding]]
    on_by_default: bool = True
    markup_blind: bool = False  # as right on Markdown as on plain text: runs on both


RULES: list[TextRule] = []


def rule(code: str, severity: Severity, summary: str, explanation: str,
         on_by_default: bool = True, markup_blind: bool = False, *, why: str = "",
         fix: str = "", before: str = "", after: str = "") -> Callable[
        [Callable[[list[TextParagraph]], Iterator[Finding]]],
        Callable[[list[TextParagraph]], Iterator[Finding]]]:
    """Register a text rule and its explanation: `explanation` says what the finding means,
    `why` why it matters, `fix` how to fix it, `before`/`after` an example (a test holds every
    rule to all four)."""
    def register(run: Callable[[list[TextParagraph]], Iterator[Finding]]) -> Callable[
            [list[TextParagraph]], Iterator[Finding]]:
        RULES.append(TextRule(code, severity, summary, explanation, run, on_by_default,
                              markup_blind))
        explained(code, summary, meaning=explanation, why=why, fix=fix, before=before,
                  after=after, severity=severity)
        return run
    return register


def _each_match(paragraphs: list[TextParagraph], pattern: re.Pattern[str], code: str,
                message: Callable[[re.Match[str]], str],
                fix: Callable[[re.Match[str]], str] | None = None,
                hint: Callable[[str], object] | None = None) -> Iterator[Finding]:
    """A finding for every match of `pattern` in a source line (`^` and `$` are the line's
    ends). The whole story is scanned at once, so a pattern must not match a newline.
    `hint`: a cheap test of the story's text without which the pattern cannot match (a
    substring search is many times faster than a pattern that starts with a class)."""
    text, offsets, lines = paragraphs_view(paragraphs).source_lines
    if hint is not None and not hint(text):
        return
    for match in _multiline(pattern).finditer(text):
        index = bisect_right(offsets, match.start()) - 1
        yield Finding(code, message(match), lines[index].number,
                      match.start() - offsets[index] + 1, max(1, match.end() - match.start()),
                      fix(match) if fix else None)


@functools.cache
def _multiline(pattern: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(pattern.pattern, pattern.flags | re.MULTILINE)


# -- encoding ---------------------------------------------------------------------------------

# UTF-8 read as Windows-1252 and saved again: â€™ for ’, Ã© for é, Â for a no-break space.
_MOJIBAKE = re.compile("â€[\u0080-\u00bf\u2018-\u203a™œ\u009d]|Ã[\u0080-\u00bf]|Â[\u00a0-\u00bf]")
_MOJIBAKE_FIX = {"â€™": "’", "â€˜": "‘", "â€œ": "“", "â€\u009d": "”", "â€”": "—", "â€“": "–",
                 "â€¦": "…"}


@rule("OCT301", Severity.WARNING, "text damaged by a wrong encoding (mojibake)",
      "Characters such as â€™ or Ã© appear where a program read UTF-8 text as Windows-1252 and "
      "saved it again. The original was most likely ’ or é. Fix the file (octavo fix will), or "
      "ask the author for a clean copy.", markup_blind=True,
      why="Readers see garbage where a quote or an accented letter should be, and stores flag such books as "
          "poorly made.",
      fix='Run `octavo fix`, which repairs it, or ask the author for a clean copy.',
      before='I donâ€™t know.', after='I don’t know.')
def mojibake(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _each_match(paragraphs, _MOJIBAKE, "OCT301",
                           lambda m: f"'{m.group(0)}' looks like text damaged by a wrong encoding",
                           lambda m: _MOJIBAKE_FIX.get(m.group(0), ""),
                           lambda text: "â" in text or "Ã" in text or "Â" in text)


# The joiners are reported only between Latin letters: emoji sequences (👩‍👩‍👧), Arabic, Persian
# and Indic text need them.
_INVISIBLE = re.compile(f"[\u200b\u2060\ufeff\u00ad{BIDI_CONTROLS}]"
                        "|[\u200c\u200d](?<=[\x00-\x09\x0b-\u024f][\u200c\u200d])(?=[\x00-\x09\x0b-\u024f]|$)")
_INVISIBLE_ANY = re.compile(f"[\u200b\u2060\ufeff\u00ad\u200c\u200d{BIDI_CONTROLS}]")
_INVISIBLE_NAMES = {"\u200b": "zero-width space", "\u200c": "zero-width non-joiner",
                    "\u200d": "zero-width joiner", "\u2060": "word joiner",
                    "\ufeff": "byte-order mark", "\u00ad": "soft hyphen"}


@rule("OCT302", Severity.WARNING, "an invisible or bidirectional control character",
      "Zero-width characters, soft hyphens and bidirectional controls are invisible in most "
      "editors but change how text breaks, searches and reads aloud. Bidirectional embeddings, "
      "overrides and isolates can even show words in an order other than the file's, so the "
      "book never carries them: octavo removes them and sets each paragraph's direction from "
      "its first letter. Remove the others unless the script needs them (Persian and Indic "
      "text use the zero-width non-joiner).", markup_blind=True,
      why="Invisible characters break searches, line breaks and text-to-speech; bidirectional overrides can "
          "make a line read differently from the file.",
      fix="Delete the character (most editors show it with 'show invisibles'); `octavo fix` removes bidi "
          "controls.",
      before='co\\u200bworker', after='coworker')
def invisible(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _each_match(
        paragraphs, _INVISIBLE, "OCT302",
        lambda m: f"invisible character U+{ord(m.group(0)):04X} "
                  f"({_INVISIBLE_NAMES.get(m.group(0), 'bidirectional control, left out of the book')})",
        lambda m: "", _INVISIBLE_ANY.search)


# -- typography left undone (opt-in: octavo sets it anyway, but some authors want clean files) --


@rule("OCT303", Severity.WARNING, "straight quotes left in the text",
      "Typewriter quotes (' and \") where curly ones belong. octavo curls them when it builds; "
      "turn this check on (check: {enable: [OCT303]}) to keep the files themselves clean.",
      on_by_default=False,
      why='The build curls quotes anyway; this check is for houses that keep their files themselves typeset.',
      fix='Run `octavo fix`, which curls them in the file.',
      before='"Go," she said.', after='“Go,” she said.')
def straight_quotes(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _each_match(paragraphs, re.compile("[\"']"), "OCT303",
                           lambda m: f"straight quote {m.group(0)}")


@rule("OCT304", Severity.WARNING, "a double hyphen instead of a dash",
      "-- stands in for an em dash on a typewriter. octavo sets the dash when it builds; turn "
      "this check on (check: {enable: [OCT304]}) to keep the files themselves clean.",
      on_by_default=False,
      why='The build sets dashes anyway; this check keeps the files themselves clean.',
      fix='Run `octavo fix`, or type an em dash (—).',
      before='He stopped--then ran.', after='He stopped—then ran.')
def double_hyphen(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _each_match(paragraphs, re.compile("-{2,3}"), "OCT304",
                           lambda m: f"'{m.group(0)}' where a dash belongs", lambda m: "—")


# -- words and punctuation ---------------------------------------------------------------------

# possessive: a word that is not followed by itself is given up at once, not shortened
# (`to to-morrow`: the second word is a compound of its own)
_REPEATED = re.compile(r"\b([^\W\d_]++)[^\S\n]+\1\b(?![-‐][^\W\d_])", re.IGNORECASE)
_FINE_REPEATS = {"had", "that", "is", "bye", "no", "yes", "very", "so", "knock", "tsk", "ha", "her",
                 "hush", "there", "now", "go", "run", "well", "oh", "come", "again", "never",
                 # repeats of speech and sound: `blah blah`, `yeah yeah`, `far far away`,
                 # `aye aye`, `hear hear`
                 "blah", "la", "yeah", "yep", "okay", "ok", "tut", "night", "chop", "bang",
                 "boom", "tick", "far", "long", "hey", "ho", "ooh", "ding", "bla", "ta", "wait",
                 "aye", "dear", "fie", "pooh", "hear", "please", "many", "ah", "aha", "pom",
                 "rah", "woof", "beep"}


@rule("OCT310", Severity.WARNING, "a word repeated by mistake",
      "The same word twice in a row (\"the the\") is almost always a typing slip. Deliberate "
      "repeats common in fiction (had had, that that, no no, very very) are not reported.",
      why='A repeated word is the slip readers notice most, and spell checkers miss it.',
      fix="Delete one of the two; excuse a deliberate repeat with `%% octavo: ignore OCT310` above the "
          "paragraph.",
      before='She saw the the boat.', after='She saw the boat.')
def repeated_word(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from (finding for finding in _each_match(
        paragraphs, _REPEATED, "OCT310", lambda m: f"'{m.group(1)}' is repeated",
        _repeat_fix) if finding.fix and finding.fix.lower() not in _FINE_REPEATS)


# Verbs of telling take a person and then a clause, so `you` may follow `you`: `I assure you
# you are mistaken`, `I told you you'd be late`.
_TELLING = re.compile(r"\b(?:assure|assured|assures|tell|tells|told|telling|promise|promised|"
                      r"warn|warned|remind|reminded|inform|informed|bet|show|showed|convince|"
                      r"convinced|persuade|persuaded|swear|swore|grant|granted)[^\S\n]+$",
                      re.IGNORECASE)


def _repeat_fix(match: re.Match[str]) -> str:
    """The repeated word (the finding's fix), or '' where the repeat is right."""
    word = match.group(1)
    if word.lower() == "you" and _TELLING.search(match.string, max(0, match.start() - 20),
                                                 match.start()):
        return ""
    return word


_DOUBLED = re.compile(r"\.\.(?<![.…]\.\.)(?![.…])|,,|;;|::")  # literals first: fast


@rule("OCT311", Severity.WARNING, "doubled punctuation",
      "Two periods (said..) or two commas are slips; an ellipsis is three periods or '…'.",
      why='Doubled punctuation reads as a typing slip.',
      fix='Keep one mark, or write a real ellipsis; `octavo fix` does this for you.',
      before='He left.. Then she laughed,, loudly.', after='He left. Then she laughed, loudly.')
def doubled_punctuation(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    for finding in _each_match(paragraphs, _DOUBLED, "OCT311",
                               lambda m: f"doubled punctuation '{m.group(0)}'",
                               lambda m: m.group(0)[0]):
        # `ok.. fine` in a chat log is the character's typing: neither reported nor fixed
        if finding.line not in transcript_line_numbers(paragraphs):
            yield finding


# Spaces first, the word before them checked afterwards: a leading look-behind would make the
# scanner try every character of the story.
_SPACE_THEN_PUNCTUATION = re.compile(r" [,;:!?.]")
_SPACE_BEFORE = re.compile(r" +(?=[,;:!?](?:\s|$|[\"”’])|\.(?:\s|$))")


@rule("OCT312", Severity.WARNING, "a space before punctuation",
      "English sets no space before , ; : ! ? or a period.",
      why='French spacing in an English book looks like an error, and the line may break before the mark.',
      fix='Remove the space.',
      before='Really ?', after='Really?')
def space_before_punctuation(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    for finding in _each_match(paragraphs, _SPACE_BEFORE, "OCT312",
                               lambda m: "space before punctuation",
                               lambda m: "" if _word_char_before(m) else "-",
                               _SPACE_THEN_PUNCTUATION.search):
        if finding.fix == "":
            yield finding


def _word_char_before(match: re.Match[str]) -> bool:
    at = match.start()
    return at > 0 and (match.string[at - 1].isalnum())


_SPACED_HYPHEN = re.compile(r" - (?<=[^\W_] - )(?=[^\W\d_])|-(?<=[^\W\d_]-)(?=[\"”“]?$|[\"”“]\s)")


@rule("OCT313", Severity.WARNING, "a hyphen used as a dash",
      "A hyphen joins words (well-known); a break in a sentence or a cut-off speech takes a dash "
      "(—). octavo's normaliser sets it for you; the check tells you where.",
      why='A hyphen where a dash belongs is too short and reads as a compound word.',
      fix="Use an em dash; octavo's normaliser and `octavo fix` set it.",
      before='He stopped - then ran.', after='He stopped—then ran.')
def hyphen_as_dash(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _each_match(paragraphs, _SPACED_HYPHEN, "OCT313",
                           lambda m: "a hyphen where a dash belongs", lambda m: "—")


# -- paragraphs ---------------------------------------------------------------------------------

_TERMINAL = ".!?…—–。！？．؟"  # with the full stops of CJK text and the Arabic question mark
_CLOSERS = "\"'“”‘’)]*_」』）"


_SPEECH_INTRODUCED = re.compile(r"\b(?:saying|replying|adding|crying|exclaiming|answering|"
                                r"continuing|whispering|asking)\b")
# Narration that begins a speech (`he began with,`), or a pause before it (`returning again
# in a moment,`, `after a short silence,`), ends in a comma in published books of every age.
_LEADS_INTO_SPEECH = re.compile(
    r"\b(?:began|begun|begins|commenced|resumed|proceeded|went on|spoke|speaking)\b(?:\W+\w+){0,3}"
    r"\W*$|\b(?:in|after|with|at|for)\b(?:\W+\w+){0,4}\W+(?:moment|minute|pause|while|length|"
    r"last|silence|voice|tone|whisper|smile|sigh|manner|air|look|accent|emphasis|breath|"
    r"laugh|earnestness|warmth|gravity|solemnity|spirit)s?\W*$")
_CLOSING_QUOTE_THEN_WORD = re.compile(r"[\"”’]\s+[^\W\d_]")
_SALUTATION = re.compile(r"^[\"“‘']?(?:my\s+)?(?:dear|dearest|sir|madam|gentlemen)\b", re.IGNORECASE)
_LETTER_CLOSING = re.compile(r"\b(?:yours|sincerely|affectionately|faithfully|truly|"
                             r"respectfully|obedient|servant)\b[^.!?]*,$|"
                             r"^your\b[^.!?]{0,40}\b(?:son|daughter|friend|brother|sister|"
                             r"nephew|niece|cousin|father|mother|wife|husband)\b,?$",
                             re.IGNORECASE)


_SHORT_LINE_WORDS = 8
_LIST_ITEM = re.compile(r"^\s*(?:\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)]|[-*•–+▪◦])\s+\S")
_MINOR_WORDS = word_set("a an and as at but by for from in into of on or nor the to up via with vs")


_ITEM_LINE_WORDS = 14
_ITEM_START = re.compile(r"^\s*(?:[\d½¼¾⅓⅔⅛]|[-*•–+▪◦]\s|[^\W\d_])")


def _set_line_by_line(paragraph: TextParagraph) -> bool:
    """A block the author set line by line, each line short: a notice or a sign copied out, a
    list, an address, a verse. Its lines end where the author broke them, not with a full
    stop (prose wrapped in the source runs to longer lines). Or a block of items, one to a
    line, each opening with a number or a capital and none ending a sentence before the
    last (a recipe's ingredients: `1 pound butter (real butter, not that other mess), soft`):
    lines of wrapped prose open wherever a word fell, mostly in small letters."""
    lines = paragraph.lines
    if len(lines) < 2:
        return False
    if all(len(line.text.split()) <= _SHORT_LINE_WORDS for line in lines):
        return True
    return _item_block(lines)


def _item_block(lines: tuple[Line, ...]) -> bool:
    """At least three lines of items: short, none but the last ending a sentence and none with
    a sentence ending inside it (as wrapped prose has every few lines), each opening with a
    number or a capital — or most of them, with some in small letters (`a handful of
    oatmeal`, `salt to taste`, `butter for the tin`)."""
    if len(lines) < 3 or any(len(line.text.split()) > _ITEM_LINE_WORDS for line in lines) or \
            any(line.text.rstrip().rstrip(_CLOSERS)[-1:] in _TERMINAL for line in lines[:-1]):
        return False
    if any(_SENTENCE_INSIDE.search(line.text) for line in lines):
        return False
    openings = sum(_opens_an_item(line.text) for line in lines)
    return openings == len(lines) or (3 * openings >= 2 * len(lines) and openings >= 3)


_SENTENCE_INSIDE = re.compile(r"[^\W\d_]{2}[.!?][\"”’']?\s+[\"“‘']?[A-Z]")


def _opens_an_item(text: str) -> bool:
    match = _ITEM_START.match(text)
    return match is not None and not match.group(0)[-1].islower()


_BLOCK_LINE_WORDS = 10


def _among_source_lines(paragraphs: list[TextParagraph], index: int) -> bool:
    """A short line that the source sets directly under or above another, with no blank line
    between, though the reader took it for a paragraph of its own: a line of a log, a
    notice or a verse copied out line by line."""
    paragraph = paragraphs[index]
    if len(paragraph.lines) != 1 or len(paragraph.text.split()) > _BLOCK_LINE_WORDS:
        return False
    before = paragraphs[index - 1] if index else None
    after = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
    return (before is not None and before.last.number == paragraph.first.number - 1) or (
        after is not None and after.first.number == paragraph.last.number + 1)


_VERSE_LINE_WORDS = 16
_VERSE_RUN = 4
_VERSE_OPENING = re.compile(r"^[\"“‘'(]*([^\W\d_])")


def _verse_line(paragraph: TextParagraph) -> bool:
    """One short line opening with a capital and holding no sentence end inside it: how a
    line of a song or a poem looks when each is set as a paragraph of its own."""
    if len(paragraph.lines) != 1:
        return False
    text = paragraph.text.strip()
    opening = _VERSE_OPENING.match(text)
    return opening is not None and opening.group(1).isupper() and \
        2 <= len(text.split()) <= _VERSE_LINE_WORDS and not _SENTENCE_INSIDE.search(text)


def _among_verse_lines(paragraphs: list[TextParagraph], index: int) -> bool:
    """A line of a song or poem set a line to a paragraph (blank lines between, as many
    manuscripts and exports do): at least four such lines in a row, a third of them or more
    ending in a comma, a semicolon or nothing, as verse lines do and prose paragraphs
    do not. A run of short speeches with one lost full stop is no verse: it fires."""
    if not _verse_line(paragraphs[index]):
        return False
    first = last = index
    while first > 0 and _verse_line(paragraphs[first - 1]):
        first -= 1
    while last + 1 < len(paragraphs) and _verse_line(paragraphs[last + 1]):
        last += 1
    run = paragraphs[first:last + 1]
    if len(run) < _VERSE_RUN:
        return False
    open_ends = sum(p.text.rstrip().rstrip(_CLOSERS)[-1:] not in _TERMINAL for p in run)
    return open_ends >= 2 and 3 * open_ends >= len(run)


_ITEM_RUN = 3


def _among_item_lines(paragraphs: list[TextParagraph], index: int) -> bool:
    """A line of a block of items set one to a source line, which the reader took for
    paragraphs of their own (a recipe's ingredients, lines of up to 14 words): at least three
    lines in a row, each opening with a number or a capital, none but the last ending a
    sentence."""
    def item(i: int) -> bool:  # a paragraph of short lines
        return 0 <= i < len(paragraphs) and all(
            len(line.text.split()) <= _ITEM_LINE_WORDS for line in paragraphs[i].lines)

    def joined(i: int, j: int) -> bool:  # paragraph j's line directly under paragraph i's
        return paragraphs[j].first.number == paragraphs[i].last.number + 1

    def ends(i: int) -> bool:
        return paragraphs[i].text.rstrip().rstrip(_CLOSERS)[-1:] in _TERMINAL

    if not item(index):
        return False
    first = last = index
    while item(first - 1) and joined(first - 1, first) and not ends(first - 1):
        first -= 1
    while not ends(last) and item(last + 1) and joined(last, last + 1):
        last += 1
    if first == last:
        return False
    return _item_block(tuple(line for i in range(first, last + 1) for line in paragraphs[i].lines))


def _among_fields(paragraphs: list[TextParagraph], index: int) -> bool:
    """A field of a form or of minutes (`Present: Mrs Okoro, Mr Pike`) beside another
    (`Apologies: Mr Ford`): a label and its value, not a sentence."""
    if not labelled(paragraphs[index].first.text):
        return False
    return any(0 <= i < len(paragraphs) and labelled(paragraphs[i].first.text)
               for i in (index - 1, index + 1))


def _is_list_item(paragraph: TextParagraph) -> bool:
    """`1. Do not sell the piano`, `- two tins of beans`: an item of a list, not a sentence."""
    return _LIST_ITEM.match(paragraph.first.text) is not None


_QUANTITY = re.compile(r"^\s*(?:\d+(?:[./]\d+)?|[½¼¾⅓⅔⅛])[½¼¾⅓⅔⅛]?\s+\S")
_QUANTITY_WORDS = 12


def _among_quantities(paragraphs: list[TextParagraph], index: int) -> bool:
    """`3 cups sugar` above `6 eggs, room temperature`: a recipe's ingredients, or a list of
    stores, set one to a paragraph, each opening with its quantity."""
    def quantity(i: int) -> bool:
        return 0 <= i < len(paragraphs) and len(paragraphs[i].text.split()) <= _QUANTITY_WORDS \
            and _QUANTITY.match(paragraphs[i].text) is not None
    return quantity(index) and (quantity(index - 1) or quantity(index + 1))


def _bracketed(paragraph: TextParagraph) -> bool:
    """`[End of volume one. Printed by T. and A. Constable]`, `[Illustration]`: a note of the
    editor's or the printer's, a stage direction, set apart in brackets."""
    text = paragraph.text.strip()
    return text.startswith("[") and text.endswith("]")


def _is_heading_or_notice(paragraph: TextParagraph) -> bool:
    """A title-case or capitals line (`Things You Will Need To Know`, `NO ENTRY`, `Day 14`,
    `Tuesday 4 March`): a heading, a diary's date, a document's title or a sign, which takes
    no full stop."""
    words = re.findall(r"[^\W\d_][\w'’-]*", paragraph.text)
    if not words or len(words) > 12:
        return False
    return words[0][:1].isupper() and all(
        w[:1].isupper() or w.lower() in _MINOR_WORDS for w in words) and (
        len(words) >= 2 or words[0].isupper() or any(c.isdigit() for c in paragraph.text))


# `Dear Mrs Hart, I made your parkin.`: a letter or a note copied out, salutation first
_OPENS_A_LETTER = re.compile(r"^[\"“‘']?(?:my\s+)?(?:dear|dearest)\b[^,.!?]{0,30},", re.IGNORECASE)


def _shown_block(paragraph: TextParagraph) -> bool:
    """What a lead-in without a colon may introduce: a block set line by line, a list, a
    notice or heading, or a letter's salutation (`it began` above `Dear Miss Hale,`)."""
    return (_set_line_by_line(paragraph) or _is_list_item(paragraph)
            or _is_heading_or_notice(paragraph)
            or (_SALUTATION.match(paragraph.text) is not None
                and len(paragraph.text.split()) <= 5)
            or _OPENS_A_LETTER.match(paragraph.text) is not None)


_MESSAGE_AT_END = re.compile(r"(?:^|\s)[\"“_*]+[a-z][^\"“”_*]*[\"”_*]+$")


_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec")
_DATE_MARK = re.compile(rf"\b(?:{_MONTHS})\b|\b\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\b)?|\b1[5-9]\d\d\b|"
                        r"\b20\d\d\b", re.IGNORECASE)


def _dateline(paragraph: TextParagraph) -> bool:
    """A place and date, or a time, on a line of its own (`2:18am 24th September, 2012`,
    `Paris, 1923`): a dateline above a letter or under a story takes no full stop."""
    return len(paragraph.text.split()) <= 8 and _DATE_MARK.search(paragraph.text) is not None \
        and any(c.isdigit() for c in paragraph.text)


def _posted_as_typed(paragraph: TextParagraph) -> bool:
    """A post or a message as it was typed: written in small letters throughout (`ok but has
    nobody else noticed the handprint`), ending in a web address (`Photos here:
    imgbox.example/a/7Hq2Lx`), or a stamp line (`Thread marked [RESOLVED] · March 22, 2024
    at 9:00 AM`). None of these takes a full stop."""
    text = paragraph.text
    if registers.ends_in_web_address(text) or registers.stamp_line(text):
        return True
    return (text[:1].islower() or text[:1] in "\"“") and registers.lower_case_habit(text, 0)


def _typed_message_at_end(paragraph: TextParagraph) -> bool:
    """A text message or a note as it was typed, in small letters and without a full stop, at
    the paragraph's end (`She texted back: "on my way"`, `_where are you_`) or alone."""
    if _MESSAGE_AT_END.search(paragraph.last.text.rstrip()) is not None:
        return True
    # a message on a line of its own, as typed (`where are you`, `outside`): prose sentences
    # open with a capital or a quote
    return paragraph.text[:1].islower() and len(paragraph.text.split()) <= 12


_SHORT_CLOSING = re.compile(r"\b(?:wishes|regards|love|cheers|thanks|warmly|ever|best|yours|"
                            r"xx+)\b[^.!?]*,$", re.IGNORECASE)


def _letter_closing(paragraph: TextParagraph) -> bool:
    """`Yours, in haste and in love,`, `With best wishes,`: a letter's closing line."""
    text = paragraph.text.rstrip().rstrip(_CLOSERS)
    if not text.endswith(",") and text[:1] not in "yY":
        return False  # the patterns need a closing comma, or `Your` first: not searched
    return _LETTER_CLOSING.search(text) is not None or (
        len(text.split()) <= 6 and _SHORT_CLOSING.search(text) is not None)


def _signature(paragraph: TextParagraph, before: TextParagraph | None) -> bool:
    """A name under a letter's closing (`Yours, in haste,` then `Alasdair`)."""
    return before is not None and len(paragraph.text.split()) <= 4 and _letter_closing(before)


_LETTER_BELOW = 6  # paragraphs from a lead-in to the closing of the letter it introduces


def _letter_below(paragraphs: list[TextParagraph], index: int) -> bool:
    """A letter copied out below the paragraph without quotation marks, which the paragraph's
    comma leads into (`and the second of them ended,` above the letter's last lines): the
    letter's closing (`Yours, with great respect,`) stands a few paragraphs below, in the same
    scene."""
    for later in paragraphs[index + 1:index + 1 + _LETTER_BELOW]:
        if _letter_closing(later):
            return True
        if later.ends_section:
            return False
    return False


_SIGNATURE_WORDS = 4
_LETTER_SPAN = 30  # paragraphs from a letter's salutation to its signature
# `Dear Gordon,`, `My dearest Kit`, `Hi Mum,`, `To whom it may concern:` (a line of its own)
_GREETING = re.compile(r"^[\"“‘']?(?:(?:my\s+)?(?:dear|dearest)|hi|hello|hey|to\s+whom)\b",
                       re.IGNORECASE)
_HEADER = re.compile(r"^\s*(?:from|to|subject|sent|date|re)\s*:", re.IGNORECASE)


def _name_line(paragraph: TextParagraph) -> bool:
    """A name and nothing else (`Hester`, `H. M. Lyle`, `Aunt Bea xx`)."""
    words = paragraph.text.split()
    return 0 < len(words) <= _SIGNATURE_WORDS and all(
        (w[:1].isupper() and w[:1].isalpha() and not any(c in w for c in "\"“”‘’,;:!?"))
        or w.strip("x") == "" or w == "&" for w in words) and words[0][:1].isupper()


_HEADER_SPAN = 4


def _addresses_a_message(paragraphs: list[TextParagraph], index: int) -> bool:
    """`Kirsty,` under a message's header (`From:`, `Subject:`): a salutation by name."""
    text = paragraphs[index].text.strip()
    if not text.endswith(",") or len(text.split()) > _SIGNATURE_WORDS or not all(
            w[:1].isupper() for w in text.split()):
        return False
    return any(_HEADER.match(paragraphs[i].first.text) or _HEADER.match(paragraphs[i].last.text)
               for i in range(max(0, index - _HEADER_SPAN), index))


def _signs_a_letter(paragraphs: list[TextParagraph], index: int) -> bool:
    """A name on its own line that signs a letter or a message copied out in the story: a
    salutation (`Dear Gordon,`) or a message's header (`From: Hester Lyle`) stands a few
    paragraphs above it, in the same scene."""
    if not _name_line(paragraphs[index]):
        return False
    for i in range(index - 1, max(-1, index - 1 - _LETTER_SPAN), -1):
        earlier = paragraphs[i]
        if earlier.ends_section:
            return False
        first = earlier.first.text
        if _HEADER.match(first) or (_GREETING.match(first) and len(first.split()) <= 6):
            return True
    return False


_ATTRIBUTION = re.compile(r"^\s*(?:—|–|-{1,2}|―)\s*\S")
_QUOTED_BLOCK_WORDS = 40


def _attribution_or_quotation(paragraph: TextParagraph, before: TextParagraph | None,
                              following: TextParagraph | None) -> bool:
    """An epigraph and its attribution (`— Ecclesiastes 3:1`), or a short passage a colon
    introduced (a lyric, a line of a letter, a sign): quoted as it stands."""
    if _ATTRIBUTION.match(paragraph.first.text) and len(paragraph.text.split()) <= 12:
        return True
    if following is not None and _ATTRIBUTION.match(following.first.text) and len(
            following.text.split()) <= 12:
        return True
    if before is None:
        return False
    led_in = before.text.rstrip().rstrip(_CLOSERS)
    if led_in.endswith((":", "：")) and len(paragraph.text.split()) <= _QUOTED_BLOCK_WORDS:
        return True
    # a line quoted on its own in the middle of a sentence (`…like Cowper and his fire at
    # twilight,` above `"Myself creating what I saw,"` above `brought him yet stronger…`)
    return led_in.endswith(",") and _quoted_line(paragraph)


def _quoted_line(paragraph: TextParagraph) -> bool:
    """A short paragraph that is one quotation and nothing else: a line of verse displayed."""
    text = paragraph.text.strip()
    return len(text.split()) <= _DISPLAY_WORDS and text[:1] in "\"“‘'" and \
        text[-1:] in "\"”’'"


_OPENS_SPEECH = re.compile(r"^[\"“‘'][_*(]*(?=[^\W\d_])")
_CLAUSE_BREAK = re.compile(r"[.!?;:](?:\s|$)")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _opens_speech(paragraph: TextParagraph, single_only: bool = False) -> bool:
    """The paragraph opens a speech or a quotation: a quotation mark before a capital, double
    or single (British books set speech in single quotes; `'tis` is no speech)."""
    text = paragraph.text.lstrip()
    match = _OPENS_SPEECH.match(text)
    return match is not None and text[match.end()].isupper() and not (
        single_only and text[0] in "\"“")


def _in_open_speech(paragraph: TextParagraph) -> bool:
    """Whether the paragraph ends inside a speech: a double quote still open, or (in a book
    that sets speech in single quotes) an opening single quote after the last closing one."""
    text = paragraph.text
    if "\"" in text or "“" in text or "”" in text:
        return bool(_unpartnered_quotes(paragraph)[1])
    opening = max((m.start() for m in _OPENING_SINGLE.finditer(text)), default=-1)
    return opening >= 0 and opening > max(
        (m.start() for m in _CLOSING_QUOTE.finditer(text)), default=-1)


# a closing quote: double, or a single one that is no apostrophe inside a word (`Emma's`)
_CLOSING_QUOTE = re.compile(r"[\"”]|’(?![^\W\d_])|(?<=[.,!?…—-])'")
_OPENING_SINGLE = re.compile(r"(?:^|(?<=[\s(—–-]))‘")


def _leads_into_speech(paragraph: TextParagraph, text: str,
                       following: TextParagraph | None = None) -> bool:
    """Whether narration ending in a comma is completed by the speech that follows, as
    published books of every age set it (`Emma laughed, and replied,`, `He cut her short
    with,`, `his next words were,`, `Emma could get no more approving reply, than,`, `On
    another,`): its last clause names the speaking, or the speech, or cannot end where it
    stops. A complete action (`She walked to his side,`) is no lead-in: it lost its full
    stop. A comma inside a speech still open is no lead-in either."""
    if _in_open_speech(paragraph) and not (following is not None and _opens_speech(
            following, single_only=True)):
        # the comma is inside a speech that is still open (unless the speaker quotes in
        # single quotes below: `…those charming lines of the poet,` above `'Full many…`)
        return False
    closing = max((m.end() for m in _CLOSING_QUOTE.finditer(text)), default=0)
    lowered = text[closing:].lower()  # the narration after the last speech
    if closing and len(lowered.split()) <= _BARE_TAG_WORDS:
        # the tag of the speech before it (`"Goodbye." He said softly,`): a new speech
        # below is a new sentence, so the tag's sentence lost its full stop
        return False
    if _LEADS_INTO_SPEECH.search(lowered):
        return True
    clause = _CLAUSE_BREAK.split(lowered)[-1]
    words = _WORD.findall(clause)
    if not words:
        return False
    if any(word in SPEECH_VERB_FORMS for word in words) or \
            _SPEECH_INTRODUCED.search(clause) is not None:
        return True
    last = words[-1]
    if last in LEAD_IN_ENDINGS or last in UTTERANCE_NOUNS or (
            last in COPULAS and any(w in UTTERANCE_NOUNS for w in words[-5:-1])):
        return True
    # an opening without a verb: `On another,`, `And then,`
    return len(words) <= 3 and (words[0] in PREPOSITIONS or words[0] in _OPENERS)


_OPENERS = word_set("and but or then so now still")
_BARE_TAG_WORDS = 4
_DISPLAY_WORDS = 10


def _displays_lines(following: TextParagraph, after: TextParagraph | None) -> bool:
    """A verse or a charade that a sentence quotes, set a line to a paragraph (`recited,
    that well-known charade,` above `My first doth affliction denote,`): short paragraphs
    opening with a capital, the first not ending its sentence."""
    def short(p: TextParagraph | None) -> bool:
        return p is not None and len(p.text.split()) <= _DISPLAY_WORDS
    first = following.text.lstrip().lstrip("\"“‘'")
    core = following.text.rstrip().rstrip(_CLOSERS)
    return short(following) and short(after) and first[:1].isupper() and \
        core[-1:] not in _TERMINAL


def _introduces_what_follows(paragraph: TextParagraph, following: TextParagraph | None,
                             after: TextParagraph | None = None) -> bool:
    """A paragraph that leads into the next one without a full stop, as published books set
    it: a colon before a speech, letter or quotation; a narrative comma after `she added,`
    before the speech (the older convention); a line of verse, a salutation, a letter's
    closing or a dateline, short lines followed by more short lines."""
    if following is None or paragraph.ends_section:
        return False
    text = paragraph.text.rstrip().rstrip(_CLOSERS)
    if text.endswith((":", "：")) or _shown_block(following):
        return True
    if text.endswith(",") and (_displays_lines(following, after) or (
            _quoted_line(following) and following.text.rstrip().rstrip(_CLOSERS)[-1:]
            not in _TERMINAL)):
        return True  # a verse quoted in the sentence, which goes on below it
    words = len(paragraph.text.split())
    if _letter_closing(paragraph) or (_SALUTATION.match(text) and words <= 5) or (
            words <= 4 and _SALUTATION.match(following.text)):  # `Bath, April` above `Dear…`
        return True
    if text.endswith(",") and (_opens_speech(following) or _quoted_line(following)) \
            and _leads_into_speech(paragraph, text, following):
        return True
    if text.endswith(",") and _letter_closing(following):  # `…to subscribe myself,`
        return True
    short = words <= 8 and len(following.text.split()) <= 8
    return short and not _CLOSING_QUOTE_THEN_WORD.search(paragraph.text)


@rule("OCT320", Severity.WARNING, "a paragraph ends without terminal punctuation",
      "A paragraph that ends with a comma, or with no punctuation at all, usually lost its "
      "ending or was split where it should not have been. Paragraphs that lead into the next "
      "one are fine: a colon before the speech, letter or quotation it introduces; `she "
      "added,` before the speech (the older convention); lines of verse, a letter's "
      "salutation and closing.",
      why='A paragraph that stops mid-sentence usually lost text in an export or was split by mistake.',
      fix='Finish the sentence or join the paragraph to the next one.',
      before='She opened the door and stood for a long while on the step\\n\\n'
             'while the wind came in off the harbour and rattled the windows.',
      after='She opened the door and stood for a long while on the step while the wind came '
            'in off the harbour and rattled the windows.')
def paragraph_ending(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    transcript = transcript_line_numbers(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.last.text.rstrip()
        core = text.rstrip(_CLOSERS)
        if not core or core[-1] in _TERMINAL or core[-1] == "-":  # a cut-off: OCT313's job
            continue
        if paragraph.last.number in transcript:  # a chat log's line: `Theo: is anyone awake`
            continue
        if _posted_as_typed(paragraph):
            continue
        if _set_line_by_line(paragraph) or _among_source_lines(paragraphs, index) or \
                _among_item_lines(paragraphs, index) or _among_verse_lines(paragraphs, index) or \
                _addresses_a_message(paragraphs, index) or \
                _among_fields(paragraphs, index) or \
                _is_list_item(paragraph) or \
                _is_heading_or_notice(paragraph) or _typed_message_at_end(paragraph) or \
                _dateline(paragraph) or _bracketed(paragraph) or \
                _among_quantities(paragraphs, index) or _signs_a_letter(paragraphs, index) or \
                _signature(paragraph, paragraphs[index - 1] if index else None):
            continue
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if _attribution_or_quotation(paragraph, paragraphs[index - 1] if index else None,
                                     following):
            continue
        if _introduces_what_follows(paragraph, following, paragraphs[index + 2]
                                    if index + 2 < len(paragraphs) else None):
            continue
        if core[-1] == "," and _letter_below(paragraphs, index):
            continue
        what = "ends with a comma" if core[-1] == "," else "ends without terminal punctuation"
        yield Finding("OCT320", f"the paragraph {what}", paragraph.last.number, len(core))


_QUOTE_WRONG_WAY = re.compile(r"“(?<=[^\W_]“|[.,!?…—-]“)(?=\s|$)|”(?<!\S”)(?=[^\W_])")


@rule("OCT321", Severity.WARNING, "a curly quote facing the wrong way",
      "An opening quote (“) after a word at the end of a speech, or a closing quote (”) before a "
      "word, is usually a word processor's wrong guess.",
      why='A quote facing the wrong way is noticed by every reader and looks careless.',
      fix='Replace it with the quote facing the other way (the message suggests it).',
      before='“I’m here“ she said.', after='“I’m here” she said.')
def quote_wrong_way(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _each_match(paragraphs, _QUOTE_WRONG_WAY, "OCT321",
                           lambda m: f"'{m.group(0)}' faces the wrong way",
                           lambda m: "”" if m.group(0) == "“" else "“")


# What str.isdigit calls a digit: \d, and the superscript, subscript and circled digits
# (a regex search is many times faster than a test of each character).
_ANY_DIGIT = re.compile("[\\d\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079"
                        "\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea"
                        "\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792"
                        "\U00010a40-\U00010a43\U00010e60-\U00010e68\U00011052-\U0001105a"
                        "\U0001f100-\U0001f10a]")


def _inch_marks(text: str) -> frozenset[int]:
    """Where straight double quotes are inch marks (5'2", a 14" pan), as the normaliser reads
    them: those are no quotation marks."""
    if '"' not in text or not _ANY_DIGIT.search(text):
        return frozenset()
    from octavo.normalise.quotes import Mark, scan_marks
    from octavo.normalise.typography import primes

    primed = primes(text)  # feet and inches (5'2") set as primes, character for character
    return frozenset(i for i, mark in scan_marks(primed).items() if mark is Mark.DOUBLE_PRIME
                     ) | frozenset(i for i, ch in enumerate(primed) if ch == "″" and text[i] == '"')


def _unpartnered_quotes(paragraph: TextParagraph) -> tuple[list[tuple[int, bool]], list[int],
                                                           int]:
    """Where the paragraph's double quotation marks lose their partners: (offset, opens) for
    each quote that closes nothing, and the offsets of the quotes still open at the end,
    outermost first (speech that opens twice and closes once leaves its first opening open),
    and the offset of the paragraph's last quotation mark.

    Quotes nest (a speech may quote someone with the same marks). Curly quotes say which way
    they face. A straight quote opens after a space, a bracket or a dash and before a letter,
    closes before a space or punctuation, and otherwise alternates. In verse and letters set
    line by line, a quote opening each source line continues the quotation above (the old
    convention), so it is not a second opening."""
    text = paragraph.text
    lost: list[tuple[int, bool]] = []
    stack: list[int] = []
    last = -1
    inches = _inch_marks(text)
    for match in _DOUBLE_QUOTE.finditer(text):
        index, char = match.start(), match.group(0)
        if index in inches:
            continue
        last = index
        if char == "\"":
            before = text[index - 1] if index else " "
            after = text[index + 1] if index + 1 < len(text) else " "
            if (before.isspace() or before in "([{—–-") and not after.isspace():
                opens = True
            elif after.isspace() or after in ".,;:!?)]}—–-…":
                opens = False
            else:
                opens = not stack
        else:
            # a curly quote facing the wrong way (OCT321) counts as the one it stands for
            opens = char == "“"
            if _QUOTE_WRONG_WAY.match(text, index) and (index or char == "”"):
                opens = not opens
        if not opens:
            if stack:
                stack.pop()
            else:
                lost.append((index, False))
        elif not (stack and paragraph.line_starts_at(index)
                  and paragraph.line_starts_at(stack[-1])):
            stack.append(index)
    return lost, stack, last


_DOUBLE_QUOTE = re.compile("[“”\"]")
# (`said he`, `asks the agent`: an inverted tag, in the past or the present, counts too)
_TAG_INSIDE = re.compile(r"[,?!] (?:(?:said|cried|asked|replied|answered|added|continued|"
                         r"whispered|shouted|says|asks|cries|replies|answers)"
                         r"(?: [A-Z]\w+| the| his| her| he| she| I| they| we)\b|"
                         r"(?:she|he|they|I|we) "
                         r"(?:said|cried|asked|replied|answered|added|continued|whispered|shouted|"
                         r"says|asks|cries|replies|answers)\b)")


def _opens_with_quote(paragraph: TextParagraph) -> bool:
    return paragraph.text.lstrip()[:1] in "“\""


@rule("OCT322", Severity.WARNING, "unbalanced quotation marks",
      "A quotation mark without a partner: a speech opened and never closed, closed without "
      "being opened, or opened a second time before it was closed. The finding points at the "
      "quote that has no partner. A speech that runs on into the next paragraph is fine: it has "
      "no closing quote, and the next paragraph opens with a quote again.",
      why="A quotation that never closes leaves readers unsure who is speaking; it often means a lost quote "
          "mark.",
      fix='Add the missing quote, or remove the stray one.',
      before='“Come in, she said.', after='“Come in,” she said.')
def unbalanced_quotes(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    found: dict[int, list[tuple[int, bool]]] = {}
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        if "\"" not in text and "“" not in text and "”" not in text:
            continue
        lost, still_open, last = _unpartnered_quotes(paragraph)
        if still_open and still_open[-1] == last and index + 1 < len(paragraphs) \
                and _opens_with_quote(paragraphs[index + 1]) \
                and not _TAG_INSIDE.search(text, still_open[-1]):
            # the last speech runs on into the next paragraph (unless its own tag follows
            # inside it: `"That was kind, said Catherine.` lost its closing quote)
            still_open = still_open[:-1]
        lost.extend((offset, True) for offset in still_open)
        found[index] = sorted(lost)
    _pair_across_plain_paragraphs(found)
    for index, lost in sorted(found.items()):
        for offset, opens in lost:
            number, column = paragraphs[index].locate(offset)
            what = "opens a quotation that is not closed" if opens else \
                "closes a quotation that was not opened"
            yield Finding("OCT322", f"this quote {what}", number, column)


_QUOTED_SPAN = 40  # paragraphs: a charade, a song or a letter quoted whole


def _pair_across_plain_paragraphs(found: dict[int, list[tuple[int, bool]]]) -> None:
    """A quotation that opens in one paragraph and closes some paragraphs later, with no
    quotation mark between (verse lines, a charade, a letter quoted whole), is one
    quotation: its opening and closing quotes are partners."""
    for index in sorted(found):
        lost = found[index]
        if not lost or not lost[-1][1]:
            continue
        later = next((i for i in range(index + 1, index + _QUOTED_SPAN + 1) if i in found), None)
        if later is None or not found[later] or found[later][0][1]:
            continue  # the next paragraph with quotes must begin with a closing one
        lost.pop()
        found[later].pop(0)


_AUTHORS_NOTE = re.compile(r"^\s*(?:A/N|AN|Author'?s note|Author’s note|Disclaimer)\s*:",
                           re.IGNORECASE)


@rule("OCT323", Severity.WARNING, "an author's note or disclaimer left in the story",
      "Notes such as 'A/N:' or 'Disclaimer:' belong to the place a story was first posted, not "
      "to the book. Remove them, or move them to the front or back matter.",
      why="Notes to a fan site's readers break the story for a book's readers.",
      fix='Delete the note, or move it to a foreword or afterword (front: or back: in book.yaml).',
      before='A/N: Thanks for all the reviews!\\n\\nThe ship drifted.', after='The ship drifted.')
def authors_note(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    for paragraph in paragraphs:
        match = _AUTHORS_NOTE.match(paragraph.first.text)
        if match:
            yield Finding("OCT323", "an author's note or disclaimer in the story text",
                          paragraph.first.number, match.start() + 1, match.end() - match.start())


@rule("OCT325", Severity.WARNING, "a chapter heading inside a story",
      "A line such as 'Chapter 2' or 'SESSION TWO: Home' in the middle of a story is a heading "
      "the book will set as an ordinary paragraph: the manifest gives each story one title. "
      "Split the story into two entries, or remove the line.",
      why='The heading would be set as an ordinary paragraph in the middle of the story.',
      fix='Split the file into two manuscripts and list both in contents, or delete the line.',
      before='…the end of the first part.\\n\\nChapter 2\\n\\nThe next day…',
      after='(two files, each listed in contents)')
def inner_heading(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    from octavo.ingest.plaintext import split_heading

    for paragraph in paragraphs:
        if len(paragraph.lines) == 1 and split_heading(paragraph.first.text) is not None:
            yield Finding("OCT325", f"'{paragraph.first.text.strip()}' looks like a chapter "
                          "heading inside the story", paragraph.first.number, 1,
                          len(paragraph.first.text.strip()))


LONG_PARAGRAPH_WORDS = 350


@rule("OCT324", Severity.INFO, "a very long paragraph",
      f"Paragraphs over {LONG_PARAGRAPH_WORDS} words are hard to read on a phone and often mean "
      "two paragraphs ran together.",
      why='Long blocks of text tire readers, above all on small screens.',
      fix='Split the paragraph where the thought turns, or excuse it with `%% octavo: ignore OCT324`.',
      before='(one paragraph of 600 words)', after='(three paragraphs of 200 words)')
def long_paragraph(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    for paragraph in paragraphs:
        words = len(paragraph.text.split())
        if words > LONG_PARAGRAPH_WORDS:
            yield Finding("OCT324", f"the paragraph has {words} words", paragraph.first.number, 1)


# Generous: Jonathan Coe's 13,955-word sentence in The Rotters' Club is about 75,000 characters.
# Print layout of one paragraph grows faster than its length; at this size it takes seconds.
MAX_PARAGRAPH_CHARACTERS = 200_000


@rule("OCT326", Severity.ERROR, "a paragraph too long to lay out",
      f"A paragraph of more than {MAX_PARAGRAPH_CHARACTERS:,} characters (some 35,000 words) "
      "is almost always a file whose paragraphs are not separated: an export that lost its "
      "line breaks, or text pasted as one line. Laying it out for print would take minutes and "
      "e-readers choke on it. Separate the paragraphs with blank lines. A book that truly "
      "needs it can lower this to a warning (check: {severity: {OCT326: warning}}).", markup_blind=True,
      why='The book cannot be laid out: the layout engine would take minutes, and e-readers cannot page it.',
      fix="Separate the paragraphs with blank lines (an export that lost its line breaks needs re-"
          "exporting).",
      before='(a 300,000-character line)', after='(paragraphs separated by blank lines)')
def overlong_paragraph(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    for paragraph in paragraphs:
        characters = sum(len(line.text) for line in paragraph.lines)
        if characters > MAX_PARAGRAPH_CHARACTERS:
            yield Finding("OCT326", f"the paragraph has {characters:,} characters, more than "
                          f"the {MAX_PARAGRAPH_CHARACTERS:,} a book can lay out; separate its "
                          "paragraphs with blank lines", paragraph.first.number, 1)


# -- spaces -----------------------------------------------------------------------------------

_TRAILING = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u3000]+$")


@rule("OCT330", Severity.INFO, "spaces at the end of a line",
      "Trailing spaces (often no-break spaces left by a word processor) are invisible and "
      "harmless in the book; octavo removes them.",
      why='Nothing in the book; the note is for tidy source files.',
      fix='Nothing needed; `octavo fix` removes them from plain-text files.',
      before='The end.␣␣', after='The end.')
def trailing_spaces(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _each_match(paragraphs, _TRAILING, "OCT330",
                           lambda m: "spaces at the end of the line", lambda m: "",
                           _may_trail)


def _may_trail(text: str) -> bool:
    return " \n" in text or "\t\n" in text or text[-1:].isspace() or (not text.isascii() and any(
        c in text for c in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
        "\u2009\u200a\u202f\u3000"))


_TABS = re.compile("\t+")


@rule("OCT331", Severity.INFO, "a tab character",
      "Tabs indent text in a word processor; in a book the styles indent paragraphs.",
      why='Tabs do nothing in the book, and can confuse diffs and editors.',
      fix="Remove the tab; the book's styles indent paragraphs.",
      before='\\tIt was late.', after='It was late.')
def tabs(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _each_match(paragraphs, _TABS, "OCT331", lambda m: "a tab character",
                           lambda m: " ", lambda text: "\t" in text)
