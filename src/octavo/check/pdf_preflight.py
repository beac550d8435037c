"""A print shop's preflight, on any PDF: the rules of a print profile, measured, located.

`octavo check --pdf FILE --profile kdp|ingram|generic` runs it on a file octavo did not make as
readily as on its own, and the PDF backend runs it on every book it builds. Each finding names
the page, what was measured and what is required. Text positions come from PDFium
(pypdfium2), which lays text out as a viewer does; colours, fonts and boxes are read with
pikepdf. The measures:

- page count within the shop's range, and even; file size under its limit;
- the inside margin (text to the spine edge) at least the shop's gutter for the page count, and
  every piece of text (running heads and folios included) inside the safe zone;
- PDF/X: the output intent and `GTS_PDFXVersion`, TrimBox and BleedBox on every page (the
  bleed on the outer edges only), no transparency and no RGB or Lab colour for X-1a, the
  version the standard allows;
- a black-and-white interior sets its text in pure black (grey, or CMYK with K alone);
- no colour space defined and never used; no annotations where the shop forbids them;
- each font program once, under one name; fonts embedded whole where the shop prefers it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from octavo.diagnostics import Diagnostic, Severity, Span
from octavo.explanations import explained, severity_table
from octavo.print_profiles import BLEED_IN, Rules
from octavo.render.direction import Direction

POINTS_PER_INCH = 72
TOLERANCE_IN = 0.005  # measuring noise: glyph boxes are rounded to hundredths of a point
MAX_PAGE_FINDINGS = 10  # per rule; then one summary line

PREFLIGHT_CODES: dict[str, tuple[Severity, str]] = severity_table(
    explained(
        "OCT430", "the page count is outside the print shop's range", severity=Severity.ERROR,
        meaning="The PDF has fewer pages than the print shop binds, or more than it can bind on "
                "the paper chosen (KDP, black and white on white paper: 24 to 828).",
        why="The shop refuses the interior at upload.",
        fix="Build with octavo (it pads a short book to the minimum); for a long book choose a "
            "larger trim or a smaller font size, or split it into volumes.",
        before="book.pdf: error OCT430 912 pages; KDP prints 24 to 828 pages on white paper",
        after="(a 6×9 in interior of 700 pages)"),
    explained(
        "OCT431", "the page count is odd; the shop adds a blank page", severity=Severity.WARNING,
        meaning="The interior has an odd number of pages.",
        why="A printed book has an even number of pages; the shop adds a blank one at the end, "
            "which may not be where you want it.",
        fix="End the interior with a blank page (octavo's PDFs always have an even count).",
        before="201 pages",
        after="202 pages (the last a blank verso)"),
    explained(
        "OCT432", "the file is larger than the print shop accepts", severity=Severity.ERROR,
        meaning="The PDF's size in megabytes is above the print shop's upload limit.",
        why="The upload is refused.",
        fix="Scale large images down to 300 dpi at their printed size, or embed fonts as "
            "subsets (`build.fonts: subset`).",
        before="book.pdf: 710 MB",
        after="book.pdf: 48 MB"),
    explained(
        "OCT433", "the inside margin is narrower than the shop's gutter for this page count",
        severity=Severity.ERROR,
        meaning="On the page named, text comes closer to the spine edge than the print shop's "
                "gutter for the book's page count (KDP: 0.375 in up to 150 pages, 0.5 in up to "
                "300, 0.625 in up to 500, 0.75 in up to 700, 0.875 in beyond).",
        why="Text that close to the spine disappears into the binding; the shop refuses the "
            "file.",
        fix="Let octavo choose the gutter (leave out `build.gutter`), or widen the inside "
            "margin to the figure the message names.",
        before="page 12: the inside margin is 0.52 in; KDP requires 0.625 in for 320 pages",
        after="page 12: inside margin 0.875 in"),
    explained(
        "OCT434", "text (a running head, a folio, a line) lies outside the safe zone",
        severity=Severity.ERROR,
        meaning="On the page named, text comes closer to a trim edge (top, bottom or outside) "
                "than the print shop's safe zone (IngramSpark: 0.5 in).",
        why="Pages are trimmed with a tolerance; text that near the edge may be cut off.",
        fix="Build with octavo (it places heads and folios inside the zone), or move the "
            "text in from the edge the message names.",
        before="page 7: a running head 0.31 in from the top trim; the safe zone is 0.5 in",
        after="page 7: running head 0.5 in from the top trim"),
    explained(
        "OCT435", "the PDF/X output intent or version marker is missing or wrong",
        severity=Severity.ERROR,
        meaning="The profile asks for PDF/X, and the file lacks what makes it one: the "
                "GTS_PDFXVersion marker, an output intent with a CMYK or grey ICC profile, or "
                "the /Trapped key.",
        why="A shop that requires PDF/X refuses the file, or prints its colours by guesswork.",
        fix="Build with octavo (`build.pdf_standard: x-1a` or `x-4`), or export as PDF/X from "
            "the program that made the file.",
        before="book.pdf: no PDF/X output intent (/OutputIntents with /S /GTS_PDFX)",
        after="book.pdf: PDF/X-1a:2003, output intent FOGRA39"),
    explained(
        "OCT436", "a page's TrimBox or BleedBox is missing or does not match the trim and bleed",
        severity=Severity.ERROR,
        meaning="A page has no TrimBox or BleedBox, or the boxes do not say the book's trim "
                "(plus 0.125 in on the outer edges when the book bleeds).",
        why="The printer cuts where the TrimBox says; without it, or with a wrong one, pages "
            "are cut in the wrong place.",
        fix="Build with octavo, which sets both boxes on every page, or set them in the "
            "program that made the file.",
        before="page 3: no TrimBox",
        after="page 3: TrimBox 0 0 432 648, BleedBox the same"),
    explained(
        "OCT437", "transparency in a PDF/X-1a file", severity=Severity.ERROR,
        meaning="A page uses transparency (a soft mask, an alpha below 1, a blend mode), which "
                "PDF/X-1a forbids.",
        why="The shop's printing system may flatten it wrongly or refuse the file.",
        fix="Use images without transparency, or choose `build.pdf_standard: x-4`, which allows "
            "it.",
        before="page 5: a PNG with an alpha channel",
        after="page 5: the same picture, flattened on white"),
    explained(
        "OCT438", "RGB or Lab colour in a PDF/X-1a file (CMYK and grey only)",
        severity=Severity.ERROR,
        meaning="A page uses RGB or Lab colour; PDF/X-1a allows only CMYK and grey.",
        why="The shop converts the colours itself, and they print differently from what you "
            "saw, or it refuses the file.",
        fix="Convert images to CMYK or grey, or choose `build.pdf_standard: x-4`.",
        before="page 9: an RGB photograph",
        after="page 9: the photograph converted to CMYK"),
    explained(
        "OCT439", "text in a black-and-white interior is not pure black (grey or K)",
        severity=Severity.ERROR,
        meaning="Text on the page named is set in RGB black (0 0 0 rg) or in CMYK with colour "
                "inks, not in grey or the black ink alone.",
        why="A black-and-white press prints rich or RGB black as a grey screen: the text comes "
            "out fuzzy.",
        fix="Build with octavo (its text is K only), or set the text colour to grey or "
            "0 0 0 1 k.",
        before="page 4: text in DeviceRGB 0 0 0",
        after="page 4: text in DeviceCMYK 0 0 0 1"),
    explained(
        "OCT440", "a colour space is defined but never used", severity=Severity.WARNING,
        meaning="A page's resources define a colour space that nothing on the page uses.",
        why="Preflight tools flag it, and an unused RGB or Lab space can make a PDF/X-1a file "
            "look non-compliant.",
        fix="Build with octavo (it removes unused spaces), or re-save the file with a PDF "
            "optimiser.",
        before="page 2: /Lab colour space defined, never used",
        after="page 2: only the colour spaces it uses"),
    explained(
        "OCT441", "one font name is given to different font programs", severity=Severity.ERROR,
        meaning="Several embedded fonts with different glyph data share one PostScript name "
                "(RBQAEQ+Charis-SIL), usually because each chapter was subset on its own.",
        why="A printer's RIP may take one program for all of them and print wrong or missing "
            "characters.",
        fix="Build with octavo (one subset per font for the whole book), or re-export with "
            "fonts embedded once.",
        before="5 different programs are all named RBQAEQ+Charis-SIL",
        after="Charis-SIL embedded once"),
    explained(
        "OCT442", "the same font is embedded as several programs", severity=Severity.WARNING,
        meaning="One font (by its name without the subset prefix) is embedded more than once, "
                "as different subsets.",
        why="It makes the file larger, and preflight tools flag it.",
        fix="Build with octavo, which embeds each font once for the whole book.",
        before="Charis-SIL is embedded 49 times",
        after="Charis-SIL is embedded once"),
    explained(
        "OCT443", "a font is embedded as a subset; the shop prefers whole fonts",
        severity=Severity.INFO,
        meaning="The print profile prefers whole fonts (KDP) and a font is embedded as a "
                "subset.",
        why="The shop accepts subsets, but whole fonts let it correct a page without your "
            "files.",
        fix="Leave `build.fonts` to the profile, or set `build.fonts: full`.",
        before="build:\n  fonts: subset     # print: kdp",
        after="build:\n  print: kdp       # fonts embedded whole"),
    explained(
        "OCT444", "a page has annotations (links, comments), which the shop refuses",
        severity=Severity.ERROR,
        meaning="A page carries annotations: links, comments, form fields.",
        why="Print shops refuse interiors with annotations; on paper they mean nothing.",
        fix="Build with octavo (the print PDF has none), or remove links and comments before "
            "exporting.",
        before="page 12: 3 annotations (/Link)",
        after="page 12: no annotations"),
    explained(
        "OCT445", "a Type 3 font (drawn glyphs), which preflight tools flag",
        severity=Severity.WARNING,
        meaning="A page uses a Type 3 font, whose glyphs are drawings rather than an outline "
                "font.",
        why="Type 3 fonts print poorly at small sizes, and preflight tools flag them.",
        fix="Use an OpenType or TrueType font instead.",
        before="page 6: Type 3 font T3Font_0",
        after="page 6: Charis-SIL (TrueType)"),
    explained(
        "OCT446", "the PDF is encrypted", severity=Severity.ERROR,
        meaning="The file is encrypted or password-protected.",
        why="Print shops cannot process encrypted files and refuse them.",
        fix="Export the PDF again without a password or security settings.",
        before="book.pdf: encrypted (RC4, 128 bits)",
        after="book.pdf: not encrypted"),
    explained(
        "OCT447", "the PDF version is newer than the PDF/X standard allows",
        severity=Severity.ERROR,
        meaning="The file's PDF version is higher than its PDF/X standard permits (PDF/X-1a:2001 "
                "1.3, PDF/X-1a:2003 1.4, PDF/X-4 1.6).",
        why="Preflight refuses the file as not conforming to the standard it claims.",
        fix="Build with octavo, or export with the version the standard requires.",
        before="PDF 1.7; PDF/X-1a:2003 allows at most PDF 1.4",
        after="PDF 1.4, PDF/X-1a:2003"),
    explained(
        "OCT448", "the print shop does not print this trim size", severity=Severity.ERROR,
        meaning="The book's trim (`build.trim`, or the PDF's page size measured from its "
                "TrimBox) is not on the print shop's list of trims, and the shop prints no "
                "other sizes (IngramSpark), or it is outside the range the shop prints as custom "
                "sizes (KDP: 4 to 8.5 in wide, 6 to 11.69 in tall). The message names the "
                "shop's nearest trims.",
        why="The shop's upload asks for one of its trims first; an interior of another size is "
            "refused.",
        fix="Choose one of the trims the message names (`build: trim: 5.5x8.5`), or another "
            "shop (`build: print: kdp`).",
        before="build:\n  print: ingram\n  trim: 5.4x8.4",
        after="build:\n  print: ingram\n  trim: 5.5x8.5"),
    explained(
        "OCT449", "KDP prints this trim only as a custom size (no Expanded Distribution)",
        severity=Severity.WARNING,
        meaning="The trim is inside KDP's range for custom sizes but not one of its standard "
                "trims.",
        why="KDP prints and sells a custom trim on Amazon, but not through Expanded "
            "Distribution to bookshops and libraries.",
        fix="Choose one of the standard trims the message names, unless the book is to be "
            "sold on Amazon only.",
        before="build:\n  trim: 5.4x8.4",
        after="build:\n  trim: 5.5x8.5"),
)
_MAX_VERSION = {"PDF/X-1a:2001": "1.3", "PDF/X-1a:2003": "1.4", "PDF/X-3:2002": "1.3",
                "PDF/X-3:2003": "1.4", "PDF/X-4": "1.6"}
_RGB_SPACES = {"/DeviceRGB", "/CalRGB", "/Lab"}


def _finding(code: str, message: str, span: Span) -> Diagnostic:
    return Diagnostic(PREFLIGHT_CODES[code][0], code, message, span)


@dataclass(frozen=True, slots=True)
class TextExtent:
    """How close a page's text comes to each trim edge, in inches (None: no text)."""

    left: float
    right: float
    top: float
    bottom: float


