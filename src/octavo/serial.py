"""The intermediate document as JSON, for the build cache: exact, and safe to read back.

Only the classes registered here can be rebuilt, field by field, so a cache entry is data and
never code. Sequences come back as tuples (every sequence in the frozen document is one).
"""

from __future__ import annotations

import base64
import dataclasses
import enum
import functools
import json
from pathlib import Path
from typing import Any

from octavo import diagnostics, document
from octavo.ingest import model


def _registry() -> dict[str, type]:
    found: dict[str, type] = {}
    for module in (document, model, diagnostics):
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == module.__name__ and (
                    dataclasses.is_dataclass(value) or issubclass(value, enum.Enum)):
                found[value.__name__] = value
    return found


_CLASSES = _registry()


def register(*classes: type) -> None:
    """Let these (frozen dataclass) types be cached too."""
    for cls in classes:
        _CLASSES[cls.__name__] = cls


def dumps(value: Any) -> bytes:
    return json.dumps(_encode(value), ensure_ascii=False, separators=(",", ":")).encode()


def loads(data: bytes) -> Any:
    return _decode(json.loads(data))


def _encode(value: Any) -> Any:
    # Dispatched on the exact type, one encoder per class found once: a story's tree has a
    # hundred thousand nodes, and the checks below cost more than the encoding itself.
    kind = value.__class__
    if kind is str or value is None:
        return value
    encoder = _ENCODERS.get(kind)
    if encoder is None:
        encoder = _ENCODERS[kind] = _encoder_for(kind)
    return encoder(value)


def _same(value: Any) -> Any:
    return value


def _encoder_for(kind: type) -> Any:
    """How values of exactly this class are encoded (the order of the tests is the format's)."""
    if issubclass(kind, (str, int, float, bool)):
        return _same
    if issubclass(kind, enum.Enum):
        return lambda value: {"@e": kind.__name__, "v": value.value}
    if dataclasses.is_dataclass(kind):
        name, fields = kind.__name__, _init_fields(kind)

        def dataclass_fields(value: Any) -> dict[str, Any]:
            out: dict[str, Any] = {"@": name}
            for field in fields:
                out[field] = _encode(getattr(value, field))
            return out

        return dataclass_fields
    if issubclass(kind, (tuple, list)):
        return lambda value: [_encode(v) for v in value]
    if issubclass(kind, Path):
        return lambda value: {"@p": str(value)}
    if issubclass(kind, bytes):  # an image a manuscript carries
        return lambda value: {"@b": base64.b64encode(value).decode("ascii")}
    if issubclass(kind, frozenset):
        return lambda value: {"@s": sorted(_encode(v) for v in value)}

    def refused(value: Any) -> Any:
        raise TypeError(f"cannot cache a {kind.__name__}")

    return refused


_ENCODERS: dict[type, Any] = {}


@functools.cache
def _init_fields(cls: type) -> tuple[str, ...]:
    """The fields a dataclass is built from; the rest is derived again when it is rebuilt."""
    return tuple(f.name for f in dataclasses.fields(cls) if f.init)


def _decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_decode(v) for v in value)
    if not isinstance(value, dict):
        return value
    if "@" in value:
        cls = _CLASSES[value["@"]]  # KeyError: not ours, the caller treats it as a miss
        return cls(**{k: _decode(v) for k, v in value.items() if k != "@"})
    if "@e" in value:
        enum_cls = _CLASSES[value["@e"]]
        return enum_cls(value["v"])
    if "@p" in value:
        return Path(value["@p"])
    if "@b" in value:
        return base64.b64decode(value["@b"], validate=True)
    if "@s" in value:
        return frozenset(_decode(v) for v in value["@s"])
    raise ValueError("not a cached value")
