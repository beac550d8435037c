"""`octavo fix` and `normalize --in-place` on one file: what would change, and writing it.

A file keeps its format: a `.txt` stays plain text with its own heading lines and its own line
breaks, a `.md` stays Markdown; only the paragraphs that a fix changes are rewritten, each in
the place it was (a hard-wrapped paragraph is wrapped again at its width). The file is written
only when its bytes would change, with a backup kept beside it only then.

Every rewrite is verified: the new text must read back as exactly the normalised story. When
it would not (a block that cannot be rewritten line by line), the whole file is written in
octavo's own layout instead, and OCT495 says so.
"""

from __future__ import annotations

import codecs
import dataclasses
import difflib
import os
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from octavo.diagnostics import Diagnostic, OctavoError, Severity, Span
from octavo.document import Block, Emphasis, Heading, Inline, Paragraph, SceneBreak, Text
from octavo.ingest import MARKDOWN_SUFFIXES, TEXT_SUFFIXES, parse_manuscript, read_text
from octavo.ingest.decode import DecodedText
from octavo.ingest.model import RawStory
from octavo.ingest.plaintext import body_layout, inline_emphasis
from octavo.loop_codes import FIX_REFORMATTED, FIX_UNSUPPORTED
from octavo.normalise import HouseStyle, normalise_story, normalise_text
from octavo.normalise.markdown_out import SCENE_BREAK, inline_markdown, story_markdown

REWRITABLE_SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES


@dataclass(slots=True)
class FilePlan:
    """What fixing one file would do."""

    path: Path
    display: str
    original: str  # the decoded text as it is
    fixed: str  # the text as it would be written
    raw: bytes
    new_bytes: bytes
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.raw != self.new_bytes

    def diff(self) -> str:
        lines = difflib.unified_diff(self.original.splitlines(keepends=True),
                                     self.fixed.splitlines(keepends=True),
                                     fromfile=self.display, tofile=f"{self.display} (fixed)")
        out = "".join(lines)
        if self.changed and not out:  # only the encoding or the line endings differ
            out = f"--- {self.display}\n+++ {self.display} (fixed)\n(re-encoded as UTF-8)\n"
        return out if out.endswith("\n") or not out else out + "\n"


def plan_fix(path: Path, display: str, style: HouseStyle | None, *,
             repairs: bool) -> FilePlan:
    """What `fix` (with `repairs`: mojibake, doubled punctuation) or `normalize --in-place`
    would write to `path`. Raises OctavoError when the file cannot be read or rewritten."""
    suffix = path.suffix.lower()
    if suffix not in REWRITABLE_SUFFIXES:
        raise OctavoError.single(FIX_UNSUPPORTED, f"'{path.name}': octavo can rewrite only "
                                 "plain-text and Markdown manuscripts", Span(display))
    decoded = read_text(path, display)
    raw = path.read_bytes()
    markdown = suffix in MARKDOWN_SUFFIXES
    text = decoded.text
    if repairs:
        text = repair(text, markdown=markdown)
    story = parse_manuscript(dataclasses.replace(decoded, text=text), suffix, display)
    done = normalise_story(story, style)
    diagnostics = list(story.diagnostics)
    fixed = _rewrite_in_place(text, story, done, markdown, style)
    if fixed is None or not _reads_back_as(fixed, done, suffix, display):
        fixed = _whole_file(text, done, markdown, style)
        diagnostics.append(Diagnostic(Severity.WARNING, FIX_REFORMATTED,
                                      "a fix fell where the file cannot be rewritten line by "
                                      "line, so it was written whole in octavo's layout",
                                      Span(display, 1, 1)))
    return FilePlan(path, display, decoded.text, fixed, raw, _encode(fixed, raw, decoded),
                    diagnostics)


def write_plan(plan: FilePlan) -> Path:
    """Write the fixed file over the original after keeping the original as FILE.bak (then
    .bak2, …: never overwritten). Returns the backup's path."""
    path = plan.path
    backup = path.with_name(path.name + ".bak")
    number = 1
    while backup.exists():
        number += 1
        backup = path.with_name(f"{path.name}.bak{number}")
    temporary = path.with_name(f".{path.name}.fixing")
    temporary.write_bytes(plan.new_bytes)
    os.link(path, backup)  # the original stays reachable until the new text is in place
    os.replace(temporary, path)
    return backup


# -- the text-level repairs -------------------------------------------------------------------

# Two periods or two commas where one belongs (not an ellipsis): a slip, safe to mend.
_DOUBLED = re.compile(r"(?<![.…])\.\.(?![.…])|,,")
_TRAILING = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)


def repair(text: str, *, markdown: bool = False) -> str:
    """The safe fixes beyond typography: mojibake (donâ€™t → don’t), doubled punctuation, the
    checks' safe fixes (a speech tag's capital, a missing space after a sentence: see
    `check/fixes.py`) and, in plain text, spaces at line ends (in Markdown two of them make a
    line break)."""
    from ftfy import fix_encoding

    from octavo.check.fixes import apply_safe_fixes

    text = _DOUBLED.sub(lambda m: m.group(0)[0], fix_encoding(text))
    text = apply_safe_fixes(text, markdown=markdown)
    return text if markdown else _TRAILING.sub("", text)


# -- rewriting paragraph by paragraph -----------------------------------------------------------


