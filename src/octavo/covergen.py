"""A placeholder cover drawn from the book's metadata: title, subtitle, names.

`octavo new` gives every project one, so the first build already has a cover that stores
accept (1600×2560 px, sRGB PNG). Deterministic: the same metadata gives the same bytes. Set in
the shipped Charis SIL, so it looks the same on every machine; the colours come from the title,
so two books started side by side do not look alike.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from typing import Any

WIDTH, HEIGHT = 1600, 2560
MARGIN = 150


def generate_cover(title: str, subtitle: str | None, names: Sequence[str],
                   language: str) -> bytes:
    """A PNG (1600×2560) with the title, subtitle and names set on a plain field of colour."""
    from PIL import Image, ImageDraw

    hue = int(hashlib.sha256(title.encode("utf-8")).hexdigest()[:4], 16) % 360
    background, ink, accent = _palette(hue)
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    # A frame, and a rule between the title and the names: a book, not a slide.
    draw.rectangle((70, 70, WIDTH - 70, HEIGHT - 70), outline=accent, width=6)
    y = 520
    y = _block(draw, title, "Bold", 150, 96, ink, y, max_lines=5)
    if subtitle:
        y = _block(draw, subtitle, "Italic", 78, 56, ink, y + 50, max_lines=3)
    draw.line((WIDTH // 2 - 180, y + 90, WIDTH // 2 + 180, y + 90), fill=accent, width=5)
    people = ", ".join(n for n in names if n.strip())
    if people:
        _block(draw, people.upper(), "Regular", 64, 48, ink, HEIGHT - 560, max_lines=3)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _palette(hue: int) -> tuple[tuple[int, int, int], tuple[int, int, int], tuple[int, int, int]]:
    import colorsys

    def rgb(h: float, lightness: float, saturation: float) -> tuple[int, int, int]:
        r, g, b = colorsys.hls_to_rgb(h / 360, lightness, saturation)
        return round(r * 255), round(g * 255), round(b * 255)

    return rgb(hue, 0.22, 0.45), rgb(hue, 0.94, 0.35), rgb((hue + 40) % 360, 0.62, 0.55)


def _font(style: str, size: int) -> Any:
    from PIL import ImageFont

    from octavo.resources import fonts_dir

    return ImageFont.truetype(str(fonts_dir() / f"CharisSIL-{style}.ttf"), size)


def _block(draw: object, text: str, style: str, size: int, smallest: int,
           ink: tuple[int, int, int], top: int, max_lines: int) -> int:
    """Set `text` centred from `top`, as large as fits (down to `smallest`); returns the
    bottom. Words too many for `max_lines` at the smallest size are cut with an ellipsis."""
    from PIL import ImageDraw

    assert isinstance(draw, ImageDraw.ImageDraw)
    width = WIDTH - 2 * MARGIN
    for current in range(size, smallest - 1, -6):
        font = _font(style, current)
        lines = _wrap(draw, text, font, width)
        if len(lines) <= max_lines:
            break
    else:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" ,;:") + "…"
    leading = round(current * 1.2)
    for number, line in enumerate(lines):
        draw.text((WIDTH // 2, top + number * leading), line, font=font, fill=ink, anchor="ma")
    return top + len(lines) * leading


def _wrap(draw: object, text: str, font: Any, width: int) -> list[str]:
    from PIL import ImageDraw

    assert isinstance(draw, ImageDraw.ImageDraw)
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=font) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines or [""]
