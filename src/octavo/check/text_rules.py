"""Checks on manuscript text, one small function per code.

Each rule sees the decoded text of one manuscript as paragraphs that keep their source lines,
and yields findings with an exact line and column. Rules look for what an editor would query;
they stay quiet on finished prose (a clean corpus in the tests holds them to that).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from octavo.characters import BIDI_CONTROLS
from octavo.diagnostics import Severity
from octavo.explanations import explained


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based
    text: str


@dataclass(frozen=True, slots=True)
class TextParagraph:
    """A paragraph as the author wrote it: its lines, joined for paragraph-wide rules."""

    lines: tuple[Line, ...]

    @property
    def text(self) -> str:
        return " ".join(line.text.strip() for line in self.lines)

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def last(self) -> Line:
        return self.lines[-1]


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
                fix: Callable[[re.Match[str]], str] | None = None) -> Iterator[Finding]:
    for paragraph in paragraphs:
        for line in paragraph.lines:
            for match in pattern.finditer(line.text):
                yield Finding(code, message(match), line.number, match.start() + 1,
                              max(1, match.end() - match.start()), fix(match) if fix else None)


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
                           lambda m: _MOJIBAKE_FIX.get(m.group(0), ""))


# The joiners are reported only between Latin letters: emoji sequences (👩‍👩‍👧), Arabic, Persian
# and Indic text need them.
_INVISIBLE = re.compile(f"[\u200b\u2060\ufeff\u00ad{BIDI_CONTROLS}]"
                        "|(?<=[\x00-\u024f])[\u200c\u200d](?=[\x00-\u024f]|$)")
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
        lambda m: "")


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

_REPEATED = re.compile(r"\b([^\W\d_]+)\s+\1\b", re.IGNORECASE)
_FINE_REPEATS = {"had", "that", "is", "bye", "no", "yes", "very", "so", "knock", "tsk", "ha",
                 "hush", "there", "now", "go", "run", "well", "oh", "come", "again", "never"}


@rule("OCT310", Severity.WARNING, "a word repeated by mistake",
      "The same word twice in a row (\"the the\") is almost always a typing slip. Deliberate "
      "repeats common in fiction (had had, that that, no no, very very) are not reported.",
      why='A repeated word is the slip readers notice most, and spell checkers miss it.',
      fix="Delete one of the two; excuse a deliberate repeat with `%% octavo: ignore OCT310` above the "
          "paragraph.",
      before='She saw the the boat.', after='She saw the boat.')
def repeated_word(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    for paragraph in paragraphs:
        for line in paragraph.lines:
            for match in _REPEATED.finditer(line.text):
                if match.group(1).lower() not in _FINE_REPEATS:
                    yield Finding("OCT310", f"'{match.group(1)}' is repeated", line.number,
                                  match.start() + 1, match.end() - match.start(),
                                  match.group(1))


_DOUBLED = re.compile(r"(?<![.…])\.\.(?![.…])|,,|;;|::")


@rule("OCT311", Severity.WARNING, "doubled punctuation",
      "Two periods (said..) or two commas are slips; an ellipsis is three periods or '…'.",
      why='Doubled punctuation reads as a typing slip.',
      fix='Keep one mark, or write a real ellipsis; `octavo fix` does this for you.',
      before='He left.. Then she laughed,, loudly.', after='He left. Then she laughed, loudly.')
def doubled_punctuation(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _each_match(paragraphs, _DOUBLED, "OCT311",
                           lambda m: f"doubled punctuation '{m.group(0)}'",
                           lambda m: m.group(0)[0])


_SPACE_BEFORE = re.compile(r"(?<=[^\W_]) +(?=[,;:!?](?:\s|$|[\"”’]))|(?<=[^\W_]) +(?=\.(?:\s|$))")


@rule("OCT312", Severity.WARNING, "a space before punctuation",
      "English sets no space before , ; : ! ? or a period.",
      why='French spacing in an English book looks like an error, and the line may break before the mark.',
      fix='Remove the space.',
      before='Really ?', after='Really?')
def space_before_punctuation(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _each_match(paragraphs, _SPACE_BEFORE, "OCT312",
                           lambda m: "space before punctuation", lambda m: "")


_SPACED_HYPHEN = re.compile(r"(?<=[^\W_]) - (?=[^\W\d_])|(?<=[^\W\d_])-(?=[\"”“]?$|[\"”“]\s)")


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


@rule("OCT320", Severity.WARNING, "a paragraph ends without terminal punctuation",
      "A paragraph that ends with a comma, or with no punctuation at all, usually lost its "
      "ending or was split where it should not have been.",
      why='A paragraph that stops mid-sentence usually lost text in an export or was split by mistake.',
      fix='Finish the sentence or join the paragraph to the next one.',
      before='She opened the door and\\n\\nthe wind came in.',
      after='She opened the door and the wind came in.')
def paragraph_ending(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    for paragraph in paragraphs:
        text = paragraph.last.text.rstrip()
        core = text.rstrip(_CLOSERS)
        if not core or core[-1] in _TERMINAL or core[-1] == "-":  # a cut-off: OCT313's job
            continue
        what = "ends with a comma" if core[-1] == "," else "ends without terminal punctuation"
        yield Finding("OCT320", f"the paragraph {what}", paragraph.last.number, len(core))


_QUOTE_WRONG_WAY = re.compile(r"(?<=[^\W_]|[.,!?…—-])“(?=\s|$)|(?:^|(?<=\s))”(?=[^\W_])")


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


def _balance(text: str) -> int:
    """How many double quotations stay open at the end of the text (straight quotes alternate)."""
    depth = 0
    straight_open = False
    for ch in text:
        if ch == "“":
            depth += 1
        elif ch == "”":
            depth -= 1
        elif ch == '"':
            straight_open = not straight_open
            depth += 1 if straight_open else -1
    return depth


def _opens_with_quote(paragraph: TextParagraph) -> bool:
    return paragraph.text.lstrip()[:1] in "“\""


@rule("OCT322", Severity.WARNING, "unbalanced quotation marks",
      "A paragraph opens a quotation it never closes, or closes one it never opened. A speech "
      "that runs on into the next paragraph is fine: it has no closing quote, and the next "
      "paragraph opens with a quote again.",
      why="A quotation that never closes leaves readers unsure who is speaking; it often means a lost quote "
          "mark.",
      fix='Add the missing quote, or remove the stray one.',
      before='“Come in, she said.', after='“Come in,” she said.')
def unbalanced_quotes(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    for index, paragraph in enumerate(paragraphs):
        balance = _balance(paragraph.text)
        if balance == 0:
            continue
        runs_on = (balance > 0 and index + 1 < len(paragraphs)
                   and _opens_with_quote(paragraphs[index + 1]))
        if not runs_on:
            what = "opens a quotation it does not close" if balance > 0 else \
                "closes a quotation it did not open"
            yield Finding("OCT322", f"the paragraph {what}", paragraph.first.number, 1)


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
                           lambda m: "spaces at the end of the line", lambda m: "")


@rule("OCT331", Severity.INFO, "a tab character",
      "Tabs indent text in a word processor; in a book the styles indent paragraphs.",
      why='Tabs do nothing in the book, and can confuse diffs and editors.',
      fix="Remove the tab; the book's styles indent paragraphs.",
      before='\\tIt was late.', after='It was late.')
def tabs(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    yield from _each_match(paragraphs, re.compile("\t+"), "OCT331", lambda m: "a tab character",
                           lambda m: " ")
