"""`octavo check`: lint the manifest and manuscripts before compiling.

Manifest problems come from the manifest loader and compiler (the same diagnostics `build`
reports); manuscript text is linted by the rules in `text_rules`, each with a stable code.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from octavo.backends.base import NullProgress
from octavo.check import confusable_rules as _confusable_rules  # noqa: F401  (OCT361-370)
from octavo.check import dialogue_rules as _dialogue_rules  # noqa: F401  (OCT342-344)
from octavo.check import font_rules as _font_rules  # noqa: F401  (registers OCT350)
from octavo.check import mechanics_rules as _mechanics_rules  # noqa: F401  (OCT345-346)
from octavo.check.anthology_rules import (
    BOOK_CODES,
    BookWords,
    StoryText,
    capitalisations,
    hyphenations,
    name_spellings,
    national_spellings,
)
from octavo.check.text_rules import RULES, Line, Paragraphs, TextParagraph
from octavo.diagnostics import Diagnostic, Diagnostics, OctavoError, Severity, Span
from octavo.document import Block, ListBlock, Paragraph, block_text, walk_blocks
from octavo.ingest import MARKDOWN_SUFFIXES, is_line_format, read_manuscript, read_text
from octavo.ingest.plaintext import blank_comment, body_groups_of

__all__ = ["RULES", "book_findings", "check_blocks", "check_book", "check_files", "check_text",
           "explain"]


_DIRECTIVE = re.compile(r"^\s*%%\s*octavo:\s*ignore\s+(OCT\d{3}(?:[\s,]+OCT\d{3})*)",
                        re.IGNORECASE)


def paragraphs_of(text: str) -> Paragraphs:
    """The story's paragraphs (and passages of verse) with their source lines, as octavo's
    reader finds them; each knows whether a scene break or the story's end follows it."""
    lines = ([blank_comment(line) for line in text.split("\n")] if "%%" in text
             else text.split("\n"))  # (only a line holding %% can be a comment)
    groups = body_groups_of(text)
    ends_section = True  # walking backwards: is there a break (or the end) before what follows?
    found: list[TextParagraph] = []
    for group in reversed(groups):
        if group.kind == "break":
            ends_section = True
            continue
        found.append(TextParagraph(tuple(Line(i + 1, lines[i]) for i in group.lines),
                                   ends_section))
        ends_section = False
    paragraphs = Paragraphs()
    paragraphs.extend(reversed(found))
    return paragraphs


def _suppressions(text: str) -> dict[int, tuple[int, set[str]]]:
    """`%% octavo: ignore OCT310 OCT320` excuses the paragraph after it: first line of that
    paragraph → (the directive's line, the codes)."""
    found: dict[int, tuple[int, set[str]]] = {}
    if "%%" not in text:  # no directive at all (most stories)
        return found
    lines = text.split("\n")
    for index, line in enumerate(lines):
        match = _DIRECTIVE.match(line)
        if not match:
            continue
        codes = {code.upper() for code in re.split(r"[\s,]+", match.group(1)) if code}
        target = next((i for i in range(index + 1, len(lines))
                       if lines[i].strip() and not _DIRECTIVE.match(lines[i])), None)
        if target is not None:
            found[target + 1] = (index + 1, codes)
    return found


# Checks that protect the build itself: they run even with `octavo build --no-check`.
ALWAYS_CHECKED = frozenset({"OCT326"})


def check_text(text: str, display: str, enabled: frozenset[str] = frozenset(),
               house_words: tuple[tuple[str, str], ...] = (), *, markdown: bool = False,
               only: frozenset[str] | None = None) -> list[Diagnostic]:
    """Lint one manuscript's text. `enabled`: checks that are off by default, turned on;
    `house_words`: (word the book avoids, the form it uses); `markdown`: the text is Markdown,
    so only the checks that its syntax cannot confuse run; `only`: run just these checks."""
    return _check_paragraphs(paragraphs_of(text), _suppressions(text), display, enabled,
                             house_words, markdown=markdown, only=only)


