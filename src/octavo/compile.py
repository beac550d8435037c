"""Manifest + normalised stories → the intermediate `Book`.

Nothing here reads files: the pipeline hands over every manuscript already read and normalised,
so compiling is a pure function of its inputs (and deterministic: ids come from positions).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from octavo.book_kind import number_label, resolve_kind
from octavo.diagnostics import Diagnostics, Span
from octavo.document import (
    BackMatter,
    Block,
    BodyItem,
    Book,
    Chapter,
    Contributor,
    ContributorsPage,
    CopyrightPage,
    Creator,
    Dedication,
    FrontMatter,
    Heading,
    MatterPage,
    Metadata,
    Paragraph,
    Part,
    TableOfContents,
    Text,
    TitlePage,
)
from octavo.i18n import labels_for
from octavo.ingest.model import RawStory
from octavo.manifest import Manifest, PartEntry, StoryEntry, TextSource
from octavo.names import sort_name
from octavo.normalise import HouseStyle, normalise_text
from octavo.paths import display_path

Sources = dict[Path, RawStory]


def prepare(manifest: Manifest) -> None:
    """What compiling takes from the manifest alone, done early (a build does it while worker
    processes read the stories): the sort names of everyone it credits (nameparser, imported
    and run once per name) and the labels' catalogues (read once)."""
    _metadata(manifest)
    labels_for(manifest.language, dict(manifest.epub.labels))


def compile_book(manifest: Manifest, sources: Sources, diags: Diagnostics) -> Book:
    """Assemble the book. `sources` maps every manuscript path the manifest names to its story."""
    body: list[BodyItem] = []
    story_number = 0
    kind = _kind(manifest, sources, diags)

    def chapter(entry: StoryEntry, number: int) -> Chapter:
        made = _chapter(entry, sources[entry.path], number, diags, manifest.language)
        label = number_label(number, manifest.numbering, kind, manifest.language, diags,
                             entry.span)
        return dataclasses.replace(made, bylined=kind == "anthology", number_label=label)

    for part_number, entry in enumerate(manifest.contents, start=1):
        if isinstance(entry, PartEntry):
            chapters = []
            for story in entry.stories:
                story_number += 1
                chapters.append(chapter(story, story_number))
            body.append(Part(f"part-{part_number:02d}", entry.title, tuple(chapters)))
        else:
            story_number += 1
            body.append(chapter(entry, story_number))
    chapters_by_author = _works_by_author(body)
    return Book(
        meta=_metadata(manifest),
        print=manifest.print,
        front=_front_matter(manifest, sources),
        body=tuple(body),
        back=_back_matter(manifest, sources, chapters_by_author),
        root=manifest.root,
        scene_break=manifest.scene_break,
        labels=manifest.epub.labels,
        epub_fonts=manifest.epub.epub_fonts,
        source_files=_source_files(manifest),
        kind=kind,
    )


def _source_files(manifest: Manifest) -> tuple[Path, ...]:
    """Every file the book is made from: the manifest, manuscripts, matter files, the cover."""
    files = [manifest.path, *(s.path for s in manifest.stories())]
    for source in (manifest.dedication, manifest.acknowledgements, *manifest.front,
                   *manifest.back):
        if source is not None and source.path is not None:
            files.append(source.path)
    if manifest.cover is not None:
        files.append(manifest.cover)
    return tuple(dict.fromkeys(files))


def _kind(manifest: Manifest, sources: Sources, diags: Diagnostics) -> str:
    entries = []
    for story in manifest.stories():
        heading = sources[story.path].heading
        entries.append((story.authors, story.path, heading.label if heading else None))
    span = Span(display_path(manifest.path), 1, 1)
    return resolve_kind(manifest.kind, manifest.authors, entries, diags, span)


def _metadata(manifest: Manifest) -> Metadata:
    epub = manifest.epub
    sorts = dict(epub.sort_names)

    def people(names: tuple[str, ...], role: str) -> tuple[Creator, ...]:
        return tuple(Creator(name, role, sort_name(name, sorts)) for name in names)

    creators = (people(manifest.authors, "aut") + people(manifest.editors, "edt")
                + people(epub.translators, "trl") + people(epub.illustrators, "ill"))
    # Every story's authors, translators and illustrators who are not already credited on the
    # book itself, in reading order.
    credited = {(c.name, c.role) for c in creators}
    contributors: list[Creator] = []
    for story in manifest.stories():
        credits = story.credits
        for names, role in ((story.authors, "aut"),
                            (credits.translators if credits else (), "trl"),
                            (credits.illustrators if credits else (), "ill")):
            for person in people(names, role):
                if (person.name, person.role) not in credited:
                    credited.add((person.name, person.role))
                    contributors.append(person)
    return Metadata(
        title=manifest.title,
        subtitle=manifest.subtitle,
        language=manifest.language,
        identifier=manifest.identifier,
        creators=creators,
        publisher=manifest.publisher,
        date=manifest.date,
        rights=manifest.rights,
        description=manifest.description,
        subjects=manifest.subjects,
        cover=manifest.cover,
        contributors=tuple(contributors),
        series=epub.series,
        subject_codes=epub.subject_codes,
        print_isbn=epub.print_isbn,
        cover_alt=epub.cover_alt,
        accessibility=epub.accessibility,
    )


