"""Stable diagnostic codes: OCT1xx manifest, OCT2xx manuscripts, OCT4xx build.

A code never changes meaning once released; retired codes are not reused.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    # Manifest (book.yaml)
    "OCT100": "the manifest cannot be found or read",
    "OCT101": "the manifest is not valid YAML",
    "OCT102": "the manifest uses a YAML feature octavo refuses (tags, too many aliases)",
    "OCT103": "the manifest is not a mapping of keys to values",
    "OCT104": "unknown key in the manifest",
    "OCT105": "a manifest value has the wrong type or form",
    "OCT106": "a required manifest key is missing",
    "OCT107": "the identifier is not a valid ISBN-13 or UUID",
    "OCT108": "the language is not a valid BCP 47 tag",
    "OCT109": "the date is not an ISO 8601 date",
    "OCT110": "a path leaves the book folder",
    "OCT111": "a file named in the manifest does not exist",
    "OCT112": "a manuscript is listed more than once",
    "OCT113": "the contents list is empty",
    "OCT114": "the cover is unreadable, not an image, or too large to use",
    "OCT115": "unknown trim size or font",
    "OCT116": "the cover was converted for the EPUB (format, colours, depth, transparency, frames)",
    "OCT117": "the cover was adjusted without a visible change (scaled down, turned upright, misnamed)",
    "OCT118": "the cover is smaller than ebook stores accept",
    # Manuscripts
    "OCT200": "a manuscript cannot be read",
    "OCT201": "a manuscript is not a text file",
    "OCT202": "a manuscript's encoding was guessed",
    "OCT203": "a manuscript is empty",
    "OCT204": "the manuscript's heading differs from the title in the manifest",
    "OCT205": "a Markdown feature octavo does not support yet was turned into plain text",
    "OCT206": "a link with an unsafe or unsupported address was turned into plain text",
    "OCT207": "control characters that cannot appear in a book were removed",
    # Input formats (issue 15): Word, web pages, EPUBs, OpenDocument, RTF, full Markdown
    "OCT220": "a .docx, .odt or .epub file is damaged or not the zip archive its name says",
    "OCT221": "a zip container would unpack to more than octavo reads (a zip bomb?); refused",
    "OCT222": "a zip container has an entry whose path leaves the archive (../); refused",
    "OCT223": "an XML part declares a document type or entities (XXE, entity expansion); refused",
    "OCT224": "a Word file's macros were removed unread and never run",
    "OCT225": "a Word file refers to something outside itself (a linked picture or template); "
              "it is not fetched",
    "OCT226": "a Word file has tracked changes and book.yaml does not say what to do with them "
              "(docx: {changes: accept} keeps the edits, {changes: refuse} the text before them)",
    "OCT227": "a Word file's tracked changes were accepted or refused, as book.yaml says",
    "OCT228": "a Word file's comments are not part of the book and were left out",
    "OCT229": "a picture in a manuscript was left out (not PNG, JPEG or GIF, too large, damaged "
              "or remote)",
    "OCT230": "a web page's scripts, styles, event handlers, frames, remote resources or "
              "javascript: links were removed",
    "OCT231": "a web page's or EPUB's site furniture (menus, kudos, comments, navigation) was "
              "left out",
    "OCT232": "the work's own metadata (title, author, fandom, rating, dates, summary, tags, "
              "notes) was found and kept aside; the manifest's values win",
    "OCT233": "a manuscript nested deeper than octavo sets (Markdown quotes and lists, HTML "
              "elements) was flattened; every word is kept",
    "OCT234": "a structure octavo does not set (a table, hidden text) was read as plain "
              "paragraphs or left out as the source shows it",
    "OCT235": "the Markdown front matter could not be used (not YAML, or a key octavo does not "
              "know)",
    "OCT236": "an EPUB manuscript has no chapter text octavo can read",
    "OCT240": "an author's note (A/N:, a bracketed note at the top or bottom); habits: "
              "{authors_notes: keep | endnote | drop}",
    "OCT241": "a disclaimer (I don't own...); habits: {disclaimers: keep | endnote | drop}",
    "OCT242": "an update stamp ((Updated), Edited 3/4/12); habits: {update_stamps: ...}",
    "OCT243": "a chapter header left in the text; habits: {chapter_headers: ...}",
    "OCT244": "a sign-off or date after the story's last line; habits: {signoffs: ...}",
    # Checks across a book (the text checks' codes and explanations live with their rules)
    "OCT309": "a '%% octavo: ignore' line no longer excuses anything; remove it",
    "OCT340": "a name spelled two ways across the anthology (Jett in one story, Jet in another)",
    "OCT341": "a word the book's house style writes otherwise (check: {words: {...}})",
    "OCT350": "a character no font shipped with octavo can draw (the PDF would show a box)",
    # Build
    "OCT400": "the output folder cannot be written",
    "OCT401": "a backend failed to produce its output",
}


def explain(code: str) -> str | None:
    return CODES.get(code.upper())
