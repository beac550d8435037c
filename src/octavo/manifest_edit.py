"""Edit book.yaml the way its author would: a ruamel.yaml round trip that keeps every comment,
the order of keys, quoting and indentation, and changes only what is asked.

YAML gives comments that follow a list's last item to that item, so the commented-out
examples below `contents` would otherwise end up above the new entries; `append_to_contents`
moves them below the entries it adds.
"""

from __future__ import annotations

import copy
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long value the author kept on one line
    return yaml


def _sequence_indent(text: str) -> tuple[int, int]:
    """(sequence indent, dash offset) as the file writes `contents:` items."""
    found = re.search(r"^contents:[^\n]*\n(?:\s*#[^\n]*\n)*( *)- ", text, re.MULTILINE)
    offset = len(found.group(1)) if found else 2
    return offset + 2, offset


def _trailing_slot(node: Any) -> tuple[Any, Any] | None:
    """The node and key whose comment slot holds the comments after `node`'s last item."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedSeq) and len(node):
        key: Any = len(node) - 1
    elif isinstance(node, CommentedMap) and len(node):
        key = list(node)[-1]
    else:
        return None
    child = node[key]
    if node.ca.items.get(key) is None and isinstance(child, CommentedSeq | CommentedMap):
        return _trailing_slot(child) or (node, key)
    return node, key


def _comment_position(node: Any) -> int:
    from ruamel.yaml.comments import CommentedMap

    return 2 if isinstance(node, CommentedMap) else 0


def append_to_contents(text: str, entries: Sequence[Any]) -> str:
    """`text` (a book.yaml) with `entries` (paths, or {part: ..., contents: [...]}) appended to
    its contents list; everything else as it was."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.tokens import CommentToken

    yaml = _yaml()
    sequence, offset = _sequence_indent(text)
    yaml.indent(mapping=2, sequence=sequence, offset=offset)
    data = yaml.load(text)
    contents = data.get("contents")
    if not isinstance(contents, CommentedSeq):
        contents = CommentedSeq()
        data["contents"] = contents
    flow = contents.fa.flow_style()
    moved = None
    slot = _trailing_slot(contents)
    if slot is not None:
        node, key = slot
        entry = node.ca.items.get(key)
        token = entry[_comment_position(node)] if entry else None
        if isinstance(token, CommentToken) and "\n" in token.value.rstrip("\n"):
            line, _, rest = token.value.partition("\n")
            moved = copy.copy(token)
            moved.value = "\n" + rest
            token.value = line + "\n"
    for item in entries:
        if isinstance(item, dict):
            mapping = CommentedMap()
            for k, v in item.items():
                mapping[k] = CommentedSeq(v) if isinstance(v, list) else v
            contents.append(mapping)
        else:
            contents.append(item)
    if flow:
        contents.fa.set_flow_style()
    if moved is not None:
        new_slot = _trailing_slot(contents)
        if new_slot is not None:
            node, key = new_slot
            entry = [None, None, None, None]
            entry[_comment_position(node)] = moved
            node.ca.items[key] = entry
    out = io.StringIO()
    yaml.dump(data, out)
    return str(out.getvalue())


def write_manifest(path: Path, text: str) -> None:
    """Replace book.yaml with `text` atomically (a reader never sees half a file)."""
    import os

    temporary = path.with_name(f".{path.name}.editing")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
