"""`octavo new`: the files of a new book project, which builds at once.

book.yaml holds every key octavo knows, set or commented out, each with a word on what it does
(a test holds it to the schema, so a new key cannot be forgotten here); a sample chapter or
story; a placeholder cover drawn from the title; and a .gitignore for what octavo generates.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

GITIGNORE_LINES = (
    "# octavo: built books and proofs, its cache, and the backups `octavo fix` keeps",
    "dist/",
    ".octavo-cache/",
    "*.bak",
    "*.bak[0-9]*",
)
MANUSCRIPT_SUFFIXES = (".md", ".txt", ".markdown", ".text")
_NOT_MANUSCRIPTS = re.compile(r"^(readme|license|licence|changelog|contributing|notes?)\b",
                              re.IGNORECASE)
_PLAIN_YAML = re.compile(r"^[\w][\w .,'’!?&()-]*$")


@dataclass(frozen=True, slots=True)
class Project:
    folder: Path
    kind: str  # "novel" | "anthology"
    title: str
    author: str
    language: str
    existing: tuple[str, ...] = ()  # manuscripts already in the folder, to list in contents

    @property
    def sample(self) -> str:
        return ("chapters/01-the-first-chapter.md" if self.kind == "novel"
                else "stories/the-first-story.md")

    @property
    def files(self) -> tuple[str, ...]:
        """What `write` creates (book.yaml first), relative to the folder."""
        sample = () if self.existing else (self.sample,)
        return ("book.yaml", *sample, "cover.png")


def title_from_folder(folder: Path) -> str:
    words = re.sub(r"[_\-]+", " ", folder.resolve().name).strip()
    return " ".join(w[:1].upper() + w[1:] for w in words.split()) or "Untitled"


def natural_key(text: str) -> list[object]:
    """"chapter 2" before "chapter 10": digits compare as numbers."""
    return [int(part) if part.isdigit() else part.casefold()
            for part in re.split(r"(\d+)", text)]


def existing_manuscripts(folder: Path) -> list[str]:
    """Manuscripts already in `folder` (below it too, but not in dist/ or hidden folders),
    in natural order, relative to it."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") or part in ("dist", "node_modules") for part in
               relative.parts):
            continue
        if path.is_file() and path.suffix.lower() in MANUSCRIPT_SUFFIXES and not \
                _NOT_MANUSCRIPTS.match(path.name):
            found.append(relative.as_posix())
    return sorted(found, key=natural_key)


def yaml_text(value: str) -> str:
    """A YAML scalar for `value`: plain when that reads back the same, else double-quoted."""
    if _PLAIN_YAML.match(value) and value.lower() not in ("yes", "no", "true", "false", "null",
                                                          "on", "off", "y", "n", "~"):
        return value
    return json.dumps(value, ensure_ascii=False)


def write(project: Project) -> list[Path]:
    """Write the project's files. Raises FileExistsError (before writing anything) if one of
    them is there already."""
    folder = project.folder
    taken = [name for name in project.files if (folder / name).exists()]
    if taken:
        raise FileExistsError(taken[0])
    from octavo.covergen import generate_cover

    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "book.yaml"]
    (folder / "book.yaml").write_text(manifest_text(project), encoding="utf-8")
    if not project.existing:
        sample = folder / project.sample
        sample.parent.mkdir(parents=True, exist_ok=True)
        sample.write_text(NOVEL_CHAPTER if project.kind == "novel" else ANTHOLOGY_STORY,
                          encoding="utf-8")
        written.append(sample)
    names = [project.author] if project.author else []
    (folder / "cover.png").write_bytes(
        generate_cover(project.title, None, names, project.language))
    written.append(folder / "cover.png")
    written.append(_gitignore(folder))
    return written


def _gitignore(folder: Path) -> Path:
    """Add octavo's lines to .gitignore (created if need be; nothing already there changes)."""
    path = folder / ".gitignore"
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    missing = [line for line in GITIGNORE_LINES if line not in text.splitlines()]
    if missing:
        lead = "" if not text else ("\n" if text.endswith("\n") else "\n\n")
        with path.open("a", encoding="utf-8") as handle:
            handle.write(lead + "\n".join(missing) + "\n")
    return path


def _contents(project: Project) -> str:
    if project.existing:
        return "\n".join(f"  - {yaml_text(name)}" for name in project.existing)
    if project.kind == "novel":
        return ("  - chapters/*.md                     # a pattern takes every match, in order"
                " (2 before 10)")
    return (f"  - file: {project.sample}\n"
            f"    author: {yaml_text(project.author)}              # each story's author")


