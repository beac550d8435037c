"""The EPUB's content documents in spine order, each with its template and context.

Pure planning, no I/O: ids, file names, titles, semantics and the contents tree that the nav
document, the NCX and the visible contents page share.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, assert_never

from octavo.backends.epub_metadata import xml_safe
from octavo.backends.epub_nav import NavEntry
from octavo.backends.epub_pagelist import DocumentMarks, render_marked_blocks
from octavo.document import (
    Aside,
    BackMatter,
    Block,
    BlockQuote,
    Book,
    Chapter,
    ContributorsPage,
    CopyrightPage,
    Dedication,
    FrontMatter,
    Heading,
    ListBlock,
    MatterPage,
    Part,
    TableOfContents,
    TitlePage,
    walk_blocks,
)
from octavo.i18n import Labels
from octavo.render.direction import Direction, language_direction
from octavo.render.imprint import copyright_notice, identifier_line, story_credit_lines

# Manifest ids the backend uses for things that are not pages.
RESERVED_IDS = ("nav", "ncx", "css", "css-book", "cover-image", "cover")

# Titled prose pages whose name says what they are get EPUB and DPUB-ARIA semantics.
_MATTER_SEMANTICS = {
    "acknowledgements": ("acknowledgments", "doc-acknowledgments"),
    "acknowledgments": ("acknowledgments", "doc-acknowledgments"),
    "afterword": ("afterword", "doc-afterword"),
    "conclusion": ("conclusion", "doc-conclusion"),
    "epilogue": ("epilogue", "doc-epilogue"),
    "foreword": ("foreword", "doc-foreword"),
    "introduction": ("introduction", "doc-introduction"),
    "preface": ("preface", "doc-preface"),
    "prologue": ("prologue", "doc-prologue"),
}


@dataclass(slots=True)
class Page:
    """One content document: manifest id (also its file stem), title, template and context."""

    uid: str
    title: str
    template: str
    body_type: str | None  # epub:type of <body>: frontmatter, bodymatter, backmatter
    context: dict[str, Any] = field(default_factory=dict)
    landmark: str | None = None  # cover, titlepage, toc or bodymatter
    node_id: str | None = None  # the Book node it shows (page maps address these)
    svg: bool = False  # holds inline SVG (the cover wrapper): a manifest property
    # The page's text as markup, rendered only when the page is (in a worker, for big books):
    # the template reads it as `body`.
    body: Callable[[], Any] | None = None

    @property
    def href(self) -> str:
        return f"{self.uid}.xhtml"

    def full_context(self) -> dict[str, Any]:
        """The template's context, the rendered text included."""
        if self.body is None:
            return self.context
        return {**self.context, "body": self.body()}


class Ids:
    """Deterministic manifest ids that are also safe file names: ASCII, lower case, unique."""

    def __init__(self, reserved: tuple[str, ...] = RESERVED_IDS) -> None:
        self._taken = set(reserved)

    def take(self, wanted: str) -> str:
        ascii_text = unicodedata.normalize("NFKD", wanted).encode("ascii", "ignore").decode()
        base = re.sub(r"[^a-z0-9_-]+", "-", ascii_text.lower()).strip("-_") or "page"
        if not base[0].isalpha():
            base = f"s-{base}"  # an XML id must not start with a digit
        uid, n = base, 1
        while uid in self._taken:
            n += 1
            uid = f"{base}-{n}"
        self._taken.add(uid)
        return uid


def clean_title(text: str | None, fallback: str) -> str:
    """A non-empty single-line title: EPUBCheck rejects an empty <title> or nav label."""
    cleaned = " ".join(xml_safe(text or "").split())
    return cleaned or fallback


def toc_title(book: Book, labels: Labels) -> str:
    for node in book.front:
        if isinstance(node, TableOfContents):
            return clean_title(node.title, labels["contents"])
    return labels["contents"]


