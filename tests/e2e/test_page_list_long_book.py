"""The page list of an anthology whose contents run over several print pages, with parts,
block quotes, footnotes and scene breaks: every print page has its marker, each where that page's
text begins, and the EPUB passes EPUBCheck."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from tests.conftest import BookFolder, run_octavo
from tests.epubtools import epubcheck_many

NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
STORIES = 12


def _story(n: int) -> str:
    words = " ".join(f"word{n}x{k}" for k in range(60))
    # A footnote in the middle of a paragraph: its words print at the page's foot and its call
    # is a number, neither of which may shift the markers after it.
    return (f"# Story {n}\n\nThe first paragraph of story {n}, {words}.\n\n"
            f"> A quotation in story {n}, {words}.\n\n***\n\n"
            + "\n\n".join(f"Paragraph {p} of story {n}:{'[^a]' if p == 1 else ''} {words}."
                           for p in range(4))
            + f"\n\n[^a]: The note of story {n}, long enough to take a line or two at the foot "
            "of its page in print.\n")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = BookFolder(tmp_path_factory.mktemp("long-toc"))
    entries = []
    for n in range(1, STORIES + 1):
        folder.write(f"s{n:02d}.md", _story(n))
        entries.append(f"      - {{file: s{n:02d}.md, title: 'The Long Title of Story Number {n}',"
                       f" author: 'Author Number {n}'}}")
    half = STORIES // 2
    folder.manifest("title: A Long Anthology\neditor: Ed Itor\nlanguage: en\n"
                    "build: {trim: 5x8}\ncontents:\n"
                    "  - part: One\n    contents:\n" + "\n".join(entries[:half]) + "\n"
                    "  - part: Two\n    contents:\n" + "\n".join(entries[half:]) + "\n")
    result = run_octavo("build", folder.root, "-o", folder.root / "dist", "--no-check",
                        cwd=folder.root)
    assert result.returncode == 0, result.stderr
    return folder.root / "dist" / "a-long-anthology.epub", folder.root / "dist" / "a-long-anthology.pdf"


def _page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [re.sub(r"[\s\u2060]", "", re.sub("[\u2010-]\n", "", page)) for page in text.split("\f")]


def test_every_print_page_is_listed_and_marked_where_it_begins(built: tuple[Path, Path]) -> None:
    epub, pdf = built
    assert epubcheck_many([epub]) == {epub: []}
    pages = _page_texts(pdf)
    with zipfile.ZipFile(epub) as archive:
        docs = {n: archive.read(n) for n in archive.namelist() if n.endswith(".xhtml")}
    nav = etree.fromstring(docs["EPUB/text/nav.xhtml"])
    (page_list,) = nav.xpath("//x:nav[@epub:type='page-list']", namespaces=NS)
    links = [(a.text, a.get("href")) for a in page_list.iterfind(".//x:a", NS)]
    assert len(links) == len(pages) - 1  # every print page (pdftotext ends with a form feed)
    # The numbers are the PDF's own page labels, page for page (roman front matter, arabic
    # from the first story, blank versos before recto openings counted), and the folios it
    # prints on its pages of text.
    with pikepdf.open(pdf) as printed:
        assert [label for label, _ in links] == [page.label for page in printed.pages]
    laid_out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout.split("\f")
    for index, (label, href) in enumerate(links):
        lines = [line.strip() for line in laid_out[index].splitlines() if line.strip()]
        if not label.isdigit() or not lines or href.startswith("part-"):
            continue  # roman front matter, a blank verso, a part's title page: no folio
        head, foot = lines[0].split(), lines[-1]
        assert label in (head[0], head[-1], foot), (label, lines[0], foot)
    markers = {}
    for name, content in docs.items():
        for span in etree.fromstring(content).xpath("//x:span[@epub:type='pagebreak']",
                                                    namespaces=NS):
            markers[span.get("id")] = (name, span)
    for label, href in links:  # every entry leads to its marker, which carries its number
        name, span = markers[href.split("#")[1]]
        assert name.endswith(href.split("#")[0]) and span.get("aria-label") == label
    # The contents run over more than one page; the second one's marker is inside the list,
    # at the entry that page begins with.
    toc = etree.fromstring(docs["EPUB/text/toc.xhtml"])
    inside = toc.xpath("//x:li/x:span[@epub:type='pagebreak']", namespaces=NS)
    assert inside, "the contents page's continuation has no marker in the list"
    for span in inside:
        index = [label for label, _ in links].index(span.get("aria-label"))
        entry = "".join(span.getparent().find("x:a", NS).itertext())
        assert re.sub(r"\s", "", entry)[:20] in pages[index], (span.get("aria-label"), entry)
    # In the stories, the text right after each marker opens its print page.
    checked = 0
    for index, (label, href) in enumerate(links):
        if not label.isdigit():
            continue
        name, span = markers[href.split("#")[1]]
        parent = span.getparent()
        after = (span.tail or "") + "".join(
            "".join(s.itertext()) + (s.tail or "") for s in span.itersiblings())
        after = re.sub(r"[\s\u2060]", "", after)
        if parent.tag == f"{{{NS['x']}}}p" and after:
            assert pages[index].find(after[:20]) in range(0, 80), (label, after[:20])
            checked += 1
    assert checked >= STORIES  # most stories break mid-paragraph at least once


def test_pages_follow_the_shop_padding_and_openings_on_the_next_page(
        tmp_path: Path) -> None:
    """Stories that open on the next page (no blank versos) in a book too short for the shop:
    the padding pages at the end are listed too, and every label is the PDF's."""
    folder = BookFolder(tmp_path)
    folder.write("one.txt", "The first story is short.\n")
    folder.write("two.txt", "The second is shorter.\n")
    folder.manifest("title: Two Short Ones\nauthor: Ann Writer\nlanguage: en\n"
                    "build: {print: kdp, openings: any}\n"
                    "contents: [{file: one.txt, title: One}, {file: two.txt, title: Two}]\n")
    result = run_octavo("build", folder.root, "-o", folder.root / "dist", "--no-check",
                        cwd=folder.root)
    assert result.returncode == 0, result.stderr
    epub = folder.root / "dist" / "two-short-ones.epub"
    with pikepdf.open(folder.root / "dist" / "two-short-ones.pdf") as printed:
        labels = [page.label for page in printed.pages]
    assert len(labels) == 24  # KDP's minimum
    with zipfile.ZipFile(epub) as archive:
        nav = etree.fromstring(archive.read("EPUB/text/nav.xhtml"))
        (page_list,) = nav.xpath("//x:nav[@epub:type='page-list']", namespaces=NS)
        links = [(a.text, a.get("href")) for a in page_list.iterfind(".//x:a", NS)]
    assert [label for label, _ in links] == labels
    story_two = [label for label, href in links if href.startswith("story-002.xhtml")]
    assert story_two[0] == "2"  # the next page after story one's single page, no blank verso
    assert epubcheck_many([epub]) == {epub: []}
