"""Small books for the print tests, and independent readers of what a PDF holds.

The readers here use pikepdf, pypdf and poppler (`pdftotext -bbox`), not the code under test
(the preflight measures with PDFium), so a test and the preflight can disagree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pikepdf

from octavo.pipeline import BuildResult, build
from tests.conftest import BookFolder

STAMP = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
SENTENCE = ("The tide came in over the flats, slow and grey, and the gulls rose with it in a long "
            "complaining line that bent towards the harbour wall. ")
POINTS = 72


def story_text(title: str, paragraphs: int, breaks_every: int = 0, seed: int = 0) -> str:
    """A story of `paragraphs` paragraphs of varying length, with a scene break after every
    `breaks_every`-th paragraph."""
    parts = []
    for n in range(1, paragraphs + 1):
        parts.append(f"{n}. " + SENTENCE * (1 + (n * 7 + seed) % 4))
        if breaks_every and n % breaks_every == 0 and n < paragraphs:
            parts.append("* * *")
    return f"Chapter 1: {title}\n\n" + "\n\n".join(parts) + "\n"


def make_book(folder: BookFolder, build_yaml: str = "", extra: str = "",
              stories: tuple[tuple[str, int], ...] = (("Alpha Tide", 14), ("Beta Wind", 3),
                                                      ("Gamma Light", 9)),
              breaks_every: int = 0, language: str = "en-GB") -> BuildResult:
    names = []
    for index, (title, paragraphs) in enumerate(stories):
        name = f"stories/s{index:02d}.txt"
        folder.write(name, story_text(title, paragraphs, breaks_every, index))
        names.append(name)
    folder.write("matter/foreword.md", "# Foreword\n\n" + SENTENCE * 8 + "\n")
    folder.write("book.yaml", (
        f"title: Harbour & Tide\nauthor: Ann Writer\nlanguage: {language}\n"
        "description: Three tides.\nrights: All rights reserved.\n"
        "dedication: For the gulls.\n"
        "front:\n  - {title: Foreword, file: matter/foreword.md}\n"
        "contributors:\n  - {name: Ann Writer, bio: Ann writes by the sea.}\n"
        f"{extra}\nbuild: {{{build_yaml}}}\n"
        f"contents: [{', '.join(names)}]\n"))
    return build(folder.root / "book.yaml", folder.root / "out", ("pdf",), timestamp=STAMP)


@dataclass(frozen=True)
class Words:
    page: int  # 0-based
    text: str
    x0: float  # points from the page's left edge (poppler's coordinates: top-left origin)
    y0: float
    x1: float
    y1: float


def words(pdf: Path) -> list[Words]:
    """Every word with its box, read by poppler's pdftotext (-bbox)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    html = re.sub(r"<!DOCTYPE[^>]*>", "", html)
    root = ElementTree.fromstring(html)
    found = []
    for index, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page")):
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            found.append(Words(index, word.text or "", float(word.get("xMin", 0)),
                               float(word.get("yMin", 0)), float(word.get("xMax", 0)),
                               float(word.get("yMax", 0))))
    return found


def page_lines(pdf: Path, page: int) -> list[str]:
    """Lines of one page's text (0-based index), in reading order."""
    out = subprocess.run(["pdftotext", "-layout", "-f", str(page + 1), "-l", str(page + 1),
                          str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    return [line.strip() for line in out.splitlines() if line.strip()]


def font_programs(pdf: pikepdf.Pdf) -> dict[str, set[str]]:
    """BaseFont name → the digests of the font programs embedded under it."""
    found: dict[str, set[str]] = {}
    for page in pdf.pages:
        for font in page.Resources.get("/Font", {}).values():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            program = None
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                if descriptor is not None and key in descriptor:
                    program = descriptor[key]
            digest = hashlib.sha256(program.read_bytes()).hexdigest() if program else "none"
            found.setdefault(str(font.BaseFont)[1:], set()).add(digest)
    return found


def colour_operators(pdf: pikepdf.Pdf) -> set[tuple[str, tuple[float | str, ...]]]:
    """Every colour-setting operator in every page's content, with its operands."""
    found = set()
    for page in pdf.pages:
        for operands, operator in pikepdf.parse_content_stream(page, "g G k K rg RG sc scn "
                                                                     "SC SCN cs CS"):
            values = tuple(str(v) if isinstance(v, pikepdf.Name) else float(v) for v in operands)
            found.add((str(operator), values))
    return found


def outline_pages(pdf: pikepdf.Pdf) -> dict[str, int]:
    """Bookmark title → 0-based page index."""
    pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
    found: dict[str, int] = {}
    with pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            target = item.destination[0] if item.destination is not None else None
            if target is not None:
                found[item.title] = pages[target.objgen]
            stack.extend(item.children)
    return found
