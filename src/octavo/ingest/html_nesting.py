"""Web pages nested deeper than any parser keeps, flattened before parsing.

libxml2 (lxml's HTML parser) stops at a depth of 256 and silently drops everything below and
after it, so a page of thousands of nested <div>s or <b>s lost its text. Tags past MAX_DEPTH are
removed here (their text stays, in order); the words after the nest are read as usual.
"""

from __future__ import annotations

import re

MAX_DEPTH = 64
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr", "basefont", "frame", "keygen", "isindex"}
_RAW = {"script", "style", "textarea", "title", "xmp", "plaintext", "noscript", "template"}
_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][\w:.-]*)\b[^>]*?(/?)>", re.S)


def cap_html_nesting(text: str) -> tuple[str, bool]:
    """`text` with every tag nested deeper than MAX_DEPTH removed; whether any was."""
    if text.count("<") < MAX_DEPTH:
        return text, False
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # (tag, removed)
    position = 0
    depth = 0
    changed = False
    raw_until: re.Pattern[str] | None = None
    for match in _TAG.finditer(text):
        if raw_until is not None:
            if not raw_until.fullmatch(match.group(0)):
                continue
            raw_until = None
        closing, name, self_closing = match.group(1), (match.group(2) or "").lower(), match.group(3)
        if not name or name in _VOID or self_closing:
            continue  # comments, void and self-closed elements do not nest
        if not closing:
            removed = depth >= MAX_DEPTH
            stack.append((name, removed))
            if removed:
                out.append(text[position: match.start()])
                out.append(" ")
                position = match.end()
                changed = True
            else:
                depth += 1
            if name in _RAW:
                raw_until = re.compile(rf"</{re.escape(name)}\s*>", re.IGNORECASE)
            continue
        if not any(tag == name for tag, _ in stack):
            continue  # a stray end tag: the parser will judge it
        while stack:
            tag, removed = stack.pop()
            if not removed:
                depth -= 1
            if tag == name:
                if removed:
                    out.append(text[position: match.start()])
                    out.append(" ")
                    position = match.end()
                break
    out.append(text[position:])
    return "".join(out), changed
