"""A book with pictures, as the press needs it: in a book that bleeds, a picture shaped like the
page is a full-page plate printed to the bleed edges, with no head or folio; a smaller picture
stays in the text; in a PDF/X-1a book every picture is grey (black-and-white interior) or CMYK
(colour), flattened on white. Inspected with pikepdf and poppler."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pikepdf
import pytest
from docx.shared import Inches
from PIL import Image as Picture
from PIL import ImageDraw

from octavo.check.pdf_preflight import preflight, rules_for_file
from octavo.document import Image
from octavo.pipeline import build
from tests.conftest import BookFolder
from tests.print_books import SENTENCE, STAMP, page_lines, words

pytestmark = pytest.mark.xdist_group("print-plates")


def _picture(size: tuple[int, int], alpha: bool = False) -> bytes:
    picture = Picture.new("RGBA" if alpha else "RGB", size, (30, 60, 120, 128))
    draw = ImageDraw.Draw(picture)
    for y in range(0, size[1], 40):
        draw.rectangle([0, y, size[0], y + 20], fill=(200, 140, 40, 255))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def _book(root: Path, build_yaml: str) -> Path:
    folder = BookFolder(root)
    document = docx.Document()
    document.add_heading("The Plate", 1)
    for n in range(5):
        document.add_paragraph(f"{n}. " + SENTENCE * 3)
    # 6.25 × 9.25 in at 300 dpi: a 6 × 9 in page and its bleed. Then a small picture (300 dpi
    # or more at the measure) with a transparent background, in the text.
    document.add_picture(io.BytesIO(_picture((1875, 2775))), width=Inches(6))
    for n in range(5, 8):
        document.add_paragraph(f"{n}. " + SENTENCE * 2)
    document.add_picture(io.BytesIO(_picture((1500, 600), alpha=True)), width=Inches(3))
    for n in range(8, 10):
        document.add_paragraph(f"{n}. " + SENTENCE * 2)
    out = io.BytesIO()
    document.save(out)
    folder.write("plate.docx", out.getvalue())
    folder.write("book.yaml", "title: Harbour Pictures\nauthor: Ann Writer\nlanguage: en-GB\n"
                 f"build: {{{build_yaml}}}\ncontents: [plate.docx]\n")
    result = build(folder.root / "book.yaml", folder.root / "out", ("pdf",), timestamp=STAMP)
    return result.artifacts[0].path


@pytest.fixture(scope="module")
def plated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Bleed, KDP's PDF/X-1a, a colour interior."""
    return _book(tmp_path_factory.mktemp("plated") / "book", "bleed: true, paper: colour")


def _images_drawn(pdf: pikepdf.Pdf, index: int) -> list[tuple[pikepdf.Object, pikepdf.Matrix]]:
    """Each image page `index` draws, with where it lands (the matrix from the unit square)."""
    found = []
    stack: list[pikepdf.Matrix] = []

    def walk(owner: pikepdf.Object, resources: pikepdf.Object, matrix: pikepdf.Matrix) -> None:
        for operands, operator in pikepdf.parse_content_stream(owner, "q Q cm Do"):
            op = str(operator)
            if op == "q":
                stack.append(matrix)
            elif op == "Q":
                matrix = stack.pop()
            elif op == "cm":
                matrix = pikepdf.Matrix(*[float(v) for v in operands]) @ matrix
            else:
                xobject = resources.XObject[operands[0]]
                if xobject.Subtype == "/Image":
                    found.append((xobject, matrix))
                else:
                    form = pikepdf.Matrix(*[float(v) for v in xobject.get("/Matrix",
                                                                           [1, 0, 0, 1, 0, 0])])
                    walk(xobject, xobject.get("/Resources", resources), form @ matrix)

    page = pdf.pages[index]
    walk(page, page.Resources, pikepdf.Matrix())
    return found


