"""The print PDF as a print shop's preflight sees it: boxes, PDF/X, fonts, colour, safe zones,
folios and contents, house styles. Each book is built once per module and inspected with
pikepdf, pypdf and poppler (not with octavo's own preflight, which is tested beside them)."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from octavo.check.pdf_preflight import preflight, rules_for_file
from octavo.print_profiles import resolve_rules
from octavo.render.direction import language_direction
from tests.conftest import BookFolder
from tests.print_books import (
    POINTS,
    colour_operators,
    font_programs,
    make_book,
    outline_pages,
    page_lines,
    words,
)

pytestmark = pytest.mark.xdist_group("print-shop")

ISBN_PRINT = "9781250316776"


@pytest.fixture(scope="module")
def kdp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default profile (KDP): PDF/X-1a, one subset of each font for the book, no bleed."""
    folder = BookFolder(tmp_path_factory.mktemp("kdp") / "book")
    result = make_book(folder, extra=(
        "identifier: 978-0-306-40615-7\n"
        f"print: {{isbn: '{ISBN_PRINT}', edition: 'First edition, 2025', "
        "credits: [Cover art by Bo Penn]}\n"))
    return result.artifacts[0].path


@pytest.fixture(scope="module")
def ingram(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = BookFolder(tmp_path_factory.mktemp("ingram") / "book")
    return make_book(folder, "print: ingram, lead_in: drop-cap").artifacts[0].path


@pytest.fixture(scope="module")
def bleed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Bleed, PDF/X-4, the modern house style, the book title on versos, a stylesheet, whole
    fonts."""
    folder = BookFolder(tmp_path_factory.mktemp("bleed") / "book")
    folder.write("extra.css", ".byline { font-variant-caps: normal; text-transform: uppercase; }\n")
    return make_book(folder, "bleed: true, pdf_standard: x-4, style: modern, css: extra.css, "
                     "running_heads: {verso: book-title}, fonts: full").artifacts[0].path


def test_every_page_has_trim_and_bleed_boxes(kdp: Path) -> None:
    with pikepdf.open(kdp) as pdf:
        for page in pdf.pages:
            assert [float(v) for v in page.TrimBox] == [0, 0, 432, 648]
            assert [float(v) for v in page.BleedBox] == [0, 0, 432, 648]
            assert [float(v) for v in page.MediaBox] == [0, 0, 432, 648]


def test_bleed_extends_the_outer_edges_only(bleed: Path) -> None:
    with pikepdf.open(bleed) as pdf:
        for index, page in enumerate(pdf.pages):
            trim = [float(v) for v in page.TrimBox]
            media = [float(v) for v in page.MediaBox]
            assert trim == [0, 0, 432, 648]
            if index % 2 == 0:  # a recto: the spine is on the left
                assert media == [0, -9, 441, 657]
            else:
                assert media == [-9, -9, 432, 657]
            assert [float(v) for v in page.BleedBox] == media
            # 6.125 × 9.25 in, as KDP asks of a 6 × 9 book that bleeds.
            assert (media[2] - media[0], media[3] - media[1]) == (441, 666)


def test_pdfx_1a_output_intent_and_version(kdp: Path) -> None:
    with pikepdf.open(kdp) as pdf:
        assert pdf.pdf_version == "1.3"
        assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-1a:2001"
        assert "/Trapped" in pdf.docinfo and "/Title" in pdf.docinfo
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == "FOGRA39"
        profile = intent.DestOutputProfile
        assert int(profile.N) == 4
        assert profile.read_bytes()[16:20] == b"CMYK"  # the ICC header's colour space
        assert pdf.Root.PageLayout == "/TwoPageRight"


def test_pdfx_4_marks_the_xmp_too(bleed: Path) -> None:
    with pikepdf.open(bleed) as pdf:
        assert pdf.pdf_version == "1.6"
        assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-4"
        meta = pdf.open_metadata()
        assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert meta["xmpMM:DocumentID"].startswith("uuid:")


def test_text_is_pure_black_and_only_cmyk_or_grey(kdp: Path, ingram: Path) -> None:
    for path in (kdp, ingram):
        with pikepdf.open(path) as pdf:
            operators = colour_operators(pdf)
            assert operators, "no colour set at all"
            # Colour spaces: DeviceCMYK (or grey) only; every colour black ink alone.
            assert {op for op, _ in operators} <= {"k", "K", "g", "G", "cs", "CS", "sc", "scn",
                                                   "SC", "SCN"}, operators
            assert {values for op, values in operators if op in ("cs", "CS")} <= {
                ("/DeviceCMYK",), ("/DeviceGray",)}
            assert {values for op, values in operators if op in ("k", "K", "sc", "scn", "SC",
                                                                 "SCN")} == {(0, 0, 0, 1)}
            for page in pdf.pages:
                spaces = page.Resources.get("/ColorSpace", {})
                assert not list(spaces.keys()), "unused colour spaces left in"
                assert "/Annots" not in page


def test_one_program_per_font_name_all_embedded(kdp: Path, ingram: Path, bleed: Path) -> None:
    for path, whole in ((kdp, False), (ingram, False), (bleed, True)):
        with pikepdf.open(path) as pdf:
            programs = font_programs(pdf)
        assert programs
        for name, digests in programs.items():
            assert digests != {"none"}, f"{name} is not embedded"
            assert len(digests) == 1, f"{name} has {len(digests)} programs"
            assert ("+" not in name) == whole, name  # subsets unless `fonts: full`
        # Across names too: each program once (Charis regular serves small capitals as well).
        all_programs = [d for digests in programs.values() for d in digests]
        assert len(set(all_programs)) == len({n.split("+")[-1] for n in programs})


def test_text_keeps_to_the_safe_zone_and_the_gutter(kdp: Path, ingram: Path) -> None:
    for path, profile in ((kdp, "kdp"), (ingram, "ingram")):
        rules = resolve_rules(profile)
        boxes = words(path)
        pages = len(PdfReader(path).pages)
        for word in boxes:
            right_hand = word.page % 2 == 0
            outside = (432 - word.x1) if right_hand else word.x0
            inside = word.x0 if right_hand else (432 - word.x1)
            assert word.y0 / POINTS >= rules.safe_zone_in, (profile, word)
            assert (648 - word.y1) / POINTS >= rules.safe_zone_in, (profile, word)
            assert outside / POINTS >= rules.safe_zone_in, (profile, word)
            assert inside / POINTS >= rules.required_gutter(pages), (profile, word)
        # The running heads (ANN WRITER on versos) sit in the zone, not just the text block:
        # lower for Ingram (0.5 in) than for KDP (0.25 in).
        heads = [w.y0 for w in boxes if w.page > 8 and w.text == "ANN"]
        assert heads and rules.safe_zone_in <= min(heads) / POINTS < 0.6


def test_own_preflight_finds_nothing(kdp: Path, ingram: Path, bleed: Path) -> None:
    for path, rules in ((kdp, resolve_rules("kdp")), (ingram, resolve_rules("ingram")),
                        (bleed, resolve_rules("kdp", bleed=True, pdf_standard="x-4"))):
        assert preflight(path, rules, direction=language_direction("en")) == []
        # `octavo check --pdf FILE --profile kdp` reads the bleed and the PDF/X version from the
        # file itself, and comes to the same verdict.
        assert preflight(path, rules_for_file(path, rules.profile.name)) == []


def test_roman_folios_then_arabic(kdp: Path) -> None:
    reader = PdfReader(kdp)
    labels = reader.page_labels
    with pikepdf.open(kdp) as pdf:
        opening = outline_pages(pdf)
    first_body = opening["Alpha Tide"]
    assert labels[:first_body] == ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"][
        :first_body]
    assert labels[first_body] == "1"
    # Printed folios: on the contents and the foreword, not on the half title, the title page,
    # the copyright page or the dedication.
    for index in range(first_body):
        printed = [line for line in page_lines(kdp, index) if re.fullmatch(r"[ivx]+", line)]
        expected = [labels[index]] if index in (opening["Contents"], opening["Foreword"]) else []
        assert printed == expected, (index, page_lines(kdp, index))
    assert page_lines(kdp, first_body)[-1] == "1"


def test_contents_numbers_are_the_real_pages(kdp: Path) -> None:
    labels = PdfReader(kdp).page_labels
    with pikepdf.open(kdp) as pdf:
        opening = outline_pages(pdf)
    toc = " ".join(page_lines(kdp, opening["Contents"]))
    for title in ("Foreword", "Alpha Tide", "Beta Wind", "Gamma Light", "About the Contributors"):
        listed = re.search(rf"{title}[\s.\u2002]*?([0-9]+|[ivx]+)\b", toc)
        assert listed, (title, toc)
        assert listed.group(1) == labels[opening[title]], title
    # The foreword is in the contents and among the bookmarks, before the stories.
    assert opening["Contents"] < opening["Foreword"] < opening["Alpha Tide"]


def test_copyright_page_text_at_the_foot(kdp: Path) -> None:
    copyright_index = 3  # half title, its blank verso, the title page, then its verso
    lines = page_lines(kdp, copyright_index)
    text = " ".join(lines)
    assert "ISBN 978-1-250-31677-6 (paperback)" in text  # the print ISBN, hyphenated
    assert "ISBN 978-0-306-40615-7 (ebook)" in text
    assert "First edition, 2025" in text and "Cover art by Bo Penn" in text
    assert "All rights reserved." in text and "urn:" not in text
    on_page = [w for w in words(kdp) if w.page == copyright_index]
    assert min(w.y0 for w in on_page) > 648 / 2  # nothing in the upper half
    assert 648 - max(w.y1 for w in on_page) < 1.0 * POINTS  # the last line near the foot


def test_book_without_isbn_prints_no_identifier(tmp_path: Path) -> None:
    result = make_book(BookFolder(tmp_path / "book"), stories=(("Alpha Tide", 2),))
    path = result.artifacts[0].path
    text = " ".join(page_lines(path, 3))
    assert "Typeset with octavo" in text and "urn:uuid" not in text and "ISBN" not in text
    assert len(PdfReader(path).pages) == 24  # padded to KDP's minimum, an even count
    assert any(d.code == "OCT145" for d in result.diagnostics)


def test_a_standard_colour_book_is_padded_to_kdps_72_pages(tmp_path: Path) -> None:
    result = make_book(BookFolder(tmp_path / "book"), "paper: standard-color",
                       stories=(("Alpha Tide", 2),))
    assert len(PdfReader(result.artifacts[0].path).pages) == 72
    (padded,) = [d for d in result.diagnostics if d.code == "OCT145"]
    assert "KDP prints at least 72 pages" in padded.message


def test_running_heads_follow_the_settings(kdp: Path, bleed: Path) -> None:
    with pikepdf.open(kdp) as pdf:
        start = outline_pages(pdf)["Alpha Tide"]
    # An anthology's verso carries the story's author; the recto the story's title.
    assert page_lines(kdp, start + 1)[0].endswith("ANN WRITER")
    assert page_lines(kdp, start + 2)[0].startswith("ALPHA TIDE")
    with pikepdf.open(bleed) as pdf:
        start = outline_pages(pdf)["Alpha Tide"]
    assert page_lines(bleed, start + 1)[0].endswith("HARBOUR & TIDE")


def test_house_style_and_the_books_own_stylesheet(bleed: Path) -> None:
    with pikepdf.open(bleed) as pdf:
        names = {name.split("+")[-1] for name in font_programs(pdf)}
        start = outline_pages(pdf)["Alpha Tide"]
    assert {"LinLibertineO", "LinBiolinumO"} <= names and not any("Charis" in n for n in names)
    assert "ANN WRITER" in page_lines(bleed, start)  # extra.css: the byline in capitals


def test_drop_cap_is_a_letter_of_its_own(ingram: Path) -> None:
    with pikepdf.open(ingram) as pdf:
        start = outline_pages(pdf)["Alpha Tide"]
    on_page = [w for w in words(ingram) if w.page == start]
    heights = sorted(w.y1 - w.y0 for w in on_page)
    tallest = max(on_page, key=lambda w: w.y1 - w.y0)
    # The paragraph's first character, three lines tall: taller than the story's title.
    assert tallest.text == "1"
    assert tallest.y1 - tallest.y0 > 2.5 * heights[len(heights) // 2]


def test_a_gutter_below_the_shops_is_reported(tmp_path: Path) -> None:
    result = make_book(BookFolder(tmp_path / "book"), "gutter: 0.3",
                       stories=(("Alpha Tide", 2),))
    (found,) = [d for d in result.diagnostics if d.code == "OCT140"]
    assert "0.3 in; KDP requires 0.375 in for 24 pages" in found.message
    # And the shop's preflight, run by the build, measures it on the pages.
    assert any(d.code == "OCT433" for d in result.diagnostics)


def _glyphs_drawn(pdf: pikepdf.Pdf) -> dict[str, set[int]]:
    """BaseFont name → the glyph ids the pages (and the forms they draw: folios, heads) show."""
    drawn: dict[str, set[int]] = {}
    owners: list[tuple[object, pikepdf.Dictionary]] = [(page, page.Resources)
                                                        for page in pdf.pages]
    seen: set[tuple[int, int]] = set()
    while owners:
        owner, resources = owners.pop()
        fonts = resources.get("/Font", {})
        for form in resources.get("/XObject", {}).values():
            if form.get("/Subtype") == "/Form" and form.objgen not in seen:
                seen.add(form.objgen)
                owners.append((form, form.get("/Resources", resources)))
        font = None
        for operands, operator in pikepdf.parse_content_stream(owner, "Tf Tj TJ ' \""):
            if str(operator) == "Tf":
                font = fonts[operands[0]]
                continue
            assert font is not None and font.get("/Encoding") == "/Identity-H"
            shown = [item for item in (operands[-1] if str(operator) == "TJ" else operands[-1:])
                     if isinstance(item, pikepdf.String)]
            codes = drawn.setdefault(str(font.BaseFont)[1:], set())
            for text in shown:
                data = bytes(text)
                codes.update(int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2))
    return drawn


def test_every_glyph_drawn_is_in_the_books_one_subset(kdp: Path) -> None:
    """The default: one subset per font for the whole book, holding every glyph any page or
    folio draws, at the glyph id the page uses, with the shipped font's outline."""
    import io

    from fontTools.ttLib import TTFont

    from octavo.backends.pdf_fonts import shipped_fonts

    with pikepdf.open(kdp) as pdf:
        drawn = _glyphs_drawn(pdf)
        programs = font_programs(pdf)
        data = {}
        for page in pdf.pages:
            for font in page.Resources.get("/Font", {}).values():
                descriptor = font.DescendantFonts[0].FontDescriptor
                data[str(font.BaseFont)[1:]] = bytes(descriptor.FontFile2.read_bytes())
    assert len(drawn) >= 2 and set(drawn) <= set(programs)
    for name, gids in drawn.items():
        subset = TTFont(io.BytesIO(data[name]))
        whole = TTFont(shipped_fonts()[name.split("+", 1)[1]])
        assert len(subset.getGlyphOrder()) < len(whole.getGlyphOrder()) or len(gids) > 100
        order, original = subset.getGlyphOrder(), whole.getGlyphOrder()
        for gid in gids:
            kept, source = subset["glyf"][order[gid]], whole["glyf"][original[gid]]
            assert kept.numberOfContours == source.numberOfContours, (name, gid)
            if source.numberOfContours > 0:
                assert (kept.getCoordinates(subset["glyf"])[0]
                        == source.getCoordinates(whole["glyf"])[0]), (name, gid)
    assert sum(len(d) for d in data.values()) < 300_000  # subsets, not the 0.75 MB of fonts


def test_a_book_longer_than_the_shop_binds_is_refused_and_no_file_is_left(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from octavo.diagnostics import OctavoError
    from octavo.print_profiles import PROFILES

    # A shop that binds at most 20 pages stands for a 900-page book at KDP (828).
    monkeypatch.setitem(PROFILES["kdp"].max_pages, "white", 20)
    with pytest.raises(OctavoError) as refused:
        make_book(BookFolder(tmp_path / "book"), stories=(("Alpha Tide", 2),))
    (found,) = [d for d in refused.value.diagnostics if d.code == "OCT146"]
    assert "the book has 24 pages; KDP binds at most 20 on white paper" in found.message
    assert not list((tmp_path / "book" / "out").glob("*.pdf"))
