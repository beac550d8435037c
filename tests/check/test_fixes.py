"""Fixes as data: each finding carries its replacement; `octavo fix` applies only the safe ones."""

from __future__ import annotations

import json

from octavo.check import check_text
from octavo.check.fixes import apply_safe_fixes, edits_for
from tests.conftest import BookFolder, run_octavo

SLIPS = ("“Why couldn’t you help?” She asked him. It was the end.Then he left.\n\n"
         "“I love you…” She whispered. I don’t know what your talking about.\n")


def test_safe_fixes_are_made_and_ambiguous_ones_are_not() -> None:
    fixed = apply_safe_fixes(SLIPS)
    assert fixed == ("“Why couldn’t you help?” she asked him. It was the end. Then he left.\n\n"
                     "“I love you…” she whispered. I don’t know what your talking about.\n")
    assert apply_safe_fixes(fixed) == fixed  # nothing left to do
    assert "OCT361" in [d.code for d in check_text(fixed, "s.txt")]  # still reported


def test_every_edit_replaces_exactly_its_span() -> None:
    findings = check_text(SLIPS, "s.txt")
    edits = edits_for(SLIPS, findings, frozenset({d.code for d in findings}))
    assert {SLIPS[e.start:e.end] for e in edits} == {"She", ".", "your"}
    assert sorted(e.text for e in edits) == [". ", "she", "she", "you're"]


def test_octavo_fix_applies_the_checks_safe_fixes(book: BookFolder) -> None:
    book.write("stories/a.txt", '"Why?" She asked. It ended.Then... Your a fool, he said.\n')
    book.manifest("title: Tales\nlanguage: en-US\ncontents: [stories/a.txt]\n")
    result = run_octavo("fix", book.root, cwd=book.root)
    assert result.returncode == 0, result.stderr
    assert (book.root / "stories/a.txt").read_text(encoding="utf-8") == (
        "“Why?” she asked. It ended. Then… Your a fool, he said.\n")
    check = run_octavo("check", "--format", "json", book.root, cwd=book.root)
    rows = [row for row in json.loads(check.stdout) if row["code"] == "OCT361"]
    assert [(row["column"], row["fix"]) for row in rows] == [(35, "You're")]
