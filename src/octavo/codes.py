"""Stable diagnostic codes: OCT1xx manifest, OCT2xx manuscripts, OCT4xx build.

A code never changes meaning once released; retired codes are not reused. Each is declared
with its long explanation (see `explanations.py`); the text checks declare theirs with their
rules, and the check modules theirs beside their tables.
"""

from __future__ import annotations

from octavo.explanations import Explanation, explained

_DECLARED: tuple[Explanation, ...] = (
    # -- Manifest (book.yaml) ------------------------------------------------------------------
    explained(
        "OCT100", "the manifest cannot be found or read",
        meaning="octavo looked for book.yaml (in the folder given, or here and in the folders "
                "above) and found none, or found one it cannot open.",
        why="Without the manifest octavo does not know the title, the language or which "
            "manuscripts make the book, so it cannot build or check anything.",
        fix="Run the command inside the book's folder, name the folder or the book.yaml "
            "file, or start a book with `octavo new`.",
        before="$ octavo build ~/Desktop",
        after="$ octavo build ~/books/salt-house      # the folder that holds book.yaml"),
    explained(
        "OCT101", "the manifest is not valid YAML",
        meaning="book.yaml breaks a rule of YAML, the format it is written in: most often a "
                "colon inside an unquoted value, a quote that is never closed, a list item "
                "indented differently from the others, or a tab used for indenting.",
        why="A file that is not valid YAML cannot be read at all, so nothing in it reaches "
            "the book; the message points at the line and says what YAML expected there.",
        fix="Put quotes around a value that holds a colon followed by a space, close every "
            "quote on the line where it opened, indent with spaces only, and line up the dashes "
            "of one list.",
        before="title: The Salt House: A Novel",
        after='title: "The Salt House: A Novel"'),
    explained(
        "OCT102", "the manifest uses a YAML feature octavo refuses (tags, too many aliases)",
        meaning="The manifest uses YAML's programming features: a tag such as !!python/object, "
                "a merge key (<<), aliases that expand to a huge document, or nesting deeper "
                "than any book needs.",
        why="These features can run code or exhaust memory when a file is read; a book "
            "manifest never needs them, so octavo refuses them for safety.",
        fix="Write the values out in full: plain text, numbers, lists and mappings.",
        before="cover: !!python/object:os.system 'rm -rf ~'",
        after="cover: covers/front.png"),
    explained(
        "OCT103", "the manifest is not a mapping of keys to values",
        meaning="book.yaml is empty, or holds a single value or a list instead of keys such as "
                "title: and contents:.",
        why="octavo reads every setting by its key; a file without keys says nothing about "
            "the book.",
        fix="Start from `octavo new`, or write one key per line: `title: ...`, `contents: ...`.",
        before="- chapters/01.md\n- chapters/02.md",
        after="title: The Salt House\ncontents:\n  - chapters/01.md\n  - chapters/02.md"),
    explained(
        "OCT104", "unknown key in the manifest",
        meaning="A key in book.yaml is not one octavo knows, usually a misspelling or a name "
                "from another tool; the message suggests the key it most likely means, by "
                "meaning (trim_size → trim) as well as by spelling (titel → title).",
        why="An unknown key is ignored by nothing: octavo stops, because a setting the author "
            "believes is in force (a trim size, a language) would silently not be.",
        fix="Rename the key to the one suggested, or remove it. The README lists every key, "
            "and the book.yaml that `octavo new` writes shows them all with comments.",
        before="build:\n  trim_size: 5x8",
        after="build:\n  trim: 5x8"),
    explained(
        "OCT105", "a manifest value has the wrong type or form",
        meaning="A value has the wrong kind (a list where text belongs, text where a number "
                "belongs), is empty, is out of its range, is written twice, or holds a "
                "character a book cannot carry.",
        why="octavo would otherwise have to guess what was meant, and a guess in a book's "
            "metadata ends up in a store listing or on a cover.",
        fix="Give the value in the form the message names; the README's manifest reference "
            "shows each key's form and range.",
        before="build:\n  font_size: eleven",
        after="build:\n  font_size: 11"),
    explained(
        "OCT106", "a required manifest key is missing",
        meaning="The manifest lacks a key every book needs (title, contents), or one octavo "
                "assumed a default for (language: reported as a warning).",
        why="A book without a title or contents cannot be built; a book without a language "
            "is hyphenated, quoted and read aloud by guesswork.",
        fix="Add the key named in the message.",
        before="contents: [chapters/01.md]",
        after="title: The Salt House\nlanguage: en-GB\ncontents: [chapters/01.md]"),
    explained(
        "OCT107", "the identifier is not a valid ISBN-13 or UUID",
        meaning="`identifier` is neither an ISBN-13 whose check digit is right nor a UUID.",
        why="Stores and libraries file the book under its identifier; a mistyped ISBN is "
            "refused at upload or, worse, points at someone else's book.",
        fix="Copy the ISBN-13 exactly as your ISBN agency issued it (hyphens are fine), or "
            "leave `identifier` out and octavo derives a stable UUID.",
        before="identifier: 978-0-306-40615-8",
        after="identifier: 978-0-306-40615-7"),
    explained(
        "OCT108", "the language is not a valid BCP 47 tag",
        meaning="`language` is not a language tag such as en, en-GB, fr-CA or pt-BR.",
        why="The language decides hyphenation, quotation marks and the voice that reads the "
            "book aloud; stores also list the book by it.",
        fix="Use a two- or three-letter language code, optionally with a region: en, en-GB.",
        before="language: English",
        after="language: en"),
    explained(
        "OCT109", "the date is not an ISO 8601 date",
        meaning="`date` is not of the form YYYY, YYYY-MM or YYYY-MM-DD, or names a day that "
                "does not exist (month 13, 31 April); the message says which part is wrong.",
        why="The date goes into the EPUB's metadata and the copyright line, and fixes the "
            "timestamps that make two builds byte-identical.",
        fix="Write the year, month and day with hyphens, months 01-12.",
        before="date: 2026-13-01",
        after="date: 2026-12-01"),
    explained(
        "OCT110", "a path leaves the book folder",
        meaning="A file named in the manifest lies outside the book folder: an absolute path, "
                "a `..` that climbs out, or a symbolic link that leads elsewhere.",
        why="octavo never reads files outside the book, so that a manifest from someone else "
            "cannot pull your private files into a book.",
        fix="Move the file into the book folder, or set `root: ..` to make the parent folder "
            "the book folder.",
        before="cover: /home/me/Pictures/cover.png",
        after="cover: covers/cover.png"),
    explained(
        "OCT111", "a file named in the manifest does not exist",
        meaning="A manuscript, cover or matter file named in book.yaml is not there; when a "
                "file with a similar name is, the message suggests it.",
        why="The book would be missing a chapter or its cover.",
        fix="Correct the path (it is relative to the folder holding book.yaml), or add the "
            "missing file.",
        before="contents:\n  - chapters/02-the-hose.txt",
        after="contents:\n  - chapters/02-the-house.txt"),
    explained(
        "OCT112", "a manuscript is listed more than once",
        meaning="The same manuscript file appears twice in `contents`.",
        why="The story would be printed twice, and its ids would clash in the EPUB.",
        fix="Remove the second entry.",
        before="contents: [a.txt, b.txt, a.txt]",
        after="contents: [a.txt, b.txt]"),
    explained(
        "OCT113", "the contents list is empty",
        meaning="`contents` lists no manuscript (or a part lists none).",
        why="A book with no text cannot be built.",
        fix="List the manuscripts, or add them with `octavo add FILE...`.",
        before="contents: []",
        after="contents:\n  - chapters/*.md"),
    explained(
        "OCT114", "the cover is unreadable, not an image, or too large to use",
        meaning="The cover file cannot be opened as an image: it is damaged, truncated, not an "
                "image at all, or absurdly large.",
        why="A store refuses an EPUB whose cover does not open; a huge image can exhaust the "
            "memory of the reader's device.",
        fix="Export the cover again as PNG or JPEG, 1600×2560 px is ideal.",
        before="cover: covers/cover.psd",
        after="cover: covers/cover.png"),
    explained(
        "OCT115", "unknown trim size or font",
        meaning="`build.trim` is not a known trim size or a WIDTHxHEIGHT within the "
                "print-on-demand range (4-8.5 in wide, 6-11.69 in high), or `build.font` is "
                "not a font shipped with octavo; the message says which limit is passed.",
        why="The print shop only prints sizes it supports, and a font that is not shipped "
            "would make the PDF differ from machine to machine.",
        fix="Choose one of the trims named in the message (6x9, 5x8, 5.5x8.5, 5.25x8, A5) or "
            "a size within the range, and a shipped font.",
        before="build:\n  trim: 6x90",
        after="build:\n  trim: 6x9"),
    explained(
        "OCT116", "the cover was converted for the EPUB (format, colours, depth, transparency, "
                  "frames)",
        meaning="The cover was usable only after octavo converted it: from TIFF, WebP or GIF to "
                "PNG or JPEG, from CMYK to sRGB, from 16-bit to 8-bit, transparency flattened, "
                "or only the first frame of an animation kept.",
        why="Stores accept only sRGB JPEG or PNG covers; the conversion can shift colours, so "
            "it is worth a look.",
        fix="Export the cover as an sRGB PNG or JPEG yourself, and the note goes away.",
        before="cover: covers/cover-cmyk.tif",
        after="cover: covers/cover.jpg"),
    explained(
        "OCT117", "the cover was adjusted without a visible change (scaled down, turned upright, "
                  "misnamed)",
        meaning="octavo scaled a very large cover down to 1600×2560, applied its rotation tag, "
                "or read a file whose name says another format than its content.",
        why="Nothing looks different, but the file in the book is not the one you gave.",
        fix="Give a cover of at most 1600×2560 px, upright, with a name that matches its format.",
        before="cover: covers/cover.jpg      # really a PNG, 6000×9600 px",
        after="cover: covers/cover.png      # 1600×2560 px"),
    explained(
        "OCT118", "the cover is smaller than ebook stores accept",
        meaning="The cover is smaller than the smallest size stores accept for a cover.",
        why="The store would refuse the book, or show a blurred thumbnail.",
        fix="Use a cover of at least 1600 px on the long side (1600×2560 is ideal).",
        before="cover: covers/thumb.png      # 300×480 px",
        after="cover: covers/cover.png      # 1600×2560 px"),
    # -- Manuscripts ------------------------------------------------------------------------------
    explained(
        "OCT200", "a manuscript cannot be read",
        meaning="A manuscript file cannot be opened or is larger than octavo accepts (64 MiB).",
        why="Its text cannot reach the book.",
        fix="Check the file's permissions and that it is a real manuscript, not an archive.",
        before="contents: [chapters/locked.txt]      # no read permission",
        after="$ chmod u+r chapters/locked.txt"),
    explained(
        "OCT201", "a manuscript is not a text file",
        meaning="The file named as a manuscript is not text octavo can read: an image, a binary "
                "file, or a format it has no reader for.",
        why="Reading it as text would fill the book with garbage.",
        fix="Save the manuscript as plain text (.txt) or Markdown (.md).",
        before="contents: [chapters/01.pages]",
        after="contents: [chapters/01.md]"),
    explained(
        "OCT202", "a manuscript's encoding was guessed",
        meaning="The file is not UTF-8; octavo detected its encoding (Windows-1252, Latin-1, "
                "UTF-16...) and reports the guess where it first matters.",
        why="A wrong guess turns accented letters and quotes into the wrong characters.",
        fix="Check the reported characters; save the file as UTF-8 to be sure (`octavo fix` "
            "writes UTF-8).",
        before="caf\\xe9 (Windows-1252 bytes)",
        after="café (UTF-8)"),
    explained(
        "OCT203", "a manuscript is empty",
        meaning="A manuscript has no text once its heading and comments are set aside.",
        why="The book would have a chapter with a title and nothing under it.",
        fix="Write the chapter, or remove it from `contents`.",
        before="# Chapter Four\n",
        after="# Chapter Four\n\nThe rain had not stopped for a week."),
    explained(
        "OCT204", "the manuscript's heading differs from the title in the manifest",
        meaning="The manifest gives the story a title, and the manuscript's own first heading "
                "says something else; the manifest's title is used.",
        why="One of the two is probably out of date, and readers see only one.",
        fix="Make them agree, or remove the title from one of the two places.",
        before="- {file: one.txt, title: Harbour Lights}   # one.txt starts 'Chapter 1: The Harbour'",
        after="- {file: one.txt, title: The Harbour}"),
    explained(
        "OCT205", "a Markdown feature octavo does not support yet was turned into plain text",
        meaning="The Markdown uses something octavo does not set yet (a table, an image, raw "
                "HTML); its text is kept as plain text.",
        why="Nothing is lost, but it will not look as the author intended.",
        fix="Rewrite the passage in plain paragraphs, or accept it as text.",
        before="| name | age |\n|------|-----|",
        after="Name: Ada. Age: 36."),
    explained(
        "OCT206", "a link with an unsafe or unsupported address was turned into plain text",
        meaning="A link points somewhere a book must not link to (javascript:, file:, data:) "
                "or uses an unknown scheme; its text is kept without the link.",
        why="Such links can run code in a reading app or leak the reader's files.",
        fix="Link only to http(s) addresses or e-mail (mailto:).",
        before="[click](javascript:alert(1))",
        after="[the author's site](https://example.org)"),
    explained(
        "OCT207", "control characters that cannot appear in a book were removed",
        meaning="The manuscript held invisible control characters (from a broken export or a "
                "copy from a terminal); octavo removed them.",
        why="EPUB files may not contain them at all, so stores would refuse the book.",
        fix="Nothing to do for the book; `octavo fix` removes them from the file too.",
        before="The door\\x07 opened.",
        after="The door opened."),
    # -- Checks across a book (the text checks' codes live with their rules) --------------------
    explained(
        "OCT309", "a '%% octavo: ignore' line no longer excuses anything; remove it",
        meaning="A `%% octavo: ignore CODE` line excuses a finding in the paragraph below it, "
                "and that paragraph no longer has such a finding.",
        why="Stale excuses hide future findings and clutter the manuscript.",
        fix="Delete the directive line.",
        before="%% octavo: ignore OCT310\nShe had had enough.",
        after="She had had enough."),
    explained(
        "OCT340", "a name spelled two ways across the anthology (Jett in one story, Jet in "
                  "another)",
        meaning="A capitalised word that looks like a name appears in two spellings that "
                "differ only by a doubled letter, each at least twice.",
        why="Readers notice when a character's name changes between stories.",
        fix="Use one spelling throughout, or disable the check for the book if both are meant.",
        before="Jett opened the hatch. (story one)\nJet waved. (story two)",
        after="Jet opened the hatch. (story one)\nJet waved. (story two)"),
    explained(
        "OCT341", "a word the book's house style writes otherwise (check: {words: {...}})",
        meaning="The book's `check: words:` table says how it writes a word, and the text uses "
                "the other form.",
        why="A house style applied everywhere makes an anthology read as one book.",
        fix="Use the house form (the message names it).",
        before="It was alright.",
        after="It was all right."),
    # -- Build ------------------------------------------------------------------------------------
    explained(
        "OCT400", "the output folder cannot be written",
        meaning="The output folder is a file, cannot be created, or is not writable; or "
                "SOURCE_DATE_EPOCH is not a Unix time.",
        why="The book cannot be saved.",
        fix="Choose another folder with -o, or fix its permissions.",
        before="$ octavo build -o /",
        after="$ octavo build -o dist"),
    explained(
        "OCT401", "a backend failed to produce its output",
        meaning="Writing the EPUB or the PDF failed: a broken template override in the book's "
                "templates/ folder, most often.",
        why="Nothing is written, so no half-made book reaches a store.",
        fix="Read the message; fix or remove the book's own template override.",
        before="templates/print/story.html.j2: {{ chapter.nonexistent }}",
        after="(remove the override, or use only the fields the packaged template uses)"),
)

# code → one-line summary, as older callers expect.
CODES: dict[str, str] = {e.code: e.summary for e in _DECLARED}


def explain(code: str) -> str | None:
    return CODES.get(code.upper())
