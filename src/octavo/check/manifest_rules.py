"""Checks on the manifest and its assets that stores and printers care about.

The manifest loader already refuses what cannot be built; these find what builds but would be
queried by a store or a printer: a small or oddly shaped cover, missing description or author.
(What the EPUB needs done to a cover, CMYK or a format stores refuse, octavo.cover does and
reports: OCT116-118.)
"""

from __future__ import annotations

from pathlib import Path

from octavo.diagnostics import Diagnostic, Severity, Span
from octavo.manifest import Manifest
from octavo.manifest_epub import cover_findings
from octavo.paths import display_path

STORE_MIN_LONG_SIDE = 1600  # px: Amazon, Apple and Kobo ask for at least this
PRINT_DPI = 300
BLEED_IN = 0.125
IDEAL_RATIO = 1.6  # height / width: the 1:1.6 that ebook stores recommend

MANIFEST_CODES: dict[str, tuple[Severity, str]] = {
    "OCT130": (Severity.WARNING, "the cover is too small for ebook stores"),
    "OCT131": (Severity.INFO, "the cover's proportions are far from the usual 1:1.6"),
    "OCT133": (Severity.INFO, "the cover is too small to print at 300 dpi"),
    "OCT134": (Severity.WARNING, "the book has no description, which stores require"),
    "OCT135": (Severity.WARNING, "the book names no author or editor"),
    "OCT136": (Severity.INFO, "the book has no ISBN; a stable UUID is used instead"),
}


def manifest_findings(manifest: Manifest) -> list[Diagnostic]:
    top = Span(display_path(manifest.path), 1, 1)
    found: list[Diagnostic] = []

    def add(code: str, message: str, span: Span) -> None:
        found.append(Diagnostic(MANIFEST_CODES[code][0], code, message, span))

    if not manifest.description:
        add("OCT134", "no 'description': stores show it on the book's page", top)
    if not manifest.authors and not manifest.editors:
        add("OCT135", "no 'author' or 'editor': stores need a contributor name", top)
    if manifest.identifier.scheme != "isbn":
        add("OCT136", "no ISBN in 'identifier'; print-on-demand shops need one", top)
    if manifest.cover is not None and manifest.cover_span is not None:
        found.extend(_cover_findings(manifest, manifest.cover, manifest.cover_span))
    found.extend(cover_findings(manifest.cover is not None, manifest.epub.cover_alt, top,
                                manifest.cover_span))  # OCT155, OCT156 (issue 12)
    return found


def _cover_findings(manifest: Manifest, cover: Path, span: Span) -> list[Diagnostic]:
    from octavo.cover import prepare_cover

    # Cached: the manifest loader has already prepared (and, if need be, refused) this cover.
    prepared = prepare_cover(cover, span)
    if prepared.original is None:
        return []
    width, height = prepared.original.width, prepared.original.height
    found = []

    def add(code: str, message: str) -> None:
        found.append(Diagnostic(MANIFEST_CODES[code][0], code, message, span))

    unusable = any(d.code == "OCT118" for d in prepared.diagnostics)  # said more strongly there
    if max(width, height) < STORE_MIN_LONG_SIDE and not unusable:
        add("OCT130", f"the cover is {width}×{height} px; stores want at least "
                      f"{STORE_MIN_LONG_SIDE} px on the long side")
    ratio = height / width if width else 0
    if not 1.4 <= ratio <= 1.8:
        add("OCT131", f"the cover is {width}×{height} px (1:{ratio:.2f}); ebook stores "
                      f"recommend about 1:{IDEAL_RATIO}")
    trim = manifest.print.trim
    need_w = round((trim.width_in + BLEED_IN) * PRINT_DPI)
    need_h = round((trim.height_in + 2 * BLEED_IN) * PRINT_DPI)
    if width < need_w or height < need_h:
        add("OCT133", f"the cover is {width}×{height} px; a {trim.name} front cover at "
                      f"{PRINT_DPI} dpi with bleed needs {need_w}×{need_h} px")
    return found
