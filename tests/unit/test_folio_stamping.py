"""Folios drawn into the page's own content look exactly as the folio page drawn as a form.

At the join each body page gets its folio and running heads from the folio sheet
(pdf_folios.stamp_folios). They are written into the page's content, the sheet's resources
added to the page's under names of their own: a sheet whose font has the same resource name as
a different font on the page must not change the page's text, nor the folio's.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf

from octavo.backends.pdf_folios import stamp_folios

SIZE = (0, 0, 200, 300)


def _font(pdf: pikepdf.Pdf, base: str) -> pikepdf.Object:
    return pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name(base)))


def _page(pdf: pikepdf.Pdf, content: bytes, resources: pikepdf.Dictionary) -> pikepdf.Page:
    page = pikepdf.Page(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=pikepdf.Array(SIZE), Resources=resources,
        Contents=pikepdf.Stream(pdf, content)))
    pdf.pages.append(page)
    return pdf.pages[-1]


def _book(path: Path) -> None:
    book = pikepdf.new()
    # Two pages sharing one resource dictionary, as the pages of one laid-out document do.
    shared = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=_font(book, "/Times-Roman")))
    for text in (b"Page one", b"Page two"):
        _page(book, b"BT /F1 14 Tf 20 150 Td (" + text + b") Tj ET", shared)
    book.save(path)


def _sheet(path: Path) -> None:
    sheet = pikepdf.new()
    # The same resource name for another font, and a graphics state given directly.
    resources = pikepdf.Dictionary(
        Font=pikepdf.Dictionary(F1=_font(sheet, "/Courier-Bold")),
        ExtGState=pikepdf.Dictionary(G0=pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, LW=3)))
    for folio in (b"1", b"2"):
        _page(sheet, b"/G0 gs 0 0 0 1 k 10 280 m 190 280 l S BT /F1 9 Tf 95 20 Td (" + folio
              + b") Tj ET", resources)
    sheet.save(path)


def _pixels(path: Path, folder: Path) -> list[bytes]:
    subprocess.run(["pdftoppm", "-r", "72", "-gray", str(path), str(folder / "p")], check=True)
    return [p.read_bytes() for p in sorted(folder.glob("p*.pgm"))]


def test_folios_in_the_page_content_look_as_the_sheet_drawn_as_a_form(tmp_path: Path) -> None:
    _book(tmp_path / "book.pdf")
    _sheet(tmp_path / "sheet.pdf")
    with pikepdf.open(tmp_path / "book.pdf") as book, pikepdf.open(tmp_path / "sheet.pdf") as sheet:
        stamp_folios(book, 0, ["opening", "running"], [sheet])
        book.save(tmp_path / "stamped.pdf")
    with pikepdf.open(tmp_path / "book.pdf") as book, pikepdf.open(tmp_path / "sheet.pdf") as sheet:
        for page, folio in zip(book.pages, sheet.pages, strict=True):
            page.add_overlay(folio)  # the sheet's page as a form, pikepdf's own way
        book.save(tmp_path / "as-forms.pdf")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    stamped = _pixels(tmp_path / "stamped.pdf", tmp_path / "a")
    assert stamped == _pixels(tmp_path / "as-forms.pdf", tmp_path / "b")
    with pikepdf.open(tmp_path / "stamped.pdf") as result:
        for page in result.pages:
            assert "/XObject" not in page.Resources  # no form on the page
            fonts = {str(font.BaseFont) for font in page.Resources.Font.values()}
            assert fonts == {"/Times-Roman", "/Courier-Bold"}
    # The two fonts and the folios are all there: the page text, then its folio.
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "stamped.pdf"), "-"],
                          check=True, capture_output=True, text=True).stdout
    assert "Page one" in text and "Page two" in text
    assert [line.strip() for line in text.splitlines() if line.strip().isdigit()] == ["1", "2"]


def test_a_page_without_a_folio_is_left_as_it_is(tmp_path: Path) -> None:
    _book(tmp_path / "book.pdf")
    _sheet(tmp_path / "sheet.pdf")
    with pikepdf.open(tmp_path / "book.pdf") as book, pikepdf.open(tmp_path / "sheet.pdf") as sheet:
        before = book.pages[1].Contents.read_bytes()
        stamp_folios(book, 0, ["opening", "none"], [sheet])
        assert book.pages[1].Contents.read_bytes() == before
        assert b"Folio0-F1" in book.pages[0].Contents.read_bytes()