def rules_for_file(path: Path, profile: str, paper: str = "white") -> Rules:
    """The rules of `profile` as a PDF made elsewhere asks to be judged by them: a file whose
    pages reach past their TrimBox bleeds (it is checked against the bleed boxes and the bleed
    safe zone), and a file that claims a PDF/X version the shop accepts is checked as that
    version (a PDF/X-4 file is not refused for not being PDF/X-1a)."""
    import pikepdf

    from octavo.print_profiles import resolve_rules

    with pikepdf.open(path) as pdf:
        bleeds = any(_bleeds(page) for page in pdf.pages[:2])
        trim = None
        if len(pdf.pages):
            x0, y0, x1, y1 = _trim(pdf.pages[0])
            trim = ((x1 - x0) / POINTS_PER_INCH, (y1 - y0) / POINTS_PER_INCH)
        claimed = str(pdf.docinfo.get("/GTS_PDFXVersion", "")) if "/Info" in pdf.trailer \
            else ""
    standard = next((name for name, prefix in _CLAIMS.items() if claimed.startswith(prefix)),
                    None)
    accepted = resolve_rules(profile).profile.accepted_standards
    return resolve_rules(profile, bleed=bleeds, paper=paper, trim_in=trim,
                         pdf_standard=standard if standard in accepted else None)


