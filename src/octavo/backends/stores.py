"""`octavo build --store kobo|apple|google|kindle|generic`: one EPUB per store, each with what
that store needs, each written beside the main EPUB and passing EPUBCheck like it.

- kobo: `<stem>.kepub.epub`, Kobo's own markup (`kepub.py`): sentence spans and the body
  wrappers its renderer paginates with.
- apple: images within 4 million pixels (Apple Books' limit), and the display-options file
  that lets the book's embedded fonts show.
- google: images within 3,200 pixels a side; files under 2 GB.
- kindle: KDP takes EPUB; it adds the cover it is given, so there is no cover page inside, and
  the scene-break ornament is an image rather than a background (Kindle's guidelines advise
  against background images); 650 MB at most.
- generic: the EPUB as built, under its store name.

A file over a store's size limit is an error (OCT473); an image scaled down for a store is
reported (OCT472).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from octavo.backends.base import Artifact, BuildOptions, Progress, atomic_output
from octavo.diagnostics import Diagnostics
from octavo.document import Book
from octavo.store_names import STORES

__all__ = ["STORES", "write_store_flavours"]

_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class StoreRules:
    max_bytes: int
    max_pixels: int | None = None  # width × height of any raster image
    max_side: int | None = None  # longest side of any raster image, in pixels


RULES: dict[str, StoreRules] = {
    "kobo": StoreRules(max_bytes=100 * _MB),
    "apple": StoreRules(max_bytes=2048 * _MB, max_pixels=4_000_000),
    "google": StoreRules(max_bytes=2048 * _MB, max_side=3200),
    "kindle": StoreRules(max_bytes=650 * _MB),
    "generic": StoreRules(max_bytes=2048 * _MB),
}

_APPLE_OPTIONS = b"""<?xml version="1.0" encoding="UTF-8"?>
<display_options>
<platform name="*">
<option name="specified-fonts">true</option>
</platform>
</display_options>
"""


def store_file_name(stem: str, store: str) -> str:
    return f"{stem}.kepub.epub" if store == "kobo" else f"{stem}.{store}.epub"


def write_store_flavours(book: Book, options: BuildOptions, diags: Diagnostics,
                         progress: Progress, staged: list[Artifact]) -> list[Artifact]:
    """Write every flavour `options.stores` asks for into the output folder."""
    if not options.stores:
        return []
    from octavo.backends.epub import build_epub
    from octavo.backends.epub_zip import repack

    written = []
    for store in dict.fromkeys(options.stores):
        data = build_epub(book, options, diags, progress,
                          flavour="kindle" if store == "kindle" else "generic")
        entries = _entries(data)
        rules = RULES[store]
        _limit_images(entries, rules, store, diags)
        if store == "kobo":
            from octavo.backends.kepub import kepubify

            entries = kepubify(entries)
        if store == "kindle":
            entries = {name: kindle_scene_breaks(content) if name.endswith(".xhtml") else content
                       for name, content in entries.items()}
            entries["EPUB/styles/epub.css"] += KINDLE_CSS
        if store == "apple" and book.epub_fonts == "embed":
            entries["META-INF/com.apple.ibooks.display-options.xml"] = _APPLE_OPTIONS
        path = options.output_dir / store_file_name(options.stem, store)
        with atomic_output(path) as tmp_path:
            repack(_zip(entries), tmp_path, options.timestamp)
            size = tmp_path.stat().st_size
            if size > rules.max_bytes:
                diags.error("OCT473", f"the {store} EPUB is {size / _MB:.1f} MB; {store} takes "
                            f"at most {rules.max_bytes // _MB} MB")
        written.append(Artifact(format=f"epub:{store}", path=path, size=path.stat().st_size))
    return written


def _entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _limit_images(entries: dict[str, bytes], rules: StoreRules, store: str,
                  diags: Diagnostics) -> None:
    """Scale down any raster image beyond the store's limits, keeping its format."""
    if rules.max_pixels is None and rules.max_side is None:
        return
    from PIL import Image

    for name, content in list(entries.items()):
        if not name.lower().endswith((".png", ".jpg", ".jpeg")):
            continue
        with Image.open(io.BytesIO(content)) as image:
            width, height = image.size
            scale = 1.0
            if rules.max_pixels and width * height > rules.max_pixels:
                scale = min(scale, (rules.max_pixels / (width * height)) ** 0.5)
            if rules.max_side and max(width, height) > rules.max_side:
                scale = min(scale, rules.max_side / max(width, height))
            if scale >= 1.0:
                continue
            size = (max(1, int(width * scale)), max(1, int(height * scale)))
            smaller = image.resize(size, Image.Resampling.LANCZOS)
            out = io.BytesIO()
            kind = "PNG" if name.lower().endswith(".png") else "JPEG"
            save: Callable[..., None] = smaller.save
            save(out, format=kind, **({"optimize": True} if kind == "PNG" else {"quality": 90}))
        entries[name] = out.getvalue()
        diags.info("OCT472", f"{name.rsplit('/', 1)[-1]} scaled from {width}×{height} to "
                   f"{size[0]}×{size[1]} px for {store}")


def kindle_scene_breaks(content: bytes) -> bytes:
    """Kindle's guidelines advise against background images in reflowable text, which is how
    the scene-break ornament is drawn elsewhere: here each break becomes a separator holding
    the same ornament as an image (decorative: empty alt)."""
    if b"scene-break" not in content:
        return content
    from lxml import etree

    xhtml = "{http://www.w3.org/1999/xhtml}"
    root = etree.fromstring(content, etree.XMLParser(resolve_entities=False, no_network=True))
    for rule in root.iter(f"{xhtml}hr"):
        classes = (rule.get("class") or "").split()
        style = next((c for c in classes if c in ("ornament", "asterism")), None)
        if "scene-break" not in classes or style is None:
            continue
        separator = etree.Element(f"{xhtml}div", {"class": " ".join(classes), "role": "separator"})
        etree.SubElement(separator, f"{xhtml}img", {"src": f"../images/scene-{style}.svg",
                                                    "alt": "", "class": "scene-break-image"})
        separator.tail = rule.tail
        rule.getparent().replace(rule, separator)
    out: bytes = etree.tostring(root, xml_declaration=True, encoding="utf-8",
                                doctype="<!DOCTYPE html>")
    return out


KINDLE_CSS = b"""
/* Kindle: the scene-break ornament is an image in a separator, not a background. */
div.scene-break {
  background-image: none;
  height: auto;
  margin: 1em 0;
  text-align: center;
  text-indent: 0;
}

div.scene-break img.scene-break-image {
  height: 1em;
}

div.scene-break.asterism img.scene-break-image {
  height: 1.6em;
}
"""
