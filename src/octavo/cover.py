"""Cover images, read by their content (never by their name) and prepared for the EPUB.

`prepare_cover` decodes the cover once and decides what goes into the EPUB:

- a PNG or JPEG that stores take as it is keeps its pixels and its bytes; only metadata that
  has no place in a book (Exif and GPS, XMP, comments, text chunks, thumbnails, the extra
  pictures of an MPO) is dropped, losslessly;
- anything else is converted: other formats (TIFF, BMP, GIF, WebP, AVIF, JPEG 2000) to JPEG
  or PNG, CMYK, Lab and non-sRGB RGB to sRGB through the image's own ICC profile when it has
  one, 16-bit channels to 8, transparency flattened onto white, animations and multi-page files
  to their first frame, an Exif orientation applied, a very large cover scaled down to the
  size stores take inside an EPUB;
- what cannot be read safely is refused with OCT114: not an image, empty, corrupt, truncated,
  a format octavo does not read, or too large to decode within the memory budget.

The manifest loader (`check_cover`, and so `octavo check`) and the EPUB backend both call it,
so they report and do exactly the same; the result is cached by file identity, so a build
decodes the cover once. Re-encoded images carry no metadata, no timestamp and no profile:
the same cover always gives the same bytes.
"""

from __future__ import annotations

import functools
import io
import math
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from octavo.diagnostics import Diagnostic, Severity, Span

if TYPE_CHECKING:
    from PIL import Image as PILImage
    from PIL import ImageCms
    from PIL.ImageCms import ImageCmsProfile

# Formats Pillow may open for a cover. Kept short on purpose: no format that Pillow would guess
# from a weak signature (TGA), none that runs an outside program (EPS needs Ghostscript).
READABLE = ("PNG", "JPEG", "MPO", "GIF", "TIFF", "BMP", "WEBP", "AVIF", "HEIF", "JPEG2000")
EPUB_FORMATS = {"PNG": ("image/png", ".png"), "JPEG": ("image/jpeg", ".jpg")}
LOSSY_SOURCES = {"JPEG", "MPO", "AVIF", "HEIF", "JPEG2000"}  # converted to JPEG, not PNG
FORMAT_NAMES = {"JPEG2000": "JPEG 2000", "WEBP": "WebP", "MPO": "JPEG"}

# Inside an EPUB: Apple Books asks for images of at most about 4 million pixels and Google Play
# for covers of at most 7,200 px on a side. 1600 × 2560 (KDP's ideal cover, 4.1 million) is the
# largest area kept as it is, so that the size every guide recommends is never resampled.
EPUB_MAX_PIXELS = 1600 * 2560
EPUB_MAX_EDGE = 7200
# Below these, stores refuse the cover: KDP 625 × 1000 px, Google Play 640 px.
STORE_MIN_SHORT_EDGE = 640
STORE_MIN_LONG_EDGE = 1000
# Refused before decoding: no real cover comes near this, decompression bombs do.
MAX_EDGE = 40_000
# Memory the decoded image may take (JPEGs are decoded at 1/2, 1/4 or 1/8 scale when large).
# With the interpreter this keeps a build under 2 GB.
MAX_DECODE_BYTES = 1_400_000_000
# A re-encoded cover from a lossless source stays PNG unless the PNG is this large and a JPEG
# would be less than half its size (a photograph, where PNG only costs download time and money).
PNG_BUDGET = 2_000_000
JPEG_QUALITY = 90

_ORIENTATION_TAG = 0x0112
_PILLOW_LIMIT = threading.Lock()


@dataclass(frozen=True, slots=True)
class ImageFacts:
    """The cover as the file has it."""

    format: str  # Pillow's name: PNG, JPEG, TIFF, ...
    width: int
    height: int
    mode: str  # Pillow's mode: RGB, CMYK, P, ...


@dataclass(frozen=True, slots=True)
class PreparedCover:
    """The cover as it goes into the EPUB."""

    data: bytes
    media_type: str  # image/jpeg or image/png
    extension: str  # .jpg or .png
    width: int
    height: int
    converted: bool  # False: the original's pixels and bytes, metadata aside