_CLAIMS = {"x-1a": "PDF/X-1a", "x-4": "PDF/X-4"}


def _bleeds(page: Any) -> bool:
    """The page's MediaBox reaches more than a point past its TrimBox on some edge."""
    if "/TrimBox" not in page.obj:
        return False
    tx0, ty0, tx1, ty1 = _trim(page)
    mx0, my0, mx1, my1 = (float(v) for v in page.obj.MediaBox)
    return max(tx0 - min(mx0, mx1), ty0 - min(my0, my1), max(mx0, mx1) - tx1,
               max(my0, my1) - ty1) > 1


def preflight(path: Path, rules: Rules, *, direction: Direction | None = None,
              display: str | None = None, memo: dict[str, Any] | None = None
              ) -> list[Diagnostic]:
    """`memo`: what was measured on pages (and content streams) seen before, by the hash of
    everything the measure reads; filled with what this run measures (the PDF backend keeps it
    in the build cache, so a rebuild measures only the pages that changed)."""
    import pikepdf

    where = display or str(path)
    found: list[Diagnostic] = []
    with pikepdf.open(path) as pdf:
        if pdf.is_encrypted:
            return [_finding("OCT446", "the PDF is encrypted; shops refuse encrypted files",
                             Span(where))]
        pages = len(pdf.pages)
        trims = [_trim(page) for page in pdf.pages]
        # PDFium measures the text's positions in another process meanwhile (a second of a
        # 300-page book), while the colours, fonts and boxes are read here.
        extents = _measure_extents(path, trims, pdf, memo)
        direction = direction or _direction(pdf)
        found += _page_count(pages, rules, where)
        found += _trim_sizes(trims, rules, where)
        found += _file_size(path, rules, where)
        found += _pdfx(pdf, rules, where)
        found += _boxes(pdf, rules, direction, where)
        found += _colours(pdf, rules, where, memo)
        found += _fonts(pdf, rules, where)
        if not rules.profile.annotations_allowed:
            found += _capped("OCT444", [
                (n, f"{len(page.obj.Annots)} annotations (links or comments); "
                 f"{rules.profile.shop} refuses them")
                for n, page in enumerate(pdf.pages, start=1) if "/Annots" in page.obj
                and len(page.obj.Annots)], where)
    found += _positions(extents(), trims, rules, direction, where)
    return found


