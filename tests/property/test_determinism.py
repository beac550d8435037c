"""The property tests draw the same examples whatever other tests run beside them."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

from hypothesis.internal.conjecture import providers

REPO = Path(__file__).resolve().parents[2]


def test_examples_are_not_drawn_from_the_constants_of_imported_modules() -> None:
    import octavo.normalise.quotes
    import octavo.normalise.typography  # noqa: F401

    constants = providers._get_local_constants()
    assert not constants.strings and not constants.integers


def test_hypothesis_is_the_pinned_version() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    pinned = re.search(r'"hypothesis==([\d.]+)"', pyproject)
    assert pinned is not None, "hypothesis must be pinned (tests/conftest.py uses its internals)"
    assert importlib.metadata.version("hypothesis") == pinned.group(1)
