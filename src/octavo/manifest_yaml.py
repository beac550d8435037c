"""book.yaml bytes → plain Python data plus a map from data paths to source positions.

PyYAML composes the document into nodes (which carry line and column marks) and this module
turns the nodes into dicts, lists and scalars itself, so that:
- every value, and every mapping key, can be traced back to `file:line:col`;
- only the core YAML tags are accepted (no `!!python/object`, no custom tags);
- alias expansion is bounded, so a "billion laughs" file fails fast instead of eating memory;
- nesting is bounded and an alias may not contain itself, so no document exhausts the stack;
- text must be Unicode characters: a lone surrogate ("\\ud800") cannot be written to a book.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.error import Mark
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from octavo.characters import BIDI_CONTROLS, CONTROL_CHARACTERS
from octavo.diagnostics import Diagnostic, OctavoError, Severity, Span

MAX_MANIFEST_BYTES = 1_000_000
# A real manifest has a few hundred nodes; 300 stories with 4 keys each is ~2,500.
MAX_EXPANDED_NODES = 50_000
# A real manifest nests six levels deep (contents → part → contents → story → author → name).
# PyYAML composes, and this module converts, recursively: a bound keeps both off the stack limit.
MAX_DEPTH = 32
_SURROGATE = re.compile("[\ud800-\udfff]")
# Invisible controls a "\0" or "\u202e" escape can put in a value.
_INVISIBLE_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}{BIDI_CONTROLS}]")

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


class _TooDeep(Exception):
    def __init__(self, mark: Mark) -> None:
        super().__init__("nested too deeply")
        self.mark = mark


class _BoundedLoader(yaml.SafeLoader):
    """The safe loader, refusing collections nested more than MAX_DEPTH deep."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                event: Any = self.peek_event()  # type: ignore[no-untyped-call]  # untyped stub
                raise _TooDeep(event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _text_span(display: str, text: str, position: int) -> Span:
    before = text[:position]
    return Span(display, before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1)


def load_yaml(raw: bytes, display: str) -> LoadedYaml:
    """Parse manifest bytes; raise OctavoError with a located diagnostic on any problem."""
    if len(raw) > MAX_MANIFEST_BYTES:
        raise OctavoError.single(
            "OCT101", f"the manifest is larger than {MAX_MANIFEST_BYTES:,} bytes",
            Span(display, 1, 1)
        )
    text = _decode(raw, display)
    try:
        root = yaml.compose(text, Loader=_BoundedLoader)
    except _TooDeep as exc:
        raise OctavoError.single(
            "OCT102", f"values are nested more than {MAX_DEPTH} levels deep",
            Span(display, exc.mark.line + 1, exc.mark.column + 1)) from None
    except yaml.MarkedYAMLError as exc:
        raise OctavoError([_syntax_error(exc, text, display)]) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids, such as a control code
        raise OctavoError.single(
            "OCT101", f"invalid YAML: character U+{exc.character:04X} is not allowed "
            "(save the file as plain UTF-8 text)", _text_span(display, text, exc.position)
        ) from None
    except yaml.YAMLError as exc:
        raise OctavoError.single("OCT101", f"invalid YAML: {exc}", Span(display, 1, 1)) from None
    if root is None:
        raise OctavoError.single("OCT103", "the manifest is empty", Span(display, 1, 1))
    if not isinstance(root, MappingNode):
        raise OctavoError.single(
            "OCT103", "the manifest must be a mapping of keys to values", _span(display, root)
        )
    converter = _Converter(display)
    data = converter.convert(root, ())
    return LoadedYaml(data, converter.value_spans, converter.key_spans)


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, display: str) -> Diagnostic:
    """PyYAML's complaint, in plain words where octavo knows what it usually means."""
    from octavo.manifest_hints import yaml_hint

    def at(mark: Mark | None) -> tuple[int, int] | None:
        return (mark.line, mark.column) if mark is not None else None

    problem = exc.problem or exc.context or "syntax error"
    hint = yaml_hint(text.split("\n"), problem, exc.context, at(exc.problem_mark),
                     at(exc.context_mark))
    if hint is not None:
        message, where, fix = hint
        line, column = where if where is not None else (0, 0)
        return Diagnostic(Severity.ERROR, "OCT101", f"invalid YAML: {message}",
                          Span(display, line + 1, column + 1), fix)
    mark = exc.problem_mark or exc.context_mark
    span = Span(display, mark.line + 1, mark.column + 1) if mark else Span(display, 1, 1)
    return Diagnostic(Severity.ERROR, "OCT101", f"invalid YAML: {problem}", span)


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
        self._open: set[int] = set()  # collections being converted: an alias back to one loops

    def convert(self, node: Node, path: Path_) -> Any:
        self.count += 1
        if id(node) in self._open or len(path) > MAX_DEPTH:
            culprit = f"'{path[0]}'" if path else "the manifest"
            raise OctavoError.single(
                "OCT102", f"{culprit} contains itself or is nested too deeply (through aliases)",
                self.value_spans.get(path[:1], _span(self.display, node)),
            )
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
        if isinstance(node, MappingNode | SequenceNode):
            self._open.add(id(node))
            try:
                if isinstance(node, MappingNode):
                    return self._mapping(node, path)
                return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
            finally:
                self._open.discard(id(node))
        assert isinstance(node, ScalarNode)
        self._check_text(node)
        if node.tag == _CORE + "timestamp":
            return node.value  # keep dates as written: "2026-11-21"
        try:
            return self._scalars.construct_object(node)
        except (yaml.YAMLError, ValueError, OverflowError, LookupError) as exc:
            # LookupError: PyYAML's own constructors fail so on `!!int ''` and `!!bool maybe`.
            problem = str(exc) if not isinstance(exc, LookupError) else (
                f"'{node.value}' is not a valid {node.tag.removeprefix(_CORE)}")
            raise OctavoError.single(
                "OCT105", f"cannot read this value: {problem}", _span(self.display, node)
            ) from None

    def _check_text(self, node: ScalarNode) -> None:
        if isinstance(node.value, str) and (found := _SURROGATE.search(node.value)):
            raise OctavoError.single(
                "OCT105", f"U+{ord(found.group()):04X} is half of a UTF-16 pair, not a character; "
                "remove the \\u escape or write the character itself", _span(self.display, node))
        if isinstance(node.value, str) and (found := _INVISIBLE_CONTROL.search(node.value)):
            raise OctavoError.single(
                "OCT105", f"the value holds the invisible control character U+{ord(found.group()):04X}, "
                "which a book cannot carry; remove it", _span(self.display, node))

    def _mapping(self, node: MappingNode, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _CORE + "merge":
                raise OctavoError.single(
                    "OCT102", "YAML merge keys (<<) are not allowed", _span(self.display, key_node)
                )
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if isinstance(key_node, ScalarNode):
                self._check_text(key_node)
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