@dataclass(frozen=True, slots=True)
class CoverPage:
    href: str  # the image, relative to the text folder
    width: int
    height: int
    alt: str


@dataclass(frozen=True, slots=True)
class Planning:
    """What every page needs besides its own node: words, markers and drawing settings."""

    labels: Labels
    year: int  # stands in for the copyright year of an undated book
    marks: dict[str, DocumentMarks] = field(default_factory=dict)
    direction: Direction = "ltr"
    print_edition: str | None = None  # the copyright page's line naming the print ISBN

    def marks_of(self, node_id: str | None) -> DocumentMarks:
        return self.marks.get(node_id or "", DocumentMarks())


def relevel(blocks: tuple[Block, ...], base: int) -> tuple[Block, ...]:
    """Manuscript headings renumbered so that levels never skip: the highest becomes
    `base + 1` (below the page's own title at `base`), each further level one more."""
    levels = sorted({b.level for b in walk_blocks(blocks) if isinstance(b, Heading)})
    if not levels:
        return blocks
    rank = {level: base + n for n, level in enumerate(levels, start=1)}

    def renumber(items: tuple[Block, ...]) -> tuple[Block, ...]:
        out: list[Block] = []
        for block in items:
            match block:
                case Heading():
                    out.append(dataclasses.replace(block, level=rank[block.level]))
                case BlockQuote() | Aside():
                    out.append(dataclasses.replace(block, blocks=renumber(block.blocks)))
                case ListBlock():
                    out.append(dataclasses.replace(
                        block, items=tuple(renumber(item) for item in block.items)))
                case _:
                    out.append(block)
        return tuple(out)

    return renumber(blocks)


def plan_pages(
    book: Book, cover: CoverPage | None, plan: Planning
) -> tuple[list[Page], tuple[NavEntry, ...]]:
    """Every content document in spine order (cover, front matter, parts and stories, back
    matter), and the contents tree."""
    ids = Ids()
    front = book.front
    if not (front or book.body or book.back):
        front = (TitlePage(),)  # a spine and a nav must never be empty

    # Pass 1: ids for every document in reading order, so a contents page can link ahead.
    uid: dict[int, str] = {}
    for node in front:
        uid[id(node)] = ids.take(node.id)
    for item in book.body:
        uid[id(item)] = ids.take(item.id)
        if isinstance(item, Part):
            for chapter in item.chapters:
                uid[id(chapter)] = ids.take(chapter.id)
    for back in book.back:
        uid[id(back)] = ids.take(back.id)

    labels = plan.labels

    def entry(node: Chapter | Part | MatterPage | ContributorsPage) -> NavEntry:
        key = uid[id(node)]
        byline = (labels.names(node.authors) or None
                  if isinstance(node, Chapter) and node.bylined else None)
        children = tuple(entry(c) for c in node.chapters) if isinstance(node, Part) else ()
        return NavEntry(key, _node_title(node), f"{key}.xhtml", byline, children)

    entries = [entry(n) for n in front if isinstance(n, MatterPage)]
    entries.extend(entry(item) for item in book.body)
    entries.extend(entry(n) for n in book.back)
    contents = tuple(entries)

    pages: list[Page] = []
    if cover is not None:
        context = {"image_href": cover.href, "alt": cover.alt, "width": cover.width,
                   "height": cover.height}
        pages.append(Page("cover", labels["cover"], "epub/cover.xhtml.j2", None, context,
                          "cover", svg=True))
    pages.extend(_front_page(book, n, uid[id(n)], contents, plan) for n in front)
    first_body = len(pages)
    for item in book.body:
        if isinstance(item, Part):
            title = _node_title(item)
            context = {"title": title, **_marks_context(plan.marks_of(item.id))}
            pages.append(Page(uid[id(item)], title, "epub/part.xhtml.j2", "bodymatter", context,
                              node_id=item.id))
            pages.extend(_chapter_page(book, c, uid[id(c)], plan, in_part=True)
                         for c in item.chapters)
        else:
            pages.append(_chapter_page(book, item, uid[id(item)], plan, in_part=False))
    if len(pages) > first_body:
        pages[first_body].landmark = "bodymatter"
    works = _work_links(book, uid)
    pages.extend(_back_page(book, n, uid[id(n)], works, plan) for n in book.back)

    if not contents:  # only a title page, copyright page and the like
        first = next((p for p in pages if p.landmark != "cover"), pages[0])
        contents = (NavEntry(first.uid, first.title, first.href),)
    return pages, contents


