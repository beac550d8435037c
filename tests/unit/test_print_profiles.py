"""Print profiles and the print settings of book.yaml: the shops' tables, overrides, geometry,
the imprint, and the choices the print templates make (no layout here: fast)."""

from __future__ import annotations

import pytest

from octavo.backends.print_geometry import HEAD_LINE_IN, page_geometry
from octavo.backends.print_imprint import hyphenated_isbn, print_copyright_lines
from octavo.diagnostics import OctavoError
from octavo.document import Creator, Identifier, Metadata, PrintSettings, Trim
from octavo.i18n import labels_for
from octavo.manifest import load_manifest
from octavo.print_profiles import (
    PROFILES,
    VISIBLE_INSIDE_IN,
    resolve_rules,
    spine_width_in,
)
from tests.conftest import BookFolder


@pytest.mark.parametrize(("pages", "inches"), [
    (24, 0.375), (150, 0.375), (151, 0.5), (300, 0.5), (301, 0.625), (500, 0.625),
    (501, 0.75), (700, 0.75), (701, 0.875), (828, 0.875)])
def test_kdp_gutter_table(pages: int, inches: float) -> None:
    assert PROFILES["kdp"].gutter_for(pages) == inches


@pytest.mark.parametrize(("pages", "inches"), [
    (18, 0.5), (150, 0.5), (151, 0.625), (400, 0.625), (401, 0.75), (600, 0.75), (601, 0.875)])
def test_ingram_gutter_table(pages: int, inches: float) -> None:
    assert PROFILES["ingram"].gutter_for(pages) == inches


def test_rules_take_the_books_own_settings_over_the_profile() -> None:
    kdp = resolve_rules("kdp")
    assert (kdp.pdf_standard, kdp.font_embedding, kdp.safe_zone_in) == ("x-1a", "subset", 0.25)
    assert resolve_rules("kdp", bleed=True).safe_zone_in == 0.375
    assert resolve_rules("ingram").safe_zone_in == 0.5
    assert resolve_rules("generic").pdf_standard == "none"
    own = resolve_rules("kdp", pdf_standard="x-4", font_embedding="subset", gutter_in=0.9,
                        safe_zone_in=0.6, paper="cream")
    assert (own.pdf_standard, own.font_embedding, own.safe_zone_in) == ("x-4", "subset", 0.6)
    assert own.gutter_for(650) == 0.9 and own.required_gutter(650) == 0.75
    assert own.max_pages == 776  # KDP's limit on cream paper
    # Without an override the gutter is the shop's figure plus what stays visible.
    assert kdp.gutter_for(320) == 0.625 + VISIBLE_INSIDE_IN


def test_spine_width_by_paper() -> None:
    assert spine_width_in(resolve_rules("kdp"), 320) == pytest.approx(0.72064)
    assert spine_width_in(resolve_rules("kdp", paper="cream"), 320) == pytest.approx(0.8)


@pytest.mark.parametrize("profile", ["kdp", "ingram", "generic"])
@pytest.mark.parametrize("trim", [Trim("6x9", 6, 9), Trim("5x8", 5, 8), Trim("4x6", 4, 6)])
def test_heads_folios_and_text_inside_the_safe_zone(profile: str, trim: Trim) -> None:
    for bleed in (False, True):
        rules = resolve_rules(profile, bleed=bleed)
        geometry = page_geometry(PrintSettings(trim), rules, rules.gutter_for(400))
        safe = rules.safe_zone_in
        assert geometry.head_offset_in >= safe and geometry.folio_offset_in >= safe
        assert geometry.outside_in >= safe
        assert geometry.top_in >= geometry.head_offset_in + HEAD_LINE_IN
        assert geometry.inside_in == rules.gutter_for(400) >= rules.required_gutter(400)
        assert geometry.bleed_in == (0.125 if bleed else 0)


def test_isbn_hyphenated_by_its_ranges() -> None:
    assert hyphenated_isbn("9780306406157") == "978-0-306-40615-7"
    assert hyphenated_isbn("9781250316776") == "978-1-250-31677-6"


