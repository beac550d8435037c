"""Rich Text Format (.rtf) → blocks, through striprtf: the text, paragraph by paragraph, with
its structure read as plain text is (headings, scene breaks, verse lines). No formatting."""

from __future__ import annotations

import dataclasses

from octavo.diagnostics import OctavoError, Span
from octavo.ingest.model import RawStory
from octavo.ingest.options import ReadOptions
from octavo.ingest.plaintext import parse_plaintext
from octavo.ingest.structure import number_paragraphs


def read_rtf(raw: bytes, display: str, options: ReadOptions) -> RawStory:
    from striprtf.striprtf import rtf_to_text

    if not raw.lstrip().startswith(b"{\\rtf"):
        raise OctavoError.single("OCT201", "not an RTF file: it does not start with {\\rtf",
                                 Span(display, 1, 1))
    try:
        text = rtf_to_text(raw.decode("latin-1"), encoding="cp1252",  # type: ignore[no-untyped-call]
                           errors="replace")
    except Exception as exc:  # striprtf raises many kinds for damaged input
        raise OctavoError.single("OCT200", f"not a readable RTF file: {exc}", Span(display)) from None
    # RTF paragraphs end with \par: each line of the text is a paragraph.
    story = parse_plaintext("\n\n".join(line for line in text.split("\n")), display)
    numbered, _ = number_paragraphs(story.blocks, display)
    heading = story.heading
    if heading is not None:
        heading = dataclasses.replace(heading, span=Span(display, 0, 1, paragraph=1))
    return dataclasses.replace(story, heading=heading, blocks=numbered)
