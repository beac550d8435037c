"""The EPUB's package as a store and an auditor read it: credits, series, subject codes,
accessibility claims, per-story language and credits, heading levels, embedded fonts, the
identifier and dcterms:modified. Every EPUB built here passes EPUBCheck (one batch)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from octavo.backends.base import NullProgress
from octavo.pipeline import build
from tests.conftest import BookFolder
from tests.epubtools import epubcheck_many

NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops",
      "opf": "http://www.idpf.org/2007/opf", "dc": "http://purl.org/dc/elements/1.1/"}
STAMP = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)

CREDITED = """\
title: The Salt Roads
subtitle: Stories in Translation
editor: Ursula K. Le Guin
translator: Ann Writer
illustrator: Bo Penn
sort_names: {"Ursula K. Le Guin": "Le Guin, Ursula K."}
language: en-GB
series: {name: Sea Stories, position: 2}
bisac: [FIC029000, {code: FIC028000, name: "FICTION / Science Fiction / General"}]
thema: [FYB]
print_isbn: 978-0-306-40615-7
accessibility:
  certified_by: Example Accessibility Lab
  credential: Ace-verified
  report: https://example.org/report/1
build: {epub_fonts: embed, scene_break: asterism}
contents:
  - {file: one.md, title: The Harbour, author: Ludwig van Beethoven, translator: Cy Moss,
     copyright: {year: 2019, holder: The Estate}, first_published: "Harbour Review, 2019"}
  - part: Elsewhere
    contents:
      - {file: two.md, title: Les Lettres, author: Paul Lefèvre, language: fr,
         illustrator: Dee Lane}
