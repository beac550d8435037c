"""Cover image checks, by content rather than by file name."""

from __future__ import annotations

from pathlib import Path

from octavo.diagnostics import Diagnostic, Severity, Span

# EPUB 3 core media types for raster images that every store accepts as a cover.
COVER_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


def cover_media_type(path: Path) -> str:
    """The media type of a cover already accepted by `check_cover`."""
    from PIL import Image

    with Image.open(path) as image:
        return COVER_FORMATS[str(image.format)]


def check_cover(path: Path, span: Span) -> list[Diagnostic]:
    from PIL import Image, UnidentifiedImageError

    def error(message: str) -> list[Diagnostic]:
        return [Diagnostic(Severity.ERROR, "OCT114", message, span)]

    try:
        with Image.open(path) as image:
            image.verify()  # reads the whole file: catches truncated and corrupt images
            kind = str(image.format)
    except UnidentifiedImageError:
        return error(f"cover '{path.name}' is not an image")
    except (OSError, SyntaxError, ValueError) as exc:
        return error(f"cover '{path.name}' is corrupt or unreadable: {exc}")
    if kind not in COVER_FORMATS:
        return error(f"cover '{path.name}' is a {kind} image; use PNG or JPEG")
    return []
