"""The cover goes into the EPUB under the media type of its content, whatever its name says."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from PIL import Image

from octavo.pipeline import build
from tests.conftest import BookFolder


def test_png_named_jpg_is_declared_as_png(book: BookFolder) -> None:
    picture = io.BytesIO()
    Image.new("RGB", (160, 256), "navy").save(picture, format="PNG")
    book.write("cover.jpg", picture.getvalue())
    book.manifest("title: Tales\nlanguage: en\ncover: cover.jpg\ncontents: [stories/one.txt]\n")
    result = build(book.root / "book.yaml", book.root / "out", ("epub",),
                   timestamp=dt.datetime(2025, 1, 1, tzinfo=dt.UTC))
    with zipfile.ZipFile(result.artifacts[0].path) as archive:
        opf = archive.read("EPUB/content.opf").decode()
        (item,) = re.findall(r"<item [^>]*cover-image[^>]*/>", opf)
        assert 'media-type="image/png"' in item
        href = re.search(r'href="([^"]+)"', item).group(1)  # type: ignore[union-attr]
        assert archive.read(f"EPUB/{href}") == picture.getvalue()
