"""`prepare_cover`: every kind of cover a user may hand in, made with Pillow (and, for colour
profiles, ICC files written byte by byte here, since Pillow can only create sRGB and Lab ones).

What goes into the EPUB must be a PNG or JPEG that decodes to 8-bit sRGB (or grey), named by its
content, with a diagnostic saying what was done; what cannot be used safely is an OCT114 error.
"""

from __future__ import annotations

import io
import struct
import time
import warnings
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageFilter

from octavo import cover as cover_module
from octavo.codes import CODES
from octavo.cover import CoverResult, PreparedCover, check_cover, prepare_cover
from octavo.diagnostics import Severity, Span

SPAN = Span("book.yaml", 7, 8)
SIZE = (640, 1000)  # the smallest cover stores take


@pytest.fixture(autouse=True)
def fresh_cache() -> None:
    cover_module._prepare_cached.cache_clear()


def picture(size: tuple[int, int] = SIZE, mode: str = "RGB") -> Image.Image:
    """Smooth gradients with some detail, so that JPEG and PNG behave as on real artwork."""
    ramp = Image.linear_gradient("L").resize(size)
    channels = (ramp, ramp.transpose(Image.Transpose.FLIP_TOP_BOTTOM), ramp.rotate(90).resize(size))
    return Image.merge("RGB", channels).convert(mode)


def save(path: Path, image: Image.Image, fmt: str, **options: object) -> Path:
    image.save(path, format=fmt, **options)
    return path


def prepared(path: Path) -> tuple[PreparedCover, CoverResult]:
    result = prepare_cover(path, SPAN)
    assert result.cover is not None, [str(d) for d in result.diagnostics]
    return result.cover, result


def decoded(cover: PreparedCover) -> Image.Image:
    image = Image.open(io.BytesIO(cover.data))
    image.load()
    expected = {"image/png": "PNG", "image/jpeg": "JPEG"}[cover.media_type]
    assert image.format == expected
    assert cover.extension == {"PNG": ".png", "JPEG": ".jpg"}[expected]
    assert image.size == (cover.width, cover.height)
    if cover.converted:  # re-encoded: nothing carried over
        assert "exif" not in image.info and "icc_profile" not in image.info
    return image


def codes(result: CoverResult) -> dict[str, Severity]:
    return {d.code: d.severity for d in result.diagnostics}


def message(result: CoverResult, code: str) -> str:
    (found,) = [d.message for d in result.diagnostics if d.code == code]
    return found


def refused(path: Path) -> str:
    result = prepare_cover(path, SPAN)
    assert result.cover is None
    (error,) = result.diagnostics
    assert (error.code, error.severity, error.span) == ("OCT114", Severity.ERROR, SPAN)
    return error.message


# --- ICC profiles, written by hand --------------------------------------------------------------


