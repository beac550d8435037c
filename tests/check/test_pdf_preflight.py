"""`octavo check --pdf FILE --profile NAME` on a PDF octavo did not make: each rule a located
finding (page, measured, required), and the profile decides which rules apply."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from tests.conftest import run_octavo


def foreign_pdf(path: Path, pages: int = 3) -> Path:
    """A 6 × 9 in PDF as a word processor might write it: RGB text near the top edge, a font
    that is not embedded, a link annotation, no TrimBox."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font,
                                                Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    for _ in range(pages):
        page = pdf.add_blank_page(page_size=(432, 648))
        page.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        # Baseline 0.2 in below the top: the text's top is about 0.1 in from the edge.
        page.Contents = pdf.make_stream(b"1 0 0 rg BT /F1 10 Tf 100 634 Td (Hello there) Tj ET")
        page.Annots = pdf.make_indirect(pikepdf.Array([pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
            Rect=pikepdf.Array([100, 600, 200, 620]))]))
    pdf.save(path)
    return path


def test_every_rule_is_a_located_finding(tmp_path: Path) -> None:
    path = foreign_pdf(tmp_path / "word.pdf")
    run = run_octavo("check", "--pdf", path, "--profile", "kdp", cwd=tmp_path)
    assert run.returncode == 1
    out = run.stdout
    codes = {line.split()[2] for line in out.splitlines() if " OCT" in line}
    assert {"OCT420", "OCT430", "OCT431", "OCT434", "OCT435", "OCT436", "OCT438", "OCT439",
            "OCT444"} <= codes, out
    assert f"{path}: error OCT430 3 pages; KDP prints 24 to 828 pages on white paper" in out
    assert f"{path}#page=2: error OCT436 page 2: no TrimBox and no BleedBox" in out
    assert f"{path}#page=1: error OCT439 page 1: text set in DeviceRGB 1 0 0" in out
    assert f"{path}#page=3: error OCT444 page 3: 1 annotations" in out
    top = [line for line in out.splitlines() if "OCT434" in line and "#page=1:" in line]
    assert top and "from the top edge; the safe zone is 0.25 in" in top[0]


def test_the_profile_decides_the_rules(tmp_path: Path) -> None:
    path = foreign_pdf(tmp_path / "word.pdf", pages=4)
    generic = run_octavo("check", "--pdf", path, "--profile", "generic", cwd=tmp_path).stdout
    # No PDF/X asked, annotations allowed, no minimum page count: those rules stay silent.
    for code in ("OCT430", "OCT431", "OCT435", "OCT438", "OCT444"):
        assert code not in generic, code
    assert "OCT439" in generic and "OCT434" in generic  # black ink and the safe zone still
    ingram = run_octavo("check", "--pdf", path, "--profile", "ingram", cwd=tmp_path).stdout
    assert "IngramSpark prints 18 to 1200 pages" in ingram
    assert "the safe zone is 0.5 in" in ingram


def test_without_a_profile_the_basic_preflight_only(tmp_path: Path) -> None:
    path = foreign_pdf(tmp_path / "word.pdf")
    out = run_octavo("check", "--pdf", path, cwd=tmp_path).stdout
    assert "OCT420" in out and "OCT434" not in out


@pytest.mark.parametrize("code", ["OCT433", "OCT434", "OCT441", "OCT146"])
def test_codes_are_explained(tmp_path: Path, code: str) -> None:
    run = run_octavo("check", "--explain", code, cwd=tmp_path)
    assert run.returncode == 0 and run.stdout.startswith(code)


def test_a_long_pdf_is_measured_in_another_process_with_the_same_findings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from octavo.check import pdf_preflight
    from octavo.print_profiles import resolve_rules

    path = foreign_pdf(tmp_path / "long.pdf", pages=70)  # above the threshold: forked
    rules = resolve_rules("kdp")
    assert len(pdf_preflight.preflight(path, rules)) > 0
    measured_elsewhere = pdf_preflight.preflight(path, rules)
    monkeypatch.setattr(pdf_preflight, "_PAGES_FOR_A_PROCESS", 10_000)
    measured_here = pdf_preflight.preflight(path, rules)
    assert measured_elsewhere == measured_here
    assert any(finding.code == "OCT434" for finding in measured_here)


