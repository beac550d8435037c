"""Stable diagnostic codes: OCT1xx manifest, OCT2xx manuscripts, OCT4xx build.

A code never changes meaning once released; retired codes are not reused. Each is declared
with its long explanation (see `explanations.py`); the text checks declare theirs with their
rules, and the check modules theirs beside their tables.
"""

from __future__ import annotations

from octavo.diagnostics import Severity
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
    # -- Print settings and the print edition (issue 10) ------------------------------------------
    explained(
        "OCT140", "the inside margin (build.gutter) is narrower than the print shop's gutter for "
                  "the page count",
        severity=Severity.WARNING,
        meaning="book.yaml sets `build.gutter`, and it is smaller than the inside margin the "
                "print shop (build.print) requires for the book's final page count; the shops' "
                "tables grow the gutter with the thickness of the book.",
        why="Text that close to the spine disappears into the binding, and the shop's "
            "preflight refuses the file.",
        fix="Remove `build.gutter` (octavo then takes the shop's figure for the page count, "
            "plus a quarter inch), or raise it to at least the figure the message names.",
        before="build:\n  gutter: 0.3      # 24 pages at KDP",
        after="build:\n  gutter: 0.5"),
    explained(
        "OCT141", "the safe zone (build.safe_zone) is smaller than the print shop requires",
        severity=Severity.WARNING,
        meaning="`build.safe_zone`, the distance all text keeps from the trim, is below the "
                "print shop's minimum (IngramSpark 0.5 in, KDP 0.25 in, more with bleed).",
        why="Pages are trimmed with a tolerance; a running head or folio that close to the "
            "edge may be cut, and the shop's preflight refuses it.",
        fix="Remove `build.safe_zone` to use the shop's figure, or raise it to the minimum "
            "the message names.",
        before="build:\n  print: ingram\n  safe_zone: 0.3",
        after="build:\n  print: ingram\n  safe_zone: 0.5"),
    explained(
        "OCT142", "build.css must name a .css file inside the book folder",
        severity=Severity.ERROR,
        meaning="`build.css`, the book's own stylesheet laid over the house style, names a file "
                "that is not a .css file.",
        why="A file of another kind cannot be read as a stylesheet; the book's own rules would "
            "silently not apply.",
        fix="Name a .css file inside the book folder.",
        before="build:\n  css: notes.txt",
        after="build:\n  css: extra.css"),
    explained(
        "OCT143", "the print ISBN (print.isbn) is not a valid ISBN-13",
        severity=Severity.ERROR,
        meaning="`print.isbn` is not an ISBN-13 whose check digit is right.",
        why="The ISBN is printed on the copyright page and in the barcode; a mistyped one is "
            "refused by the shop or files the book under someone else's.",
        fix="Copy the print edition's ISBN-13 exactly as your ISBN agency issued it (hyphens "
            "are fine).",
        before="print:\n  isbn: 978-1-250-31677-5",
        after="print:\n  isbn: 978-1-250-31677-6"),
    explained(
        "OCT144", "the print edition and the EPUB share one ISBN; each format needs its own",
        severity=Severity.WARNING,
        meaning="`print.isbn` is the same ISBN as the book's `identifier`, which the EPUB "
                "carries.",
        why="An ISBN names one format of one edition; stores and shops refuse a second "
            "product under an ISBN already used.",
        fix="Give the print edition its own ISBN, or leave `identifier` to the EPUB's ISBN "
            "(or out, for a stable UUID).",
        before="identifier: 9781250316776\nprint:\n  isbn: 9781250316776",
        after="identifier: 9781250316769\nprint:\n  isbn: 9781250316776"),
    explained(
        "OCT145", "blank pages were added at the end to reach the print shop's minimum page count",
        severity=Severity.INFO,
        meaning="The book had fewer pages than the print shop binds (KDP: 24), so blank pages "
                "were added at the end.",
        why="The shop refuses a shorter interior; the blank pages are what it would otherwise "
            "ask for.",
        fix="Nothing to do: this is a note. Add matter (a foreword, notes on contributors) if "
            "you would rather fill the pages.",
        before="a 14-page booklet",
        after="a 24-page booklet, its last 10 pages blank"),
    explained(
        "OCT146", "the book has more pages than the print shop can bind on this paper",
        severity=Severity.ERROR,
        meaning="The final page count is above the print shop's maximum for the paper "
                "(KDP black-and-white on white paper: 828).",
        why="The shop cannot bind the book, and refuses the file.",
        fix="Choose a larger trim (`build.trim`), a smaller `build.font_size`, or split the "
            "book into volumes.",
        before="build:\n  trim: 5x8       # 912 pages",
        after="build:\n  trim: 6x9       # 700 pages"),
    explained(
        "OCT147", "the wraparound cover has no front image, or one of its images cannot be read",
        severity=Severity.ERROR,
        meaning="`octavo cover` needs a front image (`cover`) or a whole wraparound "
                "(`print.cover_art`); one is missing, or an image named (front, artwork, "
                "author photo) is damaged, not an image, or too large.",
        why="A print cover without its front, or with a broken picture, cannot be printed.",
        fix="Give `cover:` or `print.cover_art:`, and check the image opens in an image "
            "viewer.",
        before="title: T\n# no cover",
        after="title: T\ncover: covers/front.jpg"),
    explained(
        "OCT148", "the spine is too thin for text: the shop prints spine text only on thicker "
                  "books",
        severity=Severity.INFO,
        meaning="The interior has fewer pages than the print shop needs before it prints text "
                "on the spine (KDP: 79), so the cover's spine is left plain.",
        why="Text on a thin spine runs over the folds when the cover is trimmed.",
        fix="Nothing to do: this is a note. The spine gets its text once the book is thick "
            "enough.",
        before="a 60-page book: spine 0.135 in, no text",
        after="a 120-page book: spine 0.270 in, title and author on the spine"),
    explained(
        "OCT149", "the back-cover text does not fit on the back cover",
        severity=Severity.ERROR,
        meaning="`print.back_cover` runs down into the box kept free for the barcode, or past "
                "the back cover's safe zone.",
        why="The shop prints its barcode over that box; text under it would be lost.",
        fix="Shorten the back-cover text (the message says by how much), or use a larger trim.",
        before="print:\n  back_cover: (six paragraphs of blurb)",
        after="print:\n  back_cover: (two paragraphs of blurb)"),
    explained(
        "OCT450", "the PDF was laid out again: its page count crossed a step of the shop's "
                  "gutter table",
        severity=Severity.INFO,
        meaning="The inside margin depends on the final page count (KDP: 0.375 in up to 150 "
                "pages, 0.5 in up to 300, ...). The first layout, at the margin an estimate of "
                "the length called for, made a page count in another step of the table, so the "
                "book was laid out again at that step's margin. The note lists each layout's "
                "margin and page count, and the one kept.",
        why="A layout at the wrong margin is either refused by the shop (too narrow) or wastes "
            "paper (too wide); a second layout costs about as much as the first.",
        fix="Nothing to do: this is a note. `build.gutter` fixes the margin and saves the "
            "second layout, if you know the width you want.",
        before="(an estimate of 480 pages: laid out at 0.875 in, 503 pages)",
        after="laid out 2 times ... (at a 0.875 in inside margin, 503 pages; at a 1 in inside "
              "margin, 521 pages); kept 1 in for 521 pages (KDP requires 0.75 in)"),
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
        meaning="The file named as a manuscript is not one octavo can read: an image or other "
                "binary file under a text file's name, a file in a format octavo has no reader "
                "for (the message lists the formats it reads: .txt, .md, .docx, .html, .xhtml, "
                ".epub, .odt, .rtf), or a file whose content is not the format its name says "
                "(an .rtf that does not start with {\\rtf).",
        why="Reading it as text would fill the book with garbage, so octavo refuses it.",
        fix="Export the manuscript from its program in one of the formats octavo reads (Word "
            "files as .docx, Pages and Scrivener documents as .docx or .rtf), or save it as "
            "plain text or Markdown.",
        before="contents: [chapters/01.pages]",
        after="contents: [chapters/01.docx]"),
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
        meaning="The Markdown uses something octavo does not set yet: an indented or fenced "
                "code block (set as ordinary paragraphs, line by line) or an image (its "
                "description is kept as text). Reported once per file and kind.",
        why="Nothing is lost, but it will not look as the author intended: a program listing "
            "loses its monospaced layout, a picture appears as its alt text.",
        fix="Rewrite the passage as prose, mark verse as verse (a ```verse fence or a ::: verse "
            "block) rather than as code, or accept it as text.",
        before="```\nThe tide comes in,\nthe tide goes out.\n```",
        after="```verse\nThe tide comes in,\nthe tide goes out.\n```"),
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
    # -- Input formats (issue 15): Word, web pages, EPUBs, OpenDocument, RTF, full Markdown --------
    explained(
        "OCT220", "a .docx, .odt or .epub file is damaged or not the zip archive its name says",
        severity=Severity.ERROR,
        meaning="Word (.docx), OpenDocument (.odt) and EPUB files are zip archives. This one "
                "cannot be opened as one, one of its parts is damaged (its checksum fails, it "
                "inflates to garbage), the library that reads the format refuses it, or it is "
                "nested too deeply to read.",
        why="octavo cannot get the text out of a damaged file, and would rather refuse it than "
            "guess at half a chapter.",
        fix="Open the file in the program that made it and save it again (Word: File > Save As "
            ".docx); a file sent by e-mail or downloaded may have been cut short, so fetch it "
            "again.",
        before="contents: [stories/harbour.docx]     # a 1 KB download cut short",
        after="contents: [stories/harbour.docx]     # saved again from Word, 48 KB"),
    explained(
        "OCT221", "a zip container would unpack to more than octavo reads (a zip bomb?); refused",
        severity=Severity.ERROR,
        meaning="The archive holds more than 10,000 entries, an entry of more than 128 MiB, more "
                "than 256 MiB in all, or an entry that inflates more than 200 times its "
                "compressed size or past the size it records: the shape of a zip bomb, a small "
                "file built to exhaust memory.",
        why="No manuscript is that large; unpacking it could exhaust the computer's memory or "
            "disk, so octavo stops before it does.",
        fix="Do not use the file. If it is truly a manuscript, open it in its program, remove "
            "large embedded media (videos, huge pictures) and save it again.",
        before="contents: [stories/gift.docx]     # 40 KB that unpacks to 4 GB",
        after="contents: [stories/gift.docx]     # saved again by the author, text only"),
    explained(
        "OCT222", "a zip container has an entry whose path leaves the archive (../); refused",
        severity=Severity.ERROR,
        meaning="An entry in the .docx, .odt or .epub is named with an absolute path, a drive "
                "letter or `..` that climbs out of the archive (a \"zip slip\").",
        why="No word processor writes such names; they are made to overwrite files elsewhere "
            "when an archive is unpacked, so the file is not to be trusted.",
        fix="Do not use the file; ask its author for a copy saved by their word processor.",
        before="word/../../../home/me/.bashrc     # an entry of stories/tale.docx",
        after="word/document.xml     # the entries of a docx saved by Word"),
    explained(
        "OCT223", "an XML part declares a document type or entities (XXE, entity expansion); "
                  "refused",
        severity=Severity.ERROR,
        meaning="A part of the .docx, .odt or .epub declares a <!DOCTYPE> or <!ENTITY>. Office "
                "files and EPUB 3 never need one; declared entities are how XML files read "
                "other files (XXE) or expand to gigabytes (\"billion laughs\").",
        why="Reading such a part could leak files from your computer into the book or exhaust "
            "its memory, so octavo never reads it.",
        fix="Do not use the file; open the story in a word processor and save it again, which "
            "writes clean XML.",
        before='<!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document>&x;',
        after="<w:document>…"),
    explained(
        "OCT224", "a Word file's macros were removed unread and never run",
        severity=Severity.WARNING,
        meaning="The Word file (often a .docm) carries VBA macros. octavo drops the macro parts "
                "before the file is read; the text is read as usual.",
        why="Macros are programs. A manuscript never needs them, and they are a common way to "
            "spread malware; octavo never runs or even reads them.",
        fix="Nothing to do for the book. To silence the warning, save the manuscript as a "
            "plain .docx (Word: Save As > Word Document).",
        before="contents: [stories/harbour.docm]",
        after="contents: [stories/harbour.docx]"),
    explained(
        "OCT225", "a Word file refers to something outside itself (a linked picture or "
                  "template); it is not fetched",
        severity=Severity.WARNING,
        meaning="The Word file links to a picture, a template or another resource outside the "
                "file (on the author's disk or the web) instead of embedding it. octavo never "
                "opens anything a manuscript points to outside the book, so the picture is "
                "left out.",
        why="Fetching it would let a file make octavo read your disk or contact a server; and "
            "the linked picture would be missing on any other computer anyway.",
        fix="In Word, embed the picture (Insert > Pictures, not 'Link to File'; or File > Edit "
            "Links > Break Link) and save again.",
        before="(a picture inserted with 'Link to File' from C:\\Users\\ann\\map.png)",
        after="(the same picture inserted into the document)"),
    explained(
        "OCT226", "a Word file has tracked changes and book.yaml does not say what to do with "
                  "them (docx: {changes: accept} keeps the edits, {changes: refuse} the text "
                  "before them)",
        severity=Severity.ERROR,
        meaning="The Word file holds tracked insertions, deletions or moves that nobody has "
                "accepted or rejected, and the manifest does not say which text the book "
                "should use. The message names the first change and its paragraph.",
        why="The edited and the unedited text are both in the file; choosing one silently "
            "could print text an editor cut, or drop text the author added.",
        fix="Accept or reject the changes in Word, or say in book.yaml which text to use: "
            "`docx: {changes: accept}` (the text with the edits) or `docx: {changes: refuse}` "
            "(the text before them), for the whole book or one story.",
        before="contents:\n  - stories/edited.docx",
        after="contents:\n  - {file: stories/edited.docx, docx: {changes: accept}}"),
    explained(
        "OCT227", "a Word file's tracked changes were accepted or refused, as book.yaml says",
        severity=Severity.INFO,
        meaning="The Word file holds tracked changes and the manifest's `docx: {changes: ...}` "
                "said what to do; the note counts the changes taken or refused (formatting "
                "changes are read as the formatting now stands).",
        why="A note, so that the choice stays visible: the text in the book is not the text "
            "Word shows with 'Simple Markup'.",
        fix="Nothing, if the choice is right. To be rid of the note, accept or reject the "
            "changes in Word and remove `docx: {changes: ...}`.",
        before="- {file: stories/edited.docx, docx: {changes: accept}}   # 12 tracked changes",
        after="- stories/edited.docx     # the changes accepted in Word and saved"),
    explained(
        "OCT228", "a Word file's comments are not part of the book and were left out",
        severity=Severity.WARNING,
        meaning="The Word or OpenDocument file holds reviewers' comments (the balloons in the "
                "margin). They are left out of the book; the text they comment on is kept.",
        why="Comments are notes between writer and editor; one printed by mistake is an "
            "embarrassment, so they never reach the book, but the warning reminds you that "
            "someone left a remark that may still need an answer.",
        fix="Read and resolve the comments in the word processor, delete them and save the "
            "file again.",
        before="Review > Comments: 3 open comments in stories/harbour.docx",
        after="Review > Delete All Comments in Document, then save"),
    explained(
        "OCT229", "a picture in a manuscript was left out (not PNG, JPEG or GIF, too large, "
                  "damaged or remote)",
        severity=Severity.WARNING,
        meaning="A picture embedded in a Word file is not a PNG, JPEG or GIF, is larger than "
                "16 MiB or 40 million pixels, or cannot be read as an image; it is left out, "
                "with its alt text named in the message. (A picture only linked from outside "
                "the file is OCT225; a web page's pictures go with its other remote content, "
                "OCT230.)",
        why="EPUB readers only show those formats, and a huge or damaged image can crash a "
            "reader's device.",
        fix="Save the picture as PNG or JPEG at a sensible size (2000 px on the long side is "
            "plenty) and embed it in the manuscript.",
        before="(a 30 MB TIFF map embedded in stories/voyage.docx)",
        after="(the same map saved as a 1600×1200 PNG and embedded)"),
    explained(
        "OCT230", "a web page's scripts, styles, event handlers, frames, remote resources or "
                  "javascript: links were removed",
        severity=Severity.WARNING,
        meaning="A web page (or an EPUB's chapter) used as a manuscript held active or remote "
                "content: scripts, style sheets, onclick= handlers, frames and embedded "
                "objects, form controls, javascript: or data: links, remote images. Every "
                "page passes through a sanitiser (nh3) that keeps only text and harmless "
                "structure; the message counts what went.",
        why="A book must not run code or fetch anything when it is opened, and stores refuse "
            "EPUBs that do; the story's text itself is kept.",
        fix="Nothing to do for the book: the text is kept. To silence the warning, save the "
            "story as text only (the browser's 'Save as text', or copy the story into a "
            "word processor).",
        before='<p onclick="track()">The tide turned.</p><script src="https://ads.example"></script>',
        after="<p>The tide turned.</p>"),
    explained(
        "OCT231", "a web page's or EPUB's site furniture (menus, kudos, comments, navigation) "
                  "was left out",
        severity=Severity.INFO,
        meaning="The page was recognised as a saved work page of a fiction site (Archive of Our "
                "Own, FanFiction.net) or carries the site's navigation, and its furniture (menus, "
                "chapter selectors, kudos and comment sections, share buttons) was left out; "
                "only the work's text is read.",
        why="Readers of the book should get the story, not the web site around it.",
        fix="Nothing to do: this is a note. If a part of the story was taken for furniture, "
            "copy the story's text into a .txt or .md file instead.",
        before="(a saved AO3 page: header, Kudos, Comments (12), ← Previous Chapter, the story)",
        after="(the story's text alone)"),
    explained(
        "OCT232", "the work's own metadata (title, author, fandom, rating, dates, summary, tags, "
                  "notes) was found and kept aside; the manifest's values win",
        severity=Severity.INFO,
        meaning="The manuscript carries its own metadata: an AO3 or FanFiction.net page's "
                "preface, an EPUB's title, creator and language. It is kept aside "
                "rather than printed as text; the story's title, author and language come from "
                "it where book.yaml gives none, and book.yaml's values win where it does.",
        why="The metadata is not part of the story's text, but it names the author and the "
            "title, which the book should not lose.",
        fix="Nothing to do: this is a note. To use another title or author, give it in the "
            "story's entry in book.yaml.",
        before="- s/tidewater.html      # AO3 preface: 'The Tidewater Letters' by Wren Calloway",
        after="- {file: s/tidewater.html, title: Tidewater}"),
    explained(
        "OCT233", "a manuscript nested deeper than octavo sets (Markdown quotes and lists, HTML "
                  "elements) was flattened; every word is kept",
        severity=Severity.WARNING,
        meaning="Markdown quotations or lists nested more than 8 levels deep, a long run of [ or "
                "*, or HTML elements nested more than 64 deep were flattened to the deepest "
                "level octavo sets. Every word is kept, in order.",
        why="No story needs that depth; it is usually a broken export (one unclosed <div> "
            "repeated) or a file built to crash parsers, and a book cannot indent that far.",
        fix="Check the passage the message points at and remove the extra levels (in "
            "Markdown, the extra > or list indents).",
        before="> > > > > > > > > > She said it again.",
        after="> She said it again."),
    explained(
        "OCT234", "a structure octavo does not set (a table, hidden text) was read as plain "
                  "paragraphs or left out as the source shows it",
        severity=Severity.WARNING,
        meaning="The Word file has a table, which is read as plain paragraphs, cell by cell, or "
                "runs of hidden text (Word's 'hidden' font setting), which are left out, as "
                "Word leaves them out when it prints.",
        why="A book's page cannot hold a table that reflows on a phone; and hidden text is "
            "often notes the author did not mean to publish, but it might be text that was "
            "hidden by mistake.",
        fix="Rewrite a table as prose or a list; unhide text that belongs to the story (Word: "
            "select it, Font > untick Hidden), or delete it.",
        before="| Day | Miles |\n| Monday | 12 |     (a table in stories/log.docx)",
        after="On Monday we walked twelve miles."),
    explained(
        "OCT235", "the Markdown front matter could not be used (not YAML, or a key octavo does "
                  "not know)",
        severity=Severity.WARNING,
        meaning="A Markdown manuscript starts with front matter (between --- lines) that is not "
                "valid YAML, uses a key octavo does not use (it uses title, subtitle, author, "
                "epigraph, dedication, language), or gives a value that is not text.",
        why="The key is ignored, so a title or author the writer meant to set would silently "
            "not be.",
        fix="Use the keys octavo knows, with text values, or move other settings into "
            "book.yaml.",
        before="---\ntitel: The Harbour\n---",
        after="---\ntitle: The Harbour\n---"),
    explained(
        "OCT236", "an EPUB manuscript has no chapter text octavo can read",
        severity=Severity.ERROR,
        meaning="The EPUB given as a manuscript opened, but none of its reading-order pages "
                "holds text octavo can read: it is all pictures (a comic or a scanned book), or "
                "its pages are empty or not XHTML.",
        why="There is no story to put in the book.",
        fix="Use an EPUB with real text, or give the story as a text, Word or Markdown file.",
        before="contents: [stories/scanned-pages.epub]",
        after="contents: [stories/the-story.docx]"),
    # -- Fan-fiction and web-serial habits (`habits:`), found in every format -------------------
    explained(
        "OCT240", "an author's note (A/N:, a bracketed note at the top or bottom); habits: "
                  "{authors_notes: keep | endnote | drop}",
        severity=Severity.INFO,
        meaning="A paragraph that is an author's note to the site's readers: it starts with A/N:, "
                "AN:, Author's note:, Note:, or is a whole paragraph in brackets among a story's "
                "first or last three. It is kept where it is unless book.yaml's `habits` says to "
                "move it to an \"Author's notes\" aside at the story's end or drop it.",
        why="Notes to a site's readers (thanks for the reviews, sorry for the wait) break the "
            "story for a book's readers; but they are the author's words, so nothing goes "
            "unless the book says so.",
        fix="Say in book.yaml what to do with them: `habits: {authors_notes: endnote}` (moved "
            "to the story's end) or `{authors_notes: drop}`, for the whole book or one story; "
            "or edit the manuscript.",
        before="A/N: Sorry this took so long!\n\nThe ship drifted.",
        after="The ship drifted.     # habits: {authors_notes: endnote} sets the note after the "
              "story"),
    explained(
        "OCT241", "a disclaimer (I don't own...); habits: {disclaimers: keep | endnote | drop}",
        severity=Severity.INFO,
        meaning="A paragraph that disclaims ownership: it starts with Disclaimer, I don't own, "
                "I own nothing, the characters belong to…, or No copyright infringement. It is "
                "kept unless book.yaml's `habits` says otherwise.",
        why="A fan-fiction disclaimer belongs to the site the story was posted on; in a book "
            "it reads oddly in the middle of the text.",
        fix="`habits: {disclaimers: drop}` in book.yaml leaves them out ({disclaimers: "
            "endnote} moves them to the story's end); or put one notice on the copyright page.",
        before="Disclaimer: I don't own Harbour Town.\n\nThe ship drifted.",
        after="The ship drifted.     # habits: {disclaimers: drop}"),
    explained(
        "OCT242", "an update stamp ((Updated), Edited 3/4/12); habits: {update_stamps: ...}",
        severity=Severity.INFO,
        meaning="A short line such as (Updated), Edited 3/4/12, Edit: or Reposted, or an "
                "(Updated) at the end of the story's heading, records when the story was "
                "changed on its site. It is kept unless book.yaml's `habits` says otherwise; "
                "when dropped from a heading, only the stamp goes.",
        why="A stamp dates the web posting, not the story, and looks like a slip in print.",
        fix="`habits: {update_stamps: drop}` in book.yaml, or delete the line.",
        before="# The Harbour (Updated)",
        after="# The Harbour     # habits: {update_stamps: drop}"),
    explained(
        "OCT243", "a chapter header left in the text; habits: {chapter_headers: ...}",
        severity=Severity.INFO,
        meaning="A short paragraph after the story's first that reads as a chapter heading "
                "(Chapter 2, Part Three: Home) inside the text, usually where chapters posted "
                "one by one were joined into one file. It is kept as a paragraph unless "
                "book.yaml's `habits` says otherwise.",
        why="The book gives each manuscript one title; a heading left inside it is set as an "
            "ordinary paragraph, which readers take for a mistake.",
        fix="Split the manuscript at the header into two entries, or let book.yaml drop the "
            "headers: `habits: {chapter_headers: drop}`.",
        before="…and the door closed.\n\nChapter 2\n\nMorning came.",
        after="…and the door closed.\n\nMorning came.     # habits: {chapter_headers: drop}"),
    explained(
        "OCT244", "a sign-off or date after the story's last line; habits: {signoffs: ...}",
        severity=Severity.INFO,
        meaning="The story's last lines (up to three) are a sign-off rather than story: a date "
                "or time on its own line, a stock closing such as Thanks for reading, Please "
                "review, R&R or To be continued, or a short line just before such a date. They "
                "are kept unless book.yaml's `habits` says otherwise.",
        why="A sign-off speaks to the site's readers; in a book it spoils the story's last "
            "line.",
        fix="`habits: {signoffs: drop}` (or `endnote`) in book.yaml, or delete the lines.",
        before="She never looked back.\n\nThanks for reading! Please review!\n\n12/03/2011",
        after="She never looked back."),
    # -- Checks across a book (the text checks' codes live with their rules, the whole-book
    # checks' in check/anthology_rules.py and check/typo_rules.py) -------------------------------
    explained(
        "OCT309", "a '%% octavo: ignore' line no longer excuses anything; remove it",
        meaning="A `%% octavo: ignore CODE` line excuses a finding in the paragraph below it, "
                "and that paragraph no longer has such a finding.",
        why="Stale excuses hide future findings and clutter the manuscript.",
        fix="Delete the directive line.",
        before="%% octavo: ignore OCT310\nShe had had enough.",
        after="She had had enough."),
    explained(
        "OCT341", "a word the book's house style writes otherwise (check: {words: {...}})",
        meaning="The book's `check: words:` table says how it writes a word, and the text uses "
                "the other form.",
        why="A house style applied everywhere makes an anthology read as one book.",
        fix="Use the house form (the message names it).",
        before="It was alright.",
        after="It was all right."),
    # -- Catalogues and the build cache (issue 11) -----------------------------------------------
    explained(
        "OCT150", "a catalogue for build-many cannot be read, or names something that is not a "
                  "book",
        severity=Severity.ERROR,
        meaning="`octavo build-many` was given a folder that holds no book project (no folder "
                "with a book.yaml), a list file it cannot read, or a list line that does not name "
                "a book folder or a book.yaml.",
        why="A catalogue run must build every book it was asked for; a name that leads nowhere "
            "would otherwise be a book silently missing from the archive.",
        fix="Point build-many at the folder that holds the book folders, or correct the line "
            "of the list file the message names.",
        before="$ octavo build-many ~/archive/works/salt-house/chapters",
        after="$ octavo build-many ~/archive/works"),
    # -- The EPUB's words, metadata and accessibility (issue 12) -------------------------------
    explained(
        "OCT155", "the book has no cover; the EPUB gets a typographic cover octavo generates",
        severity=Severity.INFO,
        meaning="book.yaml names no `cover:`, so the EPUB carries a cover octavo draws from the "
                "title and author in the book's house style.",
        why="Stores and reading systems show a cover in every library view; a book without one "
            "looks broken, so octavo never ships an EPUB without a cover.",
        fix="Nothing to do for a draft. For publication, add your own artwork: "
            "`cover: covers/front.jpg` (1600×2560 or larger).",
        before="title: The Salt House\n(no cover: line)",
        after="title: The Salt House\ncover: covers/front.jpg"),
    explained(
        "OCT156", "the cover has no text alternative ('cover_alt'); readers who cannot see it "
                  "hear only \"Cover of\" and the title",
        severity=Severity.WARNING,
        meaning="The book has a cover image but book.yaml gives no `cover_alt:` describing it.",
        why="Screen-reader users and accessibility checkers (DAISY Ace, store review) expect "
            "every image, the cover included, to have a description.",
        fix="Describe the cover in a sentence: `cover_alt: A lighthouse in fog; the title in "
            "white capitals.`",
        before="cover: covers/front.jpg",
        after="cover: covers/front.jpg\ncover_alt: A lighthouse in fog; the title in white."),
    explained(
        "OCT157", "a 'labels:' entry is unknown, or uses a placeholder its label does not offer",
        severity=Severity.WARNING,
        meaning="book.yaml's `labels:` overrides one of the words octavo generates (Contents, "
                "Copyright, Edited by...) with a key octavo does not have, or the new text uses "
                "a {placeholder} that label does not fill.",
        why="The override would be ignored, or print a literal {placeholder}, in a place the "
            "author believes is translated.",
        fix="Use a key from `octavo explain OCT157`'s list (the README lists them) and only the "
            "placeholders the default text uses.",
        before="labels: {content: Inhalt, edited_by: \"Hg. von {editor}\"}",
        after="labels: {contents: Inhalt, edited_by: \"Hg. von {names}\"}"),
    explained(
        "OCT158", "octavo has no generated words in the book's language yet; they are English "
                  "unless 'labels:' gives them",
        severity=Severity.WARNING,
        meaning="The book's `language:` is one octavo has no message catalogue for, so the "
                "words it generates (Contents, Copyright, Cover, landmarks) would be English.",
        why="A Welsh book whose contents page says \"Contents\" is a mistake readers see on "
            "the first page.",
        fix="Give the words in book.yaml's `labels:` (every key is listed in the README), or "
            "contribute a catalogue to octavo.",
        before="language: cy",
        after="language: cy\nlabels: {contents: Cynnwys, copyright: Hawlfraint}"),
    explained(
        "OCT159", "'print_isbn' differs from the ISBN the print edition carries (print: {isbn}); "
                  "the EPUB's page list names the printed one",
        severity=Severity.WARNING,
        meaning="book.yaml gives the print edition's ISBN twice, as `epub: {print_isbn}` and as "
                "`print: {isbn}`, and they differ.",
        why="The EPUB's page list says which printed edition its page numbers follow; two "
            "different ISBNs mean one of them is wrong.",
        fix="Keep one: remove `print_isbn` when octavo builds the print edition, or correct "
            "the one that is wrong.",
        before="print: {isbn: 978-1-4028-9462-6}\nepub: {print_isbn: 978-0-306-40615-7}",
        after="print: {isbn: 978-1-4028-9462-6}"),
    explained(
        "OCT162", "'accessibility' claims a certification and an exemption at once",
        severity=Severity.ERROR,
        meaning="book.yaml's `accessibility:` says the book is certified accessible and also "
                "claims an exemption from the accessibility rules (EAA).",
        why="A book is either certified or exempt; stores reject metadata that says both.",
        fix="Keep the one that is true: the certifier, or the exemption.",
        before="accessibility: {certified_by: Acme Ltd, exemption: eaa-microenterprise}",
        after="accessibility: {certified_by: Acme Ltd}"),
    # -- Decoding (issue 9) ------------------------------------------------------------------------
    explained(
        "OCT208", "a byte that is not UTF-8 in a UTF-8 manuscript was read on its own, as "
                  "Windows-1252 (a stray character typed in another editor); check the letter",
        severity=Severity.WARNING,
        meaning="The manuscript is UTF-8 except for a few bytes (typically one accented letter "
                "typed in an editor that saved it as Latin-1). Each such byte was decoded on its "
                "own, as Windows-1252 (or Latin-1), at the line and column given; the rest of "
                "the file was read as UTF-8, so its curly quotes are intact.",
        why="The byte's meaning is a guess: it is most likely the letter shown, but only the "
            "author can confirm it.",
        fix="Check the word at the position given, and save the file as UTF-8 (most editors: "
            "Save As > Encoding: UTF-8).",
        before="caf\\xe9 (one Latin-1 byte among UTF-8 text)",
        after="café (saved as UTF-8)"),
    explained(
        "OCT209", "terminal escape sequences (colour codes such as ESC[31m) were removed whole",
        severity=Severity.WARNING,
        meaning="The manuscript holds ANSI terminal escape sequences, usually from text copied "
                "out of a terminal or a chat log; each was removed whole, ESC byte and "
                "parameters together.",
        why="They are instructions to a terminal, not text: in a book they would print as "
            "garbage such as [31m.",
        fix="Nothing to do: the text around them is kept. Save the manuscript without them to "
            "silence the warning.",
        before="\\x1b[31mWarning:\\x1b[0m the tide is turning.",
        after="Warning: the tide is turning."),
    # -- The EPUB's page list and store flavours (issue 12) ------------------------------------
    explained(
        "OCT470", "the EPUB has no page list, because the print PDF was not built with it",
        severity=Severity.INFO,
        meaning="The EPUB was built alone (--epub), so it has no page list matching the print "
                "edition's pages.",
        why="Readers in a class or a book club cite page numbers; a page list lets an EPUB "
            "reader show the printed edition's pages.",
        fix="Build both formats together: `octavo build` without --epub.",
        before="$ octavo build --epub",
        after="$ octavo build"),
    explained(
        "OCT471", "some print pages fall in no EPUB document and are left out of the page list",
        severity=Severity.INFO,
        meaning="Some pages of the print edition (blank versos, the half title, a cover page) "
                "have no place in the EPUB's documents, so the page list skips them.",
        why="A page list entry must point at a place in the EPUB; pages that exist only in "
            "print cannot.",
        fix="Nothing to do: this is a note.",
        before="(print pages ii and iv are blank)",
        after="(the page list goes i, iii, v, ...)"),
    explained(
        "OCT472", "an image was scaled down to a store's limits in that store's EPUB",
        severity=Severity.INFO,
        meaning="A store flavour (--store) has limits on image size; an image larger than they "
                "allow was scaled down in that store's EPUB only.",
        why="The store would refuse the upload, or scale the image itself with worse results.",
        fix="Nothing to do. To control the result, give the image at the store's size.",
        before="covers/map.png 6000×4000",
        after="covers/map.png 3200×2133 in the kobo EPUB"),
    explained(
        "OCT473", "a store's EPUB is larger than the store accepts",
        severity=Severity.ERROR,
        meaning="The EPUB written for a store (--store) is larger than the store's upload limit.",
        why="The store refuses the file.",
        fix="Make the images smaller (resolution or JPEG quality), or leave out embedded fonts "
            "(`build: {epub_fonts: reader}`).",
        before="(a 700 MB EPUB full of full-page photographs)",
        after="(the same photographs as 2000 px JPEGs)"),
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
