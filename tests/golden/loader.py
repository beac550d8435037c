"""Read the hand-made gold cases (format: tests/golden/typography/README.md).

A case file is a series of blocks:

    === short name of the case
    input, verbatim
    ---
    expected, verbatim

A file may begin with settings lines, `#! key=value`, that apply to every case of the file
(keys and values in SETTINGS below; a file without them uses the book defaults: quotes kept as
the author typed them, language en-US).

Details that the README leaves to the reader, fixed here:

- Settings lines come first, one per line, before any other line. A `#!` line anywhere else, an
  unknown key, an unknown value or a key given twice is an error: a mistyped setting must not
  silently score a whole file under the defaults.
- Before the first `===` header, only blank lines and `#` comment lines may appear.
- A block runs from its header to the next `===` header (or the end of the file). Its input and
  expected parts are split at the block's *last* line that is exactly `---`: a scene-break
  manuscript may itself hold `---` lines as markers, an expected text never does (dashes are set
  as em dashes and breaks as `* * *`).
- At the end of a block, blank lines are not part of the expected text, and neither are comment
  lines (`#`) that follow such a blank line: that is the space between two blocks.
- Everything else is verbatim: spaces, tabs, no-break spaces and zero-width characters inside
  lines, blank lines between paragraphs. The line ending after the last line of each part is not
  part of the text. Files are read as UTF-8 with "\\n" line endings (a "\\r" is an error, so that
  a file saved with Windows line endings cannot silently change every case).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

HEADER = "==="
SEPARATOR = "---"
SETTING = "#!"

# The settings a case file may give, each with a check of its value. Missing keys mean the book
# defaults (DEFAULT_SETTINGS), which is what a book without `build.quotes` or `language` gets.
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")
SETTINGS = {
    "quotes": lambda value: value in ("keep", "american", "british"),
    "language": lambda value: _LANGUAGE_TAG.fullmatch(value) is not None,
}
DEFAULT_SETTINGS = {"quotes": "keep", "language": "en-US"}


@dataclass(frozen=True)
class GoldCase:
    category: str
    name: str
    input: str
    expected: str
    line: int  # 1-based line of the `===` header
    settings: dict[str, str] = field(default_factory=dict)  # the file's `#!` lines; {} = defaults

    def setting(self, key: str) -> str:
        """The value of a setting for this case, the book default when the file gives none."""
        return self.settings.get(key, DEFAULT_SETTINGS[key])

    @property
    def input_paragraphs(self) -> list[str]:
        return self.input.split("\n\n")

    @property
    def expected_paragraphs(self) -> list[str]:
        return self.expected.split("\n\n")


def load_cases(path: Path) -> list[GoldCase]:
    """The cases of one file, in file order; the category is the file's stem."""
    path = Path(path)
    category = path.stem
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not valid UTF-8 ({error})") from None
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise ValueError(f"{path}:{line}: carriage return found; case files use \\n line endings")
    if text.endswith("\n"):
        text = text[:-1]
    lines = text.split("\n")
    settings = _read_settings(path, lines)

    headers = [i for i, line in enumerate(lines) if line.startswith(HEADER)]
    first = headers[0] if headers else len(lines)
    for index in range(first):
        if lines[index].strip() and not lines[index].startswith("#"):
            raise ValueError(
                f"{path}:{index + 1}: text outside a block (blocks start with '{HEADER} name'; "
                f"comment lines start with '#'): {lines[index]!r}")

    cases: list[GoldCase] = []
    seen: dict[str, int] = {}
    for position, start in enumerate(headers):
        end = headers[position + 1] if position + 1 < len(headers) else len(lines)
        case = _parse_block(path, category, lines, start, end, settings)
        if case.name in seen:
            raise ValueError(
                f"{path}:{start + 1}: duplicate case name {case.name!r} "
                f"(first used on line {seen[case.name]})")
        seen[case.name] = case.line
        cases.append(case)
    return cases


def _read_settings(path: Path, lines: list[str]) -> dict[str, str]:
    """The `#! key=value` lines at the top of a file; a `#!` line elsewhere is an error."""
    settings: dict[str, str] = {}
    top = 0
    while top < len(lines) and lines[top].startswith(SETTING):
        where = f"{path}:{top + 1}"
        key, equals, value = lines[top][len(SETTING):].strip().partition("=")
        key, value = key.strip(), value.strip()
        if not equals or key not in SETTINGS:
            raise ValueError(f"{where}: malformed setting {lines[top]!r}; expected '#! key=value' "
                             f"with key one of {', '.join(SETTINGS)}")
        if not SETTINGS[key](value):
            raise ValueError(f"{where}: bad value {value!r} for setting {key!r}")
        if key in settings:
            raise ValueError(f"{where}: setting {key!r} given twice")
        settings[key] = value
        top += 1
    for index in range(top, len(lines)):
        if lines[index].startswith(SETTING):
            raise ValueError(f"{path}:{index + 1}: settings lines ('{SETTING} key=value') belong "
                             f"at the top of the file, before anything else")
    return settings


def _parse_block(path: Path, category: str, lines: list[str], start: int, end: int,
                 settings: dict[str, str]) -> GoldCase:
    header = lines[start]
    where = f"{path}:{start + 1}"
    if not header.startswith(HEADER + " ") or not header[len(HEADER) + 1:].strip():
        raise ValueError(f"{where}: malformed header {header!r}; expected '{HEADER} short name'")
    name = header[len(HEADER) + 1:].strip()

    body = lines[start + 1: end]
    body = _without_trailing_gap(body)
    separators = [i for i, line in enumerate(body) if line == SEPARATOR]
    if not separators:
        raise ValueError(
            f"{where}: case {name!r} has no '{SEPARATOR}' line between input and expected")
    split = separators[-1]
    input_lines, expected_lines = body[:split], body[split + 1:]
    if not "".join(input_lines).strip():
        raise ValueError(f"{where}: case {name!r} has an empty input")
    if not "".join(expected_lines).strip():
        raise ValueError(
            f"{where}: case {name!r} has an empty expected part (line {start + split + 2})")
    if input_lines[0] == "":
        raise ValueError(f"{where}: case {name!r}: input starts with a blank line")
    if expected_lines[0] == "":
        raise ValueError(f"{where}: case {name!r}: expected text starts with a blank line")
    return GoldCase(category=category, name=name, input="\n".join(input_lines),
                    expected="\n".join(expected_lines), line=start + 1, settings=dict(settings))


def _without_trailing_gap(body: list[str]) -> list[str]:
    """Drop the blank lines, and comments after a blank line, that end a block."""
    end = len(body)
    while end and (not body[end - 1].strip() or body[end - 1].startswith("#")):
        end -= 1
    # Comment lines count as outside the block only after a blank line; otherwise keep them.
    tail = body[end:]
    if tail and tail[0].strip():
        # The first trailing line is a comment directly under the text: part of the text.
        keep = 0
        while keep < len(tail) and tail[keep].strip():
            keep += 1
        end += keep
    return body[:end]


def load_directory(directory: Path) -> dict[str, list[GoldCase]]:
    """Every `*.txt` case file of a directory, by category (file stem), sorted by name."""
    return {path.stem: load_cases(path) for path in sorted(Path(directory).glob("*.txt"))}