@dataclass(frozen=True, slots=True)
class CoverResult:
    cover: PreparedCover | None  # None when the cover is refused (an OCT114 error says why)
    original: ImageFacts | None  # None when the file could not be read as an image
    diagnostics: tuple[Diagnostic, ...]


def check_cover(path: Path, span: Span) -> list[Diagnostic]:
    """What `prepare_cover` reports for the cover: errors, conversions, size."""
    return list(prepare_cover(path, span).diagnostics)


def prepare_cover(path: Path, span: Span) -> CoverResult:
    """The cover ready for the EPUB, with diagnostics at `span` (the manifest's `cover:`)."""
    try:
        stat = path.stat()
    except OSError as exc:
        outcome = _Outcome(None, None, ((Severity.ERROR, "OCT114",
                                         f"cover '{path.name}' cannot be read: {exc.strerror}",
                                         None),))
    else:
        outcome = _prepare_cached(str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino)
    diagnostics = tuple(Diagnostic(severity, code, message, span, fix)
                        for severity, code, message, fix in outcome.findings)
    return CoverResult(outcome.cover, outcome.original, diagnostics)


# --- Preparation -------------------------------------------------------------------------------

_Finding = tuple[Severity, str, str, str | None]  # severity, code, message, fix


@dataclass(frozen=True, slots=True)
class _Outcome:
    cover: PreparedCover | None
    original: ImageFacts | None
    findings: tuple[_Finding, ...]


