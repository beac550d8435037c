"""The print PDF, inspected with pypdf: trim, recto openings, contents, heads, outline, metadata."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from octavo.backends.pdf_layout import is_allowed_url
from octavo.pipeline import build
from tests.conftest import BookFolder

STAMP = dt.datetime(2025, 3, 1, tzinfo=dt.UTC)
PARAGRAPH = ("The tide came in over the flats, slow and grey, and the gulls rose with it in a long "
             "complaining line that bent towards the harbour wall. ")


def story(title: str, paragraphs: int) -> str:
    return f"Chapter 1: {title}\n\n" + "\n\n".join(
        f"{n}. {PARAGRAPH * 3}" for n in range(1, paragraphs + 1)) + "\n"


def make_book(book: BookFolder, extra: str = "", parts: bool = False) -> Path:
    book.write("stories/a.txt", story("Alpha Tide", 14))   # several pages
    book.write("stories/b.txt", story("Beta Wind", 3))     # a single page: needs a blank verso
    book.write("stories/c.txt", story("Gamma Light", 9))
    contents = ("contents:\n  - part: First Part\n    contents: [stories/a.txt, stories/b.txt]\n"
                "  - stories/c.txt\n") if parts else \
        "contents: [stories/a.txt, stories/b.txt, stories/c.txt]\n"
    book.write("book.yaml", "title: Harbour & Tide\nauthor: Ann Writer\nlanguage: en-GB\n"
               "description: Three tides.\nsubjects: [Sea, Weather]\n" + extra + "\n" + contents)
    result = build(book.root / "book.yaml", book.root / "out", ("pdf",), timestamp=STAMP)
    return result.artifacts[0].path


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PdfReader]:
    book = BookFolder(tmp_path_factory.mktemp("pdf") / "book")
    path = make_book(book, parts=True)
    return path, PdfReader(path)


def opening_indexes(reader: PdfReader) -> dict[str, int]:
    return {item.title: reader.get_destination_page_number(item)
            for item in _flatten(reader.outline)}


def _flatten(items: list) -> list:  # type: ignore[type-arg]
    flat = []
    for item in items:
        flat.extend(_flatten(item) if isinstance(item, list) else [item])
    return flat


def lines(reader: PdfReader, index: int) -> list[str]:
    return [line.strip() for line in reader.pages[index].extract_text().splitlines() if line.strip()]


def test_every_page_has_the_trim_size(sample: tuple[Path, PdfReader]) -> None:
    for page in sample[1].pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (432, 648)


@pytest.mark.parametrize(("trim", "size"), [("5x8", (360, 576)), ("A5", (420, 595))])
def test_other_trims(book: BookFolder, trim: str, size: tuple[int, int]) -> None:
    reader = PdfReader(make_book(book, extra=f"build: {{trim: {trim}}}"))
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
            for p in reader.pages} == {size}


def test_stories_and_parts_open_on_right_hand_pages(sample: tuple[Path, PdfReader]) -> None:
    openings = opening_indexes(sample[1])
    for title in ("First Part", "Alpha Tide", "Beta Wind", "Gamma Light"):
        assert openings[title] % 2 == 0, f"{title} opens on a verso"  # index 0 is page 1, a recto


def test_contents_page_numbers_are_the_printed_folios(sample: tuple[Path, PdfReader]) -> None:
    reader = sample[1]
    labels = reader.page_labels
    openings = opening_indexes(reader)
    toc_index = openings["Contents"]
    toc = " ".join(lines(reader, toc_index))
    for title in ("Alpha Tide", "Beta Wind", "Gamma Light"):
        listed = re.search(rf"{title}[\s.\u2002]*?(\d+)", toc)
        assert listed, toc
        folio = listed.group(1)
        assert labels[openings[title]] == folio
        # The folio printed at the foot of the opening page says the same.
        assert lines(reader, openings[title])[-1] == folio


def test_running_heads(sample: tuple[Path, PdfReader]) -> None:
    reader = sample[1]
    start = opening_indexes(reader)["Alpha Tide"]
    labels = reader.page_labels
    opening, verso, recto = (lines(reader, start + n) for n in range(3))
    # Left pages carry the folio and the story's author (an anthology's default), right pages
    # the story title and the folio.
    assert f"{labels[start + 1]} ANN WRITER" in verso
    assert f"ALPHA TIDE {labels[start + 2]}" in recto
    # The opening page has neither, only its folio at the foot.
    assert not any("HARBOUR & TIDE" in line or line.startswith("ALPHA TIDE") for line in opening)
    assert opening[-1] == labels[start]


def test_outline_and_metadata(sample: tuple[Path, PdfReader]) -> None:
    reader = sample[1]
    titles = [item.title for item in _flatten(reader.outline)]
    assert titles == ["Contents", "First Part", "Alpha Tide", "Beta Wind", "Gamma Light"]
    meta = reader.metadata
    assert meta is not None
    assert (meta.title, meta.author, meta.subject) == ("Harbour & Tide", "Ann Writer", "Three tides.")
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_fonts_are_embedded(sample: tuple[Path, PdfReader]) -> None:
    seen = set()
    for page in sample[1].pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            seen.add(str(font["/BaseFont"]))
    assert seen and all("Charis" in name for name in seen)


def test_builds_are_byte_identical(sample: tuple[Path, PdfReader], tmp_path: Path) -> None:
    again = BookFolder(tmp_path / "again")
    assert make_book(again, parts=True).read_bytes() == sample[0].read_bytes()


def test_fetcher_allows_only_the_book_and_octavo_styles(tmp_path: Path) -> None:
    from octavo.resources import styles_dir

    roots = (styles_dir().resolve(), tmp_path.resolve())
    assert is_allowed_url((styles_dir() / "fonts" / "CharisSIL-Regular.ttf").as_uri(), roots)
    assert is_allowed_url((tmp_path / "img.png").as_uri(), roots)
    for url in ("file:///etc/passwd", "https://example.org/x.css", "http://127.0.0.1/",
                "data:text/css,body{}", (tmp_path / ".." / "x").as_uri(),
                "file://evil-host/share/x.png"):
        assert not is_allowed_url(url, roots), url
    link = tmp_path / "link.png"
    link.symlink_to("/etc/hostname")
    assert not is_allowed_url(link.as_uri(), roots)
