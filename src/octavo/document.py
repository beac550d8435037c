"""The intermediate document: what the compiler produces and both backends consume.

Every node is a frozen, slotted dataclass with tuple children; a change is a new tree built with
`dataclasses.replace`. Nothing here does I/O. Backends render every node type with an exhaustive
`match` ending in `assert_never`, so a new node type fails type-checking where it is not handled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path
from typing import TypeAlias, assert_never

from octavo.diagnostics import Span
from octavo.print_profiles import RUNNING_HEAD_DEFAULTS

# ---------------------------------------------------------------------------------------------
# Inlines


@dataclass(frozen=True, slots=True)
class Text:
    value: str


@dataclass(frozen=True, slots=True)
class Emphasis:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class SmallCaps:
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink. `href` is already vetted: only http(s) and mailto reach the document."""

    href: str
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Code:
    """A code span: set in the code face, never typeset (quotes and dashes stay as typed)."""

    value: str


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A hard line break inside a paragraph (Markdown's trailing `\\`, Word's Shift-Enter)."""


@dataclass(frozen=True, slots=True)
class Footnote:
    """A note called from this point of the text. `number` counts the notes of one story from 1;
    `kind` is "footnote" (print: at the foot of the page) or "endnote" (at the story's end).
    EPUB: a note reference here and an `epub:type` aside at the story's end, linked both ways."""

    number: int
    blocks: tuple[Block, ...]
    kind: str = "footnote"


@dataclass(frozen=True, slots=True)
class Image:
    """An image the manuscript itself carries (a .docx picture), bytes already checked by
    content. It is packed into the EPUB and embedded in the PDF; nothing is fetched."""

    data: bytes
    media_type: str  # image/png, image/jpeg or image/gif
    alt: str = ""

    @property
    def file_name(self) -> str:
        extension = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}
        digest = hashlib.sha256(self.data).hexdigest()[:16]
        return f"img-{digest}{extension.get(self.media_type, '.bin')}"


Inline: TypeAlias = Text | Emphasis | Strong | SmallCaps | Link | Code | LineBreak | Footnote | Image

# ---------------------------------------------------------------------------------------------
# Blocks


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    children: tuple[Inline, ...]
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    children: tuple[Inline, ...]
    span: Span | None = None
    align: str | None = None  # "center": a centred line the author set apart

@dataclass(frozen=True, slots=True)
class SceneBreak:
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class BlockQuote:
    blocks: tuple[Block, ...]
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Verse:
    lines: tuple[tuple[Inline, ...], ...]
    span: Span | None = None
    indents: tuple[int, ...] = ()  # per line, in steps of one em (empty: none indented)


@dataclass(frozen=True, slots=True)
class ListBlock:
    """An ordered or unordered list; each item is a run of blocks."""

    items: tuple[tuple[Block, ...], ...]
    ordered: bool = False
    start: int = 1
    span: Span | None = None


ASIDE_KINDS = ("epigraph", "dedication", "notes")


@dataclass(frozen=True, slots=True)
class Aside:
    """Text set apart from the story's run: its epigraph, its own dedication, or the author's
    notes that the book moved to the story's end (`kind`, one of ASIDE_KINDS)."""

    kind: str
    blocks: tuple[Block, ...]
    title: str | None = None
    span: Span | None = None


Block: TypeAlias = Heading | Paragraph | SceneBreak | BlockQuote | Verse | ListBlock | Aside

# ---------------------------------------------------------------------------------------------
# Book structure


@dataclass(frozen=True, slots=True)
class Chapter:
    """One story (or one chapter of a novel)."""

    id: str
    title: str
    blocks: tuple[Block, ...]
    source: str
    authors: tuple[str, ...] = ()
    subtitle: str | None = None
    label: str | None = None  # "Session One", kept from the manuscript's own heading
    credits: StoryCredits | None = None  # language, translators, copyright (issue 12)
    language: str | None = None  # the story's own language, when it differs from the book's
    bylined: bool = True  # False in a novel or collection: one author, no byline per chapter
    number_label: str | None = None  # "Chapter Twelve", when the book asks for `numbering`

    @property
    def byline(self) -> str | None:
        return join_names(self.authors) if self.authors and self.bylined else None

    @property
    def shown_label(self) -> str | None:
        """The label set above the title: the book's numbering, else the manuscript's own."""
        return self.number_label or self.label