def bleeding_pdf(path: Path, outer_only: bool, standard: str | None) -> Path:
    """Four 6 × 9 in pages that bleed 0.125 in (9 pt): on the outer edges only (as a shop asks)
    or on all four, claiming the PDF/X version `standard`."""
    pdf = pikepdf.new()
    for index in range(4):
        recto = index % 2 == 0
        left = 0 if outer_only and recto else -9
        right = 432 if outer_only and not recto else 441
        page = pdf.add_blank_page(page_size=(432, 648))
        page.MediaBox = page.BleedBox = pikepdf.Array([left, -9, right, 657])
        page.TrimBox = pikepdf.Array([0, 0, 432, 648])
    if standard:
        pdf.docinfo["/GTS_PDFXVersion"] = pikepdf.String(standard)
    pdf.save(path)
    return path


def test_a_file_that_bleeds_is_judged_as_a_bleed_book(tmp_path: Path) -> None:
    from octavo.check.pdf_preflight import rules_for_file

    good = bleeding_pdf(tmp_path / "outer.pdf", outer_only=True, standard="PDF/X-4")
    rules = rules_for_file(good, "kdp")
    assert rules.bleed and rules.safe_zone_in == 0.375 and rules.pdf_standard == "x-4"
    out = run_octavo("check", "--pdf", good, "--profile", "kdp", cwd=tmp_path).stdout
    assert "OCT436" not in out and "OCT422" not in out, out  # the trim is 6 × 9 in
    assert "PDF/X-1a is required" not in out  # KDP takes PDF/X-4 as well
    # Bleed on the spine edge too is a wrong page size for the shop: located, with both boxes.
    wrong = bleeding_pdf(tmp_path / "all.pdf", outer_only=False, standard="PDF/X-3:2002")
    out = run_octavo("check", "--pdf", wrong, "--profile", "kdp", cwd=tmp_path).stdout
    assert (f"{wrong}#page=1: error OCT436 page 1: MediaBox [-9 -9 441 657], expected "
            "[0 -9 441 657] (trim + 0.125 in on the top, bottom and outside)") in out, out
    assert "GTS_PDFXVersion is PDF/X-3:2002; PDF/X-1a is required" in out


def _page_with(pdf: pikepdf.Pdf, content: bytes, **resources: pikepdf.Object) -> None:
    page = pdf.add_blank_page(page_size=(432, 648))
    page.Resources = pikepdf.Dictionary(**resources)
    page.Contents = pdf.make_stream(content)


def _font(pdf: pikepdf.Pdf, name: str, program: bytes) -> pikepdf.Object:
    descriptor = pikepdf.Dictionary(Type=pikepdf.Name.FontDescriptor,
                                    FontName=pikepdf.Name("/" + name),
                                    FontFile2=pdf.make_stream(program))
    return pdf.make_indirect(pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.TrueType,
        BaseFont=pikepdf.Name("/" + name), FontDescriptor=descriptor))


def _codes(path: Path, **rules: str) -> dict[str, list[str]]:
    from octavo.check.pdf_preflight import preflight
    from octavo.print_profiles import resolve_rules

    found: dict[str, list[str]] = {}
    for finding in preflight(path, resolve_rules("kdp", **rules)):
        found.setdefault(finding.code, []).append(finding.message)
    return found


