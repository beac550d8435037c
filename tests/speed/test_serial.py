"""The cache's JSON form of the document gives back exactly what went in, and only our types."""

from __future__ import annotations

import pytest

from octavo import serial
from octavo.diagnostics import Diagnostic, Severity, Span
from octavo.document import BlockQuote, Emphasis, Heading, Paragraph, SceneBreak, Text, Verse
from octavo.ingest.model import ManuscriptHeading, RawStory

STORY = RawStory(
    ManuscriptHeading("Session One", "The \u2018Harbour\u2019", Span("a.txt", 1, 1)),
    (Heading(2, (Text("Part"),)),
     Paragraph((Text("It "), Emphasis((Text("rained"),)), Text(" \U0001F327 \uE000")),
               Span("a.txt", 3, 1, 3, 9)),
     SceneBreak(),
     BlockQuote((Paragraph((Text("Quoted."),)),)),
     Verse(((Text("line one"),), (Text("line two"),)))),
    (Diagnostic(Severity.WARNING, "OCT202", "guessed", Span("a.txt", 2, 4), "fix"),),
    "windows-1252",
)


def test_a_story_comes_back_exactly() -> None:
    assert serial.loads(serial.dumps(STORY)) == STORY


def test_bytes_come_back_exactly() -> None:
    value = (b"\x00\xff\x89PNG", "text")
    assert serial.loads(serial.dumps(value)) == value


@pytest.mark.parametrize("foreign", [b'{"@":"Popen","args":["ls"]}', b'{"@":"Text","nope":1}',
                                     b'{"weird":1}', b'{"@b":"%%%"}'])
def test_anything_else_is_refused(foreign: bytes) -> None:
    with pytest.raises((KeyError, TypeError, ValueError)):
        serial.loads(foreign)