# Below this many pages measuring the positions here costs less than starting a process.
_PAGES_FOR_A_PROCESS = 60


def _measure_extents(path: Path, trims: list[tuple[float, float, float, float]],
                     pdf: Any = None, memo: dict[str, Any] | None = None
                     ) -> Callable[[], list[TextExtent | None]]:
    """`text_extents` started (in a forked process for a long book); call the result for the
    extents. With a `memo`, pages measured before (the same content, fonts and boxes) are not
    measured again."""
    import multiprocessing

    from octavo.forking import can_fork

    keys = [_page_key(page) for page in pdf.pages] if memo is not None else []
    known = {index: _extent(memo[key]) for index, key in enumerate(keys)
             if memo is not None and key is not None and key in memo}
    wanted = [index for index in range(len(trims)) if index not in known]

    def merged(measured: list[TextExtent | None]) -> list[TextExtent | None]:
        extents = dict(known)
        for index, extent in zip(wanted, measured, strict=True):
            extents[index] = extent
            if memo is not None and keys[index] is not None:
                memo[f"{keys[index]}"] = None if extent is None else [
                    extent.left, extent.right, extent.top, extent.bottom]
        return [extents[index] for index in range(len(trims))]

    def here() -> list[TextExtent | None]:
        return merged(_extents_list(path, trims, wanted) if wanted else [])

    if len(wanted) < _PAGES_FOR_A_PROCESS or not can_fork():
        return here
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    future = pool.submit(_extents_list, path, trims, wanted)

    def collect() -> list[TextExtent | None]:
        try:
            return merged(future.result())
        except Exception:  # the process died (out of memory, killed): measure here
            return here()
        finally:
            pool.shutdown()

    return collect


def _extents_list(path: Path, trims: list[tuple[float, float, float, float]],
                  pages: list[int] | None = None) -> list[TextExtent | None]:
    return list(text_extents(path, trims, pages))


def _extent(remembered: Any) -> TextExtent | None:
    return None if remembered is None else TextExtent(*(float(v) for v in remembered))


