"""Web pages made safe: an inventory of what is hostile or remote, then nh3 (ammonia).

The inventory is taken on the page as saved, so the report can say what went: scripts, style
sheets, event handlers, frames and embedded objects, `javascript:` links, remote images and
other fetched resources, CSS `url()`. nh3 then keeps only text and harmless structure; nothing
it removes can reach an output, and octavo never fetches anything a page names.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

_ALLOWED_TAGS = {
    "p", "div", "span", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "i", "b", "strong",
    "u", "cite", "dfn", "var", "ins", "small", "big", "sup", "sub", "blockquote", "q", "ul", "ol",
    "li", "dl", "dt", "dd", "a", "code", "kbd", "samp", "tt", "pre", "center", "article",
    "section", "main", "header", "footer", "aside", "nav", "figure", "figcaption", "address",
    "table", "tbody", "thead", "tfoot", "tr", "td", "th", "abbr", "s", "strike", "del", "mark",
}
_ATTRIBUTES = {"*": {"class", "id", "lang", "dir", "align", "style"}, "a": {"href"},
               "ol": {"start"}}
# Only what carries meaning in fiction; no property here can name a URL.
_STYLE_PROPERTIES = {"text-align", "font-style", "font-weight", "font-variant", "margin-left",
                     "padding-left", "text-indent"}
_REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"url\s*\(", re.IGNORECASE)


def inventory(root: etree._Element) -> Counter[str]:
    """What the sanitiser will remove, counted by kind."""
    found: Counter[str] = Counter()
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.rsplit("}", 1)[-1].lower()
        if tag == "script":
            found["script"] += 1
        elif tag == "style":
            found["style sheet"] += 1
            if _CSS_URL.search(element.text or ""):
                found["CSS url()"] += 1
        elif tag in ("iframe", "frame", "frameset", "object", "embed", "applet"):
            found["frame or embedded object"] += 1
        elif tag in ("img", "picture", "source", "video", "audio", "track", "image"):
            source = element.get("src") or element.get("srcset") or element.get("href") or ""
            found["remote image or media" if _REMOTE.match(source) else "image"] += 1
        elif tag == "link" and element.get("href"):
            found["linked style sheet or resource"] += 1
        elif tag in ("form", "input", "button", "select", "textarea"):
            found["form control"] += 1
        for name, value in element.attrib.items():
            name = str(name).lower()
            if name.startswith("on"):
                found["event handler"] += 1
            elif name in ("href", "src", "action", "formaction", "xlink:href") and re.match(
                    r"^\s*(?:javascript|vbscript|data):", str(value), re.IGNORECASE):
                found["javascript: or data: link"] += 1
            elif name == "style" and _CSS_URL.search(str(value)):
                found["CSS url()"] += 1
    return found


def describe(found: Counter[str]) -> str:
    return ", ".join(f"{count} {kind}{'s' if count != 1 and not kind.endswith(')') else ''}"
                     for kind, count in sorted(found.items()))


def sanitise(html: str) -> str:
    """nh3's verdict: text and harmless structure only."""
    import nh3

    return str(nh3.clean(
        html, tags=_ALLOWED_TAGS,
        clean_content_tags={"script", "style", "template", "noscript", "textarea", "select",
                            "option", "title"},
        attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
        strip_comments=True, link_rel=None, filter_style_properties=_STYLE_PROPERTIES))
