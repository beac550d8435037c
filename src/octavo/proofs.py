"""Proofs of a print PDF to page through by eye: spreads as PNG, and a contact sheet.

A book opens on a right-hand page, so page 1 stands alone on the right of the first spread,
then 2-3, 4-5 and so on, as the printed book will lie open. The contact sheet shows every
page small, spreads side by side, to see the rhythm of the whole book at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SPREAD_DPI = 100
SHEET_THUMB_WIDTH = 150  # px per page on the contact sheet
GUTTER = 4  # px between the two pages of a spread
PAPER = (255, 255, 255)
TABLE = (233, 230, 223)


@dataclass(frozen=True, slots=True)
class Proofs:
    spreads: list[Path]
    sheet: Path
    pages: int


def parse_pages(text: str | None, count: int) -> list[int] | None:
    """"1-20", "5", "3,7,10-12" → page numbers within 1..count; None when not of that form
    or outside the book."""
    if text is None:
        return list(range(1, count + 1))
    pages: set[int] = set()
    for part in text.split(","):
        found = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", part)
        if not found:
            return None
        first = int(found.group(1))
        last = int(found.group(2)) if found.group(2) else first
        if not 1 <= first <= last <= count:
            return None
        pages.update(range(first, last + 1))
    return sorted(pages)


def spread_of(page: int) -> tuple[int | None, int | None]:
    """(left page, right page) of the spread holding `page`: 1 is alone on the right."""
    left = page if page % 2 == 0 else page - 1
    return (left or None, left + 1)


def make_proofs(pdf: Path, out: Path, pages: list[int]) -> Proofs:
    import pypdfium2 as pdfium

    out.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(str(pdf))
    try:
        count = len(document)
        cache: dict[tuple[int, float], Any] = {}

        def render(number: int, scale: float) -> Any:
            key = (number, scale)
            if key not in cache:
                cache[key] = document[number - 1].render(scale=scale).to_pil().convert("RGB")
            return cache[key]

        spreads = []
        seen: set[tuple[int | None, int | None]] = set()
        for page in pages:
            spread = spread_of(page)
            if spread in seen:
                continue
            seen.add(spread)
            left, right = spread
            right = right if right is not None and right <= count else None
            path = out / f"spread-{left or 0:03d}-{right or 0:03d}.png"
            _spread_image(render, left, right, SPREAD_DPI / 72).save(path, format="PNG")
            spreads.append(path)
        width, _ = document[0].get_size()
        sheet = out / "contact-sheet.png"
        _contact_sheet(render, count, SHEET_THUMB_WIDTH / width).save(sheet, format="PNG")
    finally:
        document.close()
    return Proofs(spreads, sheet, count)


def _spread_image(render: Any, left: int | None, right: int | None, scale: float) -> Any:
    from PIL import Image

    assert callable(render)
    shown = [render(n, scale) if n else None for n in (left, right)]
    sample = next(image for image in shown if image is not None)
    width, height = sample.size
    canvas = Image.new("RGB", (2 * width + GUTTER, height), TABLE)
    for slot, image in enumerate(shown):
        if image is not None:
            canvas.paste(image, (slot * (width + GUTTER), 0))
    return canvas


def _contact_sheet(render: Any, count: int, scale: float) -> Any:
    from PIL import Image, ImageDraw

    assert callable(render)
    first = render(1, scale)
    width, height = first.size
    spreads = [spread_of(1)] + [(n, n + 1 if n + 1 <= count else None)
                                for n in range(2, count + 1, 2)]
    columns = 4  # spreads per row
    label = 18
    cell_w, cell_h = 2 * width + GUTTER + 24, height + label + 16
    rows = (len(spreads) + columns - 1) // columns
    sheet = Image.new("RGB", (columns * cell_w + 24, rows * cell_h + 24), TABLE)
    draw = ImageDraw.Draw(sheet)
    for index, (left, right) in enumerate(spreads):
        x = 24 + (index % columns) * cell_w
        y = 24 + (index // columns) * cell_h
        for slot, number in enumerate((left, right)):
            if number is None:
                continue
            sheet.paste(render(number, scale), (x + slot * (width + GUTTER), y))
            draw.text((x + slot * (width + GUTTER) + width // 2, y + height + 3), str(number),
                      fill=(60, 60, 60), anchor="ma")
    return sheet
