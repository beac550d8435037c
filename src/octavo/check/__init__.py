"""`octavo check`: lint the manifest and manuscripts before compiling.

Manifest problems come from the manifest loader and compiler (the same diagnostics `build`
reports); manuscript text is linted by the rules in `text_rules`, each with a stable code.
"""

from __future__ import annotations

import re
from pathlib import Path

from octavo.backends.base import NullProgress
from octavo.check import font_rules as _font_rules  # noqa: F401  (registers OCT350)
from octavo.check.text_rules import RULES, Line, TextParagraph
from octavo.diagnostics import Diagnostic, Diagnostics, OctavoError, Severity, Span
from octavo.ingest import MARKDOWN_SUFFIXES, read_text
from octavo.ingest.plaintext import blank_comment, body_layout, is_scene_break

__all__ = ["RULES", "check_book", "check_files", "check_text", "explain"]


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
    paragraphs = paragraphs_of(text)
    excused = _suppressions(text)
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
    """The long explanation of a code (what, why, how to fix, an example), or None."""
    from octavo.explanations import lookup, render

    explanation = lookup(code)
    return render(explanation) if explanation else None
