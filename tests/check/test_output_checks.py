"""Checks on built files: EPUBCheck in octavo's format, and the print preflight."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pikepdf
import pytest

from octavo.check.outputs import check_pdf
from tests.conftest import BookFolder, run_octavo


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    book = BookFolder(tmp_path_factory.mktemp("built") / "book")
    book.write("stories/one.txt", "One night the harbour froze.\n\nNobody could say why.\n")
    book.manifest("title: Tales\nlanguage: en\ncontents: [stories/one.txt]\n")
    assert book.build().returncode == 0
    return book.root / "dist"


def test_a_good_epub_and_pdf_pass(built: Path) -> None:
    result = run_octavo("check", "--epub", built / "tales.epub", "--pdf", built / "tales.pdf",
                        cwd=built)
    assert result.returncode == 0 and result.stdout == "", result.stdout


def test_epubcheck_errors_come_back_located(built: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(built / "tales.epub") as source, zipfile.ZipFile(broken, "w") as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.endswith("story-001.xhtml"):
                data = data.replace(b"</section>", b"<p>unclosed</section>")
            out.writestr(item, data)
    result = run_octavo("check", "--epub", broken, cwd=tmp_path)
    assert result.returncode == 1
    assert "story-001.xhtml:" in result.stdout and "error OCT410 [" in result.stdout


def _pdf_with(path: Path, *, embedded: bool, image_pixels: int, odd: bool = False) -> Path:
    pdf = pikepdf.new()
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                              BaseFont=pikepdf.Name.Helvetica)
    image = pikepdf.Stream(pdf, bytes(image_pixels * image_pixels * 3))
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width = image.Height = image_pixels
    image.ColorSpace, image.BitsPerComponent = pikepdf.Name.DeviceRGB, 8
    for _ in range(3 if odd else 2):
        page = pdf.add_blank_page(page_size=(432, 648))
        page.Resources = pikepdf.Dictionary(
            Font=pikepdf.Dictionary(F1=font) if not embedded else pikepdf.Dictionary(),
            XObject=pikepdf.Dictionary(Im1=image))
        page.Contents = pdf.make_stream(b"q 144 0 0 144 72 72 cm /Im1 Do Q")  # a 2-inch square
    pdf.save(path)
    return path


def test_preflight_finds_unembedded_fonts_low_resolution_images_and_odd_pages(tmp_path: Path) -> None:
    bad = _pdf_with(tmp_path / "bad.pdf", embedded=False, image_pixels=200, odd=True)
    codes = sorted({d.code for d in check_pdf(bad)})
    assert codes == ["OCT420", "OCT423", "OCT424"]
    good = _pdf_with(tmp_path / "good.pdf", embedded=True, image_pixels=600)
    assert check_pdf(good) == []  # 600 px over 2 in is 300 dpi


def test_preflight_on_a_file_that_is_not_a_pdf(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_text("not a pdf", encoding="utf-8")
    result = run_octavo("check", "--pdf", "x.pdf", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize("profile", [None, "kdp"])
def test_a_damaged_pdf_is_refused_located_never_a_crash(built: Path, tmp_path: Path,
                                                         profile: str | None) -> None:
    from octavo.diagnostics import OctavoError

    whole = (built / "tales.pdf").read_bytes()
    refused = 0
    for tenth in range(2, 10):  # cut off at 20 %, 30 %, ... 90 %: qpdf recovers some of them
        damaged = tmp_path / f"cut{tenth}.pdf"
        damaged.write_bytes(whole[:len(whole) * tenth // 10])
        try:
            check_pdf(damaged, profile)
        except OctavoError as exc:
            (found,) = exc.diagnostics
            assert found.code == "OCT100" and found.span.path == str(damaged)
            refused += 1
    assert refused >= 6
    run = run_octavo("check", "--pdf", "cut9.pdf", *(["--profile", profile] if profile else []),
                     cwd=tmp_path)
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr, run.stderr
    if profile:  # without one the few basic checks can still read what qpdf recovered
        assert run.returncode == 2 and "cut9.pdf: error OCT100" in run.stderr, run.stderr