def test_copyright_lines_never_show_a_uuid() -> None:
    meta = Metadata(title="T", language="en", identifier=Identifier(
        "urn:uuid:6f63746f-766f-4000-8000-000000000001", "uuid"), date="2024")
    lines = print_copyright_lines(meta, PrintSettings(Trim("6x9", 6, 9)), 2025, "Charis SIL")
    assert not any("uuid" in line.lower() or "ISBN" in line for line in lines)
    assert lines[-1] == "Typeset with octavo in Charis SIL."


def test_copyright_lines_in_the_books_language() -> None:
    meta = Metadata(title="T", language="de", identifier=Identifier("9780306406157", "isbn"),
                    creators=(Creator("Anna Weber", "edt"), Creator("Jan Roth", "edt")),
                    date="2024", publisher="Hafenverlag")
    settings = PrintSettings(Trim("6x9", 6, 9), isbn="9781250316776")
    lines = print_copyright_lines(meta, settings, 2025, "Charis SIL", labels_for("de"),
                                  ["„Das Meer“ erschien zuerst in Ufer."])
    assert lines == [
        "Copyright © 2024 für die Zusammenstellung: Anna Weber und Jan Roth",
        "Erschienen bei Hafenverlag",
        "ISBN 978-1-250-31677-6 (Taschenbuch)", "ISBN 978-0-306-40615-7 (E-Book)",
        "„Das Meer“ erschien zuerst in Ufer.",
        "Gesetzt mit octavo aus der Charis SIL."]
    assert not any(english in " ".join(lines) for english in
                   ("paperback", "ebook", "Published by", "Typeset with"))


def _manifest(book: BookFolder, extra: str) -> object:
    book.manifest(f"title: T\nlanguage: en\ncontents: [stories/one.txt]\n{extra}\n")
    return load_manifest(book.root / "book.yaml")


def test_the_us_spelling_of_colour_paper_is_the_same_paper(book: BookFolder) -> None:
    manifest, _ = _manifest(book, "build: {paper: color}")  # type: ignore[misc]
    assert manifest.print.paper == "colour"
    assert not resolve_rules("kdp", paper=manifest.print.paper).black_and_white


def test_manifest_print_keys(book: BookFolder) -> None:
    book.write("extra.css", "p {}\n")
    manifest, _ = _manifest(book, (  # type: ignore[misc]
        "build: {print: ingram, pdf_standard: x-4, fonts: subset, bleed: true, paper: cream, "
        "gutter: 0.8, safe_zone: 0.6, openings: any, style: pulp, css: extra.css, "
        "lead_in: drop-cap, running_heads: {verso: author}}\n"
        "print: {isbn: 978-1-250-31677-6, edition: Second edition, credits: Art by X}"))
    settings = manifest.print
    assert (settings.profile, settings.pdf_standard, settings.fonts, settings.bleed) == (
        "ingram", "x-4", "subset", True)
    assert (settings.paper, settings.gutter_in, settings.safe_zone_in) == ("cream", 0.8, 0.6)
    assert (settings.openings, settings.style, settings.lead_in) == ("any", "pulp", "drop-cap")
    assert settings.font_family == "EB Garamond 12"  # the house style's face
    assert settings.verso_head == "author" and settings.recto_head is None  # None: the kind's
    assert settings.css == (book.root / "extra.css").resolve()
    assert (settings.isbn, settings.edition, settings.credits) == (
        "9781250316776", "Second edition", ("Art by X",))


def test_manifest_defaults(book: BookFolder) -> None:
    manifest, _ = _manifest(book, "")  # type: ignore[misc]
    settings = manifest.print
    assert (settings.profile, settings.style, settings.openings) == ("kdp", "classic", "recto")
    # Not said: the book's kind decides, when the book is compiled (Book.running_heads).
    assert (settings.verso_head, settings.recto_head) == (None, None)


