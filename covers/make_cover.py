"""Draw the cover of the sample anthology: covers/cover.png (1600 × 2560, RGB).

    python covers/make_cover.py

Deterministic: the stars come from a fixed seed, text is laid out with Pillow's basic layout
engine and the PNG carries no timestamp, so every run writes the same bytes. Only the OFL
Charis SIL fonts shipped in styles/fonts/ are used.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

HERE = Path(__file__).resolve().parent
FONTS = HERE.parent / "styles" / "fonts"
OUT = HERE / "cover.png"

W, H = 1600, 2560
SEED = 1998  # the year the series aired

TITLE = ("AFTER THE", "REAL FOLK", "BLUES")
SUBTITLE = "Two Cowboy Bebop Stories"
EDITOR = "EDITED BY MORGAN VALE"

# Palette: night indigo to black, warm ivory type, a brass accent, a cold pale planet rim.
SKY = ((3, 3, 10), (10, 9, 30), (27, 22, 66), (52, 40, 104))  # top ... horizon
IVORY = (238, 230, 212)
BRASS = (201, 164, 102)
RIM = (214, 224, 255)
PLANET = (7, 7, 18)

# The planet: a huge disc rising from the bottom, its top limb lit from above.
PLANET_R = 1900
PLANET_C = (W // 2 + 260, 1880 + PLANET_R)
HORIZON = PLANET_C[1] - PLANET_R


def font(style: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(
        str(FONTS / f"CharisSIL-{style}.ttf"), size, layout_engine=ImageFont.Layout.BASIC
    )


def lerp(a: tuple[int, ...], b: tuple[int, ...], t: float) -> tuple[int, ...]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def sky() -> Image.Image:
    """Vertical gradient through SKY, deepest indigo just above the planet's horizon."""
    column = Image.new("RGB", (1, H))
    stops = [0.0, 0.38, 0.8, 1.0]
    for y in range(H):
        t = min(y / HORIZON, 1.0) ** 1.25
        for i in range(len(stops) - 1):
            if t <= stops[i + 1]:
                local = (t - stops[i]) / (stops[i + 1] - stops[i])
                column.putpixel((0, y), lerp(SKY[i], SKY[i + 1], local))
                break
    return column.resize((W, H), Image.Resampling.NEAREST)


def stars(rng: random.Random) -> Image.Image:
    """A seeded scatter of stars, thinning toward the horizon, a few with a soft halo."""
    layer = Image.new("RGB", (W, H))
    draw = ImageDraw.Draw(layer)
    bright = Image.new("RGB", (W, H))
    bright_draw = ImageDraw.Draw(bright)
    for _ in range(1400):
        x, y = rng.uniform(0, W), rng.uniform(0, HORIZON) ** 1.08 * HORIZON**-0.08
        if rng.random() < (y / HORIZON) ** 2 * 0.6:
            continue  # fewer stars low in the sky
        level = rng.random() ** 2.2
        tint = rng.choice(((255, 255, 255), (210, 222, 255), (255, 236, 214)))
        colour = tuple(round(c * (0.25 + 0.75 * level)) for c in tint)
        r = 0.7 + 1.6 * level**3
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    for _ in range(14):
        x, y = rng.uniform(60, W - 60), rng.uniform(40, HORIZON * 0.9)
        r = rng.uniform(2.2, 3.4)
        bright_draw.ellipse((x - r, y - r, x + r, y + r), fill=(255, 250, 240))
    halo = bright.filter(ImageFilter.GaussianBlur(9))
    halo = ImageChops.add(halo, halo)
    return ImageChops.add(ImageChops.add(layer, bright), halo)