def check_blocks(blocks: tuple[Block, ...], display: str, enabled: frozenset[str] = frozenset(),
                 house_words: tuple[tuple[str, str], ...] = (), *,
                 only: frozenset[str] | None = None) -> list[Diagnostic]:
    """Lint a story read from a format without lines (.docx, .html, .epub, .odt, .rtf): the
    same rules on each paragraph's text, findings placed at `display:¶N:column`."""
    paragraphs = [TextParagraph((Line(number, text),)) for number, text in block_paragraphs(blocks)]
    found = _check_paragraphs(paragraphs, {}, display, enabled, house_words, only=only)
    return [dataclasses.replace(d, span=_paragraph_span(d.span)) if d.span else d for d in found]


def block_paragraphs(blocks: tuple[Block, ...]) -> list[tuple[int, str]]:
    """(paragraph number, text) of every prose paragraph, in reading order (headings, verse
    and list items are not prose: the paragraph rules would misread them)."""
    found: list[tuple[int, str]] = []
    in_lists = {id(b) for block in walk_blocks(blocks) if isinstance(block, ListBlock)
                for item in block.items for b in walk_blocks(item)}
    for block in walk_blocks(blocks):
        if (isinstance(block, Paragraph) and id(block) not in in_lists and block.span
                and block.span.paragraph):
            text = block_text(block).replace("\n", " ")
            if text.strip():
                found.append((block.span.paragraph, text))
    return found


def _paragraph_span(span: Span) -> Span:
    return Span(span.path, 0, span.column, None, span.end_column, paragraph=span.line)


def _check_paragraphs(paragraphs: list[TextParagraph], excused: dict[int, tuple[int, set[str]]],
                      display: str, enabled: frozenset[str],
                      house_words: tuple[tuple[str, str], ...], *, markdown: bool = False,
                      only: frozenset[str] | None = None) -> list[Diagnostic]:
    paragraph_of_line = {line.number: p.first.number for p in paragraphs for line in p.lines
                         } if excused else {}
    used: set[tuple[int, str]] = set()
    found = []
    for text_rule in RULES:
        if not (text_rule.on_by_default or text_rule.code in enabled):
            continue
        if (markdown and not text_rule.markup_blind) or (only is not None
                                                         and text_rule.code not in only):
            continue
        for finding in text_rule.run(paragraphs):
            if excused:
                first = paragraph_of_line.get(finding.line, finding.line)
                if first in excused and finding.code in excused[first][1]:
                    used.add((first, finding.code))
                    continue
            span = Span(display, finding.line, finding.column, finding.line,
                        finding.column + finding.length)
            found.append(Diagnostic(text_rule.severity, finding.code, finding.message, span,
                                    finding.fix))
    if markdown or only is not None:
        house_words = ()
    for avoided, preferred in house_words:
        pattern = re.compile(rf"\b{re.escape(avoided)}\b",
                             re.IGNORECASE if avoided.islower() else 0)
        for paragraph in paragraphs:
            for line in paragraph.lines:
                for match in pattern.finditer(line.text):
                    first = paragraph.first.number
                    if first in excused and "OCT341" in excused[first][1]:
                        used.add((first, "OCT341"))
                        continue
                    found.append(Diagnostic(
                        Severity.WARNING, "OCT341",
                        f"the house style writes '{preferred}', not '{match.group(0)}'",
                        Span(display, line.number, match.start() + 1, line.number,
                             match.end() + 1), preferred))
    for first, (directive_line, codes) in excused.items():
        # codes of the whole-book checks are judged by `book_findings`
        for code in sorted(codes - {c for f, c in used if f == first} - BOOK_LEVEL):
            found.append(Diagnostic(Severity.INFO, "OCT309", f"'ignore {code}' no longer matches "
                                    "anything in the paragraph below; remove it",
                                    Span(display, directive_line, 1)))
    return found


BOOK_LEVEL = frozenset({*BOOK_CODES, "OCT347", "OCT348"})