def _raw_content(owner: Any) -> bytes:
    """The content stream(s) of a page or a form, as stored (not decompressed)."""
    import pikepdf

    if not hasattr(owner, "obj"):  # a form XObject: its own stream
        return bytes(owner.read_raw_bytes())
    contents = owner.obj.get("/Contents")
    streams = contents if isinstance(contents, pikepdf.Array) else [contents]
    return b"".join(len(raw).to_bytes(8, "big") + raw for raw in (
        bytes(stream.read_raw_bytes()) for stream in streams
        if isinstance(stream, pikepdf.Stream)))


def _page_key(page: Any) -> str | None:
    """The hash of what PDFium's text rectangles on `page` depend on: its content, its fonts (by
    name; a subset's name is its glyphs' hash, so another subset is another name) and its
    boxes. None for a page that draws a form (whose text could come from anywhere)."""
    res = page.obj.get("/Resources") or {}
    if any(xobject.get("/Subtype") == "/Form" for xobject in (res.get("/XObject") or {}).values()):
        return None
    fonts = sorted((str(name), str(font.get("/BaseFont", "")), str(font.get("/Subtype", "")))
                   for name, font in (res.get("/Font") or {}).items())
    boxes = [str(page.obj.get(box)) for box in ("/MediaBox", "/TrimBox", "/CropBox", "/Rotate",
                                                 "/UserUnit")]
    digest = hashlib.sha256(_raw_content(page))
    digest.update(repr((fonts, boxes)).encode())
    return "extent:" + digest.hexdigest()


def _span(where: str, page: int) -> Span:
    return Span(f"{where}#page={page}")


def _capped(code: str, items: list[tuple[int, str]], where: str) -> list[Diagnostic]:
    found = [_finding(code, f"page {n}: {message}", _span(where, n))
             for n, message in items[:MAX_PAGE_FINDINGS]]
    if len(items) > MAX_PAGE_FINDINGS:
        found.append(_finding(code, f"and {len(items) - MAX_PAGE_FINDINGS} more pages like "
                              "these", Span(where)))
    return found


def _direction(pdf: Any) -> Direction:
    preferences = pdf.Root.get("/ViewerPreferences")
    if preferences is not None and str(preferences.get("/Direction", "")) == "/R2L":
        return "rtl"
    return "ltr"


def _page_count(pages: int, rules: Rules, where: str) -> list[Diagnostic]:
    profile, found = rules.profile, []
    if not rules.min_pages <= pages <= rules.max_pages:
        found.append(_finding("OCT430", f"{pages} pages; {profile.shop} prints "
                              f"{rules.min_pages} to {rules.max_pages} pages on "
                              f"{rules.paper} paper", Span(where)))
    if pages % 2:
        found.append(_finding("OCT431", f"{pages} pages, an odd count; end with a blank page",
                              Span(where)))
    return found


def _trim_sizes(trims: list[tuple[float, float, float, float]], rules: Rules,
                where: str) -> list[Diagnostic]:
    """Each page size (its TrimBox) that the shop does not print, at the first page of it."""
    from octavo.print_profiles import trim_finding

    found, seen = [], set()
    for number, (x0, y0, x1, y1) in enumerate(trims, start=1):
        size = (round((x1 - x0) / POINTS_PER_INCH, 3), round((y1 - y0) / POINTS_PER_INCH, 3))
        if size in seen:
            continue
        seen.add(size)
        finding = trim_finding(rules.profile, *size)
        if finding is not None:
            code, message = finding
            found.append(_finding(code, f"page {number} (its TrimBox): {message}",
                                  _span(where, number)))
    return found


def _file_size(path: Path, rules: Rules, where: str) -> list[Diagnostic]:
    limit = rules.profile.max_file_mb
    size_mb = path.stat().st_size / 1_000_000
    if limit is not None and size_mb > limit:
        return [_finding("OCT432", f"the file is {size_mb:.1f} MB; {rules.profile.shop} "
                         f"accepts at most {limit:g} MB", Span(where))]
    return []


def _pdfx(pdf: Any, rules: Rules, where: str) -> list[Diagnostic]:
    if rules.pdf_standard == "none":
        return []
    found = []
    wanted = {"x-1a": "PDF/X-1a", "x-4": "PDF/X-4"}[rules.pdf_standard]
    version = str(pdf.docinfo.get("/GTS_PDFXVersion", ""))
    if not version.startswith(wanted):
        found.append(_finding("OCT435", f"GTS_PDFXVersion is {version or 'missing'}; "
                              f"{wanted} is required", Span(where)))
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFX"]
    if not intents:
        found.append(_finding("OCT435", "no PDF/X output intent (/OutputIntents with "
                              "/S /GTS_PDFX)", Span(where)))
    elif "/DestOutputProfile" not in intents[0] or int(intents[0].DestOutputProfile.get(
            "/N", 0)) not in (1, 4):
        found.append(_finding("OCT435", "the output intent has no CMYK or grey ICC profile "
                              "(DestOutputProfile)", Span(where)))
    if "/Trapped" not in pdf.docinfo:
        found.append(_finding("OCT435", "the document information has no /Trapped key",
                              Span(where)))
    limit = _MAX_VERSION.get(version)
    if limit is not None and pdf.pdf_version > limit:
        found.append(_finding("OCT447", f"PDF {pdf.pdf_version}; {version} allows at most "
                              f"PDF {limit}", Span(where)))
    return found


