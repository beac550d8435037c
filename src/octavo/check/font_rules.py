"""Checks that the print PDF can draw every character of the text.

Registered with the text rules (same registry, same paragraphs with their source lines), so
`octavo check` and `octavo build` report them alike.
"""

from __future__ import annotations

from collections.abc import Iterator

from octavo.check.text_rules import Finding, TextParagraph, rule
from octavo.diagnostics import Severity
from octavo.fonts import describe, undrawable


@rule("OCT350", Severity.WARNING, "a character no font in the book can draw",
      "The print PDF is set in the fonts octavo ships: Charis SIL, with Noto fallbacks for "
      "Greek, Arabic, Hebrew, Chinese, Japanese and Korean, and emoji. A character none of them has "
      "(a rare script, a private-use code point, a symbol from a newer Unicode version) would "
      "print as an empty box. Replace it, or describe it in words. Each character is reported "
      "once per paragraph, where it first appears; invisible characters (joiners, variation "
      "selectors, spaces) need no glyph and are not reported.", markup_blind=True,
      why="A box in a printed book cannot be fixed after printing, and readers cannot tell what "
          "was meant.",
      fix="Replace the character with one the fonts have, or describe it in words.",
      before="The sign read 𓀀.", after="The sign read a hieroglyph of a seated man.")
def undrawable_characters(paragraphs: list[TextParagraph]) -> Iterator[Finding]:
    for paragraph in paragraphs:
        missing = undrawable(paragraph.text)
        if not missing:
            continue
        for char in sorted(missing, key=lambda c: _first(paragraph, c)):
            number, column = _first(paragraph, char)
            count = sum(line.text.count(char) for line in paragraph.lines)
            more = f" ({count} times in this paragraph)" if count > 1 else ""
            yield Finding("OCT350", f"no font in the book can draw {describe(char)}; the PDF "
                          f"would show an empty box{more}", number, column)


def _first(paragraph: TextParagraph, char: str) -> tuple[int, int]:
    """Line number and 1-based column where `char` first appears in the paragraph."""
    for line in paragraph.lines:
        index = line.text.find(char)
        if index >= 0:
            return line.number, index + 1
    return paragraph.first.number, 1