"""
STORY_ONE = "# The Harbour\n\nThe boat came in at dawn.\n\n## The Night\n\nIt rained.\n\n***\n\nDone.\n"
STORY_TWO = "# Les Lettres\n\nIl plut.\n\n## Le soir\n\nLes lettres arrivèrent.\n"


def _build(folder: BookFolder, formats: tuple[str, ...] = ("epub",),
           timestamp: dt.datetime | None = STAMP, stores: tuple[str, ...] = ()) -> Path:
    result = build(folder.root / "book.yaml", folder.root / "dist", formats, timestamp=timestamp,
                   progress=NullProgress(), stores=stores)
    return next(a.path for a in result.artifacts if a.format == "epub")


def _folder(root: Path, manifest: str) -> BookFolder:
    folder = BookFolder(root)
    folder.manifest(manifest)
    folder.write("one.md", STORY_ONE)
    folder.write("two.md", STORY_TWO)
    return folder


@pytest.fixture(scope="module")
def credited(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # With the flavours whose markup differs most: Kobo's spans, Kindle's separators.
    return _build(_folder(tmp_path_factory.mktemp("credited"), CREDITED),
                  stores=("kobo", "kindle", "apple"))


@pytest.fixture(scope="module")
def exempt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    manifest = ("title: Small Press Book\nauthor: Ann Writer\nlanguage: en\n"
                "accessibility: {exemption: eaa-microenterprise}\n"
                "contents: [one.md]\n")
    return _build(_folder(tmp_path_factory.mktemp("exempt"), manifest))


def files(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def opf(path: Path) -> etree._Element:
    return etree.fromstring(files(path)["EPUB/content.opf"])


def refinements(package: etree._Element, ref: str) -> dict[str, str]:
    return {m.get("property"): m.text for m in package.iterfind(f".//opf:meta[@refines='#{ref}']", NS)}


def test_all_pass_epubcheck(credited: Path, exempt: Path) -> None:
    books = [*sorted(credited.parent.glob("*.epub")), exempt]
    assert len(books) == 5
    assert epubcheck_many(books) == {book: [] for book in books}
    apple = files(credited.parent / "the-salt-roads.apple.epub")
    assert b"specified-fonts" in apple["META-INF/com.apple.ibooks.display-options.xml"]


def test_every_story_author_translator_and_illustrator_is_credited(credited: Path) -> None:
    package = opf(credited)
    people = [(e.tag.split("}")[1], e.text, refinements(package, e.get("id")))
              for e in package.iterfind(".//dc:creator", NS)]
    people += [(e.tag.split("}")[1], e.text, refinements(package, e.get("id")))
               for e in package.iterfind(".//dc:contributor", NS)]
    summary = [(kind, name, r["role"], r["file-as"], r["display-seq"]) for kind, name, r in people]
    assert summary == [
        ("creator", "Ursula K. Le Guin", "edt", "Le Guin, Ursula K.", "1"),  # sort_names wins
        ("contributor", "Ann Writer", "trl", "Writer, Ann", "1"),
        ("contributor", "Bo Penn", "ill", "Penn, Bo", "2"),
        ("contributor", "Ludwig van Beethoven", "aut", "van Beethoven, Ludwig", "3"),
        ("contributor", "Cy Moss", "trl", "Moss, Cy", "4"),
        ("contributor", "Paul Lefèvre", "aut", "Lefèvre, Paul", "5"),
        ("contributor", "Dee Lane", "ill", "Lane, Dee", "6"),
    ]


def test_one_title_refined_by_its_subtitle_series_and_subject_codes(credited: Path) -> None:
    package = opf(credited)
    titles = list(package.iterfind(".//dc:title", NS))
    assert [refinements(package, t.get("id"))["title-type"] for t in titles] == ["main", "subtitle"]
    (series,) = package.iterfind(".//opf:meta[@property='belongs-to-collection']", NS)
    assert series.text == "Sea Stories"
    assert refinements(package, series.get("id")) == {"collection-type": "series",
                                                      "group-position": "2"}
    coded = [(s.text, refinements(package, s.get("id"))) for s in package.iterfind(".//dc:subject", NS)
             if s.get("id")]
    assert coded == [
        ("FIC029000", {"authority": "BISAC", "term": "FIC029000"}),
        ("FICTION / Science Fiction / General", {"authority": "BISAC", "term": "FIC028000"}),
        ("FYB", {"authority": "THEMA", "term": "FYB"}),
    ]


def test_accessibility_claims_certifier_or_exemption(credited: Path, exempt: Path) -> None:
    package = opf(credited)
    assert package.get("{http://www.w3.org/XML/1998/namespace}lang") == "en-GB"
    (conforms,) = package.iterfind(".//opf:meta[@property='dcterms:conformsTo']", NS)
    assert conforms.text == "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
    (certifier,) = package.iterfind(".//opf:meta[@property='a11y:certifiedBy']", NS)
    assert certifier.text == "Example Accessibility Lab"
    assert refinements(package, certifier.get("id")) == {"a11y:certifierCredential": "Ace-verified"}
    (report,) = package.iterfind(".//opf:link[@rel='a11y:certifierReport']", NS)
    assert report.get("href") == "https://example.org/report/1"
    small = opf(exempt)
    (exemption,) = small.iterfind(".//opf:meta[@property='a11y:exemption']", NS)
    assert exemption.text == "eaa-microenterprise"
    assert not list(small.iterfind(".//opf:meta[@property='dcterms:conformsTo']", NS))


def test_claiming_both_certification_and_exemption_is_an_error(book: BookFolder) -> None:
    from octavo.diagnostics import OctavoError

    book.manifest("title: T\nlanguage: en\ncontents: [stories/one.txt]\naccessibility:\n"
                  "  certified_by: Lab\n  exemption: eaa-microenterprise\n")
    with pytest.raises(OctavoError) as caught:
        build(book.root / "book.yaml", book.root / "dist", ("epub",), progress=NullProgress())
    assert [d.code for d in caught.value.diagnostics] == ["OCT162"]
    assert not (book.root / "dist" / "t.epub").exists()


def test_an_epub_built_without_its_pdf_has_no_page_list_and_says_so(book: BookFolder) -> None:
    book.manifest("title: Tales\nlanguage: en\ncontents: [stories/one.txt]\n")
    result = build(book.root / "book.yaml", book.root / "dist", ("epub",), timestamp=STAMP,
                   progress=NullProgress())
    assert [d.code for d in result.diagnostics if d.code == "OCT470"] == ["OCT470"]
    package = files(result.artifacts[0].path)
    assert b"page-list" not in package["EPUB/text/nav.xhtml"]
    assert b"pageBreakMarkers" not in package["EPUB/content.opf"]


def test_story_language_credits_and_heading_levels(credited: Path) -> None:
    docs = files(credited)
    one = etree.fromstring(docs["EPUB/text/story-001.xhtml"])
    two = etree.fromstring(docs["EPUB/text/story-002.xhtml"])
    assert one.get("lang") == two.get("lang") == "en-GB"  # the book's words around the story
    (section,) = two.iterfind(".//x:section", NS)
    assert section.get("lang") == "fr"
    assert two.find(".//x:p[@class='byline']", NS).get("lang") == "en-GB"
    # A Markdown "##" under a story's h1 is an h2; under a part (whose page holds the h1) an h3.
    assert [e.tag.split("}")[1] for e in one.iter() if re.fullmatch(r".*}h\d", str(e.tag))] == [
        "h1", "h2"]
    assert [e.tag.split("}")[1] for e in two.iter() if re.fullmatch(r".*}h\d", str(e.tag))] == [
        "h2", "h3"]
    copyright_page = " ".join("".join(etree.fromstring(
        docs["EPUB/text/copyright.xhtml"]).itertext()).split())
    assert "“The Harbour” copyright © 2019 The Estate." in copyright_page
    assert "“The Harbour” first appeared in Harbour Review, 2019." in copyright_page
    title_page = " ".join("".join(etree.fromstring(
        docs["EPUB/text/titlepage.xhtml"]).itertext()).split())
    assert "Translated by Ann Writer" in title_page


def test_embedded_fonts_are_subsets_covering_the_book(credited: Path) -> None:
    from fontTools.ttLib import TTFont

    from octavo.resources import fonts_dir

    docs = files(credited)
    fonts = sorted(name for name in docs if name.startswith("EPUB/fonts/"))
    assert [name.rsplit("/", 1)[1] for name in fonts] == [
        "CharisSIL-Bold.ttf", "CharisSIL-BoldItalic.ttf", "CharisSIL-Italic.ttf",
        "CharisSIL-Regular.ttf"]
    regular = docs["EPUB/fonts/CharisSIL-Regular.ttf"]
    assert len(regular) < (fonts_dir() / "CharisSIL-Regular.ttf").stat().st_size / 10
    cmap = TTFont(io.BytesIO(regular)).getBestCmap()
    story = "".join(etree.fromstring(docs["EPUB/text/story-002.xhtml"]).find("x:body", NS).itertext())
    assert {c for c in story if not c.isspace()} <= {chr(code) for code in cmap}
    css = docs["EPUB/styles/fonts.css"].decode()
    assert css.count("@font-face") == 4 and 'font-family: "Charis SIL", serif' in css
    assert b'media-type="font/ttf"' in docs["EPUB/content.opf"]


def test_identifier_survives_renaming_the_book(tmp_path: Path) -> None:
    manifest = "title: First Title\nauthor: Ann Writer\nlanguage: en\ncontents: [one.md]\n"
    folder = _folder(tmp_path / "book", manifest)
    first = opf(_build(folder))
    folder.manifest(manifest.replace("First Title", "A Better Title"))
    renamed = opf(_build(folder))
    folder.manifest(manifest.replace("[one.md]", "[one.md, two.md]"))
    bigger = opf(_build(folder))

    def uid(package: etree._Element) -> str:
        return str(package.find(".//dc:identifier", NS).text)

    assert uid(first) == uid(renamed) and uid(first).startswith("urn:uuid:")
    assert uid(bigger) != uid(first)  # another set of stories is another book


def test_modified_follows_the_newest_source_and_rebuilds_are_identical(tmp_path: Path) -> None:
    folder = _folder(tmp_path / "book", "title: Tales\nauthor: Ann Writer\nlanguage: en\n"
                     "date: 2020-01-01\ncontents: [one.md]\n")
    for name in ("book.yaml", "one.md", "two.md"):
        os.utime(folder.root / name, (1_700_000_000, 1_700_000_000))
    first = _build(folder, timestamp=None).read_bytes()
    again = _build(folder, timestamp=None).read_bytes()
    assert first == again
    modified = re.search(rb'dcterms:modified">([^<]+)<', files_of(first)["EPUB/content.opf"])
    assert modified and modified.group(1) == b"2023-11-14T22:13:20Z"
    folder.write("one.md", STORY_ONE.replace("dawn", "dusk"))  # a corrected manuscript
    os.utime(folder.root / "one.md", (1_750_000_000, 1_750_000_000))
    corrected = files_of(_build(folder, timestamp=None).read_bytes())["EPUB/content.opf"]
    assert b'dcterms:modified">2025-06-15T15:06:40Z<' in corrected
    pinned = files_of(_build(folder, timestamp=STAMP).read_bytes())["EPUB/content.opf"]
    assert b'dcterms:modified">2025-06-01T00:00:00Z<' in pinned  # SOURCE_DATE_EPOCH's place


def files_of(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_scene_break_ornament_needs_no_font_glyph(credited: Path) -> None:
    docs = files(credited)
    story = docs["EPUB/text/story-001.xhtml"].decode()
    assert '<hr class="scene-break asterism"/>' in story
    css = docs["EPUB/styles/epub.css"].decode()
    assert 'url("../images/scene-asterism.svg")' in css and "\\2042" not in css
    svg = etree.fromstring(docs["EPUB/images/scene-asterism.svg"])
    assert svg.find("{http://www.w3.org/2000/svg}path") is not None  # drawn, not a character


def test_stylesheet_uses_logical_sides_and_hyphenates_body_text() -> None:
    from octavo.resources import styles_dir

    css = re.sub(r"/\*.*?\*/", "", (styles_dir() / "epub.css").read_text(), flags=re.S)
    assert not re.search(r"\b(left|right)\b", css)
    assert not re.search(r"margin: *[^;\s]+ +[^;\s]+ +[^;\s]+ +[^;\s]+;", css)  # four sides
    for prefix in ("-webkit-hyphens: auto", "-epub-hyphens: auto", "hyphens: auto"):
        assert prefix in css