def _trim(page: Any) -> tuple[float, float, float, float]:
    box = page.obj.get("/TrimBox", page.obj.MediaBox)
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _is_right_hand(index: int, direction: Direction) -> bool:
    return (index % 2 == 0) == (direction == "ltr")


def _boxes(pdf: Any, rules: Rules, direction: Direction, where: str) -> list[Diagnostic]:
    problems: list[tuple[int, str]] = []
    bleed = BLEED_IN * POINTS_PER_INCH if rules.bleed else 0.0
    for index, page in enumerate(pdf.pages):
        number = index + 1
        if "/TrimBox" not in page.obj or "/BleedBox" not in page.obj:
            missing = [k[1:] for k in ("/TrimBox", "/BleedBox") if k not in page.obj]
            problems.append((number, f"no {' and no '.join(missing)}"))
            continue
        x0, y0, x1, y1 = _trim(page)
        media = [float(v) for v in page.obj.MediaBox]
        outside_left = not _is_right_hand(index, direction)
        expected = [x0 - (bleed if outside_left else 0), y0 - bleed,
                    x1 + (0 if outside_left else bleed), y1 + bleed]
        if any(abs(a - b) > 0.5 for a, b in zip(media, expected, strict=True)):
            shown = " ".join(f"{v:g}" for v in media)
            want = " ".join(f"{v:g}" for v in expected)
            what = "trim + 0.125 in on the top, bottom and outside" if bleed else "the trim"
            problems.append((number, f"MediaBox [{shown}], expected [{want}] ({what})"))
    return _capped("OCT436", problems, where)


def _positions(extents: list[TextExtent | None], trims: list[tuple[float, float, float, float]],
               rules: Rules, direction: Direction, where: str) -> list[Diagnostic]:
    required_gutter = rules.required_gutter(len(trims))
    safe = rules.safe_zone_in
    gutter_problems: list[tuple[int, str]] = []
    safe_problems: list[tuple[int, str]] = []
    for index, extent in enumerate(extents):
        if extent is None:
            continue
        number = index + 1
        right_hand = _is_right_hand(index, direction)
        inside, outside = (extent.left, extent.right) if right_hand else (extent.right,
                                                                          extent.left)
        if inside + TOLERANCE_IN < required_gutter:
            gutter_problems.append((number, f"text {inside:.3f} in from the spine edge; "
                                    f"{rules.profile.shop} needs {required_gutter:g} in for "
                                    f"{len(trims)} pages"))
        for edge, distance in (("outside", outside), ("top", extent.top),
                               ("bottom", extent.bottom)):
            if distance + TOLERANCE_IN < safe:
                safe_problems.append((number, f"text {distance:.3f} in from the {edge} edge; "
                                      f"the safe zone is {safe:g} in"))
    return _capped("OCT433", gutter_problems, where) + _capped("OCT434", safe_problems, where)


def text_extents(path: Path, trims: list[tuple[float, float, float, float]],
                 pages: list[int] | None = None) -> Iterator[TextExtent | None]:
    """For each page (or each of `pages`), how near its text comes to each trim edge (PDFium's
    text rectangles)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        for index in range(len(document)) if pages is None else pages:
            page = document[index]
            text = page.get_textpage()
            try:
                rects = [text.get_rect(i) for i in range(text.count_rects())]
            finally:
                text.close()
                page.close()
            rects = [r for r in rects if r[2] > r[0] and r[3] > r[1]]
            if not rects:
                yield None
                continue
            x0, y0, x1, y1 = trims[index]
            yield TextExtent(
                left=(min(r[0] for r in rects) - x0) / POINTS_PER_INCH,
                right=(x1 - max(r[2] for r in rects)) / POINTS_PER_INCH,
                top=(y1 - max(r[3] for r in rects)) / POINTS_PER_INCH,
                bottom=(min(r[1] for r in rects) - y0) / POINTS_PER_INCH,
            )
    finally:
        document.close()


def _resources(pdf: Any) -> Iterator[tuple[int, Any, Any]]:
    """(page number, content owner, resources) for every page and form XObject, once each."""
    done: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, start=1):
        stack = [(page, page.obj.get("/Resources"))]
        while stack:
            owner, res = stack.pop()
            key = owner.obj.objgen if hasattr(owner, "obj") else owner.objgen
            if key in done and key != (0, 0):
                continue
            done.add(key)
            yield number, owner, res
            for xobject in ((res or {}).get("/XObject") or {}).values():
                if xobject.get("/Subtype") == "/Form":
                    stack.append((xobject, xobject.get("/Resources")))


def _space_kind(space: Any) -> str:
    """/DeviceGray, /DeviceCMYK, /DeviceRGB, /Lab, or the ICC profile's colour count."""
    import pikepdf

    if isinstance(space, pikepdf.Name):
        return str(space)
    if isinstance(space, pikepdf.Array) and len(space):
        family = str(space[0])
        if family == "/ICCBased":
            return {1: "/DeviceGray", 3: "/DeviceRGB", 4: "/DeviceCMYK"}.get(
                int(space[1].get("/N", 0)), family)
        if family in ("/CalRGB", "/Lab"):
            return family
        if family == "/CalGray":
            return "/DeviceGray"
        return family
    return "?"