def planet(base: Image.Image) -> Image.Image:
    """Dark disc with a thin crescent of light on its upper limb and an atmospheric glow."""
    cx, cy = PLANET_C
    r = PLANET_R
    disc = Image.new("L", (W, H))
    ImageDraw.Draw(disc).ellipse((cx - r, cy - r, cx + r, cy + r), fill=255)
    # Crescent: the disc minus a softened copy of itself shifted down and right, so the lit
    # limb is sharp at its outer edge and fades into the night side.
    dx, dy = 12, 30
    shifted = Image.new("L", (W, H))
    ImageDraw.Draw(shifted).ellipse((cx - r + dx, cy - r + dy, cx + r + dx, cy + r + dy), fill=255)
    crescent = ImageChops.subtract(disc, shifted.filter(ImageFilter.GaussianBlur(12)))
    # Fade the crescent toward the right, where the light falls off.
    fade = Image.linear_gradient("L").rotate(90).resize((W, H))  # 255 left ... 0 right
    fade = fade.point(lambda v: min(255, 70 + v))
    crescent = ImageChops.multiply(crescent, fade).filter(ImageFilter.GaussianBlur(1.2))

    out = base.copy()
    # Body: near black, a touch lighter at the limb so the disc reads against the sky.
    body = Image.new("RGB", (W, H), PLANET)
    out.paste(body, mask=disc)
    limb = ImageChops.subtract(
        disc, disc.filter(ImageFilter.GaussianBlur(60)).point(lambda v: 255 if v > 250 else v)
    )
    out = Image.composite(Image.new("RGB", (W, H), (26, 24, 58)), out, limb.point(lambda v: v // 3))
    # Glow above the horizon, then the bright rim itself.
    glow = crescent.filter(ImageFilter.GaussianBlur(38)).point(lambda v: min(255, v * 5))
    out = Image.composite(Image.new("RGB", (W, H), (120, 128, 220)), out, glow.point(lambda v: v // 3))
    out = Image.composite(Image.new("RGB", (W, H), RIM), out, crescent)
    return out


def tracked(
    draw: ImageDraw.ImageDraw,
    y: int,
    text: str,
    f: ImageFont.FreeTypeFont,
    tracking: float,
    fill: tuple[int, int, int],
) -> None:
    """Draw ``text`` centred on the page, its top at ``y``, with letter-spacing."""
    widths = [f.getlength(ch) for ch in text]
    total = sum(widths) + tracking * (len(text) - 1)
    x = (W - total) / 2
    for ch, w in zip(text, widths, strict=True):
        draw.text((x, y), ch, font=f, fill=fill)
        x += w + tracking


def fit(text: str, style: str, width: int, tracking_em: float) -> ImageFont.FreeTypeFont:
    """The largest font in which ``text``, tracked by ``tracking_em``, fits ``width``."""
    size = 400
    while size > 10:
        f = font(style, size)
        total = sum(f.getlength(ch) for ch in text) + size * tracking_em * (len(text) - 1)
        if total <= width:
            return f
        size -= 2
    return font(style, size)


def typography(img: Image.Image) -> Image.Image:
    draw = ImageDraw.Draw(img)
    # Title: three lines of letter-spaced capitals, the first a little quieter.
    big = fit(max(TITLE[1:], key=len), "Regular", 1180, 0.16)
    small = font("Regular", round(big.size * 0.5))
    y = 580
    tracked(draw, y, TITLE[0], small, small.size * 0.42, BRASS)
    y += round(small.size * 1.55)
    for line in TITLE[1:]:
        tracked(draw, y, line, big, big.size * 0.16, IVORY)
        y += round(big.size * 1.12)

    # A thin rule with a small star at its centre.
    y += 70
    half, gap = 300, 34
    draw.line((W / 2 - half, y, W / 2 - gap, y), fill=BRASS, width=3)
    draw.line((W / 2 + gap, y, W / 2 + half, y), fill=BRASS, width=3)
    s = 13
    draw.polygon([(W / 2, y - s), (W / 2 + s * 0.3, y), (W / 2, y + s), (W / 2 - s * 0.3, y)], fill=BRASS)
    draw.polygon([(W / 2 - s, y), (W / 2, y - s * 0.3), (W / 2 + s, y), (W / 2, y + s * 0.3)], fill=BRASS)

    # Subtitle in italic.
    y += 80
    sub = font("Italic", 78)
    draw.text((W / 2, y), SUBTITLE, font=sub, fill=IVORY, anchor="mt")

    # Editor line, on the dark body of the planet.
    ed = font("Regular", 46)
    tracked(draw, H - 250, EDITOR, ed, ed.size * 0.34, BRASS)
    return img


def make_cover(out: Path = OUT) -> Path:
    rng = random.Random(SEED)
    img = ImageChops.add(sky(), stars(rng))
    img = planet(img)
    img = typography(img)
    img.save(out, format="PNG", optimize=True)
    return out


if __name__ == "__main__":
    print(make_cover())