def _s15(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(x: float, y: float, z: float) -> bytes:
    return b"XYZ " + bytes(4) + _s15(x) + _s15(y) + _s15(z)


def _icc(space: bytes, pcs: bytes, device: bytes, name: str, tags: list[tuple[bytes, bytes]]) -> bytes:
    ascii_name = name.encode("ascii") + b"\0"
    desc = b"desc" + bytes(4) + struct.pack(">I", len(ascii_name)) + ascii_name + bytes(8 + 3 + 67)
    tags = [(b"desc", desc), (b"wtpt", _xyz(0.9642, 1.0, 0.8249)),
            (b"cprt", b"text" + bytes(4) + b"none\0"), *tags]
    table, data, offset = [], b"", 128 + 4 + 12 * len(tags)
    for signature, body in tags:
        body += bytes(-len(body) % 4)
        table.append(struct.pack(">4sII", signature, offset + len(data), len(body)))
        data += body
    header = struct.pack(">I4sI4s4s4s", offset + len(data), b"lcms", 0x02100000, device, space, pcs)
    header += struct.pack(">6H", 2025, 1, 1, 0, 0, 0) + b"acsp" + bytes(28)
    header += _s15(0.9642) + _s15(1.0) + _s15(0.8249) + bytes(48)
    return header + struct.pack(">I", len(tags)) + b"".join(table) + data


def warm_paper_cmyk_profile() -> bytes:
    """A CMYK input profile whose unprinted paper is warm: a light tint comes out yellowish, where
    the naive CMYK → RGB formula (no profile) gives a cold, pure colour."""
    srgb, lab = ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB")
    to_lab = ImageCms.buildTransform(srgb, lab, "RGB", "LAB")
    clut = b""
    for c in (0, 1):
        for m in (0, 1):
            for y in (0, 1):
                for k in (0, 1):
                    if (c, m, y, k) == (0, 0, 0, 0):
                        lab_l, lab_a, lab_b = 92.0, 2.0, 14.0
                        values = (round(lab_l / 100 * 0xFF00), round((lab_a + 128) * 256),
                                  round((lab_b + 128) * 256))
                    else:
                        rgb = tuple(round(255 * (1 - v) * (1 - k)) for v in (c, m, y))
                        px = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), to_lab)
                        assert px is not None
                        l8, a8, b8 = px.getpixel((0, 0))  # type: ignore[misc]
                        values = (round(l8 / 255 * 0xFF00), a8 * 256, b8 * 256)
                    clut += struct.pack(">3H", *values)
    identity = b"".join(_s15(v) for v in (1, 0, 0, 0, 1, 0, 0, 0, 1))
    lut = b"mft2" + bytes(4) + bytes((4, 3, 2, 0)) + identity + struct.pack(">HH", 2, 2)
    lut += struct.pack(">2H", 0, 0xFFFF) * 4 + clut + struct.pack(">2H", 0, 0xFFFF) * 3
    return _icc(b"CMYK", b"Lab ", b"scnr", "Warm Paper CMYK", [(b"A2B0", lut)])