def manifest_text(project: Project) -> str:
    novel = project.kind == "novel"
    people = (f"author: {yaml_text(project.author)}                 # a name, or a list: "
              "[Ann Writer, Bo Penn]\n"
              "# editor: Morgan Vale                # a name or a list; anthologies name "
              "their editors"
              if novel else
              f"editor: {yaml_text(project.author)}                 # a name or a list: "
              "[Ann Writer, Bo Penn]\n"
              "# author: Ann Writer                 # the book's author(s), if it has one; "
              "each story names its own")
    return MANIFEST_TEMPLATE.format(
        title=yaml_text(project.title),
        people=people,
        kind=project.kind,
        kinds_comment=("# novel: chapters, no bylines, the author in the running heads;"
                       if novel else "# anthology: stories with bylines; collection: one"
                       " author's stories;"),
        numbering="words" if novel else "none",
        language=yaml_text(project.language),
        contents=_contents(project),
    )


MANIFEST_TEMPLATE = """\
# book.yaml: the manifest of this book. Every key octavo knows is here, set or commented out
# (remove the # to use it). Paths are relative to this folder.
#   octavo build      writes dist/*.epub and dist/*.pdf
#   octavo check      lints the manifest and the manuscripts
#   octavo preview    shows the book in your browser, updated each time you save
#   octavo explain    says what a diagnostic code means (octavo explain OCT104)

# -- The book ------------------------------------------------------------------------------------
title: {title}                        # required
# subtitle: A Novel                   # on the title page and in the metadata
{people}
kind: {kind}                          {kinds_comment}
                                      # without `kind`, octavo infers it from the authors
numbering: {numbering}                        # chapter labels: words (Chapter One), digits, none
language: {language}                          # BCP 47: en, en-US, en-GB, fr, de-AT...
# identifier: 978-0-306-40615-7       # your ISBN-13; without one, a stable UUID is derived
# publisher: Your Press
# date: 2026-11-21                    # YYYY, YYYY-MM or YYYY-MM-DD; also fixes the build time
# rights: All rights reserved.        # on the copyright page
# description: >-                     # stores show it on the book's page (and ask for one)
#   A sentence or three that tell a reader what the book is.
# subjects: [Fiction]                 # one subject or a list
cover: cover.png                      # PNG or JPEG, 1600x2560 px; a placeholder until yours
# cover_alt: A lighthouse in fog.     # the cover described, for readers who cannot see it
# translator: Bo Penn                 # a name or a list (also illustrator:)
# illustrator: Cy Draw
# sort_names: {{Ursula K. Le Guin: "Le Guin, Ursula K."}}   # how a name sorts, if not as guessed
# series: {{name: Sea Stories, position: 2}}
# bisac: [FIC029000]                  # store subject codes (BISAC; Thema: thema: [FYB])
# thema: [FYB]
# accessibility:                      # EPUB Accessibility claims beyond what octavo checks
#   certified_by: Acme Accessibility  #   who checked the book (also credential:, report:)
#   exemption: eaa-microenterprise    #   or the European Accessibility Act exemption claimed
# print_isbn: 978-1-250-31677-6       # a print edition made elsewhere: the EPUB's page list
#                                     #   follows it (default: print: isbn)
# root: .                             # the book folder: . (this one) or .. (its parent)

# -- The text, in reading order (`octavo add FILE...` appends here) ------------------------------
contents:
{contents}
  # - file: chapters/epilogue.md      # a mapping: the file and, if need be,
  #   title: Epilogue                 #   its title (else its own # heading),
  #   subtitle: Ten Years Later       #   a subtitle,
  #   author: Ann Writer              #   and its author(s) (else the book's),
  #   translator: Bo Penn             #   its translator,
  #   copyright: 2019                 #   its copyright year (or {{year, holder}}),
  #   first_published: Sea Tales 4    #   where it first appeared
  # - part: Part Two                  # a part: its title and its own contents
  #   contents: [part-two/*.md]

# -- Front and back matter: the text here, or {{file: path}} to take it from a manuscript -----
# dedication: For M., who waited.
# acknowledgements: {{file: matter/thanks.md}}
# contributors:                       # "About the Contributors", each with their stories
#   - name: Ann Writer
#     bio: Ann Writer lives by the sea.
# front:                              # more pages after the contents
#   - {{title: Foreword, file: matter/foreword.md}}
# back:                               # more pages before the acknowledgements
#   - {{title: Afterword, file: matter/afterword.md}}

# -- Print, and the house style of both formats ----------------------------------------------
build:
  trim: 6x9                           # 6x9, 5x8, 5.5x8.5, 5.25x8, A5, or WIDTHxHEIGHT in inches
  # font_size: 11                     # body text in points, 8-16
  # font: Charis SIL                  # the body font (shipped: Charis SIL)
  # quotes: keep                      # keep (the author's marks, curled), american “double
  #                                   #   ‘single’” or british ‘single “double”’
  # dashes: em                        # em: word—word; spaced-en: word – word
  # ellipsis: character               # character: … ; spaced: . . .
  # scene_break: ornament             # ornament (* * *), asterism (⁂), or space
  # tie_last_word: false              # true: a short last word never stands alone on a line
  # The print shop and the book's conventions (the PDF only)
  # print: kdp                        # the shop whose rules the PDF follows: kdp, ingram, generic
  # pdf_standard: x-1a                # x-1a, x-4 or none (default: the shop's)
  # fonts: full                       # full or subset (default: the shop's)
  # bleed: false                      # true: pictures to the page edge (trim + 0.125 in)
  # paper: white                      # white, cream or colour (spine width, page limit)
  # gutter: 0.8                       # inside margin in inches (default: by page count)
  # safe_zone: 0.5                    # how far text keeps from the trim (default: the shop's)
  # openings: recto                   # recto: chapters open on a right-hand page; any
  # running_heads: {{verso: author, recto: story-title}}   # verso: book-title, author or
  #                                   #   story-author; recto: story-title or book-title
  #                                   #   (default: by `kind`)
  # style: classic                    # the house style: classic, modern or pulp
  # css: extra.css                    # your own print rules, on top of the house style
  # lead_in: small-caps               # how a chapter's text begins: small-caps, drop-cap, none
  # epub_fonts: reader                # the EPUB: reader (the reading system's fonts) or embed

# -- The print edition ---------------------------------------------------------------------------
# print:
#   isbn: 978-1-250-31677-6           # the paperback's own ISBN (the EPUB keeps identifier)
#   edition: First edition, 2026      # on the copyright page
#   credits: [Cover art by Bo Penn]   # more lines for the copyright page
#   back_cover: A sentence or three.  # `octavo cover`: the back cover's text, or {{file: path}}
#   author_photo: photos/author.jpg   # on the back cover
#   cover_art: covers/wrap.png        # a whole wraparound image instead of the front alone

# -- Reading the manuscripts (also per story, in its contents mapping) -------------------------
# docx: {{changes: accept}}           # Word tracked changes: accept (take the edits) or refuse
# habits:                             # fan-fiction habits: keep (default), endnote or drop
#   authors_notes: endnote            #   A/N: and bracketed notes, moved after the story
#   disclaimers: drop                 #   "I don't own..."
#   update_stamps: drop               #   (Updated), Edited 3/4/12
#   chapter_headers: keep             #   a chapter header left inside the text
#   signoffs: keep                    #   "Thanks for reading!", a date after the last line

# -- octavo check, tuned for this book ---------------------------------------------------------
# check:
#   disable: [OCT330]                 # codes not to report
#   enable: [OCT303, OCT304]          # checks that are off by default
#   severity: {{OCT310: error}}         # report a code at another level
#   words: {{alright: all right}}       # house-style spellings
"""

NOVEL_CHAPTER = """\
# The First Chapter

This is where your novel begins. Write in Markdown: leave a blank line between paragraphs,
put *italics* between single asterisks and **bold** between double ones.

Typewriter quotes and dashes are fine as you type them: "like this" -- octavo sets them as a
typesetter would when it builds the book.

* * *

A line of three spaced asterisks, like the one above, is a scene break. Save the next chapter
as chapters/02-the-next-chapter.md and it joins the book in its place.
"""

ANTHOLOGY_STORY = """\
# The First Story

Each story of the anthology is one file. Write in Markdown: leave a blank line between
paragraphs, put *italics* between single asterisks and **bold** between double ones.

Typewriter quotes and dashes are fine as you type them: "like this" -- octavo sets them as a
typesetter would when it builds the book.

* * *

A line of three spaced asterisks, like the one above, is a scene break. Add the next story
with octavo add stories/the-next-story.md, and give it its author in book.yaml.
"""


def describe(kind: str) -> str:
    return "a novel" if kind == "novel" else "an anthology"


def plural_files(names: Sequence[str]) -> str:
    return ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
