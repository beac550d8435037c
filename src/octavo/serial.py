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
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, enum.Enum):
        return {"@e": type(value).__name__, "v": value.value}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {"@": type(value).__name__}
        for name in _init_fields(type(value)):
            out[name] = _encode(getattr(value, name))
        return out
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    if isinstance(value, Path):
        return {"@p": str(value)}
    if isinstance(value, bytes):  # an image a manuscript carries
        return {"@b": base64.b64encode(value).decode("ascii")}
    if isinstance(value, frozenset):
        return {"@s": sorted(_encode(v) for v in value)}
    raise TypeError(f"cannot cache a {type(value).__name__}")


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