@pytest.mark.parametrize(("extra", "code"), [
    ("print: {isbn: 978-1-250-31677-5}", "OCT143"),  # wrong check digit
    ("build: {css: notes.txt}", "OCT142"),
    ("build: {css: ../outside.css}", "OCT110"),
    ("build: {print: lulu}", "OCT105"),
    ("build: {running_heads: {verso: story-title}}", "OCT105"),
])
def test_manifest_print_errors(book: BookFolder, extra: str, code: str) -> None:
    book.write("notes.txt", "x")
    with pytest.raises(OctavoError) as caught:
        _manifest(book, extra)
    assert code in {d.code for d in caught.value.diagnostics}


def test_print_isbn_shared_with_the_epub_is_a_warning(book: BookFolder) -> None:
    _, warnings = _manifest(book, "identifier: 9781250316776\nprint: {isbn: 9781250316776}")  # type: ignore[misc]
    assert "OCT144" in {d.code for d in warnings}


def test_drop_cap_and_heads_in_the_story_html(book: BookFolder) -> None:
    from octavo.backends.base import NullProgress
    from octavo.backends.print_html import PrintHtml
    from octavo.diagnostics import Diagnostics
    from octavo.pipeline import load_book
    from octavo.render.templating import make_environment

    book.write("stories/one.txt", "\u201cWell,\u201d she said.\n\nThen nothing.\n")
    _manifest(book, "author: Ann\nbuild: {lead_in: drop-cap, running_heads: {verso: book-title}}")
    loaded = load_book(book.root / "book.yaml", Diagnostics(), NullProgress())
    html = PrintHtml(make_environment(None), loaded)
    chapter = next(loaded.chapters())
    page = html.story(chapter, 1, "verso")
    assert '<span class="drop-cap">\u201cW</span>ell,' in page
    assert "break-before: verso" in page
    assert '<span class="rh-verso">T</span>' in page
    assert 'class="story lead-drop-cap"' in page


def test_a_story_that_cannot_drop_a_letter_opens_in_small_capitals(book: BookFolder) -> None:
    from octavo.backends.base import NullProgress
    from octavo.backends.print_html import PrintHtml
    from octavo.diagnostics import Diagnostics
    from octavo.pipeline import load_book
    from octavo.render.templating import make_environment

    book.write("stories/one.md", "# One\n\n*Dear John,* she wrote.\n\nThen nothing.\n")
    book.write("book.yaml", "title: T\nauthor: Ann\nlanguage: en\ncontents: [stories/one.md]\n"
               "build: {lead_in: drop-cap}\n")
    loaded = load_book(book.root / "book.yaml", Diagnostics(), NullProgress())
    page = PrintHtml(make_environment(None), loaded).story(next(loaded.chapters()), 1)
    assert 'class="drop-cap"' not in page and 'class="story lead-small-caps"' in page


def test_a_safe_zone_below_the_shops_is_a_located_warning(book: BookFolder) -> None:
    _, warnings = _manifest(book, "build: {print: ingram, safe_zone: 0.3}")  # type: ignore[misc]
    (found,) = [d for d in warnings if d.code == "OCT141"]
    assert "0.3 in is smaller than the 0.5 in IngramSpark requires" in found.message
    assert found.span.line == 4


def test_the_page_lists_print_edition_is_the_isbn_the_paperback_prints(
        book: BookFolder) -> None:
    manifest, warnings = _manifest(book, "print: {isbn: 978-1-250-31677-6}")  # type: ignore[misc]
    assert manifest.epub.print_isbn == "9781250316776"  # print_isbn: not needed as well
    assert "OCT159" not in {d.code for d in warnings}
    manifest, warnings = _manifest(book, "print_isbn: 978-0-306-40615-7\n"  # type: ignore[misc]
                                   "print: {isbn: 978-1-250-31677-6}")
    assert manifest.epub.print_isbn == "9781250316776"
    (finding,) = [d for d in warnings if d.code == "OCT159"]
    assert "9780306406157" in finding.message and finding.span.line == 4
    manifest, warnings = _manifest(book, "print_isbn: 978-0-306-40615-7")  # type: ignore[misc]
    assert manifest.epub.print_isbn == "9780306406157"  # printed elsewhere
    assert "OCT159" not in {d.code for d in warnings}