def _rewrite_in_place(text: str, story: RawStory, done: RawStory, markdown: bool,
                      style: HouseStyle | None) -> str | None:
    lines = text.split("\n")
    starts = sorted(line for b in story.blocks if (line := _line_of(b)) is not None)
    hard_wrapped = not markdown and body_layout(text)[1]
    _fix_heading_lines(lines, text, story, markdown, style)  # line for line: nothing moves
    replacements: list[tuple[int, int, list[str]]] = []
    for before, after in zip(story.blocks, done.blocks, strict=True):
        if before == after:
            continue
        start = _line_of(before)
        if start is None:
            return None
        end = _paragraph_end(lines, start, starts)
        original = lines[start:end]
        match after:
            case Paragraph(children=children):
                rendered = (inline_markdown(children) if markdown
                            else _plain_inlines(children, "\n".join(original)))
                if rendered.startswith("#") or not rendered:
                    return None
                if len(original) > 1 or hard_wrapped:
                    width = max(40, max(len(line) for line in original))
                    new = textwrap.wrap(rendered, width=width, break_long_words=False,
                                        break_on_hyphens=False)
                else:
                    new = [rendered]
            case Heading(children=children) if markdown and end == start + 1:
                prefix = re.match(r"\s*#+\s*", original[0])
                if prefix is None:
                    return None
                new = [prefix.group(0) + inline_markdown(children)]
            case _:
                return None
        replacements.append((start, end, new))
    for start, end, new in reversed(replacements):  # from the end: earlier lines stay put
        lines[start:end] = new
    return "\n".join(lines)


def _line_of(block: Block) -> int | None:
    span = getattr(block, "span", None)
    return span.line - 1 if span is not None and span.line > 0 else None


def _paragraph_end(lines: list[str], start: int, starts: list[int]) -> int:
    """The line after the paragraph that starts at `start`: a blank line or the next block."""
    following = next((s for s in starts if s > start), len(lines))
    end = start + 1
    while end < following and lines[end].strip():
        end += 1
    return end


def _fix_heading_lines(lines: list[str], text: str, story: RawStory, markdown: bool,
                       style: HouseStyle | None) -> None:
    """The manuscript's own heading lines, typeset in place (their words and layout kept)."""
    if story.heading is None:
        return
    first = story.heading.span.line - 1
    last = first + 1 if markdown else body_layout(text)[0]
    for index in range(first, min(last, len(lines))):
        line = lines[index]
        if not line.strip():
            continue
        prefix = re.match(r"\s*#+\s+", line) if markdown else None
        head = prefix.group(0) if prefix else ""
        body = line[len(head):]
        typeset = normalise_text(body, style)
        if typeset != body.strip():
            lines[index] = head + typeset


def _plain_inlines(inlines: tuple[Inline, ...], original: str) -> str:
    """A paragraph as plain text, with emphasis marked as the author marked it (* or _)."""
    marker = "_" if re.search(r"(?<![\w_])_\S", original) and "*" not in original else "*"
    plain = _plain(inlines, marker, escape=False)
    if inline_emphasis(plain) == _merged(inlines):
        return plain
    return _plain(inlines, marker, escape=True)  # literal * or _ that would read as emphasis


def _plain(inlines: tuple[Inline, ...], marker: str, *, escape: bool) -> str:
    out = []
    for node in inlines:
        if isinstance(node, Text):
            value = node.value
            if escape:
                value = value.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
            out.append(value)
        elif isinstance(node, Emphasis):
            out.append(marker + _plain(node.children, marker, escape=escape) + marker)
        else:  # plain text has only emphasis; other nodes come from Markdown
            out.append(_plain(getattr(node, "children", ()), marker, escape=escape))
    return "".join(out)


def _merged(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Adjacent text nodes joined, as the plain-text reader produces them."""
    out: list[Inline] = []
    for node in inlines:
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].value + node.value)
        elif not (isinstance(node, Text) and not node.value):
            out.append(node)
    return tuple(out)


# -- verification and the whole-file fallback --------------------------------------------------


def _without_spans(value: Any) -> Any:
    if isinstance(value, tuple):
        return tuple(_without_spans(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple((f.name, _without_spans(getattr(value, f.name)))
                     for f in dataclasses.fields(value) if f.name != "span")
    return value


def _reads_back_as(fixed: str, done: RawStory, suffix: str, display: str) -> bool:
    again = parse_manuscript(DecodedText(fixed, "utf-8"), suffix, display)

    def heading(story: RawStory) -> tuple[str | None, str | None] | None:
        return (story.heading.label, story.heading.title) if story.heading else None

    return (_without_spans(again.blocks) == _without_spans(done.blocks)
            and heading(again) == heading(done))


def _whole_file(text: str, done: RawStory, markdown: bool, style: HouseStyle | None) -> str:
    if markdown:
        return story_markdown(done)
    lines = text.split("\n")
    head = lines[:body_layout(text)[0]] if done.heading else []
    parts = ["\n".join(head).rstrip()] if head else []
    if head:
        parts[0] = "\n".join(normalise_text(line, style) if line.strip() else line
                             for line in parts[0].split("\n"))
    for block in done.blocks:
        if isinstance(block, SceneBreak):
            parts.append(SCENE_BREAK)
        elif isinstance(block, Paragraph):
            parts.append(_plain_inlines(block.children, ""))
    return "\n\n".join(parts) + "\n"


def _encode(text: str, raw: bytes, decoded: DecodedText) -> bytes:
    """UTF-8, keeping a UTF-8 file's byte-order mark and the file's own line endings."""
    if raw.count(b"\r\n") > raw.count(b"\n") // 2:
        text = text.replace("\n", "\r\n")
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    return bom + text.encode("utf-8")