def _node_title(node: Chapter | Part | MatterPage | ContributorsPage) -> str:
    """The title a page shows and the contents list, never empty."""
    match node:
        case Chapter(title=title, label=label):
            return clean_title(title, clean_title(label, "Untitled"))
        case Part(title=title):
            return clean_title(title, "Part")
        case ContributorsPage(title=title):
            return clean_title(title, "About the Contributors")
        case MatterPage(title=title):
            return clean_title(title, "Untitled")
        case _:
            assert_never(node)


def _flatten(entries: tuple[NavEntry, ...]) -> list[NavEntry]:
    flat: list[NavEntry] = []
    for entry in entries:
        flat.append(entry)
        flat.extend(_flatten(entry.children))
    return flat


def _marks_context(marks: DocumentMarks) -> dict[str, Any]:
    return {"start_marks": marks.start(), "end_marks": marks.end()}


def _body(book: Book, blocks: tuple[Block, ...], level: int, plan: Planning,
          node_id: str | None, direction: Direction | None = None) -> Callable[[], Any]:
    return functools.partial(_render_body, book, blocks, level, plan, node_id, direction)


def _render_body(book: Book, blocks: tuple[Block, ...], level: int, plan: Planning,
                 node_id: str | None, direction: Direction | None) -> Any:
    return render_marked_blocks(relevel(blocks, level), 0, book.scene_break,
                                direction or plan.direction, plan.marks_of(node_id))


def _chapter_page(book: Book, chapter: Chapter, uid: str, plan: Planning, in_part: bool) -> Page:
    title = _node_title(chapter)
    level = 2 if in_part else 1  # a part's title page holds the h1
    credits = chapter.credits
    # book.yaml's word for the story's language first, then the manuscript's own metadata.
    language = (credits.language if credits and credits.language else None) or chapter.language
    direction = language_direction(language) if language else None
    labels = plan.labels
    context: dict[str, Any] = {
        "label": chapter.shown_label,
        "title": title,
        "subtitle": chapter.subtitle,
        "byline": labels.format("by", names=labels.names(chapter.authors))
        if chapter.authors and chapter.bylined else None,
        "blocks": chapter.blocks,
        "level": level,
        **_marks_context(plan.marks_of(chapter.id)),
    }
    # The story's own language on its section; the book's words around it (the byline) keep
    # the book's, so each is read aloud in its own.
    context["story_lang"] = language
    context["story_dir"] = direction if direction and direction != plan.direction else None
    return Page(uid, title, "epub/chapter.xhtml.j2", "bodymatter", context, node_id=chapter.id,
                body=_body(book, chapter.blocks, level, plan, chapter.id, direction))


