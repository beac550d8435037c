"""Book → EPUB 3: one XHTML document per page and story, nav and NCX, metadata, reproducible zip.

Every content document is rendered whole from our own templates (ebooklib's `EpubHtml` would
re-parse it with an HTML parser and rebuild its head) and handed to ebooklib as a plain item,
which it lists as-is. ebooklib writes the package document and the container into a plain
dict; the content documents are rendered and deflated on their own (`epub_render`, in worker
processes for long books), and `epub_zip.write_epub` writes the zip in a fixed order with fixed
dates, so that the same book and timestamp always give the same bytes.

Package layout: `EPUB/content.opf`, `EPUB/toc.ncx`, `EPUB/text/*.xhtml` (pages and the nav
document), `EPUB/styles/*.css`, `EPUB/images/cover.*`.
"""

from __future__ import annotations

import functools
import io
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import jinja2
from ebooklib import epub

from octavo.backends.base import Artifact, BuildOptions, Progress, atomic_output
from octavo.backends.epub_metadata import apply_metadata, modified_time, xml_safe
from octavo.backends.epub_nav import build_ncx
from octavo.backends.epub_pagelist import marks_by_document, page_links, without_unplaced
from octavo.backends.epub_pages import CoverPage, Page, Planning, plan_pages, toc_title
from octavo.backends.epub_render import COVER_WEIGHT, run_all
from octavo.backends.epub_zip import Deflated, deflate, epub_bytes, write_epub
from octavo.cache import BuildCache, cache_key
from octavo.cover import prepare_cover
from octavo.covergen import HEIGHT, WIDTH, generate_cover
from octavo.diagnostics import Diagnostics, OctavoError, Severity, Span
from octavo.document import Book, book_images
from octavo.i18n import Labels, labels_for
from octavo.paths import display_path
from octavo.render.direction import language_direction
from octavo.render.imprint import package_identifier
from octavo.render.templating import make_environment, render_template
from octavo.render.xhtml import IMAGE_FOLDER
from octavo.resources import styles_dir

TEXT_DIR = "text"
XHTML = "application/xhtml+xml"
_GUIDE_TYPES = {"cover": "cover", "titlepage": "title-page", "toc": "toc", "bodymatter": "text"}
# Scene-break ornaments drawn as images, so they never depend on a glyph the reader's font
# lacks; styles/epub.css places them.
ORNAMENTS = ("scene-ornament.svg", "scene-asterism.svg")


@dataclass(frozen=True, slots=True)
class _Cover:
    data: bytes
    media_type: str
    file_name: str  # inside the package folder
    width: int
    height: int
    generated: bool = False


class _Entries:
    """Stands in for ebooklib's zip file: keeps what it writes, by name."""

    def __init__(self) -> None:
        self.entries: dict[str, bytes | Deflated] = {}

    def writestr(self, name: str, data: str | bytes, compress_type: Any = None) -> None:
        self.entries[name] = data.encode("utf-8") if isinstance(data, str) else data


class _Writer(epub.EpubWriter):  # type: ignore[misc]
    """ebooklib's writer, with the package's language on <package> (xml:lang), which
    ebooklib does not write and DAISY Ace requires; it writes into a dict, not a zip."""

    def __init__(self, book: Any, options: dict[str, Any], language: str) -> None:
        super().__init__("", book, options)
        self._language = language

    def _write_opf_file(self, root: Any) -> None:
        root.set("{http://www.w3.org/XML/1998/namespace}lang", xml_safe(self._language))
        super()._write_opf_file(root)

    def entries(self) -> dict[str, bytes | Deflated]:
        out = _Entries()
        self.out = out
        self._write_container()
        self._write_opf()
        self._write_items()
        return out.entries


class EpubBackend:
    """Writes `<stem>.epub`: EPUB 3 with an NCX, passing EPUBCheck without warnings."""

    name: ClassVar[str] = "epub"
    suffix: ClassVar[str] = ".epub"

    def emit(
        self, book: Book, options: BuildOptions, diags: Diagnostics, progress: Progress
    ) -> Artifact:
        """Build the EPUB in memory, then write it to `<output_dir>/<stem>.epub` atomically.

        Raises `OctavoError` (OCT401) for an unusable cover or a template that does not give
        well-formed XHTML; nothing is left in the output folder then.
        """
        final_path = options.output_dir / f"{options.stem}{self.suffix}"
        entries = build_epub_entries(book, options, diags, progress)
        with atomic_output(final_path) as tmp_path:
            write_epub(entries, tmp_path, options.timestamp)
        return Artifact(format="epub", path=final_path, size=final_path.stat().st_size)


def build_epub(book: Book, options: BuildOptions, diags: Diagnostics, progress: Progress,
               flavour: str = "generic") -> bytes:
    """The EPUB's zip, as `emit` writes it. `flavour` "kindle" leaves out the cover page: KDP
    shows the cover it is given as the book's own and would show a cover page inside the book
    a second time."""
    entries = build_epub_entries(book, options, diags, progress, flavour)
    return epub_bytes(entries, options.timestamp)


