"""Render the README's pictures of the sample's print PDF: an opening, a body spread, the contents.

    python docs/make_look.py dist/after-the-real-folk-blues.pdf docs/

(`make look` builds the sample first.) Pages are found by the PDF's bookmarks, so the pictures
follow the book when its layout changes: the first story's opening (with the page facing it),
the spread after it, and the contents page.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pikepdf
import pypdfium2
from PIL import Image, ImageDraw, ImageFilter

DPI = 110


def render(pdf: Path, index: int) -> Image.Image:
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return document[index].render(scale=DPI / 72).to_pil().convert("RGB")
    finally:
        document.close()


def bookmarks(pdf: Path) -> list[tuple[str, int]]:
    with pikepdf.open(pdf) as opened:
        pages = {page.objgen: n for n, page in enumerate(opened.pages)}
        with opened.open_outline() as outline:
            return [(item.title, pages[item.destination[0].objgen])
                    for item in outline.root if item.destination is not None]


def on_desk(pages: list[Image.Image]) -> Image.Image:
    """Pages side by side on a grey desk, with a shadow, and a fold between two facing pages."""
    width, height = pages[0].size
    margin = 40
    canvas = Image.new("RGB", (len(pages) * width + 2 * margin, height + 2 * margin), "#d9d6cf")
    shadow = Image.new("L", canvas.size, 0)
    ImageDraw.Draw(shadow).rectangle(
        [margin + 6, margin + 8, margin + len(pages) * width + 6, margin + height + 8], fill=110)
    canvas.paste("#7a756c", mask=shadow.filter(ImageFilter.GaussianBlur(10)))
    for n, page in enumerate(pages):
        canvas.paste(page, (margin + n * width, margin))
    if len(pages) == 2:
        fold = Image.new("L", (60, height), 0)
        draw = ImageDraw.Draw(fold)
        for x in range(60):
            draw.line([(x, 0), (x, height)], fill=int(45 * (1 - abs(x - 30) / 30) ** 2))
        canvas.paste("#000000", (margin + width - 30, margin), fold)
    return canvas


def main() -> None:
    pdf, out = Path(sys.argv[1]), Path(sys.argv[2])
    marks = bookmarks(pdf)
    stories = [page for title, page in marks if title not in ("Contents",)]
    contents = dict(marks)["Contents"]
    opening = stories[0]
    pictures = {
        "sample-opening.png": [render(pdf, opening - 1), render(pdf, opening)],
        "sample-spread.png": [render(pdf, opening + 1), render(pdf, opening + 2)],
        "sample-contents.png": [render(pdf, contents)],
    }
    for name, pages in pictures.items():
        on_desk(pages).save(out / name, optimize=True)
        print(f"wrote {out / name}")


if __name__ == "__main__":
    main()
