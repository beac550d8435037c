"""Render two facing pages of a PDF as one picture, for the README.

    python docs/make_spread.py dist/after-the-real-folk-blues.pdf 14 docs/sample-spread.png

The left page is the given (1-based) page number; the right page is the next one.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter


def render(pdf: Path, page: int, folder: Path) -> Image.Image:
    stem = folder / f"page{page}"
    subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", "-f", str(page), "-l",
                    str(page), str(pdf), str(stem)], check=True)
    return Image.open(f"{stem}.png").convert("RGB")


def main() -> None:
    pdf, left_page, out = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    with tempfile.TemporaryDirectory() as tmp:
        left, right = render(pdf, left_page, Path(tmp)), render(pdf, left_page + 1, Path(tmp))
    width, height = left.size
    margin = 40
    canvas = Image.new("RGB", (2 * width + 2 * margin, height + 2 * margin), "#d9d6cf")
    shadow = Image.new("L", canvas.size, 0)
    ImageDraw.Draw(shadow).rectangle(
        [margin + 6, margin + 8, margin + 2 * width + 6, margin + height + 8], fill=110)
    canvas.paste("#7a756c", mask=shadow.filter(ImageFilter.GaussianBlur(10)))
    canvas.paste(left, (margin, margin))
    canvas.paste(right, (margin + width, margin))
    # A soft fold in the gutter, so it reads as an open book.
    fold = Image.new("L", (60, height), 0)
    draw = ImageDraw.Draw(fold)
    for x in range(60):
        draw.line([(x, 0), (x, height)], fill=int(45 * (1 - abs(x - 30) / 30) ** 2))
    canvas.paste("#000000", (margin + width - 30, margin), fold)
    canvas.save(out, optimize=True)


if __name__ == "__main__":
    main()