def build_epub_entries(book: Book, options: BuildOptions, diags: Diagnostics,
                       progress: Progress, flavour: str = "generic"
                       ) -> dict[str, bytes | Deflated]:
    """The EPUB's entries, name → content (the content documents already deflated)."""
    labels = labels_for(book.meta.language, dict(book.labels))
    cover, draw_cover = ((_read_cover(book), None) if book.meta.cover
                         else _generated_cover(book, options.cache))
    modified = modified_time(options.timestamp)
    page_map = options.page_map
    pages_in_epub = {n.id for n in (*book.front, *book.body, *book.back)} | {
        c.id for c in book.chapters()}
    if page_map is not None:
        page_map, dropped = without_unplaced(page_map, pages_in_epub)
        if dropped:
            diags.warning("OCT471", f"{len(dropped)} print pages fall in no EPUB document; "
                          "the page list leaves them out")
    print_edition = (labels.format("print_edition", isbn=book.meta.print_isbn)
                     if page_map is not None and book.meta.print_isbn else None)
    plan = Planning(labels, modified.year, marks_by_document(page_map),
                    language_direction(book.meta.language), print_edition)
    alt = book.meta.cover_alt or labels.format("cover_of", title=book.meta.title)
    cover_page = CoverPage(f"../{cover.file_name}", cover.width, cover.height, alt)
    pages, entries = plan_pages(book, cover_page, plan)
    if flavour == "kindle":
        pages = [page for page in pages if page.landmark != "cover"]
    progress.stage("EPUB", len(pages) + 1)

    target = epub.EpubBook()
    source = _print_source(book, labels) if page_map is not None and page_map.pages else None
    apply_metadata(target, book.meta, True, labels, page_list=source is not None, source=source)
    stylesheets = ["../styles/epub.css"]
    _add(target, "css", "styles/epub.css", "text/css", (styles_dir() / "epub.css").read_bytes())
    for image in book_images(book):  # pictures the manuscripts carry (a .docx's)
        _add(target, image.file_name.rsplit(".", 1)[0], f"{IMAGE_FOLDER}/{image.file_name}",
             image.media_type, image.data)
    for n, ornament in enumerate(ORNAMENTS, start=1):
        _add(target, f"ornament-{n}", f"images/{ornament}", "image/svg+xml",
             (styles_dir() / "epub" / ornament).read_bytes())
    if book.epub_fonts == "embed":
        from octavo.backends.epub_fonts import embedded_fonts

        fonts, css = embedded_fonts(book)
        for n, (file_name, font_data) in enumerate(fonts, start=1):
            _add(target, f"font-{n}", f"fonts/{file_name}", "font/ttf", font_data)
        _add(target, "css-fonts", "styles/fonts.css", "text/css", css)
        stylesheets.append("../styles/fonts.css")
    _add(target, "cover-image", cover.file_name, cover.media_type, cover.data, "cover-image")
    # EPUB 2 reading systems find the cover through this meta.
    target.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})

    direction = plan.direction
    if direction == "rtl":
        target.set_direction("rtl")  # the spine's page-progression-direction
    env = make_environment(book.root, book.scene_break, direction)
    common = {"lang": book.meta.language, "stylesheets": stylesheets}
    href_of: dict[str, str] = {}
    for page in pages:
        # Listed now, rendered below: the content goes straight into the zip.
        _add(target, page.uid, f"{TEXT_DIR}/{page.href}", XHTML, b"",
             "svg" if page.svg else None)
        if page.node_id:
            href_of[page.node_id] = page.href

    progress.step("Navigation")
    landmark_labels = {"cover": labels["cover"], "titlepage": labels["title_page"],
                       "bodymatter": labels["begin_reading"], "toc": toc_title(book, labels)}
    landmarks = [(p.landmark, landmark_labels[p.landmark], p.href) for p in pages if p.landmark]
    links = page_links(page_map, href_of)
    nav_context = {
        **common,
        "doc_title": toc_title(book, labels),
        "body_type": None,
        "entries": entries,
        "landmarks": landmarks,
        "landmarks_title": labels["landmarks"],
        "page_links": links,
        "pages_title": labels["pages"],
    }
    nav = _render(env, "epub/nav.xhtml.j2", nav_context)
    _add(target, "nav", f"{TEXT_DIR}/nav.xhtml", XHTML, nav, "nav")
    identifier = package_identifier(book.meta.identifier)
    ncx = build_ncx(identifier, target.title, book.meta.language, entries, TEXT_DIR)
    _add(target, "ncx", "toc.ncx", "application/x-dtbncx+xml", ncx)

    target.spine = [page.uid for page in pages]
    target.guide = [
        {"type": _GUIDE_TYPES[kind], "title": label, "href": f"{TEXT_DIR}/{href}"}
        for kind, label, href in landmarks
    ]

    writer_options = {"mtime": modified, "epub3_pages": False, "epub2_guide": True}
    writer = _Writer(target, writer_options, book.meta.language)
    writer.process()
    files = writer.entries()
    _load_templates(env, {page.template for page in pages})  # once, before any worker forks
    jobs: list[Callable[[], Deflated | bytes]] = [
        functools.partial(_page_entry, env, page, common) for page in pages]
    weights = [_weight(page) for page in pages]
    if draw_cover is not None:
        jobs.append(draw_cover)
        weights.append(COVER_WEIGHT)

    def done(index: int) -> None:
        if index < len(pages):
            page = pages[index]
            progress.step(labels["title_page"] if page.landmark == "titlepage" else page.title)

    made = run_all(jobs, weights, options.workers, done)
    for page, document in zip(pages, made, strict=False):
        files[f"{target.FOLDER_NAME}/{TEXT_DIR}/{page.href}"] = document
    if draw_cover is not None:
        png = made[-1]
        assert isinstance(png, bytes)
        files[f"{target.FOLDER_NAME}/{cover.file_name}"] = png
        if options.cache is not None:
            options.cache.put(_COVER_KIND, _cover_key(book), png)
    return files


