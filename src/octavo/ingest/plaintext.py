"""Plain-text manuscripts → blocks.

Paragraphs: authors separate them with blank lines, with single newlines, or both in one file
(the sample stories do). Each non-blank line is a paragraph, unless the file is hard-wrapped
(fixed-width lines, as from e-mail or old exports), in which case the lines of a blank-line
separated block are joined.

A leading chapter heading ("Session 1:", "SESSION ONE: Where I Belong", "Chapter 3 - The Fall")
is recognised, with the short title line that may follow a bare label, and returned apart from
the body so the compiler can use it as the story's title or label.
"""

from __future__ import annotations

import functools
import re

from octavo.diagnostics import Span
from octavo.document import Block, Emphasis, Inline, Paragraph, SceneBreak, Text, Verse
from octavo.ingest.model import ManuscriptHeading, RawStory
from octavo.ingest.plain_layout import (
    Group,
    body_groups,
    continues,
    ends_in_hard_break,
    is_hard_wrapped,
)
from octavo.ingest.scenebreak import SCENE_MARK
from octavo.ingest.scenebreak import is_scene_break as is_scene_break  # for the other readers
from octavo.normalise.typography import strip_invisible

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final"
)
_LABEL = (
    r"(?:chapter|session|part|book|episode|story|act|section|volume)\s+"
    rf"(?:\d+|[ivxlcdm]+|(?:{_NUMBER_WORDS})(?:[\s-](?:{_NUMBER_WORDS}))?)"
    r"|prologue|epilogue|interlude|preface|afterword"
)
_HEADING = re.compile(
    rf"^(?P<label>{_LABEL})\s*(?:(?:[:.\-–—]+)\s*(?P<title>\S.*?))?\s*[:.\-–—]*$",
    re.IGNORECASE,
)
# *emphasis* and _emphasis_ as authors type them in plain text: the marks hug the words.
# (Each alternative starts with its mark and looks behind it only then: a pattern that starts
# with a look-behind is tried at every position of the paragraph.)
_EMPHASIS = re.compile(r"\*(?<![\w*]\*)(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"
                       r"|_(?<![\w_]_)(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_TITLE_DECORATION = " ~*=_-–—#•·"
_MAX_TITLE_LENGTH = 80


def parse_plaintext(text: str, display: str) -> RawStory:
    cached_lines, groups = _lines_and_groups(text)
    lines = list(cached_lines)
    heading, _ = _leading_heading(lines, display)
    blocks = [_block(group, lines, display) for group in groups]
    return RawStory(heading=heading, blocks=_tidy_scene_breaks(blocks))


# A build reads a story (parse_plaintext), then checks the same text (body_groups_of, through
# the checker's paragraphs_of): the last text's lines and groups are kept so they are found once.
@functools.lru_cache(maxsize=1)
def _lines_and_groups(text: str) -> tuple[tuple[str, ...], tuple[Group, ...]]:
    """The text's lines (comments blanked) and its body's groups, after its heading.
    Structure (headings, emphasis, breaks) is read as the normaliser will leave the text."""
    visible = strip_invisible(text)
    lines = ([blank_comment(line) for line in visible.split("\n")] if COMMENT_PREFIX in visible
             else visible.split("\n"))
    _, first_body_line = _leading_heading(lines, "")
    return tuple(lines), tuple(body_groups(lines, first_body_line))


def _block(group: Group, lines: list[str], display: str) -> Block:
    span = Span(display, group.lines[0] + 1, 1)
    if group.kind == "break":
        return SceneBreak(span)
    if group.kind == "verse":
        return Verse(tuple(inline_emphasis(_without_hard_break(lines[i]).strip())
                           for i in group.lines), span)
    if len(group.lines) == 1:  # one line: not a break (body_groups tested the same text)
        text = lines[group.lines[0]].strip()
        if text.startswith("\\#"):
            text = text[1:]
        return Paragraph(inline_emphasis(text), span)
    joined = ""
    for index in group.lines:
        piece = lines[index].strip()
        # A word hyphenated at the end of a wrapped line continues on the next one.
        glue = "" if not joined or (joined.endswith("-") and piece[:1].islower()) else " "
        joined += glue + piece
    return _paragraph_or_break(joined, span)


def _without_hard_break(line: str) -> str:
    line = line.rstrip(" \t")
    return line[:-1] if ends_in_hard_break(line) else line


def _paragraph_or_break(text: str, span: Span) -> Block:
    if SCENE_MARK.match(text):
        return SceneBreak(span)
    if text.startswith("\\#"):  # "\# …": a paragraph that starts with "#", not a heading
        text = text[1:]
    return Paragraph(inline_emphasis(text), span)


# Noncharacters, which decoding removes from every manuscript, so text can never contain them
# (private-use characters, used before, can be an author's own: U+E010 came out as a backslash).
_ESCAPED = {"\\\\": "\ufdd0", "\\*": "\ufdd1", "\\_": "\ufdd2"}


def inline_emphasis(text: str) -> tuple[Inline, ...]:
    """Text with `*word*` and `_word_` turned into emphasis; `\\*`, `\\_` and `\\\\` are literal
    (the escapes octavo's Markdown output uses)."""
    if "*" not in text and "_" not in text and "\\" not in text:
        return (Text(text),)
    if "\\" in text:
        for escaped, placeholder in _ESCAPED.items():
            text = text.replace(escaped, placeholder)
        return tuple(_unescape(node) for node in _emphasis_nodes(text))
    return _emphasis_nodes(text)


def _unescape(node: Inline) -> Inline:
    if isinstance(node, Text):
        # (three replaces: many times faster than str.translate on a long paragraph)
        return Text(node.value.replace("\ufdd0", "\\").replace("\ufdd1", "*")
                    .replace("\ufdd2", "_"))
    if isinstance(node, Emphasis):
        return Emphasis(tuple(_unescape(child) for child in node.children))
    return node


def _emphasis_nodes(text: str) -> tuple[Inline, ...]:
    out: list[Inline] = []
    position = 0
    for match in _EMPHASIS.finditer(text):
        inner = match.group(1) or match.group(2)
        if not any(ch.isalnum() for ch in inner):
            continue  # _:_ or *?* is not emphasis of anything
        if match.start() > position:
            out.append(Text(text[position : match.start()]))
        out.append(Emphasis((Text(inner),)))
        position = match.end()
    if position < len(text):
        out.append(Text(text[position:]))
    return tuple(out)


def _tidy_scene_breaks(blocks: list[Block]) -> tuple[Block, ...]:
    """A run of markers is one break; a break at the very start or end of a story means nothing."""
    tidy: list[Block] = []
    for block in blocks:
        if isinstance(block, SceneBreak) and (not tidy or isinstance(tidy[-1], SceneBreak)):
            continue
        tidy.append(block)
    while tidy and isinstance(tidy[-1], SceneBreak):
        tidy.pop()
    return tuple(tidy)


def _leading_heading(lines: list[str], display: str) -> tuple[ManuscriptHeading | None, int]:
    """The heading at the top of the file, and the index of the first line after it."""
    index = _next_nonblank(lines, 0)
    # Break markers before the first text are dropped anyway; the heading comes after them.
    while index is not None and SCENE_MARK.match(lines[index].strip()):
        index = _next_nonblank(lines, index + 1)
    if index is None:
        return None, len(lines)
    first = " ".join(lines[index].split())  # as the space rules will leave it
    parts = split_heading(first.lstrip("#").strip()) if first.startswith("# ") else split_heading(first)
    if parts is None and first.startswith("# "):  # a Markdown-style title line
        plain_title = first[2:].strip(_TITLE_DECORATION)
        if plain_title:
            return ManuscriptHeading(None, plain_title, Span(display, index + 1, 1)), index + 1
    if parts is None:
        # A bare title line: short, unpunctuated, capitalised, with the story after it. (Not
        # "set apart by a blank line": normalising adds blank lines, and must not make titles.)
        # Judged as the reader will join it ("…the door and / opened it slowly." is one
        # sentence), so that the normalised text, where it is one line, reads the same.
        end = index + 1
        while end < len(lines) and lines[end].strip() and continues(lines[end - 1], lines[end]):
            first = f"{first} {' '.join(lines[end].split())}"
            end += 1
        if _next_nonblank(lines, end) is not None and _looks_like_bare_title(first):
            title_text = first.strip(_TITLE_DECORATION)
            if title_text:
                return ManuscriptHeading(None, title_text, Span(display, index + 1, 1)), end
        return None, index
    label, title = parts
    span = Span(display, index + 1, 1)
    after = index + 1
    if title is None:
        candidate = _next_nonblank(lines, after)
        if candidate is not None and _looks_like_title(lines[candidate]):
            title = lines[candidate]
            after = candidate + 1
    cleaned = title.strip(_TITLE_DECORATION) if title else None
    return ManuscriptHeading(label=label, title=cleaned or None, span=span), after


def split_heading(line: str) -> tuple[str, str | None] | None:
    """("SESSION ONE", "Where I Belong") for "SESSION ONE: Where I Belong"; None if the line is
    not a chapter heading."""
    match = _HEADING.match(line.strip())
    if not match:
        return None
    return _tidy_label(match.group("label")), match.group("title")


def _next_nonblank(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index].strip():
            return index
    return None


def _tidy_label(label: str) -> str:
    """One space between words; the author's letters and case stay (the styles set labels in
    small caps, so "SESSION ONE" and "Session One" look alike)."""
    return " ".join(label.split())


def _looks_like_title(line: str) -> bool:
    text = line.strip()
    return (
        0 < len(text) <= _MAX_TITLE_LENGTH
        and text[-1] not in ".!?,;:\"“”‘’'…′″"
        and text[0] not in "\"“”‘’'«"
        and not SCENE_MARK.match(text)
    )


def _looks_like_bare_title(line: str) -> bool:
    """Stricter than a title after a label: a title line on its own must read like one. Not a
    sentence broken off: no last word that leads on (He walked to the door and), no sentence
    in sentence case opening with a pronoun (She walked home alone)."""
    text = line.strip()
    words = text.split()
    if not (_looks_like_title(text) and len(text) <= 60 and len(words) <= 10
            and (text[0].isupper() or text[0].isdigit()) and text[-1] not in "—–-"):
        return False
    if words[-1] in _LEADING_ON:
        return False
    return not (len(words) >= 3 and words[0] in _PRONOUNS and words[1][:1].islower())


# Lower-case words a title does not end on: articles, conjunctions, prepositions, pronouns.
_LEADING_ON = frozenset("""a an the and or but nor so yet of to in on at by for with from into
onto over under as than that which who whom whose his her its their our my your he she it they
we i you was were is are be been had has have would could should will shall can may might
must not very""".split())  # noqa: SIM905 - a word list reads best as words
_PRONOUNS = frozenset("I He She It They We You".split())  # noqa: SIM905


def body_groups_of(text: str) -> list[Group]:
    """The paragraphs, verse and breaks of a plain-text story's body, after its heading: the
    reader's view, shared with the checker so both see the same paragraphs."""
    return list(_lines_and_groups(text)[1])


def body_layout(text: str) -> tuple[int, bool]:
    """Where a plain-text story's body starts (after its heading) and whether it is
    hard-wrapped, as the reader sees it (`octavo fix` rewrites paragraphs in the same shape)."""
    lines = [blank_comment(line) for line in strip_invisible(text).split("\n")]
    _, first_body_line = _leading_heading(lines, "")
    return first_body_line, is_hard_wrapped(lines[first_body_line:])


COMMENT_PREFIX = "%%"


def blank_comment(line: str) -> str:
    """Lines starting with %% are editors' comments (and octavo directives such as
    `%% octavo: ignore OCT310`): they never reach the book. Blanked, so line numbers hold."""
    return "" if line.lstrip().startswith(COMMENT_PREFIX) else line
