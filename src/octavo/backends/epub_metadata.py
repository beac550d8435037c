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
from octavo.i18n import Labels
from octavo.names import sort_name
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


def accessibility_summary(labels: Labels, has_cover: bool, page_list: bool,
                          print_isbn: str | None) -> str:
    """The schema:accessibilitySummary, in the book's language."""
    parts = [labels["a11y_summary"], labels["a11y_cover_image" if has_cover else "a11y_no_images"]]
    if page_list:
        parts.append(labels.format("a11y_page_numbers", isbn=print_isbn) if print_isbn
                     else labels["a11y_page_numbers_no_isbn"])
    return " ".join(parts)


# EPUB Accessibility 1.1, the conformance octavo's output is built and tested to meet.
CONFORMS_TO = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"


def apply_metadata(target: Any, meta: Metadata, has_cover: bool, labels: Labels,
                   page_list: bool = False, source: str | None = None) -> None:
    """Fill an `ebooklib.epub.EpubBook` with the book's metadata (dcterms:modified is added by
    the writer from its `mtime` option, exactly once). `source` names the print edition whose
    pages the page list follows (dc:source)."""
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

    # One dc:title; the subtitle refines it (readers that know title-type show only the
    # main title, and none shows the subtitle as the book's title).
    dc("title", title, {"id": "title"})
    refine("title", "title-type", "main")
    if subtitle := _clean(meta.subtitle):
        dc("title", subtitle, {"id": "subtitle"})
        refine("subtitle", "title-type", "subtitle")
    dc("language", meta.language)

    _credits(meta, dc, refine)

    for name, value in (
        ("publisher", meta.publisher),
        ("date", meta.date),
        ("rights", meta.rights),
        ("description", meta.description),
        *(("subject", subject) for subject in meta.subjects),
    ):
        if cleaned := _clean(value):
            dc(name, cleaned)
    for n, code in enumerate(meta.subject_codes, start=1):
        ref = f"subject-code-{n}"
        dc("subject", xml_safe(code.name or code.code), {"id": ref})
        refine(ref, "authority", code.scheme)
        refine(ref, "term", code.code)
    if meta.series is not None and (series := _clean(meta.series.name)):
        target.add_metadata(None, "meta", series, {"property": "belongs-to-collection",
                                                 "id": "series"})
        refine("series", "collection-type", "series")
        if meta.series.position is not None:
            refine("series", "group-position", f"{meta.series.position:g}")
    if source:
        dc("source", source, {"id": "print-source"})
        refine("print-source", "source-of", "pagination")  # the page list follows it
        if meta.print_isbn:
            refine("print-source", "identifier-type", "15", "onix:codelist5")

    _accessibility(target, meta, prop, labels, has_cover, page_list)


def _credits(meta: Metadata, dc: Any, refine: Any) -> None:
    """dc:creator for the book's own authors (an anthology's editors when it has none),
    dc:contributor for everyone else credited in it, each with a MARC role, a sort name and its
    place in the credits."""
    has_authors = bool(meta.authors)
    seq = {"creator": 0, "contributor": 0}
    for n, creator in enumerate((*meta.creators, *meta.contributors), start=1):
        if not (name := _clean(creator.name)):
            continue  # an empty dc:creator is invalid
        is_creator = n <= len(meta.creators) and (
            creator.role == "aut" or (creator.role == "edt" and not has_authors))
        element = "creator" if is_creator else "contributor"
        ref = f"{element}-{n}"
        seq[element] += 1
        dc(element, name, {"id": ref})
        refine(ref, "role", creator.role, "marc:relators")
        if file_as := _clean(creator.file_as or sort_name(creator.name)):
            refine(ref, "file-as", file_as)
        refine(ref, "display-seq", str(seq[element]))


def _accessibility(target: Any, meta: Metadata, prop: Any, labels: Labels, has_cover: bool,
                   page_list: bool) -> None:
    a11y = meta.accessibility
    prop("schema:accessMode", "textual")
    if has_cover:
        prop("schema:accessMode", "visual")
    prop("schema:accessModeSufficient", "textual")
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "displayTransformability"]
    if has_cover:
        features.append("alternativeText")
    if page_list:
        features += ["pageBreakMarkers", "pageNavigation"]
    for feature in features:
        prop("schema:accessibilityFeature", feature)
    prop("schema:accessibilityHazard", "none")
    prop("schema:accessibilitySummary", a11y.summary or accessibility_summary(
        labels, has_cover, page_list, meta.print_isbn))
    if a11y.exemption:
        prop("a11y:exemption", a11y.exemption)
    else:
        prop("dcterms:conformsTo", CONFORMS_TO)
        if a11y.certified_by:
            target.add_metadata(None, "meta", xml_safe(a11y.certified_by),
                                {"property": "a11y:certifiedBy", "id": "certifier"})
            if a11y.credential:
                target.add_metadata(None, "meta", xml_safe(a11y.credential),
                                    {"property": "a11y:certifierCredential",
                                     "refines": "#certifier"})
            if a11y.report:
                target.add_metadata(None, "link", "", {"rel": "a11y:certifierReport",
                                                       "refines": "#certifier",
                                                       "href": xml_safe(a11y.report)})
