"""Validate manifest data against book.schema.json and turn every failure into a diagnostic.

A valid manifest is recognised by the schema compiled to Python (manifest_schema_fast, made by
tools/make_schema_check.py), which needs no jsonschema; jsonschema, imported only then, gives
the diagnostics of one that is not (and checks every manifest when the schema has changed since
the compiled check was made)."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from typing import TYPE_CHECKING, Any

from octavo.diagnostics import Diagnostic, Severity
from octavo.manifest_hints import suggest_key
from octavo.manifest_yaml import LoadedYaml
from octavo.resources import schema_path

_TYPE_NAMES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a mapping",
    "boolean": "true or false",
    "null": "empty",
}


# What the schema's `propertyNames` patterns mean, in words.
_KEY_RULES = {
    "^OCT[0-9]{3}$": "give a diagnostic code such as OCT310",
    "\\S": "it must not be blank",
}


if TYPE_CHECKING:
    from collections.abc import Callable

    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError


@cache
def _validator() -> Draft202012Validator:
    from jsonschema import Draft202012Validator

    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


@cache
def _compiled_check() -> Callable[[Any], object] | None:
    """The schema compiled to Python, when it was compiled from this very schema."""
    from octavo import manifest_schema_fast

    made_from = manifest_schema_fast.SCHEMA_SHA256
    if hashlib.sha256(schema_path().read_bytes()).hexdigest() != made_from:
        return None
    check: Callable[[Any], object] = manifest_schema_fast.validate
    return check


def is_valid_fast(data: Any) -> bool:
    """True only when the compiled schema accepts `data`; False means "ask jsonschema"."""
    check = _compiled_check()
    if check is None:
        return False
    try:
        check(data)
    except Exception:  # fastjsonschema's JsonSchemaValueException, or data it cannot handle
        return False
    return True


def schema_diagnostics(loaded: LoadedYaml) -> list[Diagnostic]:
    if is_valid_fast(loaded.data):
        return []
    errors = list(_validator().iter_errors(loaded.data))
    # A misspelt key already says which key it means: no "missing the required key" for it.
    meant: set[tuple[tuple[str | int, ...], str]] = set()
    for error in errors:
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = _allowed_keys(error.schema)
            for name in set(error.instance) - set(allowed):
                guess = suggest_key(name, allowed)
                if guess:
                    meant.add((tuple(error.absolute_path), guess))
    diagnostics: list[Diagnostic] = []
    for error in errors:
        if error.validator == "required" and (tuple(error.absolute_path),
                                              error.message.split("'")[1]) in meant:
            continue
        diagnostics.extend(_translate(error, loaded))
    return diagnostics


def _describe(value: Any) -> str:
    for name, kind in (
        ("text", str), ("true or false", bool), ("a number", (int, float)),
        ("a list", list), ("a mapping", dict),
    ):
        if isinstance(value, kind):
            return name
    return "empty" if value is None else type(value).__name__


def _where(path: tuple[str | int, ...]) -> str:
    if not path:
        return "the manifest"
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return f"'{text}'"


def _allowed_keys(schema: dict[str, Any]) -> list[str]:
    return sorted(schema.get("properties", {}))


def _translate(error: ValidationError, loaded: LoadedYaml) -> list[Diagnostic]:
    path = tuple(error.absolute_path)
    schema: Any = error.schema
    instance: Any = error.instance
    expected: Any = error.validator_value
    where = _where(path)

    def diag(message: str, span_path: tuple[str | int, ...] = path, *, key: bool = False,
             code: str = "OCT105", fix: str | None = None) -> Diagnostic:
        span = loaded.key_span(span_path) if key else loaded.span(span_path)
        return Diagnostic(Severity.ERROR, code, message, span, fix)

    if "propertyNames" in error.schema_path:  # a key, not a value, is wrong
        detail = _KEY_RULES.get(str(expected), error.message)
        return [diag(f"key '{instance}' in {where} is not allowed: {detail}", (*path, instance),
                     key=True)]
    match error.validator:
        case "additionalProperties":
            allowed = _allowed_keys(schema)
            extra = sorted(set(instance) - set(allowed))
            found = []
            for name in extra:
                guess = suggest_key(name, allowed)
                hint = f"; did you mean '{guess}'?" if guess else f"; known keys: {', '.join(allowed)}"
                found.append(diag(f"unknown key '{name}' in {where}{hint}", (*path, name),
                                  key=True, code="OCT104", fix=guess))
            return found
        case "required":
            missing = error.message.split("'")[1]
            return [diag(f"{where} is missing the required key '{missing}'", code="OCT106")]
        case "type":
            names = [expected] if isinstance(expected, str) else list(expected)
            wanted = " or ".join(_TYPE_NAMES.get(n, n) for n in names)
            return [diag(f"{where} must be {wanted}, not {_describe(instance)}")]
        case "minItems":
            return [diag(f"{where} must not be empty",
                         code="OCT113" if path[-1:] == ("contents",) else "OCT105")]
        case "minLength":
            return [diag(f"{where} must not be empty")]
        case "enum":
            options = ", ".join(repr(v) for v in expected)
            return [diag(f"{where} must be one of {options}")]
        case "minimum" | "maximum":
            side = "above the maximum" if error.validator == "maximum" else "below the minimum"
            low, high = schema.get("minimum"), schema.get("maximum")
            span = f"; it must be from {low:g} to {high:g}" if low is not None and \
                high is not None else ""
            return [diag(f"{where} is {instance:g}, {side} of {expected:g}{span}")]
        case "oneOf" | "anyOf":
            return [diag(f"{where} must be text or a list of text, not {_describe(instance)}")]
        case _:
            return [diag(f"{where}: {error.message}")]
