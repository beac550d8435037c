"""The EPUB's content documents in spine order, each with its template and context.

Pure planning, no I/O: ids, file names, titles, semantics and the contents tree that the nav
document, the NCX and the visible contents page share.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, assert_never

from octavo.backends.epub_metadata import xml_safe
from octavo.backends.epub_nav import NavEntry
from octavo.document import (
    BackMatter,
    Book,
    Chapter,
    ContributorsPage,
    CopyrightPage,
    Dedication,
    FrontMatter,
    MatterPage,
    Part,
    TableOfContents,
    TitlePage,
    join_names,
)
from octavo.render.imprint import copyright_notice, identifier_line

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

    @property
    def href(self) -> str:
        return f"{self.uid}.xhtml"


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


def toc_title(book: Book) -> str:
    for node in book.front:
        if isinstance(node, TableOfContents):
            return clean_title(node.title, "Contents")
    return "Contents"


def plan_pages(
    book: Book, cover_href: str | None, year: int
) -> tuple[list[Page], tuple[NavEntry, ...]]:
    """Every content document in spine order (cover, front matter, parts and stories, back
    matter), and the contents tree. `cover_href` is the cover image relative to the text
    folder; `year` stands in for the copyright year of an undated book."""
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

    def entry(node: Chapter | Part | MatterPage | ContributorsPage) -> NavEntry:
        key = uid[id(node)]
        byline = node.byline if isinstance(node, Chapter) else None
        children = tuple(entry(c) for c in node.chapters) if isinstance(node, Part) else ()
        return NavEntry(key, _node_title(node), f"{key}.xhtml", byline, children)

    entries = [entry(n) for n in front if isinstance(n, MatterPage)]
    entries.extend(entry(item) for item in book.body)
    entries.extend(entry(n) for n in book.back)
    contents = tuple(entries)

    pages: list[Page] = []
    if cover_href is not None:
        alt = clean_title(book.meta.title, "Cover")
        context = {"image_href": cover_href, "alt": alt}
        pages.append(Page("cover", "Cover", "epub/cover.xhtml.j2", None, context, "cover"))
    pages.extend(_front_page(book, n, uid[id(n)], contents, year) for n in front)
    first_body = len(pages)
    for item in book.body:
        if isinstance(item, Part):
            title = _node_title(item)
            context = {"title": title}
            pages.append(Page(uid[id(item)], title, "epub/part.xhtml.j2", "bodymatter", context))
            pages.extend(_chapter_page(c, uid[id(c)], in_part=True) for c in item.chapters)
        else:
            pages.append(_chapter_page(item, uid[id(item)], in_part=False))
    if len(pages) > first_body:
        pages[first_body].landmark = "bodymatter"
    works = _work_links(book, uid)
    pages.extend(_back_page(n, uid[id(n)], works) for n in book.back)

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


def _chapter_page(chapter: Chapter, uid: str, in_part: bool) -> Page:
    title = _node_title(chapter)
    context = {
        "label": chapter.label,
        "title": title,
        "subtitle": chapter.subtitle,
        "byline": chapter.byline,
        "blocks": chapter.blocks,
        "level": 2 if in_part else 1,  # a part's title page holds the h1
        "language": chapter.language,
    }
    return Page(uid, title, "epub/chapter.xhtml.j2", "bodymatter", context)


def _front_page(
    book: Book, node: FrontMatter, uid: str, contents: tuple[NavEntry, ...], year: int
) -> Page:
    meta = book.meta
    context: dict[str, Any]
    match node:
        case TitlePage():
            title = clean_title(meta.title, "Title Page")
            context = {
                "title": title,
                "subtitle": meta.subtitle,
                "authors": join_names(meta.authors),
                "editors": join_names(meta.editors),
                "publisher": meta.publisher,
            }
            template = "epub/titlepage.xhtml.j2"
            return Page(uid, title, template, "frontmatter", context, "titlepage")
        case CopyrightPage():
            context = {
                "title": meta.title,
                "notice": copyright_notice(meta, year),
                "rights": meta.rights,
                "identifier": identifier_line(meta.identifier),
                "publisher": meta.publisher,
            }
            return Page(uid, "Copyright", "epub/copyright.xhtml.j2", "frontmatter", context)
        case Dedication(blocks=blocks):
            context = {"blocks": blocks}
            return Page(uid, "Dedication", "epub/dedication.xhtml.j2", "frontmatter", context)
        case TableOfContents():
            title = clean_title(node.title, "Contents")
            context = {"title": title, "entries": contents}
            return Page(uid, title, "epub/toc.xhtml.j2", "frontmatter", context, "toc")
        case MatterPage():
            return _matter_page(node, uid, "frontmatter")
        case _:
            assert_never(node)


def _back_page(node: BackMatter, uid: str, works: dict[str, str]) -> Page:
    match node:
        case ContributorsPage(contributors=contributors):
            title = _node_title(node)
            people = [
                {
                    "name": person.name,
                    "bio": person.bio,
                    "works": [(work, works.get(work)) for work in person.works],
                }
                for person in contributors
            ]
            context = {"title": title, "contributors": people}
            return Page(uid, title, "epub/contributors.xhtml.j2", "backmatter", context)
        case MatterPage():
            return _matter_page(node, uid, "backmatter")
        case _:
            assert_never(node)


def _matter_page(node: MatterPage, uid: str, body_type: str) -> Page:
    title = _node_title(node)
    kind = _MATTER_SEMANTICS.get(node.id.lower()) or _MATTER_SEMANTICS.get(title.lower())
    epub_type, role = kind if kind else (None, None)
    context = {"title": title, "blocks": node.blocks, "epub_type": epub_type, "role": role}
    return Page(uid, title, "epub/matter.xhtml.j2", body_type, context)


def _work_links(book: Book, uid: dict[int, str]) -> dict[str, str]:
    """Story title → file, for the titles that name exactly one story."""
    by_title: dict[str, list[str]] = {}
    for chapter in book.chapters():
        by_title.setdefault(chapter.title, []).append(f"{uid[id(chapter)]}.xhtml")
    return {title: hrefs[0] for title, hrefs in by_title.items() if len(hrefs) == 1}