@dataclass(frozen=True, slots=True)
class StoryCredits:
    """What the copyright page and the package say about one story beyond its authors."""

    language: str | None = None  # BCP 47, when it differs from the book's
    translators: tuple[str, ...] = ()
    illustrators: tuple[str, ...] = ()
    copyright_year: str | None = None
    copyright_holder: str | None = None  # default: the story's authors
    first_published: str | None = None  # "Asimov's Science Fiction, March 2019"


@dataclass(frozen=True, slots=True)
class Part:
    id: str
    title: str
    chapters: tuple[Chapter, ...]


BodyItem: TypeAlias = Part | Chapter


@dataclass(frozen=True, slots=True)
class TitlePage:
    id: str = "titlepage"


@dataclass(frozen=True, slots=True)
class CopyrightPage:
    id: str = "copyright"


@dataclass(frozen=True, slots=True)
class TableOfContents:
    id: str = "toc"
    title: str = "Contents"


@dataclass(frozen=True, slots=True)
class Dedication:
    blocks: tuple[Block, ...]
    id: str = "dedication"


@dataclass(frozen=True, slots=True)
class Contributor:
    name: str
    bio: tuple[Block, ...]
    works: tuple[str, ...]  # titles of this contributor's stories in the book


@dataclass(frozen=True, slots=True)
class ContributorsPage:
    contributors: tuple[Contributor, ...]
    id: str = "contributors"
    title: str = "About the Contributors"


@dataclass(frozen=True, slots=True)
class MatterPage:
    """A titled page of prose: acknowledgements, a foreword, an afterword."""

    id: str
    title: str
    blocks: tuple[Block, ...]
    source: str | None = None


FrontMatter: TypeAlias = TitlePage | CopyrightPage | Dedication | TableOfContents | MatterPage
BackMatter: TypeAlias = ContributorsPage | MatterPage

# ---------------------------------------------------------------------------------------------
# Metadata and print settings


@dataclass(frozen=True, slots=True)
class Creator:
    name: str
    role: str  # MARC relator: "aut", "edt", "trl", "ill"
    file_as: str | None = None  # sort name, "Ortiz, Lena"


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    position: float | None = None


@dataclass(frozen=True, slots=True)
class SubjectCode:
    scheme: str  # "BISAC" | "THEMA"
    code: str  # "FIC029000", "FYB"
    name: str | None = None  # the heading's words, when given


@dataclass(frozen=True, slots=True)
class Accessibility:
    """Conformance claims from book.yaml's `accessibility:`, or the exemption it invokes."""

    certified_by: str | None = None
    credential: str | None = None
    report: str | None = None
    exemption: str | None = None  # "eaa-microenterprise" and the other a11y:exemption values
    summary: str | None = None  # replaces the generated summary


@dataclass(frozen=True, slots=True)
class Identifier:
    value: str  # "9780306406157" or "urn:uuid:…"
    scheme: str  # "isbn" | "uuid"


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str
    language: str
    identifier: Identifier
    creators: tuple[Creator, ...] = ()
    subtitle: str | None = None
    publisher: str | None = None
    date: str | None = None  # ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD
    rights: str | None = None
    description: str | None = None
    subjects: tuple[str, ...] = ()
    cover: Path | None = None  # absolute, already checked to lie inside the book folder
    # Issue 12: the package's full credits and the print edition it mirrors.
    contributors: tuple[Creator, ...] = ()  # story authors, translators… beside the creators
    series: Series | None = None
    subject_codes: tuple[SubjectCode, ...] = ()
    print_isbn: str | None = None
    cover_alt: str | None = None
    accessibility: Accessibility = Accessibility()

    @property
    def authors(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.creators if c.role == "aut")

    @property
    def editors(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.creators if c.role == "edt")


@dataclass(frozen=True, slots=True)
class Trim:
    name: str
    width_in: float
    height_in: float