class _Refused(Exception):
    def __init__(self, message: str, fix: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix


@functools.lru_cache(maxsize=4)
def _prepare_cached(path: str, size: int, mtime_ns: int, inode: int) -> _Outcome:
    del size, mtime_ns, inode  # only the cache key: a changed file is prepared again
    return _Preparer(Path(path)).run()


@contextmanager
def _own_size_limits() -> Iterator[None]:
    """Pillow's decompression-bomb guard (a warning above 89 million pixels, an error above
    179 million) is replaced by ours while a cover is read: MAX_EDGE, checked on the header,
    and MAX_DECODE_BYTES, checked after JPEG draft scaling. Truncated images must fail to load,
    whatever the process set before: importing WeasyPrint sets LOAD_TRUNCATED_IMAGES for good,
    which would let a cut-off cover through grey. A lock, because both settings are global.
    """
    from PIL import Image, ImageFile

    with _PILLOW_LIMIT:
        saved = Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES
        Image.MAX_IMAGE_PIXELS = None
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            Image.MAX_IMAGE_PIXELS, ImageFile.LOAD_TRUNCATED_IMAGES = saved


class _Preparer:
    """One cover: read the header, plan what must change, then decode and do it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = f"cover '{path.name}'"
        self.findings: list[_Finding] = []
        self.conversions: list[str] = []  # each changes how the cover looks or is stored
        self.original: ImageFacts | None = None

    def run(self) -> _Outcome:
        try:
            cover = self._prepare()
        except _Refused as refused:
            self.findings = [(Severity.ERROR, "OCT114", refused.message, refused.fix)]
            return _Outcome(None, self.original, tuple(self.findings))
        return _Outcome(cover, self.original, tuple(self.findings))

    def note(self, code: str, message: str, fix: str | None = None) -> None:
        severity = Severity.INFO if code == "OCT117" else Severity.WARNING
        self.findings.append((severity, code, message, fix))

    def _prepare(self) -> PreparedCover:
        from PIL import Image, UnidentifiedImageError

        try:
            with open(self.path, "rb") as handle:
                head = handle.read(512)
        except OSError as exc:
            raise _Refused(f"{self.name} cannot be read: {exc.strerror}") from None
        if not head:
            raise _Refused(f"{self.name} is an empty file", _EXPORT_FIX)
        Image.init()  # every plugin, so that READABLE names only formats this Pillow has
        formats = [name for name in READABLE if name in Image.OPEN]
        with _own_size_limits():
            try:
                image = Image.open(self.path, formats=formats)
            except UnidentifiedImageError:
                raise _Refused(f"{self.name} is {_describe(head)}", _EXPORT_FIX) from None
            except Exception as exc:  # a damaged header: every decoder error means the same
                raise _Refused(f"{self.name} is corrupt: {_reason(exc)}", _EXPORT_FIX) from None
            with image:
                return self._from_image(image, head)

    def _from_image(self, image: PILImage.Image, head: bytes) -> PreparedCover:
        kind = "JPEG" if image.format == "MPO" else str(image.format)
        width, height = image.size
        self.original = ImageFacts(kind, width, height, image.mode)
        self._check_name(kind)
        if width < 1 or height < 1:
            raise _Refused(f"{self.name} has no pixels ({width}×{height})", _EXPORT_FIX)
        if max(width, height) > MAX_EDGE:
            raise _Refused(
                f"{self.name} is {width:,}×{height:,} px, too large to read safely (at most "
                f"{MAX_EDGE:,} px on a side)", _SIZE_FIX)

        target = _fit(width, height)
        if target != (width, height) and kind == "JPEG":
            # libjpeg decodes at 1/2, 1/4 or 1/8 scale: memory and time shrink with the area.
            image.draft(None, (target[0] * 2, target[1] * 2))
        self._check_memory(image, width, height)
        frames = 1 if image.format == "MPO" else _frame_count(image)  # MPO: pictures, not frames
        try:
            image.seek(0)
            image.load()  # the whole file, before anything else reads it: truncated and corrupt
            transparent = _has_transparency(image)  # data show up here, and only here
        except MemoryError:
            raise _Refused(f"{self.name} is too large to decode in the memory available",
                           _SIZE_FIX) from None
        except Exception as exc:  # truncated data, broken streams, bad tables
            raise _Refused(f"{self.name} is corrupt or truncated: {_reason(exc)}",
                           _EXPORT_FIX) from None

        if kind not in EPUB_FORMATS:
            self.conversions.append(f"from {_format_name(kind)}, a format not every reading "
                                    "system and store takes")
        if frames > 1:
            self.conversions.append("only its first frame or page is kept")
        if (kind == "PNG" and head[24:25] == b"\x10") or image.mode.startswith("I;16"):
            self.conversions.append("16 bits per channel to 8")
        lossy = kind in LOSSY_SOURCES or (kind == "WEBP" and b"VP8L" not in head) or (
            kind == "TIFF" and "jpeg" in str(image.info.get("compression", "")))
        orientation = _orientation(image)
        icc = image.info.get("icc_profile")
        colour = self._colour_plan(image.mode, icc if isinstance(icc, bytes) else None)
        if transparent:
            self.conversions.append("transparent areas filled with white")
        if target != (width, height):
            final = target if orientation < 5 else (target[1], target[0])  # 5-8 turn it 90°
            self.note("OCT117", f"{self.name} is {width:,}×{height:,} px; it was scaled to "
                                f"{final[0]}×{final[1]} px for the EPUB (stores take images "
                                "of about 4 million pixels at most inside an ebook)")
        if orientation != 1:
            self.note("OCT117", f"{self.name} was turned upright as its Exif orientation says, "
                                "since not every reading system does that")
        self._check_small(*target)

        untouched = target == (width, height) and orientation == 1 and colour is None
        if kind in EPUB_FORMATS and untouched and not self.conversions:
            kept = self._keep_original(image, kind)
            if kept is not None:
                return kept
        try:
            pixels = self._convert(image, target, colour, transparent, orientation)
            return self._encode(pixels, lossy)
        except MemoryError:
            raise _Refused(f"{self.name} is too large to convert in the memory available",
                           _SIZE_FIX) from None

    # Checks -----------------------------------------------------------------------------------

    def _check_name(self, kind: str) -> None:
        from PIL import Image

        claimed = Image.registered_extensions().get(self.path.suffix.lower())
        claimed = "JPEG" if claimed == "MPO" else claimed
        if claimed is not None and claimed != kind:
            self.note("OCT117", f"{self.name} is named like a {_format_name(claimed)} file but "
                                f"is a {_format_name(kind)} image; it is used as what it is")

    def _check_memory(self, image: PILImage.Image, width: int, height: int) -> None:
        mode = image.mode  # other modes are converted in strips, or are small by then
        per_pixel = 1 if mode in ("1", "L", "P") else 2 if mode.startswith("I;16") else 4
        needed = image.width * image.height * per_pixel
        if image.format in ("JPEG", "MPO") and image.info.get("progressive"):
            needed += _jpeg_coefficient_bytes(image, width, height)
        if needed > MAX_DECODE_BYTES:
            raise _Refused(
                f"{self.name} is {width:,}×{height:,} px and would need {needed / 2**30:.1f} GB "
                f"of memory to decode (octavo allows {MAX_DECODE_BYTES / 2**30:.1f} GB)",
                _SIZE_FIX)

    def _check_small(self, width: int, height: int) -> None:
        if min(width, height) < STORE_MIN_SHORT_EDGE or max(width, height) < STORE_MIN_LONG_EDGE:
            self.note("OCT118", f"{self.name} is only {width}×{height} px; stores refuse covers "
                                f"under {STORE_MIN_SHORT_EDGE} px on the short side or "
                                f"{STORE_MIN_LONG_EDGE} px on the long side",
                      "supply the cover at 1600×2560 px, the size ebook stores recommend")

    def _colour_plan(self, mode: str, icc: bytes | None) -> _ColourStep | None:
        """How the colours become sRGB, or None when they already are (or are grey). Transforms
        are built here, so that a profile LittleCMS cannot use counts as no profile."""
        profile = _profile(icc)
        space = _space(profile)
        if mode == "CMYK":
            transform = _transform(profile, "CMYK") if space == "CMYK" else None
            if transform is not None:
                self.conversions.append("CMYK to sRGB through its colour profile "
                                        f"'{_description(profile)}'")
            else:
                self.conversions.append("CMYK to sRGB without a colour profile (the file has "
                                        "no usable one), so colours may shift")
            return _ColourStep("CMYK", transform)
        if mode == "LAB":
            self.conversions.append("Lab to sRGB")
            return _ColourStep("LAB", _transform(_lab(), "LAB"))
        if mode in ("YCbCr", "HSV"):
            self.conversions.append(f"{mode} to sRGB")
            return None  # the working mode (RGB) is the conversion
        if mode in ("RGB", "RGBA", "RGBX", "P", "PA") and space == "RGB":
            description = _description(profile)
            transform = _transform(profile, "RGB")
            if "srgb" not in description.lower() and transform is not None:
                self.conversions.append(f"from its colour profile '{description}' to sRGB")
                return _ColourStep("RGB", transform)
        return None  # no profile, an sRGB one, or one that does not work: sRGB is assumed

    # Conversion -------------------------------------------------------------------------------

    def _convert(self, image: PILImage.Image, target: tuple[int, int], colour: _ColourStep | None,
                 transparent: bool, orientation: int) -> PILImage.Image:
        from PIL import Image

        lab = colour if colour is not None and colour.source == "LAB" else None
        # A palette stays a palette in the PNG when nothing else changes its pixels.
        keep_palette = image.size == target and colour is None and not transparent

        def prepare(part: PILImage.Image) -> PILImage.Image:
            return _prepared_pixels(part, transparent, keep_palette, lab)

        if image.size != target and (image.mode not in _REDUCED_IN_PLACE or transparent):
            pixels = _reduced_in_strips(image, target, prepare)
        else:
            pixels = prepare(image)
        if pixels.size != target:
            pixels = pixels.resize(target, Image.Resampling.LANCZOS, reducing_gap=2.0)
        if colour is not None and colour.source in ("CMYK", "RGB"):
            pixels = _apply(colour.transform, pixels) if colour.transform else pixels.convert(
                "RGB")
        if orientation != 1:
            pixels = pixels.transpose(_transpose(orientation))
        return pixels

    # Output -----------------------------------------------------------------------------------

    def _keep_original(self, image: PILImage.Image, kind: str) -> PreparedCover | None:
        """The file's own bytes without its metadata, if they decode to the very same pixels;
        None when the JPEG's coding is one that reading systems often lack."""
        from PIL import Image

        try:
            data = self.path.read_bytes()
        except OSError as exc:
            raise _Refused(f"{self.name} cannot be read: {exc.strerror}") from None
        if kind == "JPEG":
            scan = _scan_jpeg(data)
            if scan is not None and not scan.plain:
                self.conversions.append("from arithmetic, lossless or hierarchical JPEG "
                                        "coding, which many reading systems lack")
                return None
            stripped = scan.data if scan is not None else None
        else:
            stripped = _strip_png(data)
        if stripped is not None and stripped != data:
            try:
                with Image.open(io.BytesIO(stripped)) as check:
                    same = check.mode == image.mode and check.tobytes() == image.tobytes()
            except Exception:  # then the original bytes go in, metadata and all
                same = False
            data = stripped if same else data
        media_type, extension = EPUB_FORMATS[kind]
        return PreparedCover(data, media_type, extension, image.width, image.height, False)

    def _encode(self, image: PILImage.Image, lossy: bool) -> PreparedCover:
        image.info.clear()  # no Exif, comment, profile or transparency carried over
        if lossy:
            kind, data = "JPEG", _save_jpeg(image)
        else:
            kind, data = "PNG", _save_png(image)
            if len(data) > PNG_BUDGET:
                jpeg = _save_jpeg(image)
                if 2 * len(jpeg) < len(data):
                    self.conversions.append(f"as JPEG ({len(jpeg) / 1e6:.1f} MB) since a PNG "
                                            f"would take {len(data) / 1e6:.1f} MB")
                    kind, data = "JPEG", jpeg
        if self.conversions:
            self.note("OCT116", f"{self.name} was converted for the EPUB, to {kind}: "
                                f"{'; '.join(self.conversions)}",
                      "export the cover as an 8-bit sRGB JPEG or PNG to control the result")
        media_type, extension = EPUB_FORMATS[kind]
        return PreparedCover(data, media_type, extension, image.width, image.height, True)


@dataclass(frozen=True, slots=True)
class _ColourStep:
    source: str  # CMYK, LAB or RGB
    transform: ImageCms.ImageCmsTransform | None  # to sRGB; None: Pillow's formula


def _prepared_pixels(image: PILImage.Image, transparent: bool, keep_palette: bool,
                     lab: _ColourStep | None) -> PILImage.Image:
    """L, RGB or CMYK (P or 1 as they are, with `keep_palette`): 8 bits a sample, Lab made
    sRGB, transparency flattened onto white. Works on a whole image or on a strip of one."""
    from PIL import Image

    pixels = _working_mode(image, transparent, keep_palette)
    if lab is not None:
        pixels = _apply(lab.transform, pixels) if lab.transform else pixels.convert("RGB")
    if pixels.mode not in ("LA", "RGBA"):
        return pixels
    opaque = "L" if pixels.mode == "LA" else "RGB"
    if not transparent:
        return pixels.convert(opaque)
    flat = Image.new(opaque, pixels.size, "white")
    flat.paste(pixels.convert(opaque), mask=pixels.getchannel("A"))
    return flat


def _working_mode(image: PILImage.Image, transparent: bool,
                  keep_palette: bool) -> PILImage.Image:
    """L, LA, RGB, RGBA, CMYK or LAB: modes that resample and convert cleanly (or P and 1 as
    they are, with `keep_palette`)."""
    from PIL import Image

    mode = image.mode
    if transparent and mode in ("1", "L", "P", "RGB"):
        return image.convert("RGBA")  # Pillow applies the palette's or the colour key's alpha
    if mode in ("L", "LA", "RGB", "RGBA", "CMYK", "LAB") or (
            keep_palette and mode in ("P", "1")):
        return image
    if mode.startswith("I;16"):  # 16-bit samples: their high byte, with one 2-byte copy
        raw = "L;16B" if mode == "I;16B" else "L;16"
        return Image.frombytes("L", image.size, image.tobytes(), "raw", raw)
    if mode == "I":  # 32-bit integers, as 16-bit greys come from some TIFFs
        return image.point(lambda v: v / 256).convert("L")
    if mode == "1":
        return image.convert("L")
    if mode in ("P", "PA"):
        return image.convert("RGBA" if mode == "PA" else "RGB")
    if mode in ("La", "RGBa"):
        return image.convert(mode.upper())
    return image.convert("RGB")  # YCbCr, HSV, RGBX


def _strips(image: PILImage.Image, multiple: int = 1) -> Iterator[tuple[int, PILImage.Image]]:
    """The image as horizontal strips of about 32 MB of pixels (a multiple of `multiple` rows
    high), with their top rows: full-size copies in another mode are never made."""
    width, height = image.size
    rows = multiple * max(1, (32 << 20) // (4 * width * multiple))
    for top in range(0, height, rows):
        yield top, image.crop((0, top, width, min(height, top + rows)))


def _reduced_in_strips(image: PILImage.Image, target: tuple[int, int],
                       prepare: Callable[[PILImage.Image], PILImage.Image]) -> PILImage.Image:
    """`prepare`d and reduced by a whole factor strip by strip, to at least twice `target`.

    For modes Pillow would first copy whole to resample (alpha premultiplied, palettes and
    16-bit samples expanded): a 12000 × 18000 RGBA cover then needs 0.9 GB, not 1.8.
    """
    from PIL import Image

    width, height = image.size
    factor = max(1, min(width // (2 * target[0]), height // (2 * target[1])))
    reduced: PILImage.Image | None = None
    for top, strip in _strips(image, factor):
        part = prepare(strip)
        part = part.reduce(factor) if factor > 1 else part
        if reduced is None:
            reduced = Image.new(part.mode, (-(-width // factor), -(-height // factor)))
        reduced.paste(part, (0, top // factor))
    assert reduced is not None
    return reduced


def _has_transparency(image: PILImage.Image) -> bool:
    """Whether any pixel is less than opaque (an alpha channel or a transparent palette entry
    that no pixel uses does not count)."""
    mode, key = image.mode, image.info.get("transparency")
    if mode in ("LA", "RGBA", "PA", "La", "RGBa"):
        low = image.getextrema()[-1][0]  # type: ignore[index]  # per band, and no copy
        return isinstance(low, int) and low < 255
    if key is None or mode not in ("1", "L", "P", "RGB"):
        return False
    if mode in ("P", "L") and isinstance(key, (int, bytes)):
        alphas = {key: 0} if isinstance(key, int) else dict(enumerate(key))
        counts = image.histogram()  # no copy of the pixels, whatever the image's size
        return any(counts[i] for i, alpha in alphas.items() if alpha < 255 and i < len(counts))
    for _, strip in _strips(image):  # a colour key: look for it, a strip at a time
        low = strip.convert("RGBA").getextrema()[-1][0]  # type: ignore[index]
        if isinstance(low, int) and low < 255:
            return True
    return False


# --- Helpers -----------------------------------------------------------------------------------

_EXPORT_FIX = "export the cover from your image editor as a JPEG or PNG"
_SIZE_FIX = "export the cover at about 1600×2560 px, the size ebook stores recommend"
_REDUCED_IN_PLACE = ("L", "RGB", "CMYK")  # Pillow reduces these without a full-size copy


def _format_name(kind: str) -> str:
    return FORMAT_NAMES.get(kind, kind)


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _fit(width: int, height: int) -> tuple[int, int]:
    """The largest size with the same proportions within the EPUB limits."""
    scale = min(1.0, math.sqrt(EPUB_MAX_PIXELS / (width * height)),
                EPUB_MAX_EDGE / max(width, height))
    if scale >= 1.0:
        return width, height
    return max(1, math.floor(width * scale)), max(1, math.floor(height * scale))


def _frame_count(image: PILImage.Image) -> int:
    try:
        return int(getattr(image, "n_frames", 1))
    except Exception:  # counting frames reads the file; a damaged tail shows up at load
        return 1


def _orientation(image: PILImage.Image) -> int:
    try:
        value = image.getexif().get(_ORIENTATION_TAG, 1)
    except Exception:  # a damaged Exif block: the pixels are still good
        return 1
    return value if isinstance(value, int) and 2 <= value <= 8 else 1


def _transpose(orientation: int) -> PILImage.Transpose:
    """The operation that turns an image with this Exif orientation upright (as ImageOps)."""
    from PIL import Image

    return {
        2: Image.Transpose.FLIP_LEFT_RIGHT,
        3: Image.Transpose.ROTATE_180,
        4: Image.Transpose.FLIP_TOP_BOTTOM,
        5: Image.Transpose.TRANSPOSE,
        6: Image.Transpose.ROTATE_270,
        7: Image.Transpose.TRANSVERSE,
        8: Image.Transpose.ROTATE_90,
    }[orientation]


def _jpeg_coefficient_bytes(image: PILImage.Image, width: int, height: int) -> int:
    """What libjpeg holds for a progressive JPEG whatever the scale: every DCT coefficient,
    2 bytes each, for every component at its own sampling."""
    layers = getattr(image, "layer", None) or [("", 1, 1, 0)] * 3
    h_max = max(layer[1] for layer in layers)
    v_max = max(layer[2] for layer in layers)
    return sum(2 * width * height * layer[1] * layer[2] // (h_max * v_max) for layer in layers)


def _describe(head: bytes) -> str:
    """What a file that is not a readable image seems to be, for the error message."""
    start = head.lstrip()
    if start.startswith(b"<svg") or (start.startswith(b"<?xml") and b"<svg" in head):
        return "an SVG drawing, which octavo does not turn into a cover image"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
        return "a HEIC image, which this installation cannot read"
    if head.startswith(b"8BPS"):
        return "a Photoshop document, which octavo does not read"
    if head.startswith((b"%!PS", b"\xc5\xd0\xd3\xc6")):
        return "a PostScript (EPS) file, which octavo does not read"
    if head.startswith(b"%PDF"):
        return "not an image (it is a PDF document)"
    if head.startswith(b"PK\x03\x04"):
        return "not an image (it is a ZIP archive)"
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as exc:  # perhaps a character cut at the end of the sample
        text = head[:exc.start].decode("utf-8") if exc.start > len(head) - 4 else ""
    if text and all(c.isprintable() or c in "\t\r\n" for c in text):
        return "not an image (it holds text)"
    return "not an image in a format octavo reads (PNG, JPEG, GIF, TIFF, BMP, WebP, AVIF)"


def _srgb() -> ImageCmsProfile:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _lab() -> ImageCmsProfile:
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB"))


def _transform(profile: ImageCmsProfile | None, mode: str) -> ImageCms.ImageCmsTransform | None:
    """`mode` (CMYK, LAB or RGB) in `profile` to sRGB, relative colorimetric as image editors
    convert for screens; None if LittleCMS cannot make it."""
    from PIL import ImageCms

    if profile is None:
        return None
    try:
        return ImageCms.buildTransform(profile, _srgb(), mode, "RGB",
                                       ImageCms.Intent.RELATIVE_COLORIMETRIC)
    except Exception:  # ImageCms.PyCMSError and friends: a profile without the tables needed
        return None


def _profile(icc: bytes | None) -> ImageCmsProfile | None:
    from PIL import ImageCms

    if not icc:
        return None
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(icc))
    except Exception:  # ImageCms.PyCMSError, OSError: a broken profile is ignored
        return None


def _space(profile: ImageCmsProfile | None) -> str:
    return str(getattr(getattr(profile, "profile", None), "xcolor_space", "")).strip()


def _description(profile: ImageCmsProfile | None) -> str:
    from PIL import ImageCms

    if profile is None:
        return "unnamed"

    try:
        return ImageCms.getProfileDescription(profile).strip() or "unnamed"
    except Exception:
        return "unnamed"


def _apply(transform: ImageCms.ImageCmsTransform, image: PILImage.Image) -> PILImage.Image:
    from PIL import ImageCms

    result = ImageCms.applyTransform(image, transform)
    assert result is not None
    return result


def _save_jpeg(image: PILImage.Image) -> bytes:
    buffer = io.BytesIO()
    rgb = image if image.mode in ("L", "RGB") else image.convert("RGB")
    # 4:4:4: no colour bleeding around the title's letters. No optimised Huffman tables: they
    # save a few per cent, but Pillow's buffer for them assumes a byte a pixel, which detailed
    # artwork can exceed (libjpeg then fails, printing "Suspension not allowed here").
    rgb.save(buffer, format="JPEG", quality=JPEG_QUALITY, subsampling=0)
    return buffer.getvalue()


def _save_png(image: PILImage.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")  # level 6: level 9 takes ten times as long on photographs
    return buffer.getvalue()


# --- Lossless metadata removal -----------------------------------------------------------------

_SOF_PLAIN = {0xC0, 0xC1, 0xC2}  # baseline, extended and progressive Huffman: what readers show
_KEPT_APP = {0xE0: (b"JFIF\x00",), 0xE2: (b"ICC_PROFILE\x00",), 0xEE: (b"Adobe",)}


@dataclass(frozen=True, slots=True)
class _JpegScan:
    data: bytes  # the first picture, without metadata segments
    plain: bool  # baseline, extended or progressive Huffman coding


def _scan_jpeg(data: bytes) -> _JpegScan | None:
    """The first picture of a JPEG without Exif, XMP, comments and thumbnails (and without an
    MPO's further pictures), or None when its structure is not as expected."""
    if not data.startswith(b"\xff\xd8"):
        return None
    out = bytearray(b"\xff\xd8")
    size, i, sof = len(data), 2, 0
    while i < size:
        if data[i] != 0xFF:
            return None
        while i < size and data[i] == 0xFF:  # fill bytes
            i += 1
        if i >= size:
            return None
        marker = data[i]
        i += 1
        if marker == 0xD9:
            out += b"\xff\xd9"
            return _JpegScan(bytes(out), sof in _SOF_PLAIN)
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out += bytes((0xFF, marker))
            continue
        length = int.from_bytes(data[i:i + 2], "big")
        end = i + length
        if length < 2 or end > size:
            return None
        payload = data[i + 2:end]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            sof = marker
        keep = not (0xE0 <= marker <= 0xEF or marker == 0xFE)
        if marker in _KEPT_APP:
            keep = payload.startswith(_KEPT_APP[marker])
        if keep:
            out += bytes((0xFF, marker)) + data[i:end]
        i = end
        if marker == 0xDA:  # entropy-coded data runs to the next marker that is not RSTn
            j = i
            while True:
                j = data.find(b"\xff", j)
                if j < 0 or j + 1 >= size:
                    return None
                k = j + 1
                while k < size and data[k] == 0xFF:
                    k += 1
                if k < size and (data[k] == 0 or 0xD0 <= data[k] <= 0xD7):
                    j = k + 1
                    continue
                break
            out += data[i:j]
            i = j
    return None


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_KEPT = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"gAMA", b"cHRM", b"sRGB", b"iCCP",
             b"sBIT"}


def _strip_png(data: bytes) -> bytes | None:
    """The PNG with only the chunks that shape its pixels and colours (no text, time or Exif)."""
    if not data.startswith(_PNG_SIGNATURE):
        return None
    out = bytearray(_PNG_SIGNATURE)
    i = len(_PNG_SIGNATURE)
    while i + 12 <= len(data):
        length = int.from_bytes(data[i:i + 4], "big")
        kind = data[i + 4:i + 8]
        end = i + 12 + length
        if end > len(data):
            return None
        if kind in _PNG_KEPT:
            out += data[i:end]
        if kind == b"IEND":
            return bytes(out)
        i = end
    return None
