"""Package metadata for the EPUB: Dublin Core, refinements and schema.org accessibility.

Also the few strings that the title and copyright pages derive from the metadata, so the pages
and the package document never disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from octavo import __version__
from octavo.document import Metadata
from octavo.render.imprint import isbn_digits, package_identifier

DC = "http://purl.org/dc/elements/1.1/"
OPF = "http://www.idpf.org/2007/opf"
IDENTIFIER_ID = "pub-id"

# Characters that XML 1.0 forbids; lxml refuses them and ebooklib then drops the whole element.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")




def xml_safe(text: str) -> str:
    """`text` without the characters XML cannot carry (they are never visible anyway)."""
    return _XML_ILLEGAL.sub("", text)


def _clean(text: str | None) -> str | None:
    """Metadata text without XML-illegal characters or outer spaces; None when nothing is left
    (an empty Dublin Core element is invalid)."""
    return xml_safe(text or "").strip() or None


def modified_time(timestamp: dt.datetime) -> dt.datetime:
    """`timestamp` as a naive UTC datetime, which ebooklib formats as `…Z` for dcterms:modified."""
    if timestamp.tzinfo is not None:
        timestamp = timestamp.astimezone(dt.UTC).replace(tzinfo=None)
    return timestamp.replace(microsecond=0)


def accessibility_summary(has_cover: bool) -> str:
    images = (
        "The only image is the cover, which has the book's title as its text alternative."
        if has_cover
        else "It contains no images."
    )
    return (
        "This ebook has a table of contents, headings that show its structure and a logical "
        f"reading order; readers can resize and restyle its text. {images}"
    )


def apply_metadata(target: Any, meta: Metadata, has_cover: bool) -> None:
    """Fill an `ebooklib.epub.EpubBook` with the book's metadata (dcterms:modified is added by
    the writer from its `mtime` option, exactly once)."""
    target.IDENTIFIER_ID = IDENTIFIER_ID
    target.set_identifier(package_identifier(meta.identifier))
    target.metadata[OPF]["generator"] = [
        ("", {"name": "generator", "content": f"octavo {__version__}"})
    ]
    title = _clean(meta.title) or "Untitled"  # dc:title must not be empty
    target.title = title
    target.language = meta.language

    def dc(name: str, value: str, attrs: dict[str, str] | None = None) -> None:
        target.add_metadata(DC, name, value, attrs or {})

    def refine(ref: str, prop: str, value: str, scheme: str | None = None) -> None:
        attrs = {"refines": f"#{ref}", "property": prop}
        if scheme:
            attrs["scheme"] = scheme
        target.add_metadata(None, "meta", xml_safe(value), attrs)

    def prop(name: str, value: str) -> None:
        target.add_metadata(None, "meta", xml_safe(value), {"property": name})

    isbn = isbn_digits(meta.identifier)
    if isbn is not None and len(isbn) == 13:  # ONIX list 5 code 15: ISBN-13
        refine(IDENTIFIER_ID, "identifier-type", "15", "onix:codelist5")

    dc("title", title, {"id": "title"})
    refine("title", "title-type", "main")
    if subtitle := _clean(meta.subtitle):
        dc("title", subtitle, {"id": "subtitle"})
        refine("subtitle", "title-type", "subtitle")
    dc("language", meta.language)

    # Editors of an anthology are its creators; beside authors they are contributors.
    has_authors = bool(meta.authors)
    for n, creator in enumerate(meta.creators, start=1):
        if not (name := _clean(creator.name)):
            continue  # an empty dc:creator is invalid
        is_creator = creator.role == "aut" or (creator.role == "edt" and not has_authors)
        element = "creator" if is_creator else "contributor"
        ref = f"{element}-{n}"
        dc(element, name, {"id": ref})
        refine(ref, "role", creator.role, "marc:relators")

    for name, value in (
        ("publisher", meta.publisher),
        ("date", meta.date),
        ("rights", meta.rights),
        ("description", meta.description),
        *(("subject", subject) for subject in meta.subjects),
    ):
        if cleaned := _clean(value):
            dc(name, cleaned)

    prop("schema:accessMode", "textual")
    if has_cover:
        prop("schema:accessMode", "visual")
    prop("schema:accessModeSufficient", "textual")
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    if has_cover:
        features.append("alternativeText")
    for feature in features:
        prop("schema:accessibilityFeature", feature)
    prop("schema:accessibilityHazard", "none")
    prop("schema:accessibilitySummary", accessibility_summary(has_cover))
