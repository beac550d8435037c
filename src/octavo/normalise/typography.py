"""Typography on Text nodes: curly quotes, dashes and ellipses (smartypants), and spaces.

This is the basic pass; the full normaliser (apostrophes at word starts, quotes after dashes,
house styles) replaces `smarten` without changing its interface.
"""

from __future__ import annotations

import re

import smartypants

# Quotes, ``backticks'', "--" as an em dash (what authors mean by it: smartypants' "d", not "D"
# which reads "--" as an en dash), "..." as an ellipsis, and Unicode characters, not entities.
_ATTRS = (smartypants.Attr.q | smartypants.Attr.b | smartypants.Attr.d | smartypants.Attr.e
          | smartypants.Attr.u)
# Any run of spaces, tabs, no-break and other Unicode spaces → one space. Zero-width characters go.
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# smartypants reads "<…>" as an HTML tag and leaves it alone; protect the brackets so that text
# such as "<script>" is treated as prose (its quotes still curl) and restored afterwards.
_PROTECT = str.maketrans({"<": "\ue000", ">": "\ue001", "&": "\ue002"})
_RESTORE = str.maketrans({"\ue000": "<", "\ue001": ">", "\ue002": "&"})


def tidy_spaces(text: str) -> str:
    return _SPACES.sub(" ", _ZERO_WIDTH.sub("", text))


def smarten(text: str) -> str:
    if not any(c in text for c in "'\"`-."):
        return text
    curled: str = smartypants.smartypants(text.translate(_PROTECT), _ATTRS)
    return curled.translate(_RESTORE)
