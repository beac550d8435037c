"""Build a small book once and read what it gave: the EPUB's story documents in spine order,
the PDF's text, EPUBCheck's verdict."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from tests.conftest import BookFolder
from tests.hardening.harness import (
    Outcome,
    assert_built,
    build,
    epubcheck_problems,
    pdf_words_outside_page,
)
from tests.textcheck import pdf_text

OPF = "{http://www.idpf.org/2007/opf}"


@dataclass
class Built:
    outcome: Outcome
    epub: Path
    pdf: Path | None

    def spine(self) -> list[str]:
        with zipfile.ZipFile(self.epub) as archive:
            opf = etree.fromstring(archive.read("EPUB/content.opf"))
            hrefs = {i.get("id"): i.get("href") for i in opf.iter(f"{OPF}item")}
            return [f"EPUB/{hrefs[r.get('idref')]}" for r in opf.iter(f"{OPF}itemref")]

    def story_xhtml(self, number: int = 1) -> str:
        with zipfile.ZipFile(self.epub) as archive:
            return archive.read(f"EPUB/text/story-{number:03d}.xhtml").decode()

    def names(self) -> list[str]:
        with zipfile.ZipFile(self.epub) as archive:
            return archive.namelist()

    def every_byte(self) -> bytes:
        with zipfile.ZipFile(self.epub) as archive:
            return b"".join(archive.read(n) for n in archive.namelist())

    def pdf_pages(self) -> list[str]:
        assert self.pdf is not None
        from pypdf import PdfReader

        return [page.extract_text() or "" for page in PdfReader(self.pdf).pages]


def build_book(folder: BookFolder, *args: str) -> Built:
    outcome = build(folder, *args)
    formats = ("epub",) if "--epub" in args else ("epub", "pdf")
    built = assert_built(outcome, formats)
    return Built(outcome, built["epub"], built.get("pdf"))


def story_words(xhtml: str) -> list[str]:
    """The words of a story document's body, notes included, tags dropped."""
    body = xhtml.split("<body", 1)[1]
    return re.findall(r"[^\W\d_]+|\d+", re.sub(r"<[^>]+>", " ", body))


def assert_words_in_order(expected: str, actual: list[str], what: str) -> None:
    words = re.findall(r"[^\W\d_]+|\d+", expected)
    position = 0
    for word in words:
        assert word in actual[position:], f"{what}: '{word}' missing after word {position}"
        position = actual.index(word, position) + 1


def assert_epubcheck_clean(epub: Path) -> None:
    assert epubcheck_problems(epub) == []


def assert_pdf_sound(pdf: Path, min_pages: int) -> None:
    """Every font embedded, no word outside its page, as many pages as the book needs."""
    import subprocess

    from pypdf import PdfReader

    assert len(PdfReader(pdf).pages) >= min_pages
    assert pdf_words_outside_page(pdf) == []
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts


def pdf_all_text(pdf: Path) -> str:
    return pdf_text(pdf)
