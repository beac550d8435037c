"""Markdown source prepared before parsing: nesting capped, front matter read.

Nesting: markdown-it stops descending past its nesting limit and drops what lies deeper, and
the paragraphs after it. Rather than lose them, lines nested deeper than octavo sets (quotes
within quotes, lists within lists) are brought up to the deepest level it keeps, with a
warning; every word stays, in order.
"""

from __future__ import annotations

import re
from typing import Any

from octavo.diagnostics import Diagnostic, Severity, Span
from octavo.document import Aside, Block, Paragraph, Text

MAX_QUOTE_DEPTH = 8
MAX_LIST_DEPTH = 8
_QUOTES = re.compile(r"^(\s{0,3}>\s?)+")
_CONTAINER = re.compile(r"\s*(?:>|[-*+](?=\s|$)|\d{1,9}[.)](?=\s|$))")
MAX_CONTAINER_DEPTH = MAX_QUOTE_DEPTH + MAX_LIST_DEPTH
_LIST_LINE = re.compile(r"^(\s*)((?:[-*+]|\d{1,9}[.)])(?:\s+|$))")
_RUNS = re.compile(r"(?:\[){64,}|(?:\*){64,}|(?:_){64,}|(?:`){64,}")
FRONT_MATTER_KEYS = ("title", "subtitle", "author", "epigraph", "dedication", "language")


def cap_nesting(lines: list[str], display: str) -> tuple[list[str], list[Diagnostic]]:
    notes: list[Diagnostic] = []
    out: list[str] = []
    first: int | None = None
    for number, line in enumerate(lines):
        capped = _cap_containers(_cap_list(_cap_quotes(line)))
        if _RUNS.search(capped):  # thousands of [ or *: literal marks, not syntax to nest
            capped = _RUNS.sub(lambda m: "\\" + "\\".join(m.group(0)), capped)
        if capped != line and first is None:
            first = number
        out.append(capped)
    if first is not None:
        notes.append(Diagnostic(Severity.WARNING, "OCT233", "Markdown nested deeper than octavo "
                                f"sets ({MAX_QUOTE_DEPTH} quotes or {MAX_LIST_DEPTH} lists within "
                                "each other, or a long run of [ or *) was flattened; every word "
                                "is kept", Span(display, first + 1, 1)))
    return out, notes


def _cap_quotes(line: str) -> str:
    match = _QUOTES.match(line)
    if not match or match.group(0).count(">") <= MAX_QUOTE_DEPTH:
        return line
    return "> " * MAX_QUOTE_DEPTH + line[match.end():]


def _cap_containers(line: str) -> str:
    """Quotes and list markers mixed (`> - > - …`) beyond the depth octavo keeps: the rest of
    the markers are dropped, the text after them stays."""
    position, count = 0, 0
    cut = None
    while match := _CONTAINER.match(line, position):
        if match.end() == position:
            break
        count += 1
        if count == MAX_CONTAINER_DEPTH:
            cut = match.end()
        position = match.end()
    if cut is None or count <= MAX_CONTAINER_DEPTH:
        return line
    return line[:cut] + " " + line[position:].lstrip()


def _cap_list(line: str) -> str:
    """An item indented past MAX_LIST_DEPTH levels (two columns or more each) is set at the
    deepest level; so is the text of a deeper continuation line."""
    limit = MAX_LIST_DEPTH * 4
    indent = len(line) - len(line.lstrip(" "))
    if indent <= limit:
        return line
    if _LIST_LINE.match(line):
        return " " * limit + line.lstrip(" ")
    return " " * (limit + 2) + line.lstrip(" ")


def front_matter(content: str, display: str) -> tuple[dict[str, Any] | None, list[Diagnostic]]:
    """The YAML between the opening `---` lines, read safely; only known keys with text (or,
    for author, a list of names) are used. None when it is not a mapping of keys: then the
    `---` lines were scene breaks around text, and the text is the story's."""
    import yaml

    notes: list[Diagnostic] = []
    span = Span(display, 1, 1)
    try:
        data = yaml.safe_load(content) if len(content) < 100_000 else None
    except yaml.YAMLError:
        return None, notes
    if not isinstance(data, dict) or not data:
        return None, notes
    used: dict[str, Any] = {}
    for key, value in data.items():
        if key not in FRONT_MATTER_KEYS:
            notes.append(Diagnostic(Severity.WARNING, "OCT235", f"front matter key '{key}' is not "
                                    f"one octavo uses ({', '.join(FRONT_MATTER_KEYS)})", span))
        elif key == "author" and isinstance(value, list) and all(isinstance(v, str) for v in value):
            used[key] = tuple(v.strip() for v in value if v.strip())
        elif isinstance(value, str | int | float) and str(value).strip():
            used[key] = (str(value).strip(),) if key == "author" else str(value).strip()
        else:
            notes.append(Diagnostic(Severity.WARNING, "OCT235", f"front matter '{key}' must be "
                                    "text; ignored", span))
    return used, notes


def aside(kind: str, text: str | None, span: Span) -> list[Block]:
    if not text:
        return []
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return [Aside(kind, tuple(Paragraph((Text(" ".join(p.split())),), span) for p in paragraphs),
                  None, span)]