def test_each_rule_fires_on_its_fault_and_not_on_a_look_alike(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    half = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=0.5)
    whole = pikepdf.Dictionary(Type=pikepdf.Name.ExtGState, ca=1)
    lab = pikepdf.Array([pikepdf.Name.Lab, pikepdf.Dictionary(WhitePoint=[0.96, 1, 0.82])])
    cmyk = pikepdf.Name.DeviceCMYK
    text = b"BT /F1 10 Tf 100 300 Td (Hi) Tj ET"
    # Page 1: transparency (an alpha of 0.5), an unused Lab space and a used CMYK one.
    _page_with(pdf, b"/GS1 gs /CS1 cs 0 0 0 1 sc " + text,
               ExtGState=pikepdf.Dictionary(GS1=half),
               ColorSpace=pikepdf.Dictionary(Unused=lab, CS1=cmyk),
               Font=pikepdf.Dictionary(F1=_font(pdf, "ABCDEF+Charis", b"program one")))
    # Page 2: an opaque graphics state (no transparency); the same name, another program.
    _page_with(pdf, b"/GS1 gs " + text, ExtGState=pikepdf.Dictionary(GS1=whole),
               Font=pikepdf.Dictionary(F1=_font(pdf, "ABCDEF+Charis", b"program two")))
    # Page 3: Charis again under another subset prefix, and a Type 3 font.
    type3 = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font,
                                                 Subtype=pikepdf.Name.Type3,
                                                 BaseFont=pikepdf.Name("/T3Font")))
    _page_with(pdf, text, Font=pikepdf.Dictionary(
        F1=_font(pdf, "GHIJKL+Charis", b"program three"), F2=type3))
    pdf.add_blank_page(page_size=(432, 648))
    path = tmp_path / "faults.pdf"
    pdf.save(path, force_version="1.7")

    found = _codes(path, font_embedding="full")
    assert found["OCT437"] == ["page 1: graphics state GS1 sets ca 0.5"]
    assert found["OCT440"] == ["page 1: colour space Unused (Lab) is defined and never used"]
    assert found["OCT441"] == ["2 different programs are all named ABCDEF+Charis (pages 1, 2)"]
    assert found["OCT442"] == ["Charis is embedded 3 times; one program for the whole book is "
                               "enough"]
    assert found["OCT443"] == ["Charis is embedded as a subset; KDP recommends whole fonts"]
    assert found["OCT445"] == ["page 3: Type 3 font T3Font"]
    # Look-alikes: transparency is no fault in PDF/X-4, nor a subset where subsets are wanted.
    relaxed = _codes(path, pdf_standard="x-4", font_embedding="subset")
    assert "OCT437" not in relaxed and "OCT443" not in relaxed and "OCT440" in relaxed


def test_version_encryption_and_file_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                          ) -> None:
    from octavo.print_profiles import PROFILES

    pdf = pikepdf.new()
    for _ in range(24):
        pdf.add_blank_page(page_size=(432, 648))
    pdf.docinfo["/GTS_PDFXVersion"] = pikepdf.String("PDF/X-1a:2001")
    newer, right = tmp_path / "newer.pdf", tmp_path / "right.pdf"
    pdf.save(newer, force_version="1.6")
    pdf.save(right, force_version="1.3")
    assert _codes(newer)["OCT447"] == ["PDF 1.6; PDF/X-1a:2001 allows at most PDF 1.3"]
    assert "OCT447" not in _codes(right)
    locked = tmp_path / "locked.pdf"
    pdf.save(locked, encryption=pikepdf.Encryption(owner="o", user=""))
    assert list(_codes(locked)) == ["OCT446"]
    import dataclasses

    monkeypatch.setitem(PROFILES, "kdp", dataclasses.replace(PROFILES["kdp"], max_file_mb=0.001))
    assert _codes(right)["OCT432"][0].startswith("the file is 0.0 MB; KDP accepts at most 0.001")


def sized_pdf(path: Path, sizes: list[tuple[float, float]]) -> Path:
    """One blank page per (width, height) in inches, each with its TrimBox."""
    pdf = pikepdf.new()
    for width, height in sizes:
        page = pdf.add_blank_page(page_size=(width * 72, height * 72))
        page.TrimBox = page.BleedBox = pikepdf.Array([0, 0, width * 72, height * 72])
    pdf.save(path)
    return path


