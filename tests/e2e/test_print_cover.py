"""`octavo cover`: the wraparound cover's size from page count and paper, its boxes, spine text
only on a thick enough spine, the barcode box, text inside the safe zones, CMYK for PDF/X-1a."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from PIL import Image

from tests.conftest import BookFolder, run_octavo
from tests.print_books import POINTS, words

pytestmark = pytest.mark.xdist_group("print-cover")


def cover_book(folder: BookFolder, cover: bool = True, extra: str = "") -> BookFolder:
    folder.write("stories/one.txt", "Chapter 1: Harbour\n\n" + "The tide came in. " * 40 + "\n")
    Image.new("RGB", (900, 1350), (40, 70, 120)).save(folder.root / "front.png")
    Image.new("RGB", (400, 400), (200, 180, 150)).save(folder.root / "me.jpg")
    folder.write("book.yaml", (
        "title: Harbour & Tide\nauthor: Ann Writer\nlanguage: en\n"
        + ("cover: front.png\n" if cover else "")
        + "print: {back_cover: 'Three tides, one harbour.\n\n  A second paragraph.', "
          "author_photo: me.jpg}\n" + extra + "contents: [stories/one.txt]\n"))
    return folder


@pytest.fixture(scope="module")
def thick(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = cover_book(BookFolder(tmp_path_factory.mktemp("cover") / "book"))
    run = run_octavo("cover", folder.root, "-o", folder.root / "out", "--pages", "320",
                     cwd=folder.root)
    assert run.returncode == 0, run.stderr
    return folder.root / "out" / "harbour-tide-cover.pdf", run.stdout


def test_size_from_page_count_and_paper(thick: tuple[Path, str]) -> None:
    path, out = thick
    assert "spine 0.721 in (320 pages, white paper, with spine text)" in out
    with pikepdf.open(path) as pdf:
        (page,) = pdf.pages
        media = [float(v) for v in page.MediaBox]
        # 2 × 6 in + 320 × 0.002252 in + 2 × 0.125 in bleed; 9 in + 0.25 in.
        assert media[2] - media[0] == pytest.approx((12 + 0.72064 + 0.25) * POINTS, abs=0.1)
        assert media[3] - media[1] == pytest.approx(9.25 * POINTS, abs=0.1)
        trim = [float(v) for v in page.TrimBox]
        assert trim == pytest.approx([media[0] + 9, media[1] + 9, media[2] - 9, media[3] - 9])
        assert [float(v) for v in page.BleedBox] == media
        assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-1a:2001"
        images = [x for x in page.Resources.XObject.values() if x.Subtype == "/Image"]
        assert len(images) == 2 and {str(x.ColorSpace) for x in images} == {"/DeviceCMYK"}
        # No colour space defined beside them (WeasyPrint's two Lab spaces are not PDF/X-1a).
        assert not list(page.Resources.get("/ColorSpace", {}).keys())


def test_spine_text_inside_the_spine_and_all_text_in_the_safe_zone(
        thick: tuple[Path, str]) -> None:
    path, _ = thick
    boxes = words(path)
    spine_left = (0.125 + 6) * POINTS
    spine_right = spine_left + 0.72064 * POINTS
    height = 9.25 * POINTS
    spine = [w for w in boxes if w.x0 >= spine_left - 1 and w.x1 <= spine_right + 1]
    assert {"Harbour", "&", "Tide"} <= {w.text for w in spine}
    for word in spine:
        assert word.x0 >= spine_left + 0.0625 * POINTS - 0.5
        assert word.x1 <= spine_right - 0.0625 * POINTS + 0.5
    for word in boxes:
        assert word.y0 >= (0.125 + 0.25) * POINTS - 0.5 and word.y1 <= height - 0.375 * POINTS
        assert word.x0 >= (0.125 + 0.25) * POINTS - 0.5
    back = " ".join(w.text for w in boxes if w.x1 < spine_left)
    assert "Three tides, one harbour." in back and "A second paragraph." in back


def test_white_barcode_box_at_the_foot_of_the_back(thick: tuple[Path, str]) -> None:
    path, _ = thick
    document = pypdfium2.PdfDocument(str(path))
    image = document[0].render(scale=1).to_pil().convert("RGB")
    document.close()
    # The box: 2 × 1.2 in, 0.25 in inside the trim's bottom and the back's spine edge.
    right = (0.125 + 6 - 0.25) * POINTS
    bottom = (9.25 - 0.125 - 0.25) * POINTS
    centre = (int(right - POINTS), int(bottom - 0.6 * POINTS))
    assert image.getpixel(centre) == (255, 255, 255)
    assert image.getpixel((int(right + 0.2 * POINTS), int(bottom - 0.6 * POINTS))) != (255, 255,
                                                                                        255)


def test_thin_spine_has_no_text(tmp_path: Path) -> None:
    folder = cover_book(BookFolder(tmp_path / "book"), extra="build: {paper: cream}\n")
    run = run_octavo("cover", folder.root, "-o", folder.root / "out", "--pages", "60",
                     cwd=folder.root)
    assert run.returncode == 0
    assert "spine 0.150 in (60 pages, cream paper, no spine text)" in run.stdout
    assert "OCT148" in run.stderr
    # The global -q (added to every command) leaves out the note and the "wrote" line.
    quiet = run_octavo("cover", folder.root, "-o", folder.root / "out", "--pages", "60", "-q",
                       cwd=folder.root)
    assert quiet.returncode == 0 and (folder.root / "out" / "harbour-tide-cover.pdf").is_file()
    assert "OCT148" not in quiet.stderr and "spine" not in quiet.stdout


def test_page_count_from_the_laid_out_interior(tmp_path: Path) -> None:
    folder = cover_book(BookFolder(tmp_path / "book"), extra="build: {print: generic}\n")
    run = run_octavo("cover", folder.root, "-o", folder.root / "out", cwd=folder.root)
    assert run.returncode == 0, run.stderr
    # Half title, its verso, title page, copyright page, contents, blank; the story, blank.
    assert "(8 pages, white paper" in run.stdout
    with pikepdf.open(folder.root / "out" / "harbour-tide-cover.pdf") as pdf:
        assert "/GTS_PDFXVersion" not in pdf.docinfo  # generic: no PDF/X


def test_no_front_image_is_a_located_error(tmp_path: Path) -> None:
    folder = cover_book(BookFolder(tmp_path / "book"), cover=False)
    run = run_octavo("cover", folder.root, "-o", folder.root / "out", "--pages", "100",
                     cwd=folder.root)
    assert run.returncode == 1 and "OCT147" in run.stderr and "Traceback" not in run.stderr
    assert not (folder.root / "out" / "harbour-tide-cover.pdf").exists()


def test_back_text_too_long_for_the_back_is_refused(tmp_path: Path) -> None:
    folder = cover_book(BookFolder(tmp_path / "book"))
    long_text = "A very long blurb that goes on. " * 300
    manifest = (folder.root / "book.yaml").read_text().replace(
        "Three tides, one harbour.", long_text)
    folder.write("book.yaml", manifest)
    run = run_octavo("cover", folder.root, "-o", folder.root / "out", "--pages", "200",
                     cwd=folder.root)
    assert run.returncode == 1 and "OCT149" in run.stderr
    assert "book.yaml:" in run.stderr  # located at the manifest's print key
    assert not (folder.root / "out" / "harbour-tide-cover.pdf").exists()
