"""book.yaml bytes → plain Python data plus a map from data paths to source positions.

PyYAML composes the document into nodes (which carry line and column marks) and this module
turns the nodes into dicts, lists and scalars itself, so that:
- every value, and every mapping key, can be traced back to `file:line:col`;
- only the core YAML tags are accepted (no `!!python/object`, no custom tags);
- alias expansion is bounded, so a "billion laughs" file fails fast instead of eating memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from octavo.diagnostics import OctavoError, Span

MAX_MANIFEST_BYTES = 1_000_000
# A real manifest has a few hundred nodes; 300 stories with 4 keys each is ~2,500.
MAX_EXPANDED_NODES = 50_000

_CORE = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {
    _CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}

Path_ = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class LoadedYaml:
    data: Any
    value_spans: dict[Path_, Span] = field(default_factory=dict)
    key_spans: dict[Path_, Span] = field(default_factory=dict)

    def span(self, path: Path_) -> Span:
        """The closest known position to `path` (the value, else its nearest parent)."""
        while path and path not in self.value_spans:
            path = path[:-1]
        return self.value_spans.get(path, Span(self._file, 1, 1))

    def key_span(self, path: Path_) -> Span:
        return self.key_spans.get(path) or self.span(path)

    @property
    def _file(self) -> str:
        return self.value_spans[()].path if () in self.value_spans else "book.yaml"


def _span(display: str, node: Node) -> Span:
    start, end = node.start_mark, node.end_mark
    return Span(display, start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def load_yaml(raw: bytes, display: str) -> LoadedYaml:
    """Parse manifest bytes; raise OctavoError with a located diagnostic on any problem."""
    if len(raw) > MAX_MANIFEST_BYTES:
        raise OctavoError.single(
            "OCT101", f"the manifest is larger than {MAX_MANIFEST_BYTES:,} bytes", Span(display)
        )
    text = _decode(raw, display)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        span = Span(display, mark.line + 1, mark.column + 1) if mark else Span(display)
        problem = exc.problem or exc.context or "syntax error"
        raise OctavoError.single("OCT101", f"invalid YAML: {problem}", span) from None
    except yaml.YAMLError as exc:
        raise OctavoError.single("OCT101", f"invalid YAML: {exc}", Span(display)) from None
    if root is None:
        raise OctavoError.single("OCT103", "the manifest is empty", Span(display, 1, 1))
    if not isinstance(root, MappingNode):
        raise OctavoError.single(
            "OCT103", "the manifest must be a mapping of keys to values", _span(display, root)
        )
    converter = _Converter(display)
    data = converter.convert(root, ())
    return LoadedYaml(data, converter.value_spans, converter.key_spans)


def _decode(raw: bytes, display: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise OctavoError.single(
            "OCT101",
            f"the manifest is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
            Span(display, line, column),
        ) from None


class _Converter:
    def __init__(self, display: str) -> None:
        self.display = display
        self.value_spans: dict[Path_, Span] = {}
        self.key_spans: dict[Path_, Span] = {}
        self.count = 0
        self._scalars = SafeConstructor()

    def convert(self, node: Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_EXPANDED_NODES:
            culprit = f"'{path[0]}'" if path else "the manifest"
            raise OctavoError.single(
                "OCT102",
                f"{culprit} expands to too many values (aliases nested too deeply?)",
                self.value_spans.get(path[:1], _span(self.display, node)),
            )
        if node.tag not in _ALLOWED_TAGS:
            raise OctavoError.single(
                "OCT102", f"YAML tag {node.tag!r} is not allowed here", _span(self.display, node)
            )
        self.value_spans.setdefault(path, _span(self.display, node))
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        if node.tag == _CORE + "timestamp":
            return node.value  # keep dates as written: "2026-11-21"
        try:
            return self._scalars.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            raise OctavoError.single(
                "OCT105", f"cannot read this value: {exc}", _span(self.display, node)
            ) from None

    def _mapping(self, node: MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _CORE + "merge":
                raise OctavoError.single(
                    "OCT102", "YAML merge keys (<<) are not allowed", _span(self.display, key_node)
                )
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if not isinstance(key, str) or key_node.tag != _CORE + "str":
                raise OctavoError.single(
                    "OCT105", f"keys must be text, not {key!r}", _span(self.display, key_node)
                )
            if key in result:
                raise OctavoError.single(
                    "OCT105", f"key {key!r} appears twice", _span(self.display, key_node)
                )
            self.key_spans[(*path, key)] = _span(self.display, key_node)
            result[key] = self.convert(value_node, (*path, key))
        return result
