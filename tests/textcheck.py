"""Compare the words of manuscripts with the text extracted from an EPUB or a PDF."""

from __future__ import annotations

import re
import zipfile
from collections import Counter
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


def assert_same_words(expected: list[str], actual: list[str], what: str) -> None:
    """`actual` is exactly `expected`: nothing missing, nothing added, nothing doubled."""
    if actual == expected:
        return
    at = next((i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
              min(len(expected), len(actual)))
    raise AssertionError(
        f"{what}: the words differ from word {at + 1} on ({len(expected)} expected, "
        f"{len(actual)} found): expected …{' '.join(expected[max(0, at - 5): at + 8])}… "
        f"found …{' '.join(actual[max(0, at - 5): at + 8])}…")


def assert_story_words(expected: list[str], header: list[str], body: list[str], what: str) -> None:
    """A story's words as built: its body is exactly the manuscript's words after those that
    became its heading (which must be in the header, in order). Extra, doubled or missing text
    in the body fails."""
    heading_words = len(expected) - len(body)
    if heading_words < 0:
        raise AssertionError(f"{what}: {len(body) - len(expected)} more words than the "
                             f"manuscript's: …{' '.join(body[:20])}…")
    assert_in_order(expected[:heading_words], header, f"{what} (heading)")
    assert_same_words(expected[heading_words:], body, f"{what} (body)")


def assert_no_extra_words(expected: list[str], actual: list[str], furniture: set[str],
                          what: str) -> None:
    """Every word of `actual` is the manuscript's, no more often than the manuscript has it, or
    one of the book's furniture (titles, running heads, contents: they repeat; in any case, as
    print sets running heads in capitals), or a folio."""
    furniture = {t.casefold() for t in furniture}
    wanted = Counter(expected)
    found = Counter(t for t in actual if t.casefold() not in furniture and not t.isdigit())
    extra = {t: n - wanted[t] for t, n in found.items() if n > wanted[t]}
    assert not extra, f"{what}: words that are not the manuscript's, or too often: {extra}"


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
    """Every XHTML document in the EPUB, parsed as XML (so malformed markup fails here): those
    of the spine in reading order, then any others (the navigation document)."""
    with zipfile.ZipFile(epub) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        opf_path = container.find(".//{*}rootfile").get("full-path")  # type: ignore[union-attr]
        opf = etree.fromstring(archive.read(opf_path))
        folder = opf_path.rsplit("/", 1)[0] + "/" if "/" in opf_path else ""
        hrefs = {item.get("id"): folder + item.get("href", "") for item in opf.iter("{*}item")}
        spine = [hrefs[ref.get("idref")] for ref in opf.iter("{*}itemref")]
        others = sorted(n for n in archive.namelist() if n.endswith(".xhtml") and n not in spine)
        return {name: etree.fromstring(archive.read(name)) for name in spine + others}


def story_text(root: etree._Element) -> tuple[str, str] | None:
    """A story document's (header, body) text, or None for other documents."""
    section = root.find(f".//{XHTML}section[@class='story']")
    if section is None:
        return None
    header = section.find(f"{XHTML}header")
    header_text = " ".join(header.itertext()) if header is not None else ""
    body = " ".join(" ".join(child.itertext()) for child in section if child is not header)
    return header_text, body


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
