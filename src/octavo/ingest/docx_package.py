"""A Word package's parts and relationships, as the reader needs them: styles, numbering and
notes parts; macros removed unread; relationships that point outside the file reported, never
followed."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from lxml import etree

from octavo.diagnostics import Diagnostic, Severity, Span
from octavo.ingest.container import Container
from octavo.ingest.docx_text import W

_MACRO_TYPE = b"application/vnd.ms-word.document.macroEnabled.main+xml"
_PLAIN_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_EXTERNAL_OK = ("/hyperlink",)


def part_xml(part: Any, reltype: str) -> etree._Element | None:
    """The XML of the part `reltype` names (styles, numbering, notes), or None."""
    try:
        related = part.part_related_by(reltype)
    except (KeyError, ValueError):
        return None
    element = getattr(related, "element", None)
    if element is not None:
        return element
    try:
        return etree.fromstring(related.blob, SAFE_PARSER)
    except etree.XMLSyntaxError:
        return None


def notes_part(root: etree._Element | None, kind: str) -> dict[str, list[etree._Element]]:
    """Footnotes or endnotes ("footnote" / "endnote") by id → their paragraphs."""
    found: dict[str, list[etree._Element]] = {}
    if root is None:
        return found
    for note in root.iter(f"{W}{kind}"):
        if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        found[note.get(f"{W}id", "")] = list(note.iter(f"{W}p"))
    return found


def numbering_formats(root: etree._Element | None) -> dict[str, bool]:
    """numId → whether its first level counts (1, 2, 3 / a, b, c) rather than bullets."""
    if root is None:
        return {}
    abstract: dict[str, bool] = {}
    for element in root.iter(f"{W}abstractNum"):
        fmt = element.find(f"{W}lvl/{W}numFmt")
        value = fmt.get(f"{W}val", "bullet") if fmt is not None else "bullet"
        abstract[element.get(f"{W}abstractNumId", "")] = value not in ("bullet", "none")
    formats: dict[str, bool] = {}
    for num in root.iter(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        if ref is not None:
            formats[num.get(f"{W}numId", "")] = abstract.get(ref.get(f"{W}val", ""), False)
    return formats


def without_macros(container: Container, raw: bytes, notes: list[Diagnostic],
                    span: Span) -> bytes:
    """A macro-enabled file, rebuilt without its macros (never run, never read) so that it
    opens as the plain document it also is."""
    names = container.names
    macros = [n for n in names if n.lower().endswith(("vbaproject.bin", "vbadata.xml"))
              or "/vba" in n.lower()]
    types = container.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
    if not macros and _MACRO_TYPE not in types:
        return raw
    notes.append(Diagnostic(Severity.WARNING, "OCT224", f"the Word file carries macros "
                            f"({', '.join(macros[:3]) or 'a macro-enabled document'}); they were "
                            "removed unread and never run", span))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
        for name in names:
            if name in macros or name.lower().endswith("vbaproject.bin.rels"):
                continue
            data = container.read(name)
            if name == "[Content_Types].xml":
                data = data.replace(_MACRO_TYPE, _PLAIN_TYPE)
            rebuilt.writestr(name, data)
    return out.getvalue()


def external_relationships(container: Container, notes: list[Diagnostic], span: Span) -> None:
    """Relationships pointing outside the file (a linked template, picture or object) are
    never followed; each kind is reported once. Web links are fine: they stay links."""
    kinds: dict[str, str] = {}
    for name in container.names:
        if not name.endswith(".rels"):
            continue
        try:
            root = etree.fromstring(container.read(name), SAFE_PARSER)
        except etree.XMLSyntaxError:
            continue  # python-docx judges a broken package below
        for rel in root:
            if rel.get("TargetMode") == "External" and not str(rel.get("Type", "")).endswith(_EXTERNAL_OK):
                kinds.setdefault(str(rel.get("Type", "")).rsplit("/", 1)[-1], str(rel.get("Target", ""))[:80])
    for kind, target in sorted(kinds.items()):
        notes.append(Diagnostic(Severity.WARNING, "OCT225", f"the Word file refers to an outside "
                                f"{kind} ('{target}'); it is not fetched or opened", span))