def _colours(pdf: Any, rules: Rules, where: str,
             memo: dict[str, Any] | None = None) -> list[Diagnostic]:
    """Colour operators of every content stream, and the colour resources they draw on.

    Resources are often shared by many pages (one dictionary per WeasyPrint document), so what
    they define is reported once, at the first page that uses them."""
    import pikepdf

    x1a = rules.pdf_standard == "x-1a"
    transparency: list[tuple[int, str]] = []
    rgb: list[tuple[int, str]] = []
    not_black: list[tuple[int, str]] = []
    used: dict[tuple[int, int], set[str]] = {}
    shared: dict[tuple[int, int], tuple[int, Any, Any]] = {}
    for number, owner, res in _resources(pdf):
        res = res if res is not None else pikepdf.Dictionary()
        key = res.objgen if res.is_indirect else (id(res), -1)
        shared.setdefault(key, (number, owner, res))
        spaces = res.get("/ColorSpace") or {}
        stream_key = None if memo is None else _colour_key(owner, spaces, rules)
        if memo is not None and stream_key in memo:
            names, rgb_found, black_found = memo[stream_key]
            used.setdefault(key, set()).update(str(name) for name in names)
            rgb += [(number, str(rgb_found))] if rgb_found else []
            not_black += [(number, str(black_found))] if black_found else []
            continue
        rgb_before, black_before = len(rgb), len(not_black)
        names = used.setdefault(key, set())
        own_names: set[str] = set()
        fill: tuple[str, tuple[float, ...]] = ("/DeviceGray", (0.0,))
        stack: list[tuple[str, tuple[float, ...]]] = []
        reported_text = reported_rgb = False
        for instruction in pikepdf.parse_content_stream(
                owner, "q Q g k rg sc scn cs CS RG Tj TJ ' \""):
            op, operands = str(instruction.operator), instruction.operands
            if op == "q":
                stack.append(fill)
            elif op == "Q" and stack:
                fill = stack.pop()
            elif op == "g":
                fill = ("/DeviceGray", tuple(float(v) for v in operands))
            elif op == "k":
                fill = ("/DeviceCMYK", tuple(float(v) for v in operands))
            elif op in ("rg", "RG"):
                if op == "rg":
                    fill = ("/DeviceRGB", tuple(float(v) for v in operands))
                if x1a and not reported_rgb:
                    reported_rgb = True
                    rgb.append((number, f"RGB colour ({op} {' '.join(map(str, operands))})"))
            elif op in ("cs", "CS"):
                name = str(operands[0])
                names.add(name)
                own_names.add(name)
                if op == "cs":
                    fill = (_space_kind(spaces.get(name, pikepdf.Name(name))), ())
            elif op in ("sc", "scn"):
                fill = (fill[0], tuple(float(v) for v in operands
                                       if not isinstance(v, pikepdf.Name)))
            elif not reported_text and rules.black_and_white and not _is_black(fill):
                reported_text = True
                shown = f"{fill[0][1:]} {' '.join(f'{v:g}' for v in fill[1])}".strip()
                not_black.append((number, f"text set in {shown}"))
        if memo is not None and stream_key is not None:
            memo[stream_key] = [sorted(own_names),
                                rgb[-1][1] if len(rgb) > rgb_before else None,
                                not_black[-1][1] if len(not_black) > black_before else None]
    unused: list[tuple[int, str]] = []
    for key, (number, owner, res) in shared.items():
        for name, space in (res.get("/ColorSpace") or {}).items():
            if name not in used[key]:
                unused.append((number, f"colour space {name[1:]} ({_space_kind(space)[1:]}) "
                               "is defined and never used"))
            if x1a and _space_kind(space) in _RGB_SPACES:
                rgb.append((number, f"colour space {name[1:]} is {_space_kind(space)[1:]}"))
        if x1a:
            transparency += [(number, what) for what in _transparency(res, owner)]
            for image_name, image in (res.get("/XObject") or {}).items():
                if image.get("/Subtype") == "/Image" and _space_kind(
                        image.get("/ColorSpace", pikepdf.Name.DeviceGray)) in _RGB_SPACES:
                    rgb.append((number, f"image {image_name[1:]} is in RGB"))
    return (_capped("OCT437", transparency, where) + _capped("OCT438", rgb, where)
            + _capped("OCT439", not_black, where) + _capped("OCT440", unused, where))


