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
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from octavo.diagnostics import Diagnostic, Severity, Span
from octavo.print_profiles import BLEED_IN, Rules
from octavo.render.direction import Direction

POINTS_PER_INCH = 72
TOLERANCE_IN = 0.005  # measuring noise: glyph boxes are rounded to hundredths of a point
MAX_PAGE_FINDINGS = 10  # per rule; then one summary line

PREFLIGHT_CODES: dict[str, tuple[Severity, str]] = {
    "OCT430": (Severity.ERROR, "the page count is outside the print shop's range"),
    "OCT431": (Severity.WARNING, "the page count is odd; the shop adds a blank page"),
    "OCT432": (Severity.ERROR, "the file is larger than the print shop accepts"),
    "OCT433": (Severity.ERROR, "the inside margin is narrower than the shop's gutter for this "
               "page count"),
    "OCT434": (Severity.ERROR, "text (a running head, a folio, a line) lies outside the safe zone"),
    "OCT435": (Severity.ERROR, "the PDF/X output intent or version marker is missing or wrong"),
    "OCT436": (Severity.ERROR, "a page's TrimBox or BleedBox is missing or does not match the "
               "trim and bleed"),
    "OCT437": (Severity.ERROR, "transparency in a PDF/X-1a file"),
    "OCT438": (Severity.ERROR, "RGB or Lab colour in a PDF/X-1a file (CMYK and grey only)"),
    "OCT439": (Severity.ERROR, "text in a black-and-white interior is not pure black (grey or K)"),
    "OCT440": (Severity.WARNING, "a colour space is defined but never used"),
    "OCT441": (Severity.ERROR, "one font name is given to different font programs"),
    "OCT442": (Severity.WARNING, "the same font is embedded as several programs"),
    "OCT443": (Severity.INFO, "a font is embedded as a subset; the shop prefers whole fonts"),
    "OCT444": (Severity.ERROR, "a page has annotations (links, comments), which the shop refuses"),
    "OCT445": (Severity.WARNING, "a Type 3 font (drawn glyphs), which preflight tools flag"),
    "OCT446": (Severity.ERROR, "the PDF is encrypted"),
    "OCT447": (Severity.ERROR, "the PDF version is newer than the PDF/X standard allows"),
}
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


def preflight(path: Path, rules: Rules, *, direction: Direction | None = None,
              display: str | None = None) -> list[Diagnostic]:
    import pikepdf

    where = display or str(path)
    found: list[Diagnostic] = []
    with pikepdf.open(path) as pdf:
        if pdf.is_encrypted:
            return [_finding("OCT446", "the PDF is encrypted; shops refuse encrypted files",
                             Span(where))]
        pages = len(pdf.pages)
        direction = direction or _direction(pdf)
        found += _page_count(pages, rules, where)
        found += _file_size(path, rules, where)
        found += _pdfx(pdf, rules, where)
        found += _boxes(pdf, rules, direction, where)
        found += _colours(pdf, rules, where)
        found += _fonts(pdf, rules, where)
        if not rules.profile.annotations_allowed:
            found += _capped("OCT444", [
                (n, f"{len(page.obj.Annots)} annotations (links or comments); "
                 f"{rules.profile.shop} refuses them")
                for n, page in enumerate(pdf.pages, start=1) if "/Annots" in page.obj
                and len(page.obj.Annots)], where)
        trims = [_trim(page) for page in pdf.pages]
    found += _positions(path, trims, rules, direction, where)
    return found


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
    if not profile.min_pages <= pages <= rules.max_pages:
        found.append(_finding("OCT430", f"{pages} pages; {profile.shop} prints "
                              f"{profile.min_pages} to {rules.max_pages} pages on "
                              f"{rules.paper} paper", Span(where)))
    if pages % 2:
        found.append(_finding("OCT431", f"{pages} pages, an odd count; end with a blank page",
                              Span(where)))
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


def _positions(path: Path, trims: list[tuple[float, float, float, float]], rules: Rules,
               direction: Direction, where: str) -> list[Diagnostic]:
    required_gutter = rules.required_gutter(len(trims))
    safe = rules.safe_zone_in
    gutter_problems: list[tuple[int, str]] = []
    safe_problems: list[tuple[int, str]] = []
    for index, extent in enumerate(text_extents(path, trims)):
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


def text_extents(path: Path, trims: list[tuple[float, float, float, float]]
                 ) -> Iterator[TextExtent | None]:
    """For each page, how near its text comes to each trim edge (PDFium's text rectangles)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        for index in range(len(document)):
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


def _colours(pdf: Any, rules: Rules, where: str) -> list[Diagnostic]:
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
        names = used.setdefault(key, set())
        spaces = res.get("/ColorSpace") or {}
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
                if op == "cs":
                    fill = (_space_kind(spaces.get(name, pikepdf.Name(name))), ())
            elif op in ("sc", "scn"):
                fill = (fill[0], tuple(float(v) for v in operands
                                       if not isinstance(v, pikepdf.Name)))
            elif not reported_text and rules.black_and_white and not _is_black(fill):
                reported_text = True
                shown = f"{fill[0][1:]} {' '.join(f'{v:g}' for v in fill[1])}".strip()
                not_black.append((number, f"text set in {shown}"))
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
