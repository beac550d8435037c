"""How exactly does the EPUB's page list follow the print edition?

Builds an anthology of the twelve stories in tests/check/clean_corpus/ (prose the page mapper
was never tuned on) at several trims and type sizes, EPUB and PDF together, and for every print
page of the stories checks where its EPUB marker sits: the text after the marker must be the
text the PDF page begins with (pdftotext, spaces and line-end hyphens removed; a page that
begins inside a hyphenated word has its marker after the word, so the comparison then starts
at the next word). Reports, per setting, the pages checked and the share placed exactly.

    python benchmarks/epub_pagelist.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "tests" / "check" / "clean_corpus"
SETTINGS = [("5x8", 10), ("5x8", 12), ("6x9", 11), ("A5", 9)]
NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\u2060\u00ad]", "", text)


def _page_texts(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    return [_squeeze(re.sub("[\u2010-]\n", "", page)) for page in out.split("\f")]


def _marker_texts(epub: Path) -> dict[str, str]:
    """Page label → the story text that follows its marker, for every marker in a story but
    the one at its very start (its opening page) and blank versos' (nothing follows)."""
    found = {}
    with zipfile.ZipFile(epub) as archive:
        for name in archive.namelist():
            if not re.search(r"story-\d+\.xhtml$", name):
                continue
            root = etree.fromstring(archive.read(name))
            for span in root.xpath("//x:span[@epub:type='pagebreak']", namespaces=NS):
                before = "".join(span.xpath("preceding::text()[ancestor::x:body]", namespaces=NS))
                after = "".join(span.xpath("following::text()"))[:400]
                if _squeeze(after) and _squeeze(before):
                    found[span.get("aria-label")] = after
    return found


def measure(trim: str, size: int, folder: Path) -> tuple[int, int, float]:
    entries = "\n".join(f"  - {{file: {p.name}}}" for p in sorted(CORPUS.glob("*.txt")))
    book = folder / f"{trim}-{size}"
    book.mkdir()
    for story in CORPUS.glob("*.txt"):
        (book / story.name).write_bytes(story.read_bytes())
    (book / "book.yaml").write_text(
        f"title: Bench\nauthor: A Writer\nlanguage: en-GB\nbuild: {{trim: {trim}, font_size: "
        f"{size}}}\ncontents:\n{entries}\n", encoding="utf-8")
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "octavo", "build", str(book), "-o", str(book / "dist"),
                    "--no-check"], check=True, capture_output=True)
    seconds = time.perf_counter() - started
    pages = _page_texts(book / "dist" / "bench.pdf")
    markers = _marker_texts(book / "dist" / "bench.epub")
    with zipfile.ZipFile(book / "dist" / "bench.epub") as archive:
        nav = etree.fromstring(archive.read("EPUB/text/nav.xhtml"))
    listed = [a.text for a in nav.xpath("//x:nav[@epub:type='page-list']//x:a", namespaces=NS)]
    roman = sum(1 for label in listed if not label.isdigit())
    exact = 0
    for label, after in markers.items():
        page = pages[roman + int(label) - 1]
        # Found at the page's head: after its running head and folio, and, when the page
        # began inside a word, after that word's end.
        if 0 <= page.find(_squeeze(after)[:20]) < 80:
            exact += 1
    return len(markers), exact, seconds


def main() -> None:
    print(f"{'setting':<10} {'pages':>6} {'exact':>6} {'share':>7} {'build s':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for trim, size in SETTINGS:
            checked, exact, seconds = measure(trim, size, Path(folder))
            share = exact / checked if checked else 0.0
            print(f"{trim + ' ' + str(size) + 'pt':<10} {checked:>6} {exact:>6} {share:>7.1%} "
                  f"{seconds:>8.1f}")


if __name__ == "__main__":
    main()
