"""`octavo normalize`: one manuscript in, its normalised Markdown out (or a diff, or in place)."""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from octavo.diagnostics import Diagnostic, OctavoError, Span
from octavo.ingest import MARKDOWN_SUFFIXES, parse_manuscript, read_text
from octavo.ingest.decode import decode_manuscript
from octavo.normalise import HouseStyle, house_style_for, normalise_story
from octavo.normalise.markdown_out import story_markdown


@dataclass(slots=True)
class NormaliseResult:
    output: str  # what to print: the Markdown, a diff, or nothing when rewritten in place
    diagnostics: list[Diagnostic] = field(default_factory=list)
    backup: Path | None = None


# Two periods or two commas where one belongs (not an ellipsis): a slip, safe to mend.
_DOUBLED = re.compile(r"(?<![.…])\.\.(?![.…])|,,")


def repair(text: str, markdown: bool = False) -> str:
    """The safe fixes beyond typography: mojibake (donâ€™t → don’t), doubled punctuation, and
    the checks' safe fixes (a speech tag's capital, a missing space after a sentence)."""
    from ftfy import fix_encoding

    from octavo.check.fixes import apply_safe_fixes

    return apply_safe_fixes(_DOUBLED.sub(lambda m: m.group(0)[0], fix_encoding(text)),
                            markdown=markdown)


def normalise_file(path: Path, *, quotes: str | None, language: str, in_place: bool,
                   diff: bool, repairs: bool = False,
                   style: HouseStyle | None = None) -> NormaliseResult:
    """`style`, when given (a book's house style), wins over `quotes` and `language`."""
    style = style or house_style_for(language, quotes)
    if str(path) == "-":
        decoded = decode_manuscript(sys.stdin.buffer.read(), "<stdin>")
        suffix = ".txt"
    else:
        if not path.is_file():
            raise OctavoError.single("OCT200", "no such file", Span(str(path)))
        decoded, suffix = read_text(path, str(path)), path.suffix
    original = decoded.text
    if repairs:
        decoded = dataclasses.replace(decoded, text=repair(
            decoded.text, markdown=suffix.lower() in MARKDOWN_SUFFIXES))
    story = parse_manuscript(decoded, suffix, str(path))
    diagnostics = list(story.diagnostics)
    markdown = story_markdown(normalise_story(story, style))
    if diff:
        name = str(path)
        lines = difflib.unified_diff(original.splitlines(keepends=True),
                                     markdown.splitlines(keepends=True),
                                     fromfile=name, tofile=f"{name} (normalised)")
        return NormaliseResult("".join(lines), diagnostics)
    if in_place:
        return NormaliseResult("", diagnostics, _rewrite(path, markdown))
    return NormaliseResult(markdown, diagnostics)


def _rewrite(path: Path, text: str) -> Path:
    """Write `text` over `path` (UTF-8) after keeping the original as path.bak (or .bak2, …)."""
    backup = path.with_name(path.name + ".bak")
    number = 1
    while backup.exists():
        number += 1
        backup = path.with_name(f"{path.name}.bak{number}")
    temporary = path.with_name(f".{path.name}.normalising")
    temporary.write_text(text, encoding="utf-8")
    os.link(path, backup)  # the original stays reachable until the new text is in place
    os.replace(temporary, path)
    return backup

