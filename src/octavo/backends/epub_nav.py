"""The EPUB's table of contents as data, and the NCX (for EPUB 2 reading systems) built from it.

The nav document and the visible contents page are templates; they and the NCX all read the
same `NavEntry` tree, so the three never disagree.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from octavo.backends.epub_metadata import xml_safe

NCX_NS = "http://www.daisy.org/z3986/2005/ncx/"
_NCX_DOCTYPE = (
    '<!DOCTYPE ncx PUBLIC "-//NISO//DTD ncx 2005-1//EN" '
    '"http://www.daisy.org/z3986/2005/ncx-2005-1.dtd">\n'
)


@dataclass(frozen=True, slots=True)
class NavEntry:
    """One line of the contents: a page's title and file (relative to the text folder)."""

    uid: str
    title: str
    href: str
    byline: str | None = None
    children: tuple[NavEntry, ...] = ()


def depth(entries: tuple[NavEntry, ...]) -> int:
    return max((1 + depth(e.children) for e in entries), default=0)


def build_ncx(
    uid: str, title: str, language: str, entries: tuple[NavEntry, ...], text_dir: str
) -> bytes:
    """The NCX document; `dtb:uid` is the package's unique identifier, as EPUBCheck requires."""
    root = ET.Element(
        "ncx", {"xmlns": NCX_NS, "version": "2005-1", "xml:lang": xml_safe(language)}
    )
    head = ET.SubElement(root, "head")
    for name, content in (
        ("dtb:uid", uid),
        ("dtb:depth", str(max(1, depth(entries)))),
        ("dtb:totalPageCount", "0"),
        ("dtb:maxPageNumber", "0"),
    ):
        ET.SubElement(head, "meta", {"name": name, "content": xml_safe(content)})
    ET.SubElement(ET.SubElement(root, "docTitle"), "text").text = xml_safe(title)
    nav_map = ET.SubElement(root, "navMap")

    play_order = 0

    def add(parent: ET.Element, entry: NavEntry) -> None:
        nonlocal play_order
        play_order += 1
        point = ET.SubElement(
            parent, "navPoint", {"id": f"np-{entry.uid}", "playOrder": str(play_order)}
        )
        ET.SubElement(ET.SubElement(point, "navLabel"), "text").text = xml_safe(entry.title)
        ET.SubElement(point, "content", {"src": f"{text_dir}/{entry.href}"})
        for child in entry.children:
            add(point, child)

    for entry in entries:
        add(nav_map, entry)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + _NCX_DOCTYPE + body + "\n").encode()
