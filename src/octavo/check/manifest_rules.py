"""Checks on the manifest and its assets that stores and printers care about.

The manifest loader already refuses what cannot be built; these find what builds but would be
queried by a store or a printer: a small or oddly shaped cover, missing description or author.
(What the EPUB needs done to a cover, CMYK or a format stores refuse, octavo.cover does and
reports: OCT116-118.)
"""

from __future__ import annotations

from pathlib import Path

from octavo.diagnostics import Diagnostic, Severity, Span
from octavo.explanations import explained, severity_table
from octavo.manifest import Manifest
from octavo.manifest_epub import cover_findings
from octavo.paths import display_path

STORE_MIN_LONG_SIDE = 1600  # px: Amazon, Apple and Kobo ask for at least this
PRINT_DPI = 300
BLEED_IN = 0.125
IDEAL_RATIO = 1.6  # height / width: the 1:1.6 that ebook stores recommend

MANIFEST_CODES: dict[str, tuple[Severity, str]] = severity_table(
    explained(
        "OCT130", "the cover is too small for ebook stores", severity=Severity.WARNING,
        meaning=f"The cover is less than {STORE_MIN_LONG_SIDE} px on its long side.",
        why="Amazon, Apple and Kobo ask for at least 1600 px; smaller covers look blurred in "
            "the store and may be refused.",
        fix="Export the cover at 1600×2560 px (or larger: octavo scales it down).",
        before="cover: covers/cover.png      # 1000×1600 px",
        after="cover: covers/cover.png      # 1600×2560 px"),
    explained(
        "OCT131", "the cover's proportions are far from the usual 1:1.6", severity=Severity.INFO,
        meaning="The cover's height is not about 1.6 times its width.",
        why="Stores show covers in 1:1.6 frames; another shape gets bars or is cropped.",
        fix="Make the cover 1600×2560 px, or another size of the same proportions.",
        before="cover: covers/square.png     # 2000×2000 px",
        after="cover: covers/cover.png      # 1600×2560 px"),
    explained(
        "OCT133", "the cover is too small to print at 300 dpi", severity=Severity.INFO,
        meaning="The cover has fewer pixels than the trim size with bleed needs at 300 dpi.",
        why="Printed at a lower resolution, it looks soft or pixelated on paper.",
        fix="Use a cover image of at least the size the message names for the print cover.",
        before="build: {trim: 6x9}\ncover: covers/cover.png      # 1600×2560 px",
        after="build: {trim: 6x9}\ncover: covers/cover.png      # 1838×2775 px or more"),
    explained(
        "OCT134", "the book has no description, which stores require", severity=Severity.WARNING,
        meaning="book.yaml has no `description`.",
        why="Stores show the description on the book's page; most refuse a book without one.",
        fix="Add a few sentences that tell a reader what the book is.",
        before="title: The Salt House",
        after="title: The Salt House\ndescription: A family, a storm, and the house that kept "
              "them."),
    explained(
        "OCT135", "the book names no author or editor", severity=Severity.WARNING,
        meaning="book.yaml has neither `author` nor `editor`.",
        why="Stores need a contributor name; the title page and metadata would be anonymous.",
        fix="Add `author:` (a novel) or `editor:` (an anthology).",
        before="title: The Salt House",
        after="title: The Salt House\nauthor: Jo Novelist"),
    explained(
        "OCT136", "the book has no ISBN; a stable UUID is used instead", severity=Severity.INFO,
        meaning="`identifier` is absent or a UUID, so the book has no ISBN.",
        why="Ebook stores do not need one, but print-on-demand shops and libraries do.",
        fix="When you have an ISBN, add it as `identifier`.",
        before="title: The Salt House",
        after="title: The Salt House\nidentifier: 978-0-306-40615-7"),
)


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
