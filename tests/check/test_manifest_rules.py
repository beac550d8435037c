"""Manifest and cover checks: each must fire on the fault and stay quiet on a sound book."""

from __future__ import annotations

import pytest
from PIL import Image

from octavo.check import check_book
from tests.conftest import BookFolder

SOUND = ("title: Tales\nlanguage: en\nauthor: Ann Writer\nidentifier: 978-0-306-40615-7\n"
         "description: Three tides.\ncover: cover.png\ncontents: [stories/one.txt]\n")


def cover(book: BookFolder, size: tuple[int, int], mode: str = "RGB", name: str = "cover.png") -> None:
    image = Image.new(mode, size, "navy" if mode == "RGB" else (90, 60, 0, 40))
    image.save(book.root / name, format="JPEG" if name.endswith(".jpg") else "PNG")


def codes(book: BookFolder) -> set[str]:
    return {d.code for d in check_book(book.root / "book.yaml") if d.code.startswith("OCT13")}


def test_a_sound_book_has_no_findings(book: BookFolder) -> None:
    cover(book, (1900, 2880))
    book.manifest(SOUND)
    assert codes(book) == set()


@pytest.mark.parametrize(
    ("size", "mode", "name", "expected"),
    [
        ((900, 1440), "RGB", "cover.png", {"OCT130", "OCT133"}),
        ((2900, 2900), "RGB", "cover.png", {"OCT131"}),
        ((1900, 2880), "CMYK", "cover.jpg", set()),  # converted for the EPUB: OCT116
        ((1600, 2560), "RGB", "cover.png", {"OCT133"}),
    ],
)
def test_cover_findings(book: BookFolder, size: tuple[int, int], mode: str, name: str,
                        expected: set[str]) -> None:
    cover(book, size, mode, name)
    book.manifest(SOUND.replace("cover.png", name))
    assert codes(book) == expected


def test_missing_store_metadata(book: BookFolder) -> None:
    book.manifest("title: Tales\nlanguage: en\ncontents: [stories/one.txt]\n")
    assert codes(book) == {"OCT134", "OCT135", "OCT136"}