def test_a_page_size_the_shop_does_not_print_is_located(tmp_path: Path) -> None:
    odd = sized_pdf(tmp_path / "odd.pdf", [(6, 9), (6, 9), (5.4, 8.4), (5.4, 8.4)])
    ingram = run_octavo("check", "--pdf", odd, "--profile", "ingram", cwd=tmp_path)
    assert ingram.returncode == 1 and "Traceback" not in ingram.stderr
    (line,) = [x for x in ingram.stdout.splitlines() if "OCT448" in x]
    assert line == (f"{odd}#page=3: error OCT448 page 3 (its TrimBox): IngramSpark does not "
                    "print 5.4x8.4 in; the nearest trims it prints are 5.5x8.5, 5.5x8.25, "
                    "5.25x8")
    kdp = run_octavo("check", "--pdf", odd, "--profile", "kdp", cwd=tmp_path).stdout
    (line,) = [x for x in kdp.splitlines() if "OCT44" in x and "TrimBox" in x]
    assert line.startswith(f"{odd}#page=3: warning OCT449 page 3 (its TrimBox): KDP prints "
                           "5.4x8.4 in only as a custom size")
    # Look-alikes: A5 (in millimetres) and IngramSpark's 4.37 x 7 are on its list.
    listed = sized_pdf(tmp_path / "listed.pdf", [(148 / 25.4, 210 / 25.4), (4.37, 7)])
    assert "OCT448" not in run_octavo("check", "--pdf", listed, "--profile", "ingram",
                                      cwd=tmp_path).stdout
    assert "OCT448" not in run_octavo("check", "--pdf", odd, "--profile", "generic",
                                      cwd=tmp_path).stdout


def test_the_paper_sets_the_page_limits_and_the_black_text_rule(tmp_path: Path) -> None:
    path = foreign_pdf(tmp_path / "word.pdf")  # 3 pages, red RGB text
    white = run_octavo("check", "--pdf", path, "--profile", "kdp", cwd=tmp_path).stdout
    assert "KDP prints 24 to 828 pages on white paper" in white and "OCT439" in white
    cream = run_octavo("check", "--pdf", path, "--profile", "kdp", "--paper", "cream",
                       cwd=tmp_path).stdout
    assert "KDP prints 24 to 776 pages on cream paper" in cream
    colour = run_octavo("check", "--pdf", path, "--profile", "kdp", "--paper", "colour",
                        cwd=tmp_path).stdout
    # A colour interior may set text in colour; the page limits are premium colour's.
    assert "OCT439" not in colour and "KDP prints 24 to 828 pages on colour paper" in colour
    # The US spelling names the same paper.
    color = run_octavo("check", "--pdf", path, "--profile", "kdp", "--paper", "color",
                       cwd=tmp_path).stdout
    assert "OCT439" not in color and "on colour paper" in color
    # KDP's standard colour binds fewer pages (72 to 600), and may also set text in colour.
    for spelling in ("standard-colour", "standard-color"):
        standard = run_octavo("check", "--pdf", path, "--profile", "kdp", "--paper", spelling,
                              cwd=tmp_path).stdout
        assert "OCT439" not in standard
        assert "KDP prints 72 to 600 pages on standard-colour paper" in standard
    # Inside a book, the book's paper is the default.
    (tmp_path / "book.yaml").write_text("title: T\nbuild: {paper: cream}\n", encoding="utf-8")
    inside = run_octavo("check", "--pdf", path, "--profile", "kdp", cwd=tmp_path).stdout
    assert "on cream paper" in inside
    assert "on white paper" in run_octavo("check", "--pdf", path, "--profile", "kdp",
                                          "--paper", "white", cwd=tmp_path).stdout


@pytest.mark.parametrize(("args", "says"), [
    (("--profile", "kdp", "--paper", "blue"), "Invalid value for '--paper'"),
    (("--profile", "lulu"), "Invalid value for '--profile'"),
    (("--paper", "cream"), "--paper goes with --pdf FILE --profile NAME"),
])
def test_a_bad_profile_or_paper_is_a_usage_error(tmp_path: Path, args: tuple[str, ...],
                                                 says: str) -> None:
    path = foreign_pdf(tmp_path / "word.pdf")
    run = run_octavo("check", "--pdf", path, *args, cwd=tmp_path)
    assert run.returncode == 2 and says in run.stderr
    assert "Traceback" not in run.stderr and run.stdout == ""