def test_a_page_shaped_picture_is_a_plate_to_the_bleed_edges(plated: Path) -> None:
    with pikepdf.open(plated) as pdf:
        drawn = {index: _images_drawn(pdf, index) for index in range(len(pdf.pages))}
        plates = [index for index, images in drawn.items()
                  if any(image.Width == 1875 for image, _ in images)]
        assert len(plates) == 1, drawn
        (index,) = plates
        media = [float(v) for v in pdf.pages[index].MediaBox]
        (matrix,) = [m for image, m in drawn[index] if image.Width == 1875]
    # The picture covers the whole page with its bleed (and is cut off at the MediaBox).
    x0, y0 = matrix.e, matrix.f
    x1, y1 = x0 + matrix.a, y0 + matrix.d
    assert x0 <= media[0] + 0.5 and y0 <= media[1] + 0.5, (matrix, media)
    assert x1 >= media[2] - 0.5 and y1 >= media[3] - 0.5, (matrix, media)
    assert media[3] - media[1] == 666  # the page bleeds: 9 in + 2 × 0.125 in
    # A page of its own: no running head, no folio, no text.
    assert page_lines(plated, index) == []
    # The text before and after it is all there, on the pages around it.
    text = " ".join(" ".join(page_lines(plated, n)) for n in (index - 1, index + 1))
    assert "4. The tide" in text and "5. The tide" in text


def test_a_small_picture_stays_in_the_text(plated: Path) -> None:
    with pikepdf.open(plated) as pdf:
        (index, matrix) = next((index, m) for index in range(len(pdf.pages))
                               for image, m in _images_drawn(pdf, index) if image.Width == 1500)
        left = float(pdf.pages[index].MediaBox[0])  # poppler measures from the MediaBox
    on_page = [w for w in words(plated) if w.page == index]
    assert on_page, "the small picture's page has text"
    # Inside the text block, no wider than the measure.
    assert matrix.a > 0 and matrix.d < 200
    assert min(w.x0 for w in on_page) + left - 1 <= matrix.e
    assert matrix.e + matrix.a <= max(w.x1 for w in on_page) + left + 1


def test_pictures_are_cmyk_without_transparency_for_pdfx_1a(plated: Path) -> None:
    with pikepdf.open(plated) as pdf:
        images = [image for index in range(len(pdf.pages))
                  for image, _ in _images_drawn(pdf, index)]
        assert len(images) == 2
        for image in images:
            assert image.ColorSpace == "/DeviceCMYK" and "/SMask" not in image
    # The shop's preflight on the file alone (bleed, PDF/X-1a read from it) finds nothing.
    rules = rules_for_file(plated, "kdp")
    assert rules.bleed and rules.pdf_standard == "x-1a"
    assert preflight(plated, rules) == []


def test_pictures_are_grey_in_a_black_and_white_pdfx_1a_book() -> None:
    from octavo.backends.print_images import for_the_press, press_mode

    assert press_mode("x-1a", black_and_white=True) == "grey"
    assert press_mode("x-4", black_and_white=True) is None  # PDF/X-4 takes RGB
    picture = Image(_picture((40, 60), alpha=True), "image/png", "a map")
    grey = for_the_press((picture,), "grey")[0]
    with Picture.open(io.BytesIO(grey.data)) as opened:
        assert opened.mode == "L" and grey.alt == "a map"
        # The half-transparent blue is flattened on white paper (about 156), not drawn as the
        # opaque blue (about 58).
        assert opened.getpixel((0, 30)) > 120


def test_no_plate_without_bleed(tmp_path: Path) -> None:
    from octavo.backends.print_html import PrintHtml
    from octavo.diagnostics import Diagnostics
    from octavo.pipeline import load_book
    from octavo.render.templating import make_environment

    pages = {}
    for bleed in (True, False):
        folder = tmp_path / str(bleed)
        document = docx.Document()
        document.add_paragraph("Before.")
        document.add_picture(io.BytesIO(_picture((1875, 2775))), width=Inches(6))
        document.add_paragraph("After.")
        folder.mkdir()
        document.save(str(folder / "p.docx"))
        BookFolder(folder).write("book.yaml", "title: T\nauthor: A\nlanguage: en\n"
                                 f"build: {{bleed: {str(bleed).lower()}, pdf_standard: x-4}}\n"
                                 "contents: [p.docx]\n")
        from octavo.backends.base import NullProgress

        book = load_book(folder / "book.yaml", Diagnostics(), NullProgress())
        pages[bleed] = PrintHtml(make_environment(None), book).story(next(book.chapters()), 1)
    assert pages[True].count('<div class="plate"><img') == 1
    assert 'class="plate"' not in pages[False] and '<p class="figure"><img' in pages[False]
