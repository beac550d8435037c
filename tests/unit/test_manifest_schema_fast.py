"""The compiled schema check (manifest_schema_fast) that spares a valid book.yaml the import of
jsonschema: made from the current schema, never accepting what jsonschema refuses, and
accepting the manifests jsonschema accepts."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from octavo import manifest_schema_fast
from octavo.manifest_schema import _validator, is_valid_fast
from octavo.resources import schema_path
from tests.property.test_manifest_structures import (
    mutated_manifests,
    random_manifests,
    valid_manifests,
)

SAMPLE = "manuscripts/book.yaml"


def test_the_compiled_check_is_made_from_the_current_schema() -> None:
    digest = hashlib.sha256(schema_path().read_bytes()).hexdigest()
    assert digest == manifest_schema_fast.SCHEMA_SHA256, (
        "book.schema.json changed: run `python tools/make_schema_check.py` and commit "
        "src/octavo/manifest_schema_fast.py (until then every manifest goes through jsonschema)")


def _jsonschema_accepts(data: Any) -> bool:
    return not any(True for _ in _validator().iter_errors(data))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(valid_manifests(), mutated_manifests(), random_manifests))
def test_the_compiled_check_agrees_with_jsonschema(data: dict[str, Any]) -> None:
    # Accepting what jsonschema refuses would lose its diagnostics: never. Refusing what it
    # accepts only costs the import (jsonschema then finds nothing): not on these either.
    assert is_valid_fast(data) == _jsonschema_accepts(data)


def test_a_valid_manifest_is_loaded_without_jsonschema() -> None:
    code = ("import sys; from pathlib import Path; from octavo.manifest import load_manifest; "
            f"m, w = load_manifest(Path({SAMPLE!r}), {SAMPLE!r}); "
            "print(m.title, 'jsonschema' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert run.stdout.split()[-1] == "False", run.stdout


def test_an_invalid_manifest_still_gets_jsonschemas_diagnostics() -> None:
    data = {"title": "T", "contents": ["a.txt"], "build": {"trim": 7}}
    assert not is_valid_fast(data)
    assert not _jsonschema_accepts(data)
