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
