"""EPUB manuscripts (an AO3 or FanFicFare download, any EPUB 2 or 3) → blocks.

The container is checked first (no `../` paths, no zip bomb, no entity declarations), then
ebooklib reads the package; the chapters are read in spine order, each through the same
web-page reader (so its chrome is dropped and its markup sanitised), and run on as one story
with each chapter's heading kept. The package's own metadata fills what the pages do not say.
"""

from __future__ import annotations

import dataclasses
import io
import warnings

from octavo.diagnostics import Diagnostic, OctavoError, Severity, Span
from octavo.document import Block, Heading, SceneBreak, Text, walk_blocks
from octavo.ingest.container import open_container
from octavo.ingest.html import parse_html, read_html_tree
from octavo.ingest.model import RawStory, WorkMeta
from octavo.ingest.options import ReadOptions
from octavo.ingest.structure import renumber_notes, tidy_breaks


def read_epub(raw: bytes, display: str, options: ReadOptions) -> RawStory:
    span = Span(display)
    container = open_container(raw, display, "EPUB", allow_doctype=frozenset(
        n for n in _names(raw) if n.lower().endswith((".xhtml", ".html", ".htm"))))
    from ebooklib import ITEM_DOCUMENT, epub

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = epub.read_epub(io.BytesIO(raw), {"ignore_ncx": True})
    except Exception as exc:  # ebooklib raises many kinds for a damaged package
        raise OctavoError.single("OCT220", f"not a readable EPUB: {exc}", span) from None
    del container
    notes: list[Diagnostic] = []
    blocks: list[Block] = []
    meta = WorkMeta()
    next_paragraph = 1
    removed: list[str] = []
    titles = _toc_titles(book.toc)
    for idref, _linear in book.spine:
        item = book.get_item_with_id(idref)
        properties = getattr(item, "properties", None) or []
        if item is None or item.get_type() != ITEM_DOCUMENT or "nav" in properties:
            continue
        text = item.get_content().decode("utf-8", errors="replace")
        chapter, found = read_html_tree(parse_html(text, display, notes), display, next_paragraph)
        for note in found:
            if note.code == "OCT230":
                removed.append(f"{item.get_name()}: {note.message.split(': ', 1)[-1]}")
            elif note.code != "OCT232":
                notes.append(note)
        if meta.empty and not chapter.meta.empty and chapter.meta.site:
            meta = chapter.meta
        elif chapter.meta.notes:  # a later chapter's own notes, kept aside with the work's
            meta = dataclasses.replace(meta, notes=(*meta.notes, *chapter.meta.notes))
        if blocks and chapter.blocks and not isinstance(chapter.blocks[0], Heading):
            # A chapter without its own heading: the contents' title for it, or at least a
            # break, so that chapters never run into each other.
            title = titles.get(item.get_name())
            blocks.append(Heading(2, (Text(title),), chapter.blocks[0].span) if title
                          else SceneBreak(chapter.blocks[0].span))
        blocks.extend(chapter.blocks)
        numbers = [b.span.paragraph for b in walk_blocks(chapter.blocks) if b.span]
        next_paragraph = max(numbers, default=next_paragraph - 1) + 1
    if removed:
        notes.append(Diagnostic(Severity.WARNING, "OCT230", "removed from the EPUB's pages: "
                                + "; ".join(removed[:5]), span))
    meta = dataclasses.replace(
        meta, title=meta.title or _dc(book, "title"),
        authors=meta.authors or tuple(v for v, _ in book.get_metadata("DC", "creator") if v),
        language=meta.language or _dc(book, "language"))
    if not blocks:
        raise OctavoError.single("OCT236", "the EPUB has no chapter text octavo can read", span)
    notes.append(Diagnostic(Severity.INFO, "OCT232", f"the work's metadata, kept aside: "
                            f"{meta.described()}", span))
    return RawStory(None, renumber_notes(tuple(tidy_breaks(blocks))), tuple(notes), meta=meta)


def _names(raw: bytes) -> list[str]:
    import zipfile

    try:
        return zipfile.ZipFile(io.BytesIO(raw)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return []


def _toc_titles(toc: object) -> dict[str, str]:
    """Document file name → its title in the EPUB's contents (the first entry naming it)."""
    found: dict[str, str] = {}

    def visit(entries: object) -> None:
        for entry in entries if isinstance(entries, list | tuple) else ():
            if isinstance(entry, tuple) and len(entry) == 2:
                visit([entry[0]])
                visit(entry[1])
                continue
            href = str(getattr(entry, "href", "") or "").split("#", 1)[0]
            title = " ".join(str(getattr(entry, "title", "") or "").split())
            if href and title:
                found.setdefault(href, title)
                found.setdefault(href.rsplit("/", 1)[-1], title)

    visit(toc)
    return found


def _dc(book: object, name: str) -> str | None:
    values = book.get_metadata("DC", name)  # type: ignore[attr-defined]
    return str(values[0][0]) if values and values[0][0] else None
