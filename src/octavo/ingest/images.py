"""Pictures a manuscript carries, checked by content before they may reach a book."""

from __future__ import annotations

import io

from octavo.diagnostics import Diagnostic, Severity, Span
from octavo.document import Image

MAX_IMAGE_BYTES = 16 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}


def checked_image(data: bytes, alt: str, span: Span, notes: list[Diagnostic]) -> Image | None:
    """An Image for PNG, JPEG or GIF bytes of sane size; None (with a warning) otherwise."""
    from PIL import Image as PILImage

    reason = None
    media_type = None
    if len(data) > MAX_IMAGE_BYTES:
        reason = f"it is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MiB"
    else:
        try:
            with PILImage.open(io.BytesIO(data)) as picture:
                width, height = picture.size
                media_type = _TYPES.get(str(picture.format))
                if media_type is None:
                    reason = f"{picture.format or 'its'} format is not one EPUB readers show"
                elif width * height > MAX_IMAGE_PIXELS:
                    reason = f"it is {width}×{height} pixels, too large to use"
                else:
                    picture.verify()
        except Exception:  # Pillow raises many kinds for damaged data
            reason = "it is not a readable image"
    if reason is not None or media_type is None:
        shown = f" (alt text '{alt[:60]}')" if alt else ""
        notes.append(Diagnostic(Severity.WARNING, "OCT229", f"a picture{shown} was left out: "
                                f"{reason or 'unknown format'}", span))
        return None
    return Image(data, media_type, " ".join(alt.split()))
