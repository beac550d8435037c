"""Book → print-ready PDF: each story laid out on its own by WeasyPrint, merged by pikepdf.

The print shop's rules (`build.print`, octavo.print_profiles) decide the page geometry, and the
inside margin depends on the final page count: the book is laid out at the gutter a first
estimate calls for, counted, and laid out again only when the count falls in another step of
the shop's table (each document's layout is cached for the build). The merged book is then
finished for the press (boxes, PDF/X, one program per font), padded to an even page count (and
to the shop's minimum), and checked by the same preflight as `octavo check --pdf --profile`.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from octavo.backends.base import Artifact, BuildOptions, Progress, atomic_output
from octavo.backends.pdf_assemble import Assembler, OutlineNode, PdfInfo
from octavo.backends.pdf_compose import Composition, compose_book, document_count
from octavo.backends.pdf_fonts import unify_fonts
from octavo.backends.pdf_layout import PdfLayout, load_engine
from octavo.backends.pdf_memo import load_memo, save_memo
from octavo.backends.pdf_pagemap import PlacedPages, book_page_map
from octavo.backends.pdf_pieces import Finished, finish_documents
from octavo.backends.pdf_print import (
    mark_pdfx,
    open_as_facing_pages,
    save_options,
    set_page_boxes,
    strip_annotations,
)
from octavo.backends.print_geometry import (
    POINTS_PER_INCH,
    GutterPass,
    PageGeometry,
    estimate_pages,
    geometry_css,
    page_geometry,
    settle_gutter,
)
from octavo.backends.print_html import PrintHtml, stylesheet_paths
from octavo.backends.print_imprint import print_copyright_lines
from octavo.diagnostics import Diagnostics, Severity, Span
from octavo.document import Book, block_text, join_names
from octavo.fonts import FALLBACK_FAMILIES
from octavo.pagemap import PageMap
from octavo.print_profiles import HOUSE_STYLES, Rules, resolve_rules
from octavo.render.direction import language_direction
from octavo.render.imprint import story_credit_lines
from octavo.render.templating import make_environment


def rules_for(book: Book) -> Rules:
    settings = book.print
    return resolve_rules(settings.profile, pdf_standard=settings.pdf_standard,
                         font_embedding=settings.fonts, bleed=settings.bleed,
                         paper=settings.paper, gutter_in=settings.gutter_in,
                         safe_zone_in=settings.safe_zone_in,
                         trim_in=(settings.trim.width_in, settings.trim.height_in))


class PdfBackend:
    name: ClassVar[str] = "pdf"
    suffix: ClassVar[str] = ".pdf"

    def __init__(self) -> None:
        # Made while the story workers read (pipeline.py), so WeasyPrint's import is done then.
        load_engine()

    def emit(self, book: Book, options: BuildOptions, diags: Diagnostics,
             progress: Progress) -> Artifact:
        rules = rules_for(book)
        direction = language_direction(book.meta.language)
        env = make_environment(book.root, book.scene_break, direction, target="print")
        html = PrintHtml(env, book)
        style = HOUSE_STYLES[book.print.style]
        copyright_lines = print_copyright_lines(book.meta, book.print, options.timestamp.year,
                                                style.font_note, html.labels,
                                                story_credit_lines(book, html.labels))

        def geometry_for(gutter: float) -> tuple[PageGeometry, str]:
            geometry = page_geometry(book.print, rules, gutter)
            return geometry, geometry_css(env, geometry, book.print, direction,
                                          FALLBACK_FAMILIES)

        lengths = [len(block_text(block)) for chapter in book.chapters()
                   for block in chapter.blocks]
        openings = document_count(book)
        guess_geometry, _ = geometry_for(rules.gutter_for(24))
        guess = estimate_pages(lengths, openings, guess_geometry, book.print.font_size_pt)
        gutter = rules.gutter_for(guess)
        geometry, css = geometry_for(gutter)
        layout = PdfLayout(book.root, css, [Path(p) for p in stylesheet_paths(style.stylesheet)],
                           options.timestamp, book.print.css)
        if options.cache is not None:
            layout.use_store(options.cache)

        def lay_out(gutter: float) -> tuple[float, PageGeometry, Composition]:
            geometry, css = geometry_for(gutter)
            progress.stage("PDF", openings)
            return gutter, geometry, compose_book(book, layout.with_geometry(css), html,
                                                  copyright_lines, progress, options.workers)

        # Laid out again only when the count crosses a step of the shop's table.
        (gutter, geometry, composition), passes = settle_gutter(
            gutter, lay_out, lambda laid: _final_pages(laid[2], rules), rules.gutter_for)
        pages = _final_pages(composition, rules)
        if len(passes) > 1:
            diags.info("OCT450", _passes_note(passes, gutter, pages, rules), Span(str(book.root)))
        if rules.gutter_in is not None and rules.gutter_in < rules.required_gutter(pages):
            diags.warning("OCT140", f"the inside margin (build.gutter) is {rules.gutter_in:g} "
                          f"in; {rules.profile.shop} requires {rules.required_gutter(pages):g} "
                          f"in for {pages} pages", Span(str(book.root)))
        page_map = _page_map(book, composition, rules)
        if options.on_page_map is not None:
            options.on_page_map(page_map)
        finished = finish_documents(layout.with_geometry(geometry_for(gutter)[1]), composition,
                                    book.meta.language, direction, options.workers,
                                    options.cache)
        final = _assemble(book, composition, finished, rules, geometry, diags, options)
        open_as_facing_pages(final.pdf, direction)
        if rules.pdf_standard != "none":
            mark_pdfx(final.pdf, rules.pdf_standard, _title(book), book.meta.identifier.value)
        path = options.output_dir / f"{options.stem}.pdf"
        with atomic_output(path) as partial:
            final.save(partial, **save_options(rules.pdf_standard))
            from octavo.check.pdf_preflight import preflight

            # What the shop's preflight would find is reported, as a warning: the PDF is still
            # written (a book with colour emoji, say, is fine for a generic printer).
            memo = load_memo(options.cache, book.root, options.stem)
            for finding in preflight(partial, rules, direction=direction,
                                     display=f"{options.stem}.pdf", memo=memo):
                diags.add(replace(finding, severity=Severity.WARNING)
                          if finding.severity is Severity.ERROR else finding)
            save_memo(options.cache, book.root, options.stem, memo)
        return Artifact(format="pdf", path=path, size=path.stat().st_size,
                        pages=pages, page_map=page_map)


def _passes_note(passes: list[GutterPass], kept: float, pages: int, rules: Rules) -> str:
    """What the build log says when the book was laid out more than once for its gutter."""
    tried = "; ".join(f"at a {p.inside_in:g} in inside margin, {p.pages} pages" for p in passes)
    return (f"laid out {len(passes)} times to fit the inside margin to the final page count "
            f"({tried}); kept {kept:g} in for {pages} pages ({rules.profile.shop} requires "
            f"{rules.required_gutter(pages):g} in)")


def _page_map(book: Book, composition: Composition, rules: Rules) -> PageMap:
    """Where each page of the PDF as assembled begins in the book (the EPUB's page list)."""
    body = [PlacedPages(placed.node_id, placed.laid_out.starts, placed.blank_before)
            for placed in composition.body]
    return book_page_map(composition.front.starts, composition.front_pages, body,
                         _padding(composition.pages, rules),
                         book.print.isbn or book.meta.print_isbn)


def _final_pages(composition: Composition, rules: Rules) -> int:
    """The page count the shop sees: padded at the end."""
    return composition.pages + _padding(composition.pages, rules)


def _padding(pages: int, rules: Rules) -> int:
    """Blank pages added at the end: to an even count, and to the shop's minimum."""
    target = max(pages + pages % 2, rules.min_pages + rules.min_pages % 2)
    return target - pages


def _assemble(book: Book, composition: Composition, finished: Finished, rules: Rules,
              geometry: PageGeometry, diags: Diagnostics, options: BuildOptions) -> Assembler:
    final = Assembler(geometry.width_in * POINTS_PER_INCH, geometry.height_in * POINTS_PER_INCH)
    final.append(finished.front)
    final.pad_to_even()
    front_pages = final.pages
    for placed, document in zip(composition.body, finished.body, strict=True):
        if placed.blank_before:
            final.add_blank()
        final.append(document)
    padding = _padding(final.pages, rules)
    if final.pages + padding > final.pages + final.pages % 2:
        diags.info("OCT145", f"{padding} blank pages added at the end: {rules.profile.shop} "
                   f"prints at least {rules.min_pages} pages", Span(str(book.root)))
    for _ in range(padding):
        final.add_blank()
    if final.pages > rules.max_pages:
        diags.error("OCT146", f"the book has {final.pages} pages; {rules.profile.shop} binds at "
                    f"most {rules.max_pages} on {rules.paper} paper (a larger trim or a smaller "
                    "font size makes fewer pages)", Span(str(book.root)))
    outline = [_shifted(node, front_pages) for node in composition.outline]
    final.describe(composition.front_outline + outline, front_pages, _info(book, options))
    set_page_boxes(final.pdf, rules, language_direction(book.meta.language))
    if not rules.profile.annotations_allowed or rules.pdf_standard != "none":
        strip_annotations(final.pdf)
    unify_fonts(final.pdf, rules.font_embedding, options.cache)
    return final


def _shifted(node: OutlineNode, offset: int) -> OutlineNode:
    return OutlineNode(node.title, node.page + offset,
                       [_shifted(child, offset) for child in node.children])


def _title(book: Book) -> str:
    meta = book.meta
    return meta.title if not meta.subtitle else f"{meta.title}: {meta.subtitle}"


def _info(book: Book, options: BuildOptions) -> PdfInfo:
    meta = book.meta
    people = meta.authors or meta.editors
    return PdfInfo(
        title=_title(book),
        authors=join_names(people),
        subject=meta.description,
        keywords=", ".join(meta.subjects) or None,
        language=meta.language,
        timestamp=options.timestamp,
    )
