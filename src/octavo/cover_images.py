"""Images for the print cover: converted for the press, and the colour of the panels.

A PDF/X-1a cover may hold no RGB, so each image is converted from its own colour space to CMYK
through the shipped FOGRA39 profile (LittleCMS, via Pillow's ImageCms); otherwise it is kept in
sRGB. The back and spine take the front image's average colour, darkened, with white or black
type by contrast.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any

from octavo.diagnostics import OctavoError, Span
from octavo.resources import styles_dir

MAX_PIXELS = 60_000_000


@cache
def cmyk_transform() -> Any:
    """Pillow's transform from sRGB to the shipped press profile (FOGRA39), built once: the
    cover's images and a PDF/X-1a interior's pictures go through the same one."""
    from PIL import ImageCms

    srgb = ImageCms.createProfile("sRGB")
    press = ImageCms.getOpenProfile(str(styles_dir() / "icc" / "FOGRA39-octavo.icc"))
    return ImageCms.buildTransform(srgb, press, "RGB", "CMYK",
                                   renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC)


def _open_rgb(path: Path) -> Any:
    from PIL import Image, ImageCms

    try:
        with Image.open(path) as image:
            if image.width * image.height > MAX_PIXELS:
                raise OctavoError.single("OCT147", f"{path.name} is too large "
                                         f"({image.width}×{image.height} pixels)", Span(str(path)))
            image.load()
            icc = image.info.get("icc_profile")
            if icc and image.mode in ("RGB", "CMYK"):
                source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
                return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"),
                                                 outputMode="RGB")
            return image.convert("RGB")
    except OctavoError:
        raise
    except Exception as exc:  # Pillow raises many kinds for a broken file
        raise OctavoError.single("OCT147", f"{path.name} cannot be read as an image ({exc})",
                                 Span(str(path))) from None


def prepare_image(path: Path, stem: Path, cmyk: bool) -> Path:
    """The image as a JPEG beside `stem` (CMYK for the press, or sRGB)."""
    from PIL import ImageCms

    image = _open_rgb(path)
    if cmyk:
        image = ImageCms.applyTransform(image, cmyk_transform())
    target = stem.with_suffix(".jpg")
    image.save(target, "JPEG", quality=92, dpi=(300, 300))
    return target


def panel_colour(path: Path, cmyk: bool) -> tuple[str, str]:
    """(background, ink) CSS colours for the back and spine panels."""
    from PIL import ImageCms

    image = _open_rgb(path).resize((1, 1))
    average: Any = image.getpixel((0, 0))
    red, green, blue = average[:3]
    r, g, b = (int(v * 0.55) for v in (red, green, blue))
    light = (0.299 * r + 0.587 * g + 0.114 * b) > 140
    if not cmyk:
        ink = "rgb(0 0 0)" if light else "rgb(255 255 255)"
        return f"rgb({r} {g} {b})", ink
    from PIL import Image

    pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), (r, g, b)), cmyk_transform())
    assert pixel is not None
    ink_values: Any = pixel.getpixel((0, 0))
    c, m, y, k = (round(v / 255, 3) for v in ink_values[:4])
    ink = "device-cmyk(0 0 0 1)" if light else "device-cmyk(0 0 0 0)"
    return f"device-cmyk({c} {m} {y} {k})", ink