@dataclass(frozen=True, slots=True)
class PrintSettings:
    trim: Trim
    font_size_pt: float = 11.0
    font_family: str = "Charis SIL"
    # The print shop's rules (octavo.print_profiles) and the book's own overrides of them.
    profile: str = "kdp"  # build.print
    pdf_standard: str | None = None  # "x-1a" | "x-4" | "none"; None: the profile's
    fonts: str | None = None  # "full" | "subset"; None: the profile's
    bleed: bool = False
    paper: str = "white"  # "white" | "cream" | "colour" | "standard-colour"
    gutter_in: float | None = None  # inside margin; None: by page count
    safe_zone_in: float | None = None
    # Book conventions.
    openings: str = "recto"  # "recto" | "any"
    # build.running_heads; None: the book kind's default (Book.running_heads)
    verso_head: str | None = None  # "book-title" | "author" | "story-author"
    recto_head: str | None = None  # "story-title" | "book-title"
    style: str = "classic"  # "classic" | "modern" | "pulp"
    css: Path | None = None  # the book's own stylesheet, inside the book folder
    lead_in: str = "small-caps"  # "small-caps" | "drop-cap" | "none"
    # The print edition's imprint.
    isbn: str | None = None  # 13 digits; the EPUB keeps Metadata.identifier
    edition: str | None = None
    credits: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Book:
    meta: Metadata
    print: PrintSettings
    front: tuple[FrontMatter, ...]
    body: tuple[BodyItem, ...]
    back: tuple[BackMatter, ...]
    root: Path  # the book folder; nothing outside it is ever read
    scene_break: str = "ornament"  # how breaks are drawn: "ornament", "asterism" or "space"
    labels: tuple[tuple[str, str], ...] = ()  # book.yaml `labels:` overrides (octavo.i18n)
    epub_fonts: str = "reader"  # "reader" (the reading system's) or "embed" (subset house fonts)
    source_files: tuple[Path, ...] = ()  # every file the book is made from, for dcterms:modified
    kind: str = "anthology"  # "novel" | "collection" | "anthology": see octavo.book_kind

    @property
    def unit_noun(self) -> str:
        """What the book's body is made of, for summaries: "chapter" or "story"."""
        return "chapter" if self.kind == "novel" else "story"

    def running_heads(self, title: str, byline: str | None = None, *,
                      names: Callable[[Sequence[str]], str] | None = None) -> tuple[str, str]:
        """(verso head, recto head) over a chapter or page called `title` by `byline`: what
        `build.running_heads` says, else the book kind's default (RUNNING_HEAD_DEFAULTS): an
        anthology's story author and story title; a single-author collection's author and
        story title; a novel's author and book title. `names` joins a list of names in the
        book's language."""
        verso, recto = RUNNING_HEAD_DEFAULTS.get(self.kind, RUNNING_HEAD_DEFAULTS["anthology"])
        people = (names or join_names)(self.meta.authors or self.meta.editors) or self.meta.title
        heads = {"book-title": self.meta.title, "author": people,
                 "story-author": byline or people, "story-title": title}
        return heads[self.print.verso_head or verso], heads[self.print.recto_head or recto]

    def chapters(self) -> Iterator[Chapter]:
        for item in self.body:
            if isinstance(item, Part):
                yield from item.chapters
            else:
                yield item


# ---------------------------------------------------------------------------------------------
# Helpers