def _comparable(title: str) -> str:
    return re.sub(r"\W+", "", title.casefold())


def _chapter(entry: StoryEntry, story: RawStory, number: int, diags: Diagnostics,
             book_language: str | None = None) -> Chapter:
    heading = story.heading
    label = heading.label if heading else None
    found_title = heading.title if heading else None
    if entry.title:
        title = entry.title.strip()
        if heading and found_title and _comparable(found_title) != _comparable(title):
            diags.warning(
                "OCT204",
                f"the manuscript's heading says '{found_title}' but the manifest's title "
                f"'{title}' is used",
                heading.span,
            )
    elif story.meta.title:  # the work's own metadata (front matter, an AO3 preface)
        title = story.meta.title
    elif found_title:
        title = found_title
    elif label:
        title, label = label, None
    else:
        title = _title_from_file(entry.path)
    if not story.blocks:
        diags.error("OCT203", "the story has no text", entry.span)
    return Chapter(
        id=f"story-{number:03d}",
        title=title,
        blocks=story.blocks,
        source=entry.display,
        authors=entry.authors or story.meta.authors,
        subtitle=entry.subtitle or story.meta.subtitle,
        label=label,
        credits=entry.credits,
        language=_own_language(story.meta.language, book_language),
    )


def _own_language(story: str | None, book: str | None) -> str | None:
    """The story's language when it differs from the book's: another language, or another
    variety (en-GB in an en-US book: spelling and hyphenation differ). A bare "en" in an en-US
    book says nothing new."""
    if not story or not book:
        return story if story and not book else None
    story_tag, book_tag = story.lower(), book.lower()
    return None if story_tag == book_tag or book_tag.startswith(story_tag + "-") else story


def _title_from_file(path: Path) -> str:
    words = re.sub(r"[_\-]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:] if words else path.name


def _text_blocks(source: TextSource, sources: Sources,
                 style: HouseStyle | None = None) -> tuple[Block, ...]:
    """Blocks of a front/back matter page given inline or as a file."""
    if source.text is not None:
        paragraphs = re.split(r"\n\s*\n", source.text.strip())
        return tuple(Paragraph((Text(normalise_text(p.strip(), style)),), source.span)
                     for p in paragraphs if p.strip())
    assert source.path is not None
    story = sources[source.path]
    blocks = story.blocks
    heading = story.heading
    parts = [p for p in (heading.label, heading.title) if p] if heading else []
    page_title = _comparable(source.title or "")
    if heading and parts and _comparable(": ".join(parts)) != page_title:
        # The file's own heading, label included ("Afterword", "Chapter 1: Intro"), less what
        # the page title already says.
        shown = [p for p in parts if _comparable(p) != page_title]
        blocks = (Heading(1, (Text(": ".join(shown)),), heading.span), *blocks)
    return blocks


def _front_matter(manifest: Manifest, sources: Sources) -> tuple[FrontMatter, ...]:
    pages: list[FrontMatter] = [TitlePage(), CopyrightPage()]
    if manifest.dedication:
        pages.append(Dedication(_text_blocks(manifest.dedication, sources, manifest.house_style)))
    pages.append(TableOfContents(title=labels_for(manifest.language,
                                                  dict(manifest.epub.labels))["contents"]))
    for number, page in enumerate(manifest.front, start=1):
        pages.append(MatterPage(f"front-{number:02d}", page.title or "",
                                _text_blocks(page, sources, manifest.house_style), page.display))
    return tuple(pages)


def _works_by_author(body: list[BodyItem]) -> dict[str, list[str]]:
    works: dict[str, list[str]] = {}
    for item in body:
        for chapter in item.chapters if isinstance(item, Part) else (item,):
            for author in chapter.authors:
                works.setdefault(author, []).append(chapter.title)
    return works


def _back_matter(manifest: Manifest, sources: Sources,
                 works: dict[str, list[str]]) -> tuple[BackMatter, ...]:
    pages: list[BackMatter] = []
    labels = labels_for(manifest.language, dict(manifest.epub.labels))
    for number, page in enumerate(manifest.back, start=1):
        pages.append(MatterPage(f"back-{number:02d}", page.title or "",
                                _text_blocks(page, sources, manifest.house_style), page.display))
    if manifest.acknowledgements:
        pages.append(MatterPage("acknowledgements", labels["acknowledgements"],
                                _text_blocks(manifest.acknowledgements, sources, manifest.house_style)))
    if manifest.contributors:
        people = tuple(
            Contributor(
                name=c.name,
                bio=(_text_blocks(TextSource(c.span, text=c.bio), sources, manifest.house_style)
                     if c.bio else ()),
                works=tuple(works.get(c.name, ())),
            )
            for c in manifest.contributors
        )
        pages.append(ContributorsPage(people, title=labels["contributors"]))
    return tuple(pages)