def _front_page(
    book: Book, node: FrontMatter, uid: str, contents: tuple[NavEntry, ...], plan: Planning
) -> Page:
    meta = book.meta
    labels = plan.labels
    marks = _marks_context(plan.marks_of(node.id))
    context: dict[str, Any]
    match node:
        case TitlePage():
            title = clean_title(meta.title, labels["title_page"])

            def line(key: str, names: tuple[str, ...]) -> str | None:
                return labels.format(key, names=labels.names(names)) if names else None

            translators = tuple(c.name for c in meta.creators if c.role == "trl")
            context = {
                "title": title,
                "subtitle": meta.subtitle,
                "authors": line("by", meta.authors),
                "editors": line("edited_by", meta.editors),
                "translators": line("translated_by", translators),
                "publisher": meta.publisher,
                **marks,
            }
            template = "epub/titlepage.xhtml.j2"
            return Page(uid, title, template, "frontmatter", context, "titlepage", node.id)
        case CopyrightPage():
            context = {
                "title": meta.title,
                "heading": labels["copyright_page"],
                "notice": copyright_notice(meta, plan.year, labels),
                "rights": meta.rights,
                "credits": story_credit_lines(book, labels),
                "first_published": labels.format("first_published", date=labels.date(meta.date))
                if meta.date else None,
                "identifier": identifier_line(meta.identifier, labels),
                "print_edition": plan.print_edition,
                "publisher": labels.format("published_by", publisher=meta.publisher)
                if meta.publisher else None,
                "colophon": labels["typeset"],
                **marks,
            }
            return Page(uid, labels["copyright_page"], "epub/copyright.xhtml.j2", "frontmatter",
                        context, node_id=node.id)
        case Dedication(blocks=blocks):
            context = {"blocks": blocks, "label": labels["dedication"], **marks}
            return Page(uid, labels["dedication"], "epub/dedication.xhtml.j2", "frontmatter",
                        context, node_id=node.id, body=_body(book, blocks, 1, plan, node.id))
        case TableOfContents():
            title = clean_title(node.title, labels["contents"])
            # The print contents page lists the body and back matter, not the front matter
            # pages, which lead the EPUB's: a print line's marker goes into the same entry.
            toc_marks = plan.marks_of(node.id)
            lead = sum(1 for n in book.front if isinstance(n, MatterPage))
            flat = _flatten(contents)
            entry_marks = {entry.uid: toc_marks.before_item(n - lead)
                           for n, entry in enumerate(flat) if n >= lead}
            context = {"title": title, "entries": contents, "entry_marks": entry_marks, **marks}
            return Page(uid, title, "epub/toc.xhtml.j2", "frontmatter", context, "toc", node.id)
        case MatterPage():
            return _matter_page(book, node, uid, "frontmatter", plan)
        case _:
            assert_never(node)


def _back_page(book: Book, node: BackMatter, uid: str, works: dict[str, str],
               plan: Planning) -> Page:
    match node:
        case ContributorsPage(contributors=contributors):
            title = _node_title(node)
            marks = plan.marks_of(node.id)
            people = [
                {
                    "name": person.name,
                    "bio": person.bio,
                    "works": [(work, works.get(work)) for work in person.works],
                    "marks": marks.before_item(n),
                }
                for n, person in enumerate(contributors)
            ]
            context = {"title": title, "contributors": people, "in_this_book":
                       plan.labels["in_this_book"], **_marks_context(marks)}
            return Page(uid, title, "epub/contributors.xhtml.j2", "backmatter", context,
                        node_id=node.id)
        case MatterPage():
            return _matter_page(book, node, uid, "backmatter", plan)
        case _:
            assert_never(node)


def _matter_page(book: Book, node: MatterPage, uid: str, body_type: str, plan: Planning) -> Page:
    title = _node_title(node)
    kind = _MATTER_SEMANTICS.get(node.id.lower()) or _MATTER_SEMANTICS.get(title.lower())
    epub_type, role = kind if kind else (None, None)
    context = {"title": title, "blocks": node.blocks, "epub_type": epub_type, "role": role,
               **_marks_context(plan.marks_of(node.id))}
    return Page(uid, title, "epub/matter.xhtml.j2", body_type, context, node_id=node.id,
                body=_body(book, node.blocks, 1, plan, node.id))


def _work_links(book: Book, uid: dict[int, str]) -> dict[str, str]:
    """Story title → file, for the titles that name exactly one story."""
    by_title: dict[str, list[str]] = {}
    for chapter in book.chapters():
        by_title.setdefault(chapter.title, []).append(f"{uid[id(chapter)]}.xhtml")
    return {title: hrefs[0] for title, hrefs in by_title.items() if len(hrefs) == 1}
