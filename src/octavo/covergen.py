"""A typographic cover for a book that has none: title, subtitle and names in the house fonts.

1600×2560 pixels (the 1:1.6 that ebook stores ask for), drawn with Pillow; text is laid out
with Raqm (bundled with Pillow's wheels), so Hebrew and Arabic titles run right to left and
Arabic letters join. The colours come from the title, so each book gets its own and a rebuild
the same: the PNG's bytes depend only on the arguments.
"""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from octavo.render.direction import language_direction, text_direction
from octavo.resources import fonts_dir

WIDTH, HEIGHT = 1600, 2560
_MARGIN = 160
_REGULAR, _ITALIC = "CharisSIL-Regular.ttf", "CharisSIL-Italic.ttf"
# The shipped font for text in a script Charis SIL does not draw (first matching range wins).
_SCRIPT_FONTS = (
    ((0x0590, 0x05FF), "NotoSerifHebrew-Regular.ttf"),
    ((0xFB1D, 0xFB4F), "NotoSerifHebrew-Regular.ttf"),
    ((0x0600, 0x06FF), "NotoNaskhArabic-Regular.ttf"),
    ((0x0750, 0x077F), "NotoNaskhArabic-Regular.ttf"),
    ((0xFB50, 0xFEFF), "NotoNaskhArabic-Regular.ttf"),
    ((0x2E80, 0x9FFF), "NotoSerifCJKsc-Regular.otf"),
    ((0xAC00, 0xD7AF), "NotoSerifCJKsc-Regular.otf"),
    ((0x0370, 0x03FF), "NotoSerifGreek-Regular.ttf"),
)


def _font_file(text: str, italic: bool = False) -> Path:
    for char in text:
        code = ord(char)
        for (low, high), name in _SCRIPT_FONTS:
            if low <= code <= high:
                return fonts_dir() / name
    return fonts_dir() / (_ITALIC if italic else _REGULAR)


def _palette(title: str) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """A deep background and a light ink, chosen by the title's hash: dark enough that the
    ink has a contrast above 7:1 (WCAG AAA) whatever the hue."""
    import colorsys

    digest = hashlib.sha256(title.encode("utf-8", "replace")).digest()
    hue = digest[0] / 255
    r, g, b = colorsys.hls_to_rgb(hue, 0.16, 0.45)
    background = (round(r * 255), round(g * 255), round(b * 255))
    r, g, b = colorsys.hls_to_rgb(hue, 0.93, 0.35)
    return background, (round(r * 255), round(g * 255), round(b * 255))


def _wrap(draw: Any, text: str, font: Any, width: int, direction: str, language: str) -> list[str]:
    """Greedy line breaking at spaces; a word wider than the line stands on its own."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and draw.textlength(trial, font=font, direction=direction,
                                    language=language) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines


def _fit(draw: Any, text: str, file: Path, size: int, width: int, max_lines: int,
         direction: str, language: str) -> tuple[Any, list[str]]:
    """The largest size up to `size` at which `text` fits `width` in `max_lines` lines."""
    from PIL import ImageFont

    while True:
        font = ImageFont.truetype(str(file), size, layout_engine=ImageFont.Layout.RAQM)
        lines = _wrap(draw, text, font, width, direction, language)
        widest = max((draw.textlength(ln, font=font, direction=direction, language=language)
                      for ln in lines), default=0)
        if (len(lines) <= max_lines and widest <= width) or size <= 40:
            return font, lines
        size = int(size * 0.9)


def _draw_block(draw: Any, lines: list[str], font: Any, top: float, ink: tuple[int, int, int],
                leading: float, direction: str, language: str) -> float:
    """Centred lines from `top`; returns the bottom."""
    size = font.size
    y = top
    for line in lines:
        length = draw.textlength(line, font=font, direction=direction, language=language)
        draw.text(((WIDTH - length) / 2, y), line, font=font, fill=ink, direction=direction,
                  language=language)
        y += size * leading
    return y


def generate_cover(title: str, subtitle: str | None, names: Sequence[str], language: str) -> bytes:
    """The cover as PNG bytes: the title large in the upper half, the subtitle in italic below
    it, a short rule, and the authors' (or editors') names near the foot."""
    return _cover(title, subtitle, tuple(names), language)


@functools.lru_cache(maxsize=16)  # a pure function of its arguments, and not cheap to draw
def _cover(title: str, subtitle: str | None, names: tuple[str, ...], language: str) -> bytes:
    from PIL import Image, ImageDraw

    base = language_direction(language)
    lang = language.split("-")[0]
    background, ink = _palette(title)
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    inner = WIDTH - 2 * _MARGIN

    def direction_of(text: str) -> str:
        return text_direction(text) or base

    # A frame, as a book jacket's rule: drawn first, inside the margin.
    draw.rectangle((_MARGIN // 2, _MARGIN // 2, WIDTH - _MARGIN // 2, HEIGHT - _MARGIN // 2),
                   outline=ink, width=6)

    title = " ".join(title.split()) or " "
    title_dir = direction_of(title)
    font, lines = _fit(draw, title, _font_file(title), 190, inner, 5, title_dir, lang)
    y = _draw_block(draw, lines, font, 560, ink, 1.2, title_dir, lang)

    if subtitle and subtitle.strip():
        text = " ".join(subtitle.split())
        sub_dir = direction_of(text)
        sub_font, sub_lines = _fit(draw, text, _font_file(text, italic=True), 90, inner, 3,
                                   sub_dir, lang)
        y = _draw_block(draw, sub_lines, sub_font, y + 70, ink, 1.25, sub_dir, lang)

    rule_y = max(y + 110, 1500)
    draw.line(((WIDTH / 2 - 160, rule_y), (WIDTH / 2 + 160, rule_y)), fill=ink, width=5)

    people = [" ".join(n.split()) for n in names if n and n.strip()]
    if people:
        from octavo.i18n import labels_for

        text = labels_for(language).names(people)  # "A, B and C", "A, B et C", "A וB"
        names_dir = direction_of(text)
        names_font, name_lines = _fit(draw, text, _font_file(text), 96, inner, 4, names_dir, lang)
        height = len(name_lines) * names_font.size * 1.3
        _draw_block(draw, name_lines, names_font, HEIGHT - 420 - height, ink, 1.3, names_dir,
                    lang)

    out = io.BytesIO()
    image.save(out, format="PNG")  # zlib's default level: half the time of optimize=True, 3 % larger
    return out.getvalue()
