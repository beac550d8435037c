"""Finish the merged PDF for the press: page boxes, bleed, PDF/X identification, clean-up.

Done once on the whole book with pikepdf, after merging, because what WeasyPrint writes per
document (the catalog's output intent, the document information) does not survive a merge:

- every page gets a TrimBox (the trim) and a BleedBox; with `build.bleed` the MediaBox is the
  trim plus 0.125 in on the top, bottom and outside edges (never the spine edge);
- PDF/X (`build.pdf_standard`): an output intent with the CMYK profile shipped in
  styles/icc/, `GTS_PDFXVersion` in the document information (and the XMP for X-4), `Trapped`;
- annotations (web links) are removed where the shop forbids them;
- colour spaces a document defines but never uses are removed (WeasyPrint defines two Lab
  spaces in every document; PDF/X-1a allows neither);
- the PDF opens as facing pages with the first page on the right (`/TwoPageRight`).
"""

from __future__ import annotations

import uuid
from typing import Any

import pikepdf

from octavo.print_profiles import BLEED_IN, Rules
from octavo.render.direction import Direction
from octavo.resources import styles_dir

POINTS_PER_INCH = 72
ICC_PROFILE = "icc/FOGRA39-octavo.icc"
OUTPUT_CONDITION = "FOGRA39"  # registered in the ICC characterization registry
OUTPUT_CONDITION_NAME = "Coated FOGRA39 (ISO 12647-2:2004)"
PDFX_VERSIONS = {"x-1a": "PDF/X-1a:2001", "x-4": "PDF/X-4"}
PDF_VERSIONS = {"x-1a": "1.3", "x-4": "1.6"}


def is_right_hand(index: int, direction: Direction) -> bool:
    """Page `index` (0-based) is a right-hand page: the first page is a recto, and a recto is
    on the right in a left-to-right book, on the left in a right-to-left one."""
    return (index % 2 == 0) == (direction == "ltr")


def set_page_boxes(pdf: pikepdf.Pdf, rules: Rules, direction: Direction) -> None:
    bleed = BLEED_IN * POINTS_PER_INCH if rules.bleed else 0.0
    for index, page in enumerate(pdf.pages):
        box = page.obj.get("/TrimBox", page.obj.MediaBox)
        x0, y0, x1, y1 = (float(v) for v in box)
        if is_right_hand(index, direction):
            media = [x0, y0 - bleed, x1 + bleed, y1 + bleed]
        else:
            media = [x0 - bleed, y0 - bleed, x1, y1 + bleed]
        page.obj.MediaBox = pikepdf.Array(media)
        page.obj.TrimBox = pikepdf.Array([x0, y0, x1, y1])
        page.obj.BleedBox = pikepdf.Array(media)
        if "/CropBox" in page.obj:
            del page.obj["/CropBox"]


def strip_annotations(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        if "/Annots" in page.obj:
            del page.obj["/Annots"]


def remove_unused_colour_spaces(pdf: pikepdf.Pdf) -> None:
    used: set[str] = set()
    resources: dict[tuple[int, int], Any] = {}
    for page in pdf.pages:
        for instruction in pikepdf.parse_content_stream(page, "cs CS"):
            used.add(str(instruction.operands[0]))
        _collect_resources(page.obj.get("/Resources"), resources)
    for owner in resources.values():
        spaces = owner.get("/ColorSpace")
        if spaces is None:
            continue
        for name in list(spaces.keys()):
            if name not in used:
                del spaces[name]


def _collect_resources(res: Any, found: dict[tuple[int, int], Any]) -> None:
    if res is None or not isinstance(res, pikepdf.Dictionary):
        return
    key = res.objgen if res.is_indirect else (id(res), -1)
    if key in found:
        return
    found[key] = res
    for xobject in (res.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form":
            _collect_resources(xobject.get("/Resources"), found)


def open_as_facing_pages(pdf: pikepdf.Pdf, direction: Direction) -> None:
    pdf.Root.PageLayout = pikepdf.Name.TwoPageRight
    preferences = pdf.Root.get("/ViewerPreferences", pikepdf.Dictionary())
    if direction == "rtl":
        preferences.Direction = pikepdf.Name.R2L
    pdf.Root.ViewerPreferences = preferences


def mark_pdfx(pdf: pikepdf.Pdf, standard: str, title: str, document_key: str) -> None:
    """The output intent and version markers of PDF/X-1a:2001 or PDF/X-4."""
    version = PDFX_VERSIONS[standard]
    profile = pikepdf.Stream(pdf, (styles_dir() / ICC_PROFILE).read_bytes())
    profile.N = 4
    pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFX,
        OutputCondition=pikepdf.String(OUTPUT_CONDITION_NAME),
        OutputConditionIdentifier=pikepdf.String(OUTPUT_CONDITION),
        RegistryName=pikepdf.String("http://www.color.org"),
        Info=pikepdf.String(OUTPUT_CONDITION_NAME),
        DestOutputProfile=pdf.make_indirect(profile),
    )])
    pdf.docinfo["/GTS_PDFXVersion"] = pikepdf.String(version)
    if standard == "x-1a":
        pdf.docinfo["/GTS_PDFXConformance"] = pikepdf.String(version)
    pdf.docinfo["/Trapped"] = pikepdf.Name("/False")
    pdf.docinfo["/Title"] = pikepdf.String(title)
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["pdfxid:GTS_PDFXVersion"] = version
        meta["pdf:Trapped"] = "False"
        document_id = uuid.uuid5(uuid.NAMESPACE_URL, f"octavo:{document_key}")
        meta["xmpMM:DocumentID"] = f"uuid:{document_id}"
        meta["xmpMM:VersionID"] = "1"
        meta["xmpMM:RenditionClass"] = "default"


def save_options(standard: str) -> dict[str, Any]:
    """PDF/X-1a:2001 is PDF 1.3 (no object streams); PDF/X-4 is PDF 1.6."""
    if standard in PDF_VERSIONS:
        stream_mode = (pikepdf.ObjectStreamMode.disable if standard == "x-1a"
                       else pikepdf.ObjectStreamMode.generate)
        return {"force_version": PDF_VERSIONS[standard], "object_stream_mode": stream_mode}
    return {"object_stream_mode": pikepdf.ObjectStreamMode.generate}