def swapped_rgb_profile() -> bytes:
    """An RGB profile with sRGB's red and green primaries swapped: honouring it turns the file's
    red into green, which ignoring it never does."""
    gamma = b"curv" + bytes(4) + struct.pack(">IH", 1, 0x0233)
    return _icc(b"RGB ", b"XYZ ", b"mntr", "Swapped Primaries RGB", [
        (b"rXYZ", _xyz(0.3851, 0.7169, 0.0971)), (b"gXYZ", _xyz(0.4361, 0.2225, 0.0139)),
        (b"bXYZ", _xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", gamma), (b"gTRC", gamma), (b"bTRC", gamma)])


def png_bytes(width: int, height: int, depth: int, colour: int, rows: bytes | None) -> bytes:
    """A PNG written chunk by chunk: for 16-bit RGB (which Pillow cannot write) and for headers
    that promise far more pixels than the file holds."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    data = zlib.compress(rows if rows is not None else bytes(1000))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data)
            + chunk(b"IEND", b""))


# --- Taken as they are --------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt", "media_type"), [
    ("cover.png", "PNG", "image/png"),
    ("cover.jpg", "JPEG", "image/jpeg"),
])
def test_a_sound_cover_goes_in_byte_for_byte(tmp_path: Path, name: str, fmt: str,
                                             media_type: str) -> None:
    path = save(tmp_path / name, picture((1600, 2560)), fmt)
    cover, result = prepared(path)
    assert result.diagnostics == ()
    assert (cover.media_type, cover.converted) == (media_type, False)
    assert cover.data == path.read_bytes()
    assert result.original is not None and result.original.format == fmt


def test_a_palette_png_and_a_progressive_jpeg_are_kept(tmp_path: Path) -> None:
    palette = save(tmp_path / "p.png", picture((700, 1100)).convert("P"), "PNG")
    progressive = save(tmp_path / "p.jpg", picture((700, 1100)), "JPEG", progressive=True)
    for path in (palette, progressive):
        cover, result = prepared(path)
        assert result.diagnostics == () and not cover.converted
        assert cover.data == path.read_bytes()


def test_metadata_is_stripped_losslessly_from_a_kept_jpeg(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 30.0)}  # GPS position of the author's kitchen
    original = picture((700, 1100))
    path = save(tmp_path / "cover.jpg", original, "JPEG", exif=exif.tobytes(),
                comment=b"made on my laptop", quality=92)
    cover, result = prepared(path)
    assert result.diagnostics == () and not cover.converted
    assert b"PhoneMaker" not in cover.data and b"laptop" not in cover.data
    assert b"Exif" not in cover.data and len(cover.data) < path.read_bytes().__len__()
    with Image.open(path) as before:
        assert decoded(cover).tobytes() == before.tobytes()  # the very same pixels


@pytest.mark.parametrize("options", [
    {"progressive": True},
    {"restart_marker_blocks": 4},
    {"restart_marker_rows": 1, "progressive": True},
    {"optimize": True, "xmp": b"<x:xmpmeta>where I live</x:xmpmeta>"},
], ids=["progressive", "restart-markers", "progressive-restart-markers", "optimized-xmp"])
def test_stripping_keeps_every_kind_of_huffman_jpeg_intact(tmp_path: Path,
                                                           options: dict[str, object]) -> None:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    path = save(tmp_path / "cover.jpg", picture((700, 1100)), "JPEG", exif=exif.tobytes(),
                **options)
    cover, _ = prepared(path)
    assert b"PhoneMaker" not in cover.data and b"where I live" not in cover.data
    with Image.open(path) as before:
        assert decoded(cover).tobytes() == before.tobytes()


def test_metadata_chunks_are_stripped_from_a_kept_png(tmp_path: Path) -> None:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "secret name")
    path = save(tmp_path / "cover.png", picture((700, 1100)), "PNG", pnginfo=info)
    cover, _ = prepared(path)
    assert b"secret name" not in cover.data and not cover.converted
    with Image.open(path) as before:
        assert decoded(cover).tobytes() == before.tobytes()


def test_an_srgb_profile_needs_no_conversion(tmp_path: Path) -> None:
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    path = save(tmp_path / "cover.jpg", picture((700, 1100)), "JPEG", icc_profile=srgb)
    cover, result = prepared(path)
    assert result.diagnostics == () and not cover.converted


def test_an_opaque_alpha_channel_is_not_transparency(tmp_path: Path) -> None:
    path = save(tmp_path / "cover.png", picture((700, 1100), "RGBA"), "PNG")
    cover, result = prepared(path)
    assert result.diagnostics == () and not cover.converted


def test_an_mpo_keeps_only_its_first_picture(tmp_path: Path) -> None:
    first, second = picture((700, 1100)), picture((700, 1100)).rotate(180)
    path = save(tmp_path / "cover.jpg", first, "MPO", save_all=True, append_images=[second])
    with Image.open(path) as check:
        assert check.format == "MPO"
    cover, result = prepared(path)
    assert result.diagnostics == ()
    assert cover.media_type == "image/jpeg" and len(cover.data) < 0.7 * path.stat().st_size
    assert decoded(cover).format == "JPEG"


# --- Named by content ---------------------------------------------------------------------------


def test_a_png_named_jpg_is_a_png_with_a_note(tmp_path: Path) -> None:
    path = save(tmp_path / "cover.jpg", picture((700, 1100)), "PNG")
    cover, result = prepared(path)
    assert (cover.media_type, cover.extension, cover.converted) == ("image/png", ".png", False)
    assert codes(result) == {"OCT117": Severity.INFO}
    assert "named like a JPEG file but is a PNG image" in message(result, "OCT117")


def test_a_jpeg_named_png_is_a_jpeg_with_a_note(tmp_path: Path) -> None:
    path = save(tmp_path / "cover.png", picture((700, 1100)), "JPEG")
    cover, result = prepared(path)
    assert (cover.media_type, cover.extension) == ("image/jpeg", ".jpg")
    assert "named like a PNG file but is a JPEG image" in message(result, "OCT117")


def test_a_name_without_an_image_extension_is_no_lie(tmp_path: Path) -> None:
    cover, result = prepared(save(tmp_path / "front-cover", picture((700, 1100)), "PNG"))
    assert result.diagnostics == () and cover.media_type == "image/png"


# --- Converted, with a warning ------------------------------------------------------------------

Maker = Callable[[Path], Path]
CONVERTED: dict[str, tuple[Maker, str, str]] = {
    "tiff": (lambda d: save(d / "cover.tif", picture(), "TIFF"), "image/png", "from TIFF,"),
    "tiff-jpeg": (lambda d: save(d / "cover.tif", picture(), "TIFF", compression="jpeg"),
                  "image/jpeg", "from TIFF,"),
    "bmp": (lambda d: save(d / "cover.bmp", picture(), "BMP"), "image/png", "from BMP,"),
    "webp": (lambda d: save(d / "cover.webp", picture(), "WEBP"), "image/jpeg", "from WebP,"),
    "webp-lossless": (lambda d: save(d / "cover.webp", picture(), "WEBP", lossless=True),
                      "image/png", "from WebP,"),
    "avif": (lambda d: save(d / "cover.avif", picture(), "AVIF"), "image/jpeg", "from AVIF,"),
    "jpeg2000": (lambda d: save(d / "cover.jp2", picture(), "JPEG2000"), "image/jpeg",
                 "from JPEG 2000,"),
    "gif": (lambda d: save(d / "cover.gif", picture().convert("P"), "GIF"), "image/png",
            "from GIF,"),
    "cmyk-jpeg": (lambda d: save(d / "cover.jpg", picture(mode="CMYK"), "JPEG"), "image/jpeg",
                  "CMYK to sRGB without a colour profile"),
    "cmyk-tiff": (lambda d: save(d / "cover.tif", picture(mode="CMYK"), "TIFF"), "image/png",
                  "CMYK to sRGB without a colour profile"),
    "lab-tiff": (lambda d: save(d / "cover.tif", Image.new("LAB", SIZE, (160, 140, 100)), "TIFF"),
                 "image/png", "Lab to sRGB"),
    "16-bit-grey-png": (lambda d: save(d / "cover.png", picture(mode="L").convert("I;16"), "PNG"),
                        "image/png", "16 bits per channel to 8"),
}


@pytest.mark.parametrize("kind", CONVERTED)
def test_covers_epub_does_not_take_are_converted(tmp_path: Path, kind: str) -> None:
    make, media_type, said = CONVERTED[kind]
    cover, result = prepared(make(tmp_path))
    assert cover.converted and cover.media_type == media_type
    assert codes(result).get("OCT116") is Severity.WARNING
    assert said in message(result, "OCT116")
    image = decoded(cover)
    assert image.mode in ("RGB", "L", "P") and image.size == SIZE


def test_gif_is_converted_to_png_keeping_its_palette(tmp_path: Path) -> None:
    path = save(tmp_path / "cover.gif", picture().convert("P"), "GIF")
    cover, _ = prepared(path)
    with Image.open(path) as original:
        assert decoded(cover).convert("RGB").tobytes() == original.convert("RGB").tobytes()


def test_an_animation_gives_its_first_frame(tmp_path: Path) -> None:
    first = Image.new("RGB", SIZE, (200, 30, 30))
    later = [Image.new("RGB", SIZE, (30, 30, 200)), Image.new("RGB", SIZE, (30, 200, 30))]
    path = save(tmp_path / "cover.gif", first, "GIF", save_all=True, append_images=later)
    cover, result = prepared(path)
    assert "only its first frame or page is kept" in message(result, "OCT116")
    assert decoded(cover).convert("RGB").getpixel((10, 10)) == (200, 30, 30)


def test_an_animated_webp_gives_its_first_frame(tmp_path: Path) -> None:
    first, later = Image.new("RGB", SIZE, (200, 30, 30)), Image.new("RGB", SIZE, (30, 30, 200))
    path = save(tmp_path / "cover.webp", first, "WEBP", save_all=True, append_images=[later],
                lossless=True)
    cover, result = prepared(path)
    assert "only its first frame or page is kept" in message(result, "OCT116")
    assert decoded(cover).convert("RGB").getpixel((10, 10)) == (200, 30, 30)


def test_cmyk_follows_its_embedded_profile(tmp_path: Path) -> None:
    tint = (51, 0, 0, 0)  # 20 % cyan on paper that the profile says is warm
    image = Image.new("CMYK", SIZE, tint)
    plain = save(tmp_path / "plain.jpg", image, "JPEG", quality=95)
    profiled = save(tmp_path / "profiled.jpg", image, "JPEG", quality=95,
                    icc_profile=warm_paper_cmyk_profile())
    naive = decoded(prepared(plain)[0]).getpixel((50, 50))
    cover, result = prepared(profiled)
    managed = decoded(cover).getpixel((50, 50))
    assert "through its colour profile 'Warm Paper CMYK'" in message(result, "OCT116")
    assert isinstance(naive, tuple) and isinstance(managed, tuple)
    assert naive[2] > 250  # no profile: the formula leaves blue at full
    assert managed[2] < naive[2] - 25  # the profile's warm paper takes blue out


def test_rgb_in_another_profile_is_converted_to_srgb(tmp_path: Path) -> None:
    path = save(tmp_path / "cover.png", Image.new("RGB", SIZE, (255, 0, 0)), "PNG",
                icc_profile=swapped_rgb_profile())
    cover, result = prepared(path)
    assert "from its colour profile 'Swapped Primaries RGB' to sRGB" in message(result, "OCT116")
    r, g, b = decoded(cover).getpixel((5, 5))  # type: ignore[misc]
    assert g > 200 and r < 60 and b < 60  # the file's "red" is sRGB green in that profile


def test_sixteen_bit_rgb_png_is_reduced_to_eight(tmp_path: Path) -> None:
    width, height = 64, 100
    row = b"\0" + b"".join(struct.pack(">3H", x * 1000, 30000, 65535) for x in range(width))
    path = tmp_path / "cover.png"
    path.write_bytes(png_bytes(width, height, 16, 2, row * height))
    cover, result = prepared(path)
    assert "16 bits per channel to 8" in message(result, "OCT116")
    image = decoded(cover)
    assert image.mode == "RGB" and image.getpixel((10, 0)) == (10000 >> 8, 30000 >> 8, 255)


def test_transparency_is_filled_with_white(tmp_path: Path) -> None:
    image = Image.new("RGBA", SIZE, (200, 30, 30, 255))
    image.paste((0, 0, 0, 0), (0, 0, 100, 100))
    cover, result = prepared(save(tmp_path / "cover.png", image, "PNG"))
    assert "transparent areas filled with white" in message(result, "OCT116")
    flat = decoded(cover)
    assert flat.mode == "RGB"
    assert flat.getpixel((10, 10)) == (255, 255, 255) and flat.getpixel((300, 300)) == (200, 30, 30)


def test_a_palette_with_a_transparent_entry_in_use_is_flattened(tmp_path: Path) -> None:
    image = Image.new("P", SIZE, 1)
    image.putpalette([0, 0, 0, 200, 30, 30] + [0] * 762)
    image.paste(0, (0, 0, 100, 100))
    path = save(tmp_path / "cover.png", image, "PNG", transparency=0)
    cover, result = prepared(path)
    assert "transparent areas" in message(result, "OCT116")
    assert decoded(cover).convert("RGB").getpixel((10, 10)) == (255, 255, 255)


def test_a_palette_with_an_unused_transparent_entry_is_kept(tmp_path: Path) -> None:
    image = Image.new("P", SIZE, 1)
    image.putpalette([0, 0, 0, 200, 30, 30] + [0] * 762)
    path = save(tmp_path / "cover.png", image, "PNG", transparency=0)
    cover, result = prepared(path)
    assert result.diagnostics == () and not cover.converted


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was turned: show the picture rotated 90° clockwise
    image = Image.new("RGB", (1100, 700), (30, 30, 200))
    image.paste((200, 30, 30), (0, 0, 100, 700))  # a red band on the left edge of the file
    cover, result = prepared(save(tmp_path / "cover.jpg", image, "JPEG", exif=exif.tobytes()))
    assert "turned upright" in message(result, "OCT117")
    upright = decoded(cover)
    assert upright.size == (700, 1100)
    r, _, b = upright.getpixel((350, 20))  # type: ignore[misc]
    assert r > 150 and b < 100  # the left edge is now the top
    assert upright.getexif().get(0x0112) is None


# --- Size ---------------------------------------------------------------------------------------


def test_a_large_jpeg_is_scaled_down_to_store_size(tmp_path: Path) -> None:
    path = save(tmp_path / "cover.jpg", picture((3000, 4800)), "JPEG")
    cover, result = prepared(path)
    assert codes(result) == {"OCT117": Severity.INFO}
    assert "scaled to 1600×2560 px" in message(result, "OCT117")
    assert (cover.width, cover.height, cover.media_type) == (1600, 2560, "image/jpeg")
    assert decoded(cover).size == (1600, 2560)


def test_a_large_photographic_png_becomes_a_jpeg(tmp_path: Path) -> None:
    grain = [Image.effect_noise((1700, 2700), 80).filter(ImageFilter.GaussianBlur(1.5))
             for _ in range(3)]  # film grain: a PNG of it is 6 MB, a JPEG under 2
    cover, result = prepared(save(tmp_path / "cover.png", Image.merge("RGB", grain), "PNG",
                                  compress_level=1))
    assert cover.media_type == "image/jpeg" and cover.width * cover.height <= 1600 * 2560
    assert "as JPEG (" in message(result, "OCT116")


def test_the_size_stores_recommend_is_never_resampled(tmp_path: Path) -> None:
    cover, result = prepared(save(tmp_path / "cover.png", picture((1600, 2560)), "PNG"))
    assert result.diagnostics == () and not cover.converted


def test_a_long_edge_beyond_google_plays_limit_is_scaled(tmp_path: Path) -> None:
    cover, _ = prepared(save(tmp_path / "cover.png", Image.new("L", (300, 8000), 90), "PNG"))
    assert cover.height == 7200


def test_a_small_cover_gets_a_warning(tmp_path: Path) -> None:
    cover, result = prepared(save(tmp_path / "cover.png", picture((300, 480)), "PNG"))
    assert codes(result) == {"OCT118": Severity.WARNING}
    assert "300×480 px" in message(result, "OCT118") and not cover.converted


def test_between_pillows_warning_and_error_limits_no_bomb_warning_escapes(tmp_path: Path) -> None:
    """10,000 × 10,000 (100 million pixels) is above Pillow's warning limit: scaled, silently."""
    path = tmp_path / "cover.png"
    side = 10_000
    path.write_bytes(png_bytes(side, side, 1, 0, (b"\0" + b"\x55" * (side // 8)) * side))
    pillows_limit = Image.MAX_IMAGE_PIXELS
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cover, result = prepared(path)
    assert pillows_limit is not None
    assert pillows_limit == Image.MAX_IMAGE_PIXELS  # Pillow's own guard is back in place
    assert cover.width * cover.height <= 1600 * 2560 and "scaled" in message(result, "OCT117")


@pytest.mark.parametrize(("width", "height", "said"), [
    (100_000, 100_000, "too large to read safely"),  # a bomb: refused on its header
    (30_000, 30_000, "GB of memory"),  # within the edge limit, beyond the memory budget
    (45_000, 800, "too large to read safely"),
])
def test_absurd_sizes_are_refused_at_once(tmp_path: Path, width: int, height: int,
                                          said: str) -> None:
    path = tmp_path / "cover.png"
    path.write_bytes(png_bytes(width, height, 8, 2, None))  # a header and a few zero bytes
    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        text = refused(path)
    assert said in text and f"{width:,}" in text
    assert time.perf_counter() - started < 2


def test_above_pillows_error_limit_a_header_is_judged_by_our_limits(tmp_path: Path) -> None:
    """15,000 × 13,000 is beyond Pillow's DecompressionBombError; within ours, so the file is
    decoded and found truncated, not mistaken for a bomb."""
    path = tmp_path / "cover.png"
    path.write_bytes(png_bytes(15_000, 13_000, 8, 0, None))
    assert "truncated" in refused(path)


# --- Refused ------------------------------------------------------------------------------------


def test_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "cover.png"
    path.write_bytes(b"")
    assert "is an empty file" in refused(path)


def test_text_named_png(tmp_path: Path) -> None:
    path = tmp_path / "cover.png"
    path.write_text("This is the blurb, not the picture.\n")
    assert "is not an image (it holds text)" in refused(path)


@pytest.mark.parametrize(("content", "said"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
    (b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">', "SVG drawing"),
    (b"8BPS\x00\x01" + bytes(40), "Photoshop document"),
    (b"%!PS-Adobe-3.0 EPSF-3.0\n", "PostScript"),
    (bytes(range(256)) * 2, "not an image in a format octavo reads"),
])
def test_other_files_are_named_for_what_they_are(tmp_path: Path, content: bytes,
                                                 said: str) -> None:
    path = tmp_path / "cover.png"
    path.write_bytes(content)
    assert said in refused(path)


def test_a_truncated_jpeg_that_pillow_verify_passes(tmp_path: Path) -> None:
    whole = save(tmp_path / "whole.jpg", picture((700, 1100)), "JPEG").read_bytes()
    path = tmp_path / "cover.jpg"
    path.write_bytes(whole[: len(whole) * 2 // 3])
    with Image.open(path) as image:
        image.verify()  # passes: JPEG verify does not decode
    assert "corrupt or truncated" in refused(path)


def test_a_truncated_large_jpeg_is_caught_while_decoding_at_reduced_scale(tmp_path: Path) -> None:
    whole = save(tmp_path / "whole.jpg", picture((3400, 5400)), "JPEG").read_bytes()
    path = tmp_path / "cover.jpg"
    path.write_bytes(whole[: len(whole) // 2])
    assert "corrupt or truncated" in refused(path)


def test_a_corrupt_png(tmp_path: Path) -> None:
    data = bytearray(save(tmp_path / "whole.png", picture(), "PNG").read_bytes())
    data[60:80] = bytes(20)  # inside IDAT: the checksum no longer matches
    path = tmp_path / "cover.png"
    path.write_bytes(bytes(data))
    assert "corrupt" in refused(path)


def test_an_unreadable_file(tmp_path: Path) -> None:
    assert "cannot be read" in refused(tmp_path / "missing.png")


# --- Deterministic, consistent, registered ------------------------------------------------------


@pytest.mark.parametrize("kind", ["cmyk-jpeg", "tiff", "webp", "gif"])
def test_conversion_gives_the_same_bytes_every_time(tmp_path: Path, kind: str) -> None:
    path = CONVERTED[kind][0](tmp_path)
    first, _ = prepared(path)
    cover_module._prepare_cached.cache_clear()
    second, _ = prepared(path)
    assert first.data == second.data


def test_check_cover_reports_what_prepare_cover_does(tmp_path: Path) -> None:
    path = save(tmp_path / "cover.tif", picture((300, 480), "CMYK"), "TIFF")
    assert check_cover(path, SPAN) == list(prepare_cover(path, SPAN).diagnostics)
    assert {d.code for d in check_cover(path, SPAN)} == {"OCT116", "OCT118"}


def test_a_changed_file_is_prepared_again(tmp_path: Path) -> None:
    path = save(tmp_path / "cover.png", picture((700, 1100)), "PNG")
    assert prepared(path)[0].media_type == "image/png"
    save(path, picture((700, 1100)), "JPEG", quality=50)
    assert prepared(path)[0].media_type == "image/jpeg"


def test_the_new_codes_are_registered() -> None:
    assert {"OCT114", "OCT116", "OCT117", "OCT118"} <= CODES.keys()


def test_a_corrupt_cover_is_refused_even_after_weasyprint_is_imported(tmp_path: Path) -> None:
    """Importing WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES for the whole process."""
    import weasyprint  # noqa: F401
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    data = bytearray(save(tmp_path / "whole.png", picture(), "PNG").read_bytes())
    data[60:80] = bytes(20)
    path = tmp_path / "cover.png"
    path.write_bytes(bytes(data))
    assert "corrupt" in refused(path)