def _page_entry(env: jinja2.Environment, page: Page, common: dict[str, Any]) -> Deflated:
    context = {**common, **page.full_context(), "doc_title": page.title,
               "body_type": page.body_type}
    return deflate(_render(env, page.template, context))


def _weight(page: Page) -> int:
    blocks = page.context.get("blocks")
    return 1 + (len(blocks) if isinstance(blocks, tuple) else 0)


def _load_templates(env: jinja2.Environment, names: set[str]) -> None:
    """Compile the templates the pages use, so that the workers inherit them compiled. A
    broken one is reported when its page is rendered (OCT401), not here."""
    for name in sorted(names):
        try:
            env.get_template(name)
        except jinja2.TemplateError:
            continue


def _print_source(book: Book, labels: Labels) -> str:
    """dc:source: the print edition whose pages the page list follows."""
    if book.meta.print_isbn:
        return f"urn:isbn:{book.meta.print_isbn}"
    trim = book.print.trim
    return f"{book.meta.title} (print edition, {trim.name} in, octavo)"


def _add(
    target: Any,
    uid: str,
    file_name: str,
    media_type: str,
    content: bytes,
    properties: str | None = None,
) -> None:
    item = epub.EpubItem(uid=uid, file_name=file_name, media_type=media_type, content=content)
    if properties:
        item.properties = [properties]  # ebooklib writes these into the manifest item
    target.add_item(item)


def _image_size(data: bytes) -> tuple[int, int]:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        return int(image.width), int(image.height)


_COVER_KIND = "cover"


def _generated_cover(book: Book, cache: BuildCache | None
                     ) -> tuple[_Cover, Callable[[], bytes] | None]:
    """The typographic cover of a book that names none (`octavo check` says so: OCT155), from
    the build cache when the book's title, names and language are those it was drawn for.
    Otherwise its data is left empty, with the job that draws it (a quarter of a second):
    the caller runs it beside the pages and caches what it drew."""
    meta = book.meta
    names = tuple(meta.authors or meta.editors)
    key = _cover_key(book)
    data = cache.get(_COVER_KIND, key) if cache is not None else None
    if cache is not None and data is not None and not _is_generated_png(data):
        cache.reject(_COVER_KIND, key)  # whole, but not ours: drawn again
        data = None
    draw = (None if data is not None else
            functools.partial(generate_cover, meta.title, meta.subtitle, names, meta.language))
    cover = _Cover(data or b"", "image/png", "images/cover.png", WIDTH, HEIGHT, generated=True)
    return cover, draw


def _cover_key(book: Book) -> str:
    meta = book.meta
    names = tuple(meta.authors or meta.editors)
    return cache_key(_COVER_KIND, repr((meta.title, meta.subtitle, names, meta.language)))


def _is_generated_png(data: bytes) -> bool:
    """A PNG of the generated cover's size (its IHDR chunk comes first)."""
    return (data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR"
            and data[16:24] == WIDTH.to_bytes(4, "big") + HEIGHT.to_bytes(4, "big"))


def _read_cover(book: Book) -> _Cover:
    """The cover as `octavo.cover` prepared it: by content (a PNG named .jpg is a PNG),
    converted or scaled where stores need it. Its warnings were reported when the manifest was
    loaded, from the same (cached) preparation, so only a refusal matters here (OCT401): the
    file can have changed or gone since."""
    path = book.meta.cover
    assert path is not None
    prepared = prepare_cover(path, Span(display_path(path)))
    if prepared.cover is None:
        reasons = "; ".join(d.message for d in prepared.diagnostics
                            if d.severity is Severity.ERROR)
        raise OctavoError.single("OCT401", f"cannot use the cover image: {reasons}")
    cover = prepared.cover
    width, height = _image_size(cover.data)
    return _Cover(cover.data, cover.media_type, f"images/cover{cover.extension}", width, height)
def _render(env: jinja2.Environment, template: str, context: dict[str, Any]) -> bytes:
    """Render one whole XHTML document and prove it is well-formed XML before it is packed.

    The packaged templates always are; a book's own template override may not be.
    """
    text = xml_safe(render_template(env, template, **context))
    try:
        ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        raise OctavoError.single(
            "OCT401", f"the template {template} did not give well-formed XHTML: {exc}"
        ) from exc
    return text.encode("utf-8")
