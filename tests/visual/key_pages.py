"""The key pages of the visual book, rendered to images, and how they are compared.

    python -m tests.visual.key_pages --update     # rewrite the references (look at them first)

The book is built from fixed text with the shipped fonts, so the same octavo draws the same
pages on every machine; the comparison still allows for small rendering differences.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pikepdf
import pypdfium2
from PIL import Image, ImageChops

from tests.conftest import BookFolder
from tests.print_books import make_book, outline_pages, page_lines

REFERENCES = Path(__file__).resolve().parent / "references"
SCALE = 50 / 72  # 50 dots per inch: enough to see a misplaced line, small in the repo
MAX_MEAN_DIFFERENCE = 1.5  # of 255, over the whole image
MAX_CHANGED_SHARE = 0.004  # pixels that differ by more than a quarter of the range


def build_visual_book(root: Path) -> Path:
    folder = BookFolder(root)
    result = make_book(folder, "scene_break: space", extra=(
        "identifier: 978-0-306-40615-7\nprint: {isbn: '9781250316776', edition: First edition}\n"),
        stories=(("Alpha Tide", 40), ("Beta Wind", 3)), breaks_every=2)
    return result.artifacts[0].path


def render(pdf: Path, index: int) -> Image.Image:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return document[index].render(scale=SCALE).to_pil().convert("L")
    finally:
        document.close()


def _spread(pdf: Path, left: int) -> Image.Image:
    one, two = render(pdf, left), render(pdf, left + 1)
    image = Image.new("L", (one.width + two.width, one.height), 255)
    image.paste(one, (0, 0))
    image.paste(two, (one.width, 0))
    return image


def _break_at_turn(pdf: Path, first: int, last: int) -> int:
    for index in range(first, last):
        body = [line for line in page_lines(pdf, index) if not line.isdigit()
                and "ANN WRITER" not in line and "ALPHA TIDE" not in line]
        if body and (body[0].replace(" ", "") == "***" or body[-1].replace(" ", "") == "***"):
            return index
    raise AssertionError("no scene break at a page turn in the visual book")


def key_pages(pdf: Path) -> dict[str, Image.Image]:
    with pikepdf.open(pdf) as opened:
        where = outline_pages(opened)
    start = where["Alpha Tide"]
    return {
        "copyright": render(pdf, 3),
        "contents": render(pdf, where["Contents"]),
        "opening": render(pdf, start),
        "body-spread": _spread(pdf, start + 1),
        "scene-break-at-page-turn": render(pdf, _break_at_turn(pdf, start + 1, where["Beta Wind"])),
    }


def difference(image: Image.Image, reference: Image.Image) -> tuple[float, float]:
    """(mean absolute difference, share of pixels changed by more than 64 of 255)."""
    diff = ImageChops.difference(image, reference)
    histogram = diff.histogram()
    total = sum(histogram)
    mean = sum(value * count for value, count in enumerate(histogram)) / total
    changed = sum(histogram[65:]) / total
    return mean, changed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--update", action="store_true", help="rewrite the reference images")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = build_visual_book(Path(tmp) / "book")
        for name, image in key_pages(pdf).items():
            target = REFERENCES / f"{name}.png"
            if args.update:
                image.save(target, optimize=True)
                print(f"wrote {target}")
            else:
                print(name, difference(image, Image.open(target).convert("L")))
    sys.exit(0)


if __name__ == "__main__":
    main()
