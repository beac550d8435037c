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
    # The EPUB's words, metadata and accessibility (issue 12)
    "OCT155": "the book has no cover; the EPUB gets a typographic cover octavo generates",
    "OCT156": "the cover has no text alternative ('cover_alt'); readers who cannot see it hear "
              "only \"Cover of\" and the title",
    "OCT157": "a 'labels:' entry is unknown, or uses a placeholder its label does not offer",
    "OCT158": "octavo has no generated words in the book's language yet; they are English "
              "unless 'labels:' gives them",
    "OCT162": "'accessibility' claims a certification and an exemption at once",
    # Manuscripts
    "OCT200": "a manuscript cannot be read",
    "OCT201": "a manuscript is not a text file",
    "OCT202": "a manuscript's encoding was guessed",
    "OCT203": "a manuscript is empty",
    "OCT204": "the manuscript's heading differs from the title in the manifest",
    "OCT205": "a Markdown feature octavo does not support yet was turned into plain text",
    "OCT206": "a link with an unsafe or unsupported address was turned into plain text",
    "OCT207": "control characters that cannot appear in a book were removed",
    # Checks across a book (the text checks' codes and explanations live with their rules)
    "OCT309": "a '%% octavo: ignore' line no longer excuses anything; remove it",
    "OCT340": "a name spelled two ways across the anthology (Jett in one story, Jet in another)",
    "OCT341": "a word the book's house style writes otherwise (check: {words: {...}})",
    "OCT350": "a character no font shipped with octavo can draw (the PDF would show a box)",
    # Build
    "OCT400": "the output folder cannot be written",
    "OCT401": "a backend failed to produce its output",
    "OCT470": "the EPUB has no page list, because the print PDF was not built with it",
    "OCT471": "some print pages fall in no EPUB document and are left out of the page list",
    "OCT472": "an image was scaled down to a store's limits in that store's EPUB",
    "OCT473": "a store's EPUB is larger than the store accepts",
}


def explain(code: str) -> str | None:
    return CODES.get(code.upper())
