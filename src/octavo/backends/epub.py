"""Book → EPUB 3: one XHTML document per page and story, nav and NCX, metadata, reproducible zip.

Every content document is rendered whole from our own templates (ebooklib's `EpubHtml` would
re-parse it with an HTML parser and rebuild its head) and handed to ebooklib as a plain item,
which it writes as-is. ebooklib writes the package document; `epub_zip.repack` then fixes the
zip's order and dates so that the same book and timestamp always give the same bytes.

Package layout: `EPUB/content.opf`, `EPUB/toc.ncx`, `EPUB/text/*.xhtml` (pages and the nav
document), `EPUB/styles/*.css`, `EPUB/images/cover.*`.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import jinja2
from ebooklib import epub

from octavo.backends.base import Artifact, BuildOptions, Progress, atomic_output
from octavo.backends.epub_metadata import apply_metadata, modified_time, xml_safe
from octavo.backends.epub_nav import build_ncx
from octavo.backends.epub_pages import plan_pages, toc_title
from octavo.backends.epub_zip import repack
from octavo.cover import prepare_cover
from octavo.diagnostics import Diagnostics, OctavoError, Severity, Span
from octavo.document import Book, book_images
from octavo.paths import display_path
from octavo.render.direction import language_direction
from octavo.render.imprint import package_identifier
from octavo.render.templating import make_environment, render_template
from octavo.render.xhtml import IMAGE_FOLDER
from octavo.resources import styles_dir

TEXT_DIR = "text"
XHTML = "application/xhtml+xml"
_LANDMARK_LABELS = {"cover": "Cover", "titlepage": "Title Page", "bodymatter": "Begin Reading"}
_GUIDE_TYPES = {"cover": "cover", "titlepage": "title-page", "toc": "toc", "bodymatter": "text"}


@dataclass(frozen=True, slots=True)
class _Cover:
    data: bytes
    media_type: str
    file_name: str  # inside the package folder


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
        cover = _read_cover(book.meta.cover)
        modified = modified_time(options.timestamp)
        cover_href = f"../{cover.file_name}" if cover else None
        pages, entries = plan_pages(book, cover_href, modified.year)
        progress.stage("EPUB", len(pages) + 1)

        target = epub.EpubBook()
        apply_metadata(target, book.meta, has_cover=cover is not None)
        stylesheets = ["../styles/epub.css"]
        _add(target, "css", "styles/epub.css", "text/css", (styles_dir() / "epub.css").read_bytes())
        for image in book_images(book):  # pictures the manuscripts carry (a .docx's)
            _add(target, image.file_name.rsplit(".", 1)[0], f"{IMAGE_FOLDER}/{image.file_name}",
                 image.media_type, image.data)
        if cover is not None:
            _add(target, "cover-image", cover.file_name, cover.media_type, cover.data, "cover-image")
            # EPUB 2 reading systems find the cover through this meta.
            target.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-image"})

        direction = language_direction(book.meta.language)
        if direction == "rtl":
            target.set_direction("rtl")  # the spine's page-progression-direction
        env = make_environment(book.root, book.scene_break, direction)
        common = {"lang": book.meta.language, "stylesheets": stylesheets}
        for page in pages:
            progress.step("Title Page" if page.landmark == "titlepage" else page.title)
            context = {**common, **page.context, "doc_title": page.title}
            context["body_type"] = page.body_type
            content = _render(env, page.template, context)
            _add(target, page.uid, f"{TEXT_DIR}/{page.href}", XHTML, content)

        progress.step("Navigation")
        labels = {**_LANDMARK_LABELS, "toc": toc_title(book)}
        landmarks = [(p.landmark, labels[p.landmark], p.href) for p in pages if p.landmark]
        nav_context = {
            **common,
            "doc_title": toc_title(book),
            "body_type": None,
            "entries": entries,
            "landmarks": landmarks,
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

        buffer = io.BytesIO()
        writer_options = {"mtime": modified, "epub3_pages": False, "epub2_guide": True}
        writer = epub.EpubWriter(buffer, target, writer_options)
        writer.process()
        writer.write()
        with atomic_output(final_path) as tmp_path:
            repack(buffer.getvalue(), tmp_path, options.timestamp)
        return Artifact(format="epub", path=final_path, size=final_path.stat().st_size)


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


def _read_cover(path: Path | None) -> _Cover | None:
    """The cover as `octavo.cover` prepared it: by content (a PNG named .jpg is a PNG),
    converted or scaled where stores need it. Its warnings were reported when the manifest was
    loaded, from the same (cached) preparation, so only a refusal matters here (OCT401): the
    file can have changed or gone since."""
    if path is None:
        return None
    prepared = prepare_cover(path, Span(display_path(path)))
    if prepared.cover is None:
        reasons = "; ".join(d.message for d in prepared.diagnostics
                            if d.severity is Severity.ERROR)
        raise OctavoError.single("OCT401", f"cannot use the cover image: {reasons}")
    cover = prepared.cover
    return _Cover(cover.data, cover.media_type, f"images/cover{cover.extension}")


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
