"""The print shops' trims and papers, and how the gutter settles on the final page count: the
shops' lists as data, the manifest's diagnostics, the layout passes (no layout here: fast)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import octavo
from octavo import cli
from octavo.backends.print_geometry import GutterPass, settle_gutter
from octavo.diagnostics import Diagnostic, OctavoError
from octavo.manifest import load_manifest
from octavo.manifest_print import book_paper
from octavo.print_profiles import (
    PAPER_CHOICES,
    PROFILES,
    paper_name,
    resolve_rules,
    spine_width_in,
    trim_finding,
)
from tests.conftest import BookFolder, run_octavo

# -- trims -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("width", "height"), [
    (5, 8), (5.5, 8.5), (6, 9), (5.06, 7.81), (6.14, 9.21),
    (148 / 25.4, 210 / 25.4),  # A5 in millimetres matches the shops' 5.83 x 8.27
])
def test_both_shops_print_the_common_trims(width: float, height: float) -> None:
    for shop in ("kdp", "ingram", "generic"):
        assert trim_finding(PROFILES[shop], width, height) is None, (shop, width, height)


def test_ingram_prints_only_its_list_and_names_the_nearest() -> None:
    code, message = trim_finding(PROFILES["ingram"], 5.4, 8.4) or ("", "")
    assert code == "OCT448"
    assert message == ("IngramSpark does not print 5.4x8.4 in; the nearest trims it prints are "
                       "5.5x8.5, 5.5x8.25, 5.25x8")
    # Its small trims, below KDP's standard list, and its mass-market 4.37 x 7.
    for trim in ((4.37, 7), (4.25, 7), (6.625, 10.25), (8.268, 11.693)):
        assert trim_finding(PROFILES["ingram"], *trim) is None, trim


def test_kdp_prints_other_trims_in_its_range_as_custom_sizes() -> None:
    code, message = trim_finding(PROFILES["kdp"], 5.4, 8.4) or ("", "")
    assert code == "OCT449"
    assert message.startswith("KDP prints 5.4x8.4 in only as a custom size")
    assert message.endswith("its nearest standard trims are 5.5x8.5, 5.25x8, 5.83x8.27")
    # IngramSpark's 4.37 x 7 is inside KDP's custom range (4 to 8.5 in wide, 6 to 11.69 in
    # tall): a custom size; 11 x 17 is outside it: KDP does not print it at all.
    assert (trim_finding(PROFILES["kdp"], 4.37, 7) or ("",))[0] == "OCT449"
    assert (trim_finding(PROFILES["kdp"], 11, 17) or ("",))[0] == "OCT448"
    assert trim_finding(PROFILES["generic"], 11, 17) is None  # a generic printer: any size


def _manifest(book: BookFolder, build: str) -> list[Diagnostic]:
    book.manifest(f"title: T\nlanguage: en\ncontents: [stories/one.txt]\nbuild: {build}\n")
    return load_manifest(book.root / "book.yaml")[1]


def test_a_trim_ingram_does_not_print_is_a_located_manifest_error(book: BookFolder) -> None:
    with pytest.raises(OctavoError) as caught:
        _manifest(book, "{print: ingram, trim: 5.4x8.4}")
    (found,) = [d for d in caught.value.diagnostics if d.code == "OCT448"]
    assert found.severity.value == "error"
    assert "IngramSpark does not print 5.4x8.4 in" in found.message
    assert "5.5x8.5, 5.5x8.25, 5.25x8" in found.message
    assert (found.span.line, found.span.column) == (4, 30)  # at the trim's value


def test_a_custom_kdp_trim_is_a_warning_and_standard_trims_are_silent(
        book: BookFolder) -> None:
    warnings = _manifest(book, "{trim: 5.4x8.4}")
    (found,) = [d for d in warnings if d.code in ("OCT448", "OCT449")]
    assert found.code == "OCT449" and found.severity.value == "warning"
    assert (found.span.line, found.span.column) == (4, 15)
    for trim in ("5x8", "A5", "6.14x9.21", "5.25x8"):
        for shop in ("kdp", "ingram"):
            warnings = _manifest(book, f"{{print: {shop}, trim: {trim}}}")
            assert not [d for d in warnings if d.code in ("OCT448", "OCT449")], (trim, shop)


# -- papers ------------------------------------------------------------------------------------


def test_kdp_page_limits_by_paper_and_trim() -> None:
    assert resolve_rules("kdp").max_pages == 828
    assert resolve_rules("kdp", paper="cream").max_pages == 776
    assert resolve_rules("kdp", paper="colour").max_pages == 828  # premium colour
    assert resolve_rules("kdp", trim_in=(8.5, 11)).max_pages == 590
    assert resolve_rules("kdp", paper="cream", trim_in=(8.5, 11)).max_pages == 550
    assert resolve_rules("kdp", paper="cream", trim_in=(5, 8)).max_pages == 776
    assert not resolve_rules("kdp", paper="colour").black_and_white
    assert resolve_rules("kdp", paper="colour").min_pages == 24


def test_kdp_standard_colour_is_a_paper_of_its_own() -> None:
    standard = resolve_rules("kdp", paper="standard-colour")
    assert (standard.min_pages, standard.max_pages) == (72, 600)
    assert resolve_rules("kdp", paper="standard-colour", trim_in=(8.5, 11)).max_pages == 600
    assert not standard.black_and_white  # a colour interior: images in CMYK, text in colour
    # Its spine is as thick as white paper's, thinner than premium colour's.
    assert spine_width_in(standard, 300) == spine_width_in(resolve_rules("kdp"), 300)
    assert spine_width_in(standard, 300) < spine_width_in(resolve_rules("kdp", paper="colour"), 300)
    assert paper_name("standard-color") == "standard-colour"
    assert paper_name("premium-color") == paper_name("premium-colour") == "colour"
    assert resolve_rules("ingram", paper="standard-colour").min_pages == 18


def test_every_paper_spelling_is_accepted_by_the_manifest_and_the_check_command() -> None:
    schema = json.loads((Path(octavo.__file__).parent / "schema" / "book.schema.json")
                        .read_text(encoding="utf-8"))
    accepted = schema["$defs"]["build"]["properties"]["paper"]["enum"]
    assert sorted(accepted) == sorted(PAPER_CHOICES)
    paper_option = next(p for p in cli.check.params if p.name == "paper")
    assert sorted(paper_option.type.choices) == sorted(PAPER_CHOICES)  # type: ignore[attr-defined]


def test_the_paper_of_the_book_the_check_runs_in(tmp_path: Path) -> None:
    assert book_paper(tmp_path) == "white"  # no book here
    (tmp_path / "book.yaml").write_text("title: T\nbuild: {paper: cream}\n", encoding="utf-8")
    (tmp_path / "chapters").mkdir()
    assert book_paper(tmp_path / "chapters") == "cream"  # found upwards, as a build does
    (tmp_path / "book.yaml").write_text("title: T\nbuild: {paper: color}\n", encoding="utf-8")
    assert book_paper(tmp_path) == "colour"  # the US spelling, the same paper
    (tmp_path / "book.yaml").write_text("title: T\nbuild: {paper: blue}\n", encoding="utf-8")
    assert book_paper(tmp_path) == "white"
    (tmp_path / "book.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    assert book_paper(tmp_path) == "white"


# -- the gutter settles on the final page count ----------------------------------------------


def _settle(counts: dict[float, int], first: float, shop: str = "kdp"
            ) -> tuple[float, list[GutterPass]]:
    """Settle with layouts that make `counts[margin]` pages; returns (kept margin, passes)."""
    rules = resolve_rules(shop)
    laid: list[float] = []

    def lay_out(inside: float) -> float:
        laid.append(inside)
        return inside

    kept, passes = settle_gutter(first, lay_out, lambda inside: counts[inside],
                                 rules.gutter_for)
    assert [p.inside_in for p in passes] == laid  # every layout made is in the log
    return kept, passes


M = {gutter: gutter + 0.25 for gutter in (0.375, 0.5, 0.625, 0.75, 0.875)}  # inside margins


def test_one_layout_when_the_count_stays_in_its_step() -> None:
    kept, passes = _settle({M[0.625]: 480}, M[0.625])
    assert kept == M[0.625] and [p.pages for p in passes] == [480]


def test_a_second_layout_when_the_count_crosses_a_threshold() -> None:
    kept, passes = _settle({M[0.625]: 503, M[0.75]: 521}, M[0.625])
    assert kept == M[0.75]
    assert [(p.inside_in, p.pages) for p in passes] == [(M[0.625], 503), (M[0.75], 521)]


def test_a_step_down_is_kept_when_it_holds() -> None:
    kept, passes = _settle({M[0.75]: 496, M[0.625]: 484}, M[0.75])
    assert kept == M[0.625] and len(passes) == 2


def test_the_count_falling_back_across_the_threshold_never_oscillates() -> None:
    # Wider margin, fewer pages (the typesetting pass can do this): the wider layout is kept,
    # it asks a narrower gutter than it has, so the shop takes it; no third layout.
    kept, passes = _settle({M[0.625]: 502, M[0.75]: 499}, M[0.625])
    assert kept == M[0.75] and len(passes) == 2
    # A step down whose count climbs back over the threshold: the first layout is kept.
    kept, passes = _settle({M[0.75]: 499, M[0.625]: 501}, M[0.75])
    assert kept == M[0.75] and len(passes) == 2
    assert resolve_rules("kdp").gutter_for(499) <= kept  # wider than the shop requires


def test_a_book_that_keeps_growing_climbs_step_by_step() -> None:
    kept, passes = _settle({M[0.375]: 290, M[0.5]: 302, M[0.625]: 310}, M[0.375])
    assert kept == M[0.625] and len(passes) == 3


def test_a_fixed_gutter_is_laid_out_once() -> None:
    rules = resolve_rules("kdp", gutter_in=0.9)
    kept, passes = settle_gutter(0.9, lambda inside: inside, lambda inside: 700,
                                 rules.gutter_for)
    assert kept == 0.9 and len(passes) == 1


# -- bad print settings, end to end ------------------------------------------------------------


def test_trims_in_millimetres_and_a_size_with_no_unit(book: BookFolder) -> None:
    with pytest.raises(OctavoError) as caught:
        _manifest(book, "{trim: 152x229}")
    (found,) = [d for d in caught.value.diagnostics if d.code == "OCT115"]
    assert found.message.endswith("a size with no unit is in inches: for millimetres write "
                                  "152x229mm")
    book.manifest("title: T\nlanguage: en\ncontents: [stories/one.txt]\n"
                  "build: {print: ingram, trim: 148x210mm}\n")
    manifest, warnings = load_manifest(book.root / "book.yaml")
    trim = manifest.print.trim
    assert (round(trim.width_in, 2), round(trim.height_in, 2)) == (5.83, 8.27)  # A5
    assert not [d for d in warnings if d.code in ("OCT448", "OCT449")]
    with pytest.raises(OctavoError) as caught:
        _manifest(book, "{print: ingram, trim: 15x23cm}")
    (found,) = [d for d in caught.value.diagnostics if d.code == "OCT448"]
    assert found.message.startswith("build.trim '15x23cm': IngramSpark does not print")
    assert "6x9, 6.024x9.252, 6.14x9.21" in found.message


@pytest.mark.parametrize(("build", "code", "says"), [
    ("{print: ingram, trim: 5.4x8.4}", "OCT448", "IngramSpark does not print 5.4x8.4 in"),
    ("{bleed: -0.125}", "OCT105", "'build.bleed' must be true or false"),
    ("{print: lulu}", "OCT105", "'build.print' must be one of 'kdp', 'ingram', 'generic'"),
    ("{paper: blue}", "OCT105", "'build.paper' must be one of 'white', 'cream', 'colour'"),
    ("{trim: 6x9cm}", "OCT115", "the width, 2.36 in, is below the 4 in minimum and the "
                               "height, 3.54 in, is below the 6 in minimum; in inches? write 6x9"),
    ("{trim: 6 by 9}", "OCT115", "or millimetres: 148x210mm"),
])
def test_a_bad_print_setting_fails_the_build_located_and_leaves_no_file(
        book: BookFolder, build: str, code: str, says: str) -> None:
    book.manifest("title: T\nauthor: A\nlanguage: en\ncontents: [stories/one.txt]\n"
                  f"build: {build}\n")
    run = run_octavo("build", book.root, "-o", book.root / "dist", cwd=book.root)
    assert run.returncode == 1 and "Traceback" not in run.stderr + run.stdout
    (line,) = [x for x in (run.stdout + run.stderr).splitlines() if f" {code} " in x]
    assert line.startswith("book.yaml:5:") and says in line, line
    assert not (book.root / "dist").exists() or not list((book.root / "dist").iterdir())