def join_names(names: tuple[str, ...] | list[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def inline_text(inlines: tuple[Inline, ...]) -> str:
    out: list[str] = []
    for node in inlines:
        match node:
            case Text(value=value):
                out.append(value)
            case Emphasis(children=c) | Strong(children=c) | SmallCaps(children=c) | Link(children=c):
                out.append(inline_text(c))
            case Code(value=value):
                out.append(value)
            case LineBreak():
                out.append("\n")
            case Footnote() | Image():
                pass  # a note's text is the note's, not the paragraph's; see `notes_of`
            case _:
                assert_never(node)
    return "".join(out)


def notes_of(blocks: tuple[Block, ...]) -> list[Footnote]:
    """Every note called in `blocks`, in reading order."""
    found: list[Footnote] = []

    def inlines(nodes: tuple[Inline, ...]) -> None:
        for node in nodes:
            if isinstance(node, Footnote):
                found.append(node)
            elif isinstance(node, Emphasis | Strong | SmallCaps | Link):
                inlines(node.children)

    for block in walk_blocks(blocks):
        match block:
            case Heading(children=c) | Paragraph(children=c):
                inlines(c)
            case Verse(lines=lines):
                for line in lines:
                    inlines(line)
            case _:
                pass
    return found


def walk_blocks(blocks: tuple[Block, ...]) -> Iterator[Block]:
    """Every block, nested ones included, in reading order (notes' own blocks excluded)."""
    for block in blocks:
        yield block
        match block:
            case BlockQuote(blocks=inner) | Aside(blocks=inner):
                yield from walk_blocks(inner)
            case ListBlock(items=items):
                for item in items:
                    yield from walk_blocks(item)
            case _:
                pass


def images_of(blocks: tuple[Block, ...]) -> list[Image]:
    """Every image in `blocks` and their notes, in reading order."""
    found: list[Image] = []

    def inlines(nodes: tuple[Inline, ...]) -> None:
        for node in nodes:
            if isinstance(node, Image):
                found.append(node)
            elif isinstance(node, Emphasis | Strong | SmallCaps | Link):
                inlines(node.children)
            elif isinstance(node, Footnote):
                found.extend(images_of(node.blocks))

    for block in walk_blocks(blocks):
        match block:
            case Heading(children=c) | Paragraph(children=c):
                inlines(c)
            case Verse(lines=lines):
                for line in lines:
                    inlines(line)
            case _:
                pass
    return found


def block_text(block: Block) -> str:
    """The plain text of a block, paragraphs separated by blank lines."""
    match block:
        case Heading(children=c) | Paragraph(children=c):
            return inline_text(c)
        case SceneBreak():
            return ""
        case BlockQuote(blocks=blocks):
            return "\n\n".join(block_text(b) for b in blocks)
        case Verse(lines=lines):
            return "\n".join(inline_text(line) for line in lines)
        case ListBlock(items=items):
            return "\n\n".join(block_text(b) for item in items for b in item)
        case Aside(blocks=blocks, title=title):
            return "\n\n".join(t for t in (title or "", *(block_text(b) for b in blocks)) if t)
        case _:
            assert_never(block)


def chapter_text(chapter: Chapter) -> str:
    """The story's text in reading order, its notes after it (as the EPUB shows them)."""
    texts = [block_text(b) for b in chapter.blocks]
    texts.extend(block_text(b) for note in notes_of(chapter.blocks) for b in note.blocks)
    return "\n\n".join(t for t in texts if t)


def book_images(book: Book) -> list[Image]:
    """Every image of the book's stories and pages, each once, in reading order."""
    seen: dict[str, Image] = {}
    groups: list[tuple[Block, ...]] = [c.blocks for c in book.chapters()]
    groups.extend(p.blocks for p in (*book.front, *book.back) if isinstance(p, MatterPage | Dedication))
    for blocks in groups:
        for image in images_of(blocks):
            seen.setdefault(image.file_name, image)
    return list(seen.values())


def word_count(text: str) -> int:
    return len(text.split())


def timestamp_from_date(date: str | None) -> dt.datetime | None:
    """The book's date as a UTC midnight, for reproducible output timestamps."""
    if not date:
        return None
    parts = [int(p) for p in date.split("-")]
    while len(parts) < 3:
        parts.append(1)
    return dt.datetime(parts[0], parts[1], parts[2], tzinfo=dt.UTC)


def pformat(node: object, indent: int = 0) -> str:
    """An indented dump of a tree, for snapshot tests and debugging (docutils style)."""
    pad = "  " * indent
    if not is_dataclass(node) or isinstance(node, type):
        return f"{pad}{node!r}"
    name = type(node).__name__
    lines = [f"{pad}{name}"]
    for f in fields(node):
        value = getattr(node, f.name)
        if f.name == "span":
            continue
        if isinstance(value, tuple) and value and is_dataclass(value[0]):
            lines.append(f"{pad}  {f.name}:")
            lines.extend(pformat(v, indent + 2) for v in value)
        elif (isinstance(value, tuple) and value and isinstance(value[0], tuple)
              and any(is_dataclass(v) for item in value for v in item)):
            lines.append(f"{pad}  {f.name}:")  # list items, verse lines: one group each
            for item in value:
                lines.append(f"{pad}    -")
                lines.extend(pformat(v, indent + 3) for v in item)
        elif is_dataclass(value):
            lines.append(f"{pad}  {f.name}:")
            lines.append(pformat(value, indent + 2))
        elif isinstance(value, bytes):
            lines.append(f"{pad}  {f.name}=<{len(value)} bytes>")
        elif value not in (None, ()):
            lines.append(f"{pad}  {f.name}={value!r}")
    return "\n".join(lines)
