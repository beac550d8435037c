"""Compare the words of manuscripts with the text extracted from an EPUB or a PDF."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from lxml import etree
from pypdf import PdfReader

_TOKEN = re.compile(r"[^\W_]+")
# WeasyPrint ends a hyphenated line with a hyphen (U+2010 or "-"); extraction then breaks the line.
# When the break is also a page break, the next page's folio and running head (digits, capitals)
# come between the two halves.
_FURNITURE_LINE = r"[^\S\n]*(?:\d+|[A-Z0-9’'.,&: -]+)[^\S\n]*\n"
_LINE_END_HYPHEN = re.compile(
    rf"([^\W_]+)[-\u2010\u00ad]\s*\n(?:{_FURNITURE_LINE})*\s*([^\W_]+)")
XHTML = "{http://www.w3.org/1999/xhtml}"


def tokens(text: str) -> list[str]:
    """Runs of letters and digits: what must survive, whatever typography did around them."""
    return _TOKEN.findall(text)


def assert_in_order(expected: list[str], actual: list[str], what: str) -> None:
    """Every expected token appears in `actual`, in order (other tokens may come between)."""
    position = 0
    for index, token in enumerate(expected):
        try:
            position = actual.index(token, position) + 1
        except ValueError:
            context = " ".join(expected[max(0, index - 8): index + 8])
            raise AssertionError(
                f"{what}: word {index + 1} of {len(expected)}, {token!r}, is missing after "
                f"output word {position}; manuscript context: …{context}…") from None


def epub_documents(epub: Path) -> dict[str, etree._Element]:
    """Every XHTML document in the EPUB, parsed as XML (so malformed markup fails here)."""
    with zipfile.ZipFile(epub) as archive:
        return {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                if name.endswith(".xhtml")}


def element_text(root: etree._Element) -> str:
    body = root.find(f"{XHTML}body")
    return " ".join((body if body is not None else root).itertext())


def pdf_text(pdf: Path, pages: Iterable[int] | None = None) -> str:
    reader = PdfReader(pdf)
    chosen = range(len(reader.pages)) if pages is None else pages
    return "\n".join(reader.pages[i].extract_text() or "" for i in chosen)


def pdf_tokens(text: str, vocabulary: set[str]) -> list[str]:
    """Tokens of extracted PDF text, re-joining words hyphenated at line ends when the joined
    word is one the manuscripts use (so a real compound like "half-formed" stays two words)."""
    def join(match: re.Match[str]) -> str:
        joined = match.group(1) + match.group(2)
        return joined if joined in vocabulary else f"{match.group(1)} {match.group(2)}"

    return tokens(_LINE_END_HYPHEN.sub(join, text))
