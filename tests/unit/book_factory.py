"""Sample `Book` objects built by hand from the dataclasses, for backend tests."""

from __future__ import annotations

from pathlib import Path

from octavo.document import (
    BackMatter,
    BlockQuote,
    BodyItem,
    Book,
    Chapter,
    Contributor,
    ContributorsPage,
    CopyrightPage,
    Creator,
    Dedication,
    Emphasis,
    FrontMatter,
    Heading,
    Identifier,
    Link,
    MatterPage,
    Metadata,
    Paragraph,
    Part,
    PrintSettings,
    SceneBreak,
    SmallCaps,
    Strong,
    TableOfContents,
    Text,
    TitlePage,
    Trim,
    Verse,
)

HOSTILE = "<script>alert(1)</script> & {{ x }} </p><img src=x onerror=alert(1)>"
PRINT = PrintSettings(trim=Trim("5x8", 5.0, 8.0))


def para(*texts: str) -> Paragraph:
    return Paragraph(tuple(Text(t) for t in texts))


def story(
    id: str,
    title: str,
    paragraphs: list[str],
    authors: tuple[str, ...] = (),
    **extra: object,
) -> Chapter:
    return Chapter(
        id=id,
        title=title,
        blocks=tuple(para(p) for p in paragraphs),
        source=f"{id}.md",
        authors=authors,
        **extra,  # type: ignore[arg-type]
    )


def write_png(path: Path, size: tuple[int, int] = (64, 96)) -> Path:
    from PIL import Image

    Image.new("RGB", size, (40, 60, 90)).save(path, format="PNG")
    return path


def full_book(root: Path, cover: Path | None) -> Book:
    """An anthology with a cover, parts, every kind of front and back matter, rich blocks, and
    hostile or unusual text in titles, paragraphs and metadata."""
    meta = Metadata(
        title='Tales of Fish & Chips: "Quoted" <Edition> — Ünïcödé',
        language="en",
        identifier=Identifier("9780306406157", "isbn"),
        creators=(Creator("Zoë Ortega & Co", "edt"), Creator("Ann <Bee>", "edt")),
        subtitle="An Anthology of {{ x }} Stories",
        publisher="Small & Press <Ltd>",
        date="2024-05-01",
        rights="All rights reserved. " + HOSTILE,
        description="A description with " + HOSTILE,
        subjects=("Fiction", "Short stories & tales"),
        cover=cover,
    )
    rich = Chapter(
        id="rich-story",
        title="The <Rich> & \"Strange\" Story",
        subtitle="A subtitle with {{ x }}",
        label="Session One",
        authors=("Ann <Bee>", "Carl Dée", "Zoë Ortega & Co"),
        source="rich.md",
        blocks=(
            para("First paragraph of the rich story."),
            Paragraph(
                (
                    Text("Some "),
                    Emphasis((Text("emphasis"),)),
                    Text(", "),
                    Strong((Text("strong"),)),
                    Text(", "),
                    SmallCaps((Text("small caps"),)),
                    Text(" and "),
                    Link("https://example.org/?a=1&b=2", (Text("a link"),)),
                    Text("."),
                )
            ),
            Heading(1, (Text("A heading inside"),)),
            para("After the heading."),
            SceneBreak(),
            para(HOSTILE),
            BlockQuote((para("Quoted text."), para("More quoted text."))),
            Verse(((Text("Line one,"),), (Text("line "), Emphasis((Text("two"),))))),
            para("Last paragraph of the rich story."),
        ),
    )
    part_one = Part(
        id="part-one",
        title="Part One: Land & Sea",
        chapters=(
            rich,
            story("second", "Second Story", ["Second A.", "Second B."], ("Carl Dée",)),
        ),
    )
    part_two = Part(
        id="part-two",
        title=HOSTILE,
        chapters=(
            story("1984-tale", HOSTILE, ["Hostile-titled story text."], ("Ann <Bee>",)),
            story("naïve-café", "Naïve café", ["Ünïcödé paragraph: «ça va»."], ("Carl Dée",)),
        ),
    )
    loose = story("coda", "Coda", ["The end."], ("Zoë Ortega & Co",))
    front: tuple[FrontMatter, ...] = (
        TitlePage(),
        CopyrightPage(),
        Dedication((para("For everyone who reads & writes."),)),
        TableOfContents(),
        MatterPage("foreword", "Foreword", (para("A foreword with " + HOSTILE),)),
    )
    back: tuple[BackMatter, ...] = (
        ContributorsPage(
            (
                Contributor("Ann <Bee>", (para("Ann writes " + HOSTILE),), (rich.title, HOSTILE)),
                Contributor("Carl Dée", (para("Carl lives by the sea."),), ("Second Story",)),
                Contributor("Zoë Ortega & Co", (), ("Coda", "Not a story in this book")),
            )
        ),
        MatterPage("acknowledgements", "Acknowledgements", (para("Thanks & more thanks."),)),
    )
    body: tuple[BodyItem, ...] = (part_one, part_two, loose)
    return Book(meta=meta, print=PRINT, front=front, body=body, back=back, root=root)


def minimal_book(root: Path) -> Book:
    """One author, two stories, no cover, no parts, no dedication or back matter."""
    meta = Metadata(
        title="Plain Book",
        language="en-GB",
        identifier=Identifier("urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e", "uuid"),
        creators=(Creator("Pat Writer", "aut"),),
    )
    body: tuple[BodyItem, ...] = (
        story("one", "One", ["First of one.", "Second of one."]),
        story("two", "Two", ["Only of two."]),
    )
    return Book(
        meta=meta,
        print=PRINT,
        front=(TitlePage(), CopyrightPage(), TableOfContents()),
        body=body,
        back=(),
        root=root,
    )


def long_book(root: Path, stories: int = 120, paragraphs: int = 40) -> Book:
    """Many stories in parts, for size and speed."""
    meta = Metadata(
        title="A Long Book",
        language="fr",
        identifier=Identifier("urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8", "uuid"),
        creators=(Creator("Éditrice Longue", "edt"),),
        date="1975",  # before the zip epoch: the zip dates must clamp to 1980
    )
    parts = []
    per_part = stories // 4
    for p in range(4):
        chapters = tuple(
            story(
                f"story-{p}-{n}",
                f"Histoire {p}.{n}",
                [f"Paragraphe {k} de l'histoire {p}.{n}, avec du texte." for k in range(paragraphs)],
                (f"Auteur {n}",),
            )
            for n in range(per_part)
        )
        parts.append(Part(id=f"partie-{p}", title=f"Partie {p}", chapters=chapters))
    return Book(
        meta=meta,
        print=PRINT,
        front=(TitlePage(), CopyrightPage(), TableOfContents()),
        body=tuple(parts),
        back=(),
        root=root,
    )
