"""`octavo explain`: every code says what it means, why it matters, how to fix it, and shows a
before/after example."""

from __future__ import annotations

import re
from pathlib import Path

from octavo.explanations import all_explanations, lookup
from tests.conftest import REPO


def test_every_registered_code_has_all_four_parts() -> None:
    explanations = all_explanations()
    assert len(explanations) > 70
    incomplete = [e.code for e in explanations if not e.complete]
    assert incomplete == []
    same = [e.code for e in explanations if e.before.strip() == e.after.strip()]
    assert same == []


def test_every_code_in_the_source_is_registered() -> None:
    source = "\n".join(p.read_text(encoding="utf-8")
                       for p in (REPO / "src" / "octavo").rglob("*.py"))
    codes = set(re.findall(r'"(OCT\d{3})"', source))
    assert sorted(c for c in codes if lookup(c) is None) == []


def test_explain_prints_meaning_why_fix_and_example(octavo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = octavo(tmp_path, "explain", "oct322")
    assert result.exit_code == 0
    text = result.output
    for heading in ("OCT322 (warning)", "What it means", "Why it matters", "How to fix it",
                    "before:", "after:"):
        assert heading in text
    assert "runs on into the next paragraph" in text
    assert text.index("before:") < text.index("“Come in, she said.") < text.index("after:")
    # check --explain says the same.
    assert octavo(tmp_path, "check", "--explain", "OCT322").output == text


def test_explain_list_and_unknown_codes(octavo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    listing = octavo(tmp_path, "explain", "--list").output.splitlines()
    assert len(listing) == len(all_explanations())
    assert any(line.startswith("OCT104  unknown key") for line in listing)
    unknown = octavo(tmp_path, "explain", "OCT999")
    assert unknown.exit_code == 2 and "explain --list" in unknown.output
    assert octavo(tmp_path, "explain").exit_code == 2
