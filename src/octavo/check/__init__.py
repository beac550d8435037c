"""`octavo check`: lint the manifest and manuscripts before compiling.

Manifest problems come from the manifest loader and compiler (the same diagnostics `build`
reports); manuscript text is linted by the rules in `text_rules`, each with a stable code.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from octavo.backends.base import NullProgress
from octavo.check import font_rules as _font_rules  # noqa: F401  (registers OCT350)
from octavo.check.text_rules import RULES, Line, TextParagraph
from octavo.diagnostics import Diagnostic, Diagnostics, OctavoError, Severity, Span
from octavo.document import Block, ListBlock, Paragraph, block_text, walk_blocks
from octavo.ingest import MARKDOWN_SUFFIXES, is_line_format, read_manuscript, read_text
from octavo.ingest.plaintext import blank_comment, body_layout, is_scene_break

__all__ = ["RULES", "check_blocks", "check_book", "check_files", "check_text", "explain"]


_DIRECTIVE = re.compile(r"^\s*%%\s*octavo:\s*ignore\s+(OCT\d{3}(?:[\s,]+OCT\d{3})*)",
                        re.IGNORECASE)


def paragraphs_of(text: str) -> list[TextParagraph]:
    """The story's paragraphs with their source lines, as octavo's reader finds them."""
    lines = [blank_comment(line) for line in text.split("\n")]
    start, hard_wrapped = body_layout(text)
    paragraphs: list[TextParagraph] = []
    block: list[Line] = []

    def flush() -> None:
        if block:
            paragraphs.append(TextParagraph(tuple(block)))
            block.clear()

    for index in range(start, len(lines)):
        line = Line(index + 1, lines[index])
        if not line.text.strip() or is_scene_break(line.text):
            flush()
        elif hard_wrapped:
            block.append(line)
        else:
            paragraphs.append(TextParagraph((line,)))
    flush()
    return paragraphs


def _suppressions(text: str) -> dict[int, tuple[int, set[str]]]:
    """`%% octavo: ignore OCT310 OCT320` excuses the paragraph after it: first line of that
    paragraph → (the directive's line, the codes)."""
    lines = text.split("\n")
    found: dict[int, tuple[int, set[str]]] = {}
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
    paragraph_of_line = {line.number: p.first.number for p in paragraphs for line in p.lines}
    used: set[tuple[int, str]] = set()
    found = []
    for text_rule in RULES:
        if not (text_rule.on_by_default or text_rule.code in enabled):
            continue
        if (markdown and not text_rule.markup_blind) or (only is not None
                                                         and text_rule.code not in only):
            continue
        for finding in text_rule.run(paragraphs):
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
        for code in sorted(codes - {c for f, c in used if f == first}):
            found.append(Diagnostic(Severity.INFO, "OCT309", f"'ignore {code}' no longer matches "
                                    "anything in the paragraph below; remove it",
                                    Span(display, directive_line, 1)))
    return found


def _check_manuscript(path: Path, display: str) -> list[Diagnostic]:
    if not is_line_format(path.suffix):
        story = read_manuscript(path, display)
        return [*story.diagnostics, *check_blocks(story.blocks, display)]
    decoded = read_text(path, display)
    found = list(decoded.diagnostics)
    found.extend(check_text(decoded.text, display,
                            markdown=path.suffix.lower() in MARKDOWN_SUFFIXES))
    return found


def check_files(paths: list[Path]) -> list[Diagnostic]:
    """Check manuscript files on their own. Raises OctavoError if a file cannot be read."""
    diags = Diagnostics()
    for path in paths:
        try:
            diags.extend(_check_manuscript(path, str(path)))
        except OctavoError as exc:
            diags.extend(exc.diagnostics)
    return diags.sorted()


def check_book(manifest_path: Path) -> list[Diagnostic]:
    """Check the manifest, then every manuscript it names (their text and their use), with the
    book's own check settings applied."""
    from octavo.pipeline import load_book

    diags = Diagnostics()
    try:
        load_book(manifest_path, diags, NullProgress(), lint=True)
    except OctavoError as exc:
        return sorted(exc.diagnostics, key=Diagnostic.sort_key)
    return diags.sorted()


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def explain(code: str) -> str | None:
    from octavo.check.manifest_rules import MANIFEST_CODES
    from octavo.check.outputs import OUTPUT_CODES
    from octavo.codes import CODES

    code = code.upper()
    for table in (MANIFEST_CODES, OUTPUT_CODES):
        if code in table:
            severity, summary = table[code]
            return f"{code} ({severity.value}): {summary}"
    for text_rule in RULES:
        if text_rule.code == code:
            return f"{code} ({text_rule.severity.value}): {text_rule.summary}\n\n{text_rule.explanation}"
    if code in CODES:
        return f"{code}: {CODES[code]}"
    return None
