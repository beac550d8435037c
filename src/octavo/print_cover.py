"""The wraparound print cover: back, spine and front on one sheet, with bleed.

`octavo cover` lays the interior out (or takes `--pages`) to know the page count, which with
the paper gives the spine width (the shops' per-page thickness). The sheet is
2 × trim width + spine + 2 × 0.125 in bleed wide and trim height + 0.25 in high. The front
panel shows the book's `cover` image (or `print.cover_art` spans the whole sheet); the back
carries `print.back_cover` and an optional `print.author_photo`, and a white box where the shop
prints the barcode (2 × 1.2 in, 0.25 in from the trim, bottom right of the back). Spine text
(title and author) appears only on a spine thick enough (KDP: 79 pages or more). All text stays
0.25 in inside the trim and 0.0625 in inside each spine fold. For PDF/X-1a the images are
converted to CMYK through the shipped FOGRA39 profile and every colour is given in CMYK.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from octavo.diagnostics import Diagnostic, Diagnostics, OctavoError, Span
from octavo.i18n import labels_for
from octavo.manifest import Manifest
from octavo.print_profiles import BLEED_IN, Rules, resolve_rules, spine_width_in

COVER_SAFE_IN = 0.25
SPINE_CLEARANCE_IN = 0.0625
BARCODE_IN = (2.0, 1.2)


@dataclass(frozen=True, slots=True)
class CoverGeometry:
    trim_width_in: float
    trim_height_in: float
    spine_in: float
    bleed_in: float = BLEED_IN

    @property
    def width_in(self) -> float:
        return 2 * self.trim_width_in + self.spine_in + 2 * self.bleed_in

    @property
    def height_in(self) -> float:
        return self.trim_height_in + 2 * self.bleed_in

    @property
    def spine_left_in(self) -> float:
        return self.bleed_in + self.trim_width_in

    @property
    def front_left_in(self) -> float:
        return self.spine_left_in + self.spine_in


@dataclass(frozen=True, slots=True)
class CoverResult:
    path: Path
    pages: int
    spine_in: float
    spine_text: bool
    diagnostics: list[Diagnostic]


def cover_rules(manifest: Manifest) -> Rules:
    settings = manifest.print
    return resolve_rules(settings.profile, pdf_standard=settings.pdf_standard,
                         font_embedding=settings.fonts, paper=settings.paper)


def cover_geometry(manifest: Manifest, pages: int) -> CoverGeometry:
    rules = cover_rules(manifest)
    trim = manifest.print.trim
    return CoverGeometry(trim.width_in, trim.height_in, spine_width_in(rules, pages))


def make_cover(manifest: Manifest, output_dir: Path, stem: str, pages: int,
               timestamp: dt.datetime) -> CoverResult:
    """Write `<stem>-cover.pdf` into `output_dir`."""
    from octavo.backends.base import atomic_output
    from octavo.backends.pdf_layout import PdfLayout
    from octavo.backends.pdf_print import mark_pdfx, remove_unused_colour_spaces, save_options
    from octavo.render.templating import make_environment, render_template
    from octavo.resources import styles_dir

    diags = Diagnostics()
    rules = cover_rules(manifest)
    spec = manifest.print_cover
    art = spec.artwork if spec else None
    if manifest.cover is None and art is None:
        raise OctavoError.single("OCT147", "the wraparound cover needs a front image: give "
                                 "'cover' (the front) or 'print.cover_art' (the whole wrap)",
                                 Span(str(manifest.path)))
    geometry = cover_geometry(manifest, pages)
    spine_text = pages >= rules.profile.spine_text_min_pages
    if not spine_text:
        diags.info("OCT148", f"{pages} pages make a {geometry.spine_in:.3f} in spine: "
                   f"{rules.profile.shop} prints spine text from "
                   f"{rules.profile.spine_text_min_pages} pages; the spine is left plain",
                   Span(str(manifest.path)))
    cmyk = rules.pdf_standard == "x-1a"
    with tempfile.TemporaryDirectory(prefix="octavo-cover-") as work:
        folder = Path(work)
        from octavo.cover_images import panel_colour, prepare_image

        front = prepare_image(art or manifest.cover, folder / "front", cmyk)  # type: ignore[arg-type]
        photo = (prepare_image(spec.author_photo, folder / "photo", cmyk)
                 if spec and spec.author_photo else None)
        background, ink = panel_colour(art or manifest.cover, cmyk)  # type: ignore[arg-type]
        env = make_environment(None)
        names = labels_for(manifest.language, dict(manifest.epub.labels)).names(
            manifest.authors or manifest.editors)
        html = render_template(
            env, "print/cover.html.j2", title=manifest.title, subtitle=manifest.subtitle,
            names=names, language=manifest.language, back_paragraphs=_back_text(manifest),
            front=front.name, photo=photo.name if photo else None, artwork=art is not None,
            spine_text=spine_text)
        css = render_template(
            env, "print/cover.css.j2", width=f"{geometry.width_in:.4f}",
            height=f"{geometry.height_in:.4f}", bleed=f"{geometry.bleed_in:.4f}",
            trim_width=f"{geometry.trim_width_in:.4f}", spine=f"{geometry.spine_in:.4f}",
            spine_left=f"{geometry.spine_left_in:.4f}", front_left=f"{geometry.front_left_in:.4f}",
            safe=f"{COVER_SAFE_IN:.4f}", clearance=f"{SPINE_CLEARANCE_IN:.4f}",
            barcode_width=f"{BARCODE_IN[0]:.4f}", barcode_height=f"{BARCODE_IN[1]:.4f}",
            background=background, ink=ink)
        layout = PdfLayout(folder, css, [styles_dir() / "cover.css"], timestamp)
        laid_out = layout.render(html)
        _back_fits(laid_out.pdf, geometry, manifest)
        path = output_dir / f"{stem}-cover.pdf"
        import io

        import pikepdf

        with pikepdf.open(io.BytesIO(laid_out.pdf)) as pdf:
            _boxes(pdf, geometry)
            # WeasyPrint defines two Lab spaces in every document; PDF/X-1a allows none.
            remove_unused_colour_spaces(pdf)
            if rules.pdf_standard != "none":
                mark_pdfx(pdf, rules.pdf_standard, f"{manifest.title} (cover)",
                          f"{manifest.identifier.value}-cover")
            with atomic_output(path) as partial:
                pdf.save(partial, deterministic_id=True, **save_options(rules.pdf_standard))
    return CoverResult(path, pages, geometry.spine_in, spine_text, diags.sorted())


def _back_fits(pdf: bytes, geometry: CoverGeometry, manifest: Manifest) -> None:
    """The back-cover text must end above the barcode box: none of it may be lost."""
    import pypdfium2

    limit_pt = (geometry.bleed_in + COVER_SAFE_IN + BARCODE_IN[1] + 0.1) * 72
    back_right_pt = geometry.spine_left_in * 72
    document = pypdfium2.PdfDocument(pdf)
    try:
        text = document[0].get_textpage()
        rects = [text.get_rect(i) for i in range(text.count_rects())]
        text.close()
    finally:
        document.close()
    lowest = min((r[1] for r in rects if r[2] <= back_right_pt), default=None)
    if lowest is not None and lowest < limit_pt:
        raise OctavoError.single(
            "OCT149", f"the back-cover text runs {(limit_pt - lowest) / 72:.2f} in too long "
            "for the back cover (it must end above the barcode box); shorten print.back_cover",
            manifest.print_cover.span if manifest.print_cover else Span(str(manifest.path)))


def _boxes(pdf: object, geometry: CoverGeometry) -> None:
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    bleed = geometry.bleed_in * 72
    for page in pdf.pages:
        x0, y0, x1, y1 = (float(v) for v in page.obj.MediaBox)
        page.obj.TrimBox = pikepdf.Array([x0 + bleed, y0 + bleed, x1 - bleed, y1 - bleed])
        page.obj.BleedBox = pikepdf.Array([x0, y0, x1, y1])


def _back_text(manifest: Manifest) -> list[str]:
    spec = manifest.print_cover
    if spec is None:
        return [manifest.description] if manifest.description else []
    if spec.back_file is not None:
        from octavo.ingest import read_text

        text = read_text(spec.back_file, str(spec.back_file)).text
    else:
        text = spec.back_text or manifest.description or ""
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