def book_findings(stories: list[StoryText], language: str,
                  own_words: frozenset[str] = frozenset()) -> list[Diagnostic]:
    """The checks that see every story at once (names, forms, national spellings, typos),
    with each story's `%% octavo: ignore` directives applied."""
    from octavo.check.typo_rules import likely_typos

    words = BookWords.of(stories)
    found = [*name_spellings(stories, words), *hyphenations(stories, words),
             *capitalisations(stories), *national_spellings(stories, language, words),
             *likely_typos(stories, language, own_words, words)]
    return _excuse_book_findings(found, stories)


def _excuse_book_findings(found: list[Diagnostic], stories: list[StoryText]) -> list[Diagnostic]:
    kept = []
    by_story: dict[str, list[Diagnostic]] = {}
    for d in found:
        by_story.setdefault(d.span.path if d.span else "", []).append(d)
    for story in stories:
        mine = by_story.pop(story.display, [])
        if "octavo:" not in story.text and "octavo:" not in "\n".join(story.lines):
            kept.extend(mine)
            continue
        raw = "\n".join(story.lines)
        excused = _suppressions(raw)
        paragraph_of_line = {line.number: p.first.number for p in paragraphs_of(raw)
                             for line in p.lines}
        used: set[tuple[int, str]] = set()
        for d in mine:
            line = d.span.line if d.span else 0
            first = paragraph_of_line.get(line, line)
            if first in excused and d.code in excused[first][1]:
                used.add((first, d.code))
            else:
                kept.append(d)
        for first, (directive_line, codes) in excused.items():
            for code in sorted((codes & BOOK_LEVEL) - {c for f, c in used if f == first}):
                kept.append(Diagnostic(Severity.INFO, "OCT309", f"'ignore {code}' no longer "
                                       "matches anything in the paragraph below; remove it",
                                       Span(story.display, directive_line, 1)))
    for rest in by_story.values():
        kept.extend(rest)
    return kept


def _check_manuscript(path: Path, display: str) -> tuple[list[Diagnostic], StoryText | None]:
    if not is_line_format(path.suffix):
        story = read_manuscript(path, display)
        return [*story.diagnostics, *check_blocks(story.blocks, display)], None
    decoded = read_text(path, display)
    found = list(decoded.diagnostics)
    markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
    found.extend(check_text(decoded.text, display, markdown=markdown))
    return found, None if markdown else StoryText(display, decoded.text.split("\n"))


def check_files(paths: list[Path], language: str = "en-US") -> list[Diagnostic]:
    """Check manuscript files on their own, and across each other as one book would be.
    Raises OctavoError if a file cannot be read."""
    diags = Diagnostics()
    stories = []
    for path in paths:
        try:
            found, story = _check_manuscript(path, str(path))
        except OctavoError as exc:
            diags.extend(exc.diagnostics)
            continue
        diags.extend(found)
        if story is not None:
            stories.append(story)
    diags.extend(book_findings(stories, language))
    return diags.sorted()


def check_book(manifest_path: Path, workers: int | None = None) -> list[Diagnostic]:
    """Check the manifest, then every manuscript it names (their text and their use), with the
    book's own check settings applied. The stories are read and checked in `workers` processes
    (default: one per core) when the book is large enough to pay for them, as a build does;
    the findings are the same, in the same order, as a serial run's."""
    from octavo.cache import BuildCache
    from octavo.pipeline import load_book
    from octavo.stories import default_workers

    diags = Diagnostics()
    try:
        load_book(manifest_path, diags, NullProgress(), lint=True,
                  cache=BuildCache.for_book(manifest_path.parent),
                  workers=default_workers() if workers is None else workers)
    except OctavoError as exc:
        return sorted(exc.diagnostics, key=Diagnostic.sort_key)
    return diags.sorted()


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def explain(code: str) -> str | None:
    """The long explanation of a code (what, why, how to fix, an example), or None."""
    from octavo.explanations import lookup, render

    explanation = lookup(code)
    return render(explanation) if explanation else None