def _colour_key(owner: Any, spaces: Any, rules: Rules) -> str:
    """The hash of what the colour scan of one content stream depends on: the stream, the kinds
    of the colour spaces it can name, and the rules' two switches."""
    digest = hashlib.sha256(_raw_content(owner))
    kinds = sorted((str(name), _space_kind(space)) for name, space in spaces.items())
    digest.update(repr((kinds, rules.pdf_standard == "x-1a", rules.black_and_white)).encode())
    return "colours:" + digest.hexdigest()


def _is_black(fill: tuple[str, tuple[float, ...]]) -> bool:
    space, values = fill
    if space == "/DeviceGray":
        return True
    if space == "/DeviceCMYK":
        return len(values) == 4 and values[0] == values[1] == values[2] == 0
    return False


def _transparency(res: Any, owner: Any) -> list[str]:
    found = []
    for name, state in (res.get("/ExtGState") or {}).items():
        for key in ("/CA", "/ca"):
            if key in state and float(state[key]) < 1:
                found.append(f"graphics state {name[1:]} sets {key[1:]} {float(state[key]):g}")
        if "/SMask" in state and str(state.SMask) != "/None":
            found.append(f"graphics state {name[1:]} has a soft mask")
        if "/BM" in state and str(state.BM) not in ("/Normal", "/Compatible"):
            found.append(f"graphics state {name[1:]} blends with {state.BM}")
    group = owner.obj.get("/Group") if hasattr(owner, "obj") else owner.get("/Group")
    if group is not None and str(group.get("/S")) == "/Transparency":
        found.append("a transparency group")
    for image_name, image in (res.get("/XObject") or {}).items():
        if image.get("/Subtype") == "/Image" and "/SMask" in image:
            found.append(f"image {image_name[1:]} has a soft mask (alpha)")
    return found


def _fonts(pdf: Any, rules: Rules, where: str) -> list[Diagnostic]:
    programs_by_name: dict[str, dict[str, int]] = {}
    digests_by_font: dict[str, set[str]] = {}
    first_page: dict[str, int] = {}
    type3: list[tuple[int, str]] = []
    subsets: set[str] = set()
    seen: set[tuple[int, int]] = set()
    for number, _owner, res in _resources(pdf):
        for font in ((res or {}).get("/Font") or {}).values():
            if font.objgen in seen and font.objgen != (0, 0):
                continue
            seen.add(font.objgen)
            name = str(font.get("/BaseFont", "/?"))[1:]
            if str(font.get("/Subtype")) == "/Type3":
                type3.append((number, f"Type 3 font {name or '(unnamed)'}"))
                continue
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.get("/FontDescriptor")
            program = None
            for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                if descriptor is not None and key in descriptor:
                    program = descriptor[key]
            if program is None:
                continue  # not embedded: check_pdf reports it (OCT420)
            digest = hashlib.sha256(bytes(program.read_bytes())).hexdigest()
            programs_by_name.setdefault(name, {}).setdefault(digest, number)
            base = name.split("+", 1)[1] if "+" in name[:7] else name
            digests_by_font.setdefault(base, set()).add(digest)
            first_page.setdefault(base, number)
            if "+" in name[:7]:
                subsets.add(base)
    found = []
    for name, programs in sorted(programs_by_name.items()):
        if len(programs) > 1:
            pages = ", ".join(str(p) for p in sorted(programs.values())[:8])
            found.append(_finding("OCT441", f"{len(programs)} different programs are all "
                                  f"named {name} (pages {pages})", Span(where)))
    for base, digests in sorted(digests_by_font.items()):
        if len(digests) > 1:
            found.append(_finding("OCT442", f"{base} is embedded {len(digests)} times; one "
                                  "program for the whole book is enough", Span(where)))
    if rules.font_embedding == "full":
        for base in sorted(subsets):
            found.append(_finding("OCT443", f"{base} is embedded as a subset; "
                                  f"{rules.profile.shop} recommends whole fonts",
                                  _span(where, first_page[base])))
    return found + _capped("OCT445", type3, where)
