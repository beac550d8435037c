"""Codes of the authoring loop: the book's kind, contents globs (OCT165-179), and the commands
new, add, fix, watch, preview and proof (OCT490-499)."""

from __future__ import annotations

from octavo.diagnostics import Severity
from octavo.explanations import explained

KIND_INFERRED = explained(
    "OCT165", "the book's kind (novel, collection, anthology) was inferred", severity=Severity.INFO,
    meaning="book.yaml has no `kind`, so octavo decided from the authors: one author for every "
            "entry makes a novel (or a single-author collection), several make an anthology.",
    why="The kind decides whether each chapter carries a byline, what the contents list shows, "
        "what the running heads say and whether the summary counts chapters or stories.",
    fix="Nothing, if the guess is right; otherwise say it: `kind: novel`, `kind: collection` or "
        "`kind: anthology`.",
    before="author: Jo Novelist\ncontents: [chapters/*.md]",
    after="author: Jo Novelist\nkind: novel\ncontents: [chapters/*.md]").code

KIND_HIDES_AUTHORS = explained(
    "OCT166", "a novel or collection whose entries name different authors", severity=Severity.WARNING,
    meaning="`kind` says novel or collection, which print no byline under each title, but some "
            "entries name authors other than the book's.",
    why="Those authors' names would appear nowhere in the book's text.",
    fix="Use `kind: anthology`, or remove the entries' own `author`.",
    before="kind: novel\ncontents:\n  - {file: ch1.md, author: Guest Writer}",
    after="kind: anthology\ncontents:\n  - {file: ch1.md, author: Guest Writer}").code

GLOB_MATCHES_NOTHING = explained(
    "OCT167", "a pattern in contents matches no manuscript", severity=Severity.ERROR,
    meaning="An entry of `contents` is a pattern (chapters/*.md) and no manuscript file matches "
            "it; the message suggests the folder's manuscripts when there are some.",
    why="A pattern that matches nothing leaves chapters out of the book without a word.",
    fix="Correct the folder or the extension in the pattern.",
    before="contents: [chapter/*.md]",
    after="contents: [chapters/*.md]").code

NO_NUMBER_WORDS = explained(
    "OCT168", "chapter numbers cannot be written in words in the book's language",
    severity=Severity.WARNING,
    meaning="`numbering: words` asks for chapter numbers in words (Chapter Twelve), and octavo "
            "has no number words for the book's language; digits are used.",
    why="The labels would otherwise be in the wrong language.",
    fix="Use `numbering: digits`, or write the labels in the manuscripts' own headings.",
    before="language: haw\nnumbering: words",
    after="language: haw\nnumbering: digits").code

GLOB_WITH_TITLE = explained(
    "OCT169", "a pattern in contents is given one title for many files", severity=Severity.ERROR,
    meaning="A `file:` pattern that matches several manuscripts also gives a `title` or "
            "`subtitle`, which belongs to one manuscript.",
    why="Every matched chapter would carry the same title.",
    fix="Give titles in the manuscripts' own headings, or list the files one by one.",
    before="- {file: chapters/*.md, title: The Storm}",
    after="- chapters/*.md            # each file starts with its own '# Title'").code

NEW_WOULD_OVERWRITE = explained(
    "OCT490", "`octavo new` found a book already there", severity=Severity.ERROR,
    meaning="The folder given to `octavo new` already holds a book.yaml (or another file octavo "
            "new would write).",
    why="octavo never overwrites an author's files.",
    fix="Choose a new folder, or use `octavo add` to extend the book that is there.",
    before="$ octavo new my-novel      # my-novel/book.yaml exists",
    after="$ octavo add my-novel/chapters/05.md").code

ADD_UNUSABLE = explained(
    "OCT491", "`octavo add` cannot list this file", severity=Severity.ERROR,
    meaning="A file given to `octavo add` does not exist, lies outside the book folder, or is "
            "not a manuscript octavo can read.",
    why="The manifest would name a file the build cannot use.",
    fix="Give an existing manuscript (.txt, .md, .docx, .odt, .rtf, .html, .epub) inside the "
        "book's folder.",
    before="$ octavo add ~/Downloads/chapter.docx",
    after="$ mv ~/Downloads/chapter.docx chapters/ && octavo add chapters/chapter.docx").code

ADD_ALREADY_LISTED = explained(
    "OCT492", "`octavo add` skipped a file the manifest already lists", severity=Severity.WARNING,
    meaning="The file is already in `contents`, by name or through a pattern.",
    why="Listing it twice would print it twice (OCT112).",
    fix="Nothing: the file is in the book already.",
    before="$ octavo add chapters/01.md     # contents: [chapters/*.md]",
    after="(contents unchanged)").code

SERVER_FAILED = explained(
    "OCT493", "`octavo preview` cannot serve on the port asked for", severity=Severity.ERROR,
    meaning="The preview server could not listen on the local port (another program uses it, "
            "or the port is not allowed).",
    why="The browser would have nothing to show.",
    fix="Give another port with --port, or stop the other preview.",
    before="$ octavo preview --port 80",
    after="$ octavo preview --port 8765").code

BAD_PAGE_RANGE = explained(
    "OCT494", "`octavo proof --pages` names pages the book does not have", severity=Severity.ERROR,
    meaning="The page range is not of the form 5, 1-20 or 3,7,10-12, or lies beyond the last "
            "page of the PDF.",
    why="There would be nothing to proof.",
    fix="Give pages between 1 and the book's page count (the build summary shows it).",
    before="$ octavo proof --pages 20-1",
    after="$ octavo proof --pages 1-20").code

FIX_REFORMATTED = explained(
    "OCT495", "`octavo fix` rewrote a Markdown file whole", severity=Severity.WARNING,
    meaning="A fix fell in a block octavo cannot rewrite line by line (a quotation, verse, a "
            "list), so the whole file was written back in octavo's Markdown style; the backup "
            "keeps the original.",
    why="The text is the same, but its layout (line breaks, markers) may differ from yours.",
    fix="Compare with the backup (or run `octavo fix --diff` first) and keep what you prefer.",
    before="> He said \"no...\"\n> and left.",
    after="> He said “no…” and left.").code

FIX_UNSUPPORTED = explained(
    "OCT496", "`octavo fix` cannot rewrite this kind of file", severity=Severity.ERROR,
    meaning="The file is not plain text or Markdown, so octavo can read it but not write it "
            "back in its own format.",
    why="Writing it as text would destroy the original format.",
    fix="Fix the text in the program that made the file, or convert it to Markdown first.",
    before="$ octavo fix chapters/01.docx",
    after="$ octavo fix chapters/01.md").code
