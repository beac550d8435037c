"""A manuscript's pictures made ready for the press before the print layout embeds them.

PDF/X-1a allows no RGB and no transparency, so in a PDF/X-1a book every picture is flattened
on white and converted: to grey for a black-and-white interior (the press prints black ink
only), to CMYK through the shipped FOGRA39 profile for a colour one (as the cover's images,
octavo.cover_images). A PDF/X-4 or plain PDF keeps the pictures as the author gave them. The
conversion is deterministic and done once per picture.
"""

from __future__ import annotations

import dataclasses
import io
from functools import lru_cache
from typing import Literal, TypeVar

from octavo.document import Image

PressMode = Literal["grey", "cmyk"]
Node = TypeVar("Node")


def press_mode(pdf_standard: str, black_and_white: bool) -> PressMode | None:
    """How pictures are converted for this book (None: kept as they are)."""
    if pdf_standard != "x-1a":
        return None
    return "grey" if black_and_white else "cmyk"


def for_the_press(node: Node, mode: PressMode | None) -> Node:
    """`node` (a chapter, a page, any part of the document) with each picture in it converted;
    the node itself when it holds none."""
    if mode is None:
        return node
    return _walk(node, mode)


def _walk(node: Node, mode: PressMode) -> Node:
    if isinstance(node, Image):
        return converted(node, mode)  # type: ignore[return-value]
    if isinstance(node, tuple):
        items = tuple(_walk(item, mode) for item in node)
        return node if all(a is b for a, b in zip(items, node, strict=True)) else items  # type: ignore[return-value]
    if not dataclasses.is_dataclass(node) or isinstance(node, type):
        return node
    changes = {}
    for field in dataclasses.fields(node):
        value = getattr(node, field.name)
        if isinstance(value, tuple | Image) or dataclasses.is_dataclass(value):
            new = _walk(value, mode)
            if new is not value:
                changes[field.name] = new
    return dataclasses.replace(node, **changes) if changes else node


@lru_cache(maxsize=64)
def converted(picture: Image, mode: PressMode) -> Image:
    """The picture flattened on white, in grey (PNG: lossless for line art) or in CMYK (JPEG,
    the only CMYK format a PDF embeds as it is)."""
    from PIL import Image as Picture
    from PIL import ImageCms

    from octavo.cover_images import cmyk_transform

    with Picture.open(io.BytesIO(picture.data)) as opened:
        opened.load()
        rgba = opened.convert("RGBA")
    flat = Picture.new("RGB", rgba.size, (255, 255, 255))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    out = io.BytesIO()
    if mode == "grey":
        flat.convert("L").save(out, "PNG", optimize=False)
        return Image(out.getvalue(), "image/png", picture.alt)
    cmyk = ImageCms.applyTransform(flat, cmyk_transform())
    assert cmyk is not None
    cmyk.save(out, "JPEG", quality=92, dpi=(300, 300))
    return Image(out.getvalue(), "image/jpeg", picture.alt)
