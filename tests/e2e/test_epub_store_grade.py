"""The sample anthology as stores, auditors and teachers get it: every store flavour passes
EPUBCheck, DAISY Ace finds nothing, and the page list lands where the print pages begin.

One build of the sample (both formats, every store) serves the whole module.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from tests.conftest import REPO, SAMPLE_MANIFEST, run_octavo
from tests.epubtools import ace_violations, epubcheck_many

STEM = "after-the-real-folk-blues"
NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
FLAVOURS = ("kepub", "apple", "google", "kindle", "generic")


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("store-grade")
    result = run_octavo("build", SAMPLE_MANIFEST, "-o", folder, "--store", "all", cwd=REPO)
    assert result.returncode == 0, result.stderr
    return folder


def files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_one_file_per_store_each_passing_epubcheck(out: Path) -> None:
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted([f"{STEM}.epub", f"{STEM}.pdf", f"{STEM}.kepub.epub",
                            *(f"{STEM}.{s}.epub" for s in FLAVOURS if s != "kepub")])
    books = sorted(out.glob("*.epub"))
    assert epubcheck_many(books) == {book: [] for book in books}


def test_daisy_ace_reports_no_violation(out: Path) -> None:
    main = out / f"{STEM}.epub"
    assert ace_violations([main]) == {main: []}


def _pdf_page_text(pdf: Path, page: int) -> str:
    text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    # The layout's own hyphens at line ends are not in the text; nor are spaces.
    return re.sub(r"[\s\u2060]", "", re.sub("[\u2010-]\n", "", text))


def _around_markers(document: bytes) -> list[tuple[str, str, str]]:
    """(label, text before, text after) for each page-break marker of a content document."""
    root = etree.fromstring(document)
    body = root.find("x:body", NS)
    pieces: list[tuple[str, str]] = []  # ("text", t) or ("mark", label)

    def walk(element: etree._Element) -> None:
        if element.get(f"{{{NS['epub']}}}type") == "pagebreak":
            pieces.append(("mark", element.get("aria-label")))
        elif element.text:
            pieces.append(("text", element.text))
        for child in element:
            walk(child)
            if child.tail:
                pieces.append(("text", child.tail))
        if element.tag == f"{{{NS['x']}}}hr":
            pieces.append(("text", ""))

    walk(body)
    out = []
    for index, (kind, value) in enumerate(pieces):
        if kind == "mark":
            before = "".join(v for k, v in pieces[:index] if k == "text")
            after = "".join(v for k, v in pieces[index + 1:] if k == "text")
            # A page that begins inside a word has its marker after that word: the text
            # before the marker then ends with the word's first part on the previous page.
            if after[:1].isspace() and before.strip():
                before = before.rsplit(None, 1)[0]
            out.append((value, re.sub(r"[\s\u2060]", "", before), re.sub(r"[\s\u2060]", "", after)))
    return out


def test_page_list_matches_the_print_pages(out: Path) -> None:
    book = files(out / f"{STEM}.epub")
    nav = etree.fromstring(book["EPUB/text/nav.xhtml"])
    (page_list,) = nav.xpath("//x:nav[@epub:type='page-list']", namespaces=NS)
    labels = [a.text for a in page_list.iterfind(".//x:a", NS)]
    roman = [label for label in labels if not label.isdigit()]
    pdf = out / f"{STEM}.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout).group(1))
    # Every print page is in the list once, front matter in roman numerals, then 1, 2, 3…
    assert len(labels) == pages
    assert labels[len(roman):] == [str(n) for n in range(1, pages - len(roman) + 1)]
    checked = 0
    for name in ("EPUB/text/story-001.xhtml", "EPUB/text/story-002.xhtml"):
        for label, before, after in _around_markers(book[name]):
            pdf_page = len(roman) + int(label)
            here = _pdf_page_text(pdf, pdf_page)
            if not after or not before:
                continue  # a story's first page, or a blank verso after its last
            # The text after the marker begins this page; the text before it ends the last one.
            assert after[:25] in here, (label, after[:25])
            assert here.find(after[:25]) < 60, (label, "the page starts elsewhere")
            assert before[-25:] in _pdf_page_text(pdf, pdf_page - 1), (label, before[-25:])
            checked += 1
    assert checked >= 8  # the two stories break across most of their pages mid-paragraph


def test_page_list_metadata(out: Path) -> None:
    opf = etree.fromstring(files(out / f"{STEM}.epub")["EPUB/content.opf"])
    features = [m.text for m in opf.iterfind(".//opf:meta[@property='schema:accessibilityFeature']", NS)]
    assert {"pageBreakMarkers", "pageNavigation"} <= set(features)
    (source,) = opf.iterfind(".//dc:source", NS)
    (source_of,) = opf.iterfind(f".//opf:meta[@refines='#{source.get('id')}']", NS)
    assert source_of.text == "pagination"


def test_kobo_gets_sentence_spans_in_its_wrappers_and_loses_no_word(out: Path) -> None:
    kepub = files(out / f"{STEM}.kepub.epub")
    plain = files(out / f"{STEM}.epub")
    story = etree.fromstring(kepub["EPUB/text/story-001.xhtml"])
    body = story.find("x:body", NS)
    (columns,) = body
    assert columns.get("id") == "book-columns" and columns[0].get("id") == "book-inner"
    spans = story.xpath("//x:span[@class='koboSpan']", namespaces=NS)
    ids = [s.get("id") for s in spans]
    assert len(ids) == len(set(ids)) > 100
    assert all(re.fullmatch(r"kobo\.\d+\.\d+", i) for i in ids)
    first = story.xpath("(//x:section//x:p)[last()]", namespaces=NS)[0]
    assert all(s.get("class") == "koboSpan" for s in first.iter(f"{{{NS['x']}}}span")
               if s.get(f"{{{NS['epub']}}}type") != "pagebreak")

    def words(doc: bytes) -> list[str]:
        return "".join(etree.fromstring(doc).find("x:body", NS).itertext()).split()

    assert words(kepub["EPUB/text/story-001.xhtml"]) == words(plain["EPUB/text/story-001.xhtml"])


def test_kindle_has_no_cover_page_and_apple_images_fit_four_megapixels(out: Path) -> None:
    kindle = files(out / f"{STEM}.kindle.epub")
    # KDP adds the cover it is given: no cover page inside, the cover image still declared.
    assert "EPUB/text/cover.xhtml" not in kindle
    assert b'properties="cover-image"' in kindle["EPUB/content.opf"]
    assert b"cover.xhtml" not in kindle["EPUB/text/nav.xhtml"]
    apple = files(out / f"{STEM}.apple.epub")
    (cover,) = [name for name in apple if name.startswith("EPUB/images/cover.")]
    with Image.open(io.BytesIO(apple[cover])) as image:
        assert image.width * image.height <= 4_000_000
        assert image.width >= 1400  # still what Apple asks of a cover
    generic = files(out / f"{STEM}.generic.epub")
    with Image.open(io.BytesIO(generic[cover])) as image:
        assert image.size == (1600, 2560)  # the others keep the cover as prepared
