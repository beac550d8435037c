"""Which findings to show first when there are too many to read: a build's short report."""

from __future__ import annotations

from octavo.diagnostics import Diagnostic, Severity

_SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
# Manifest problems first (they shape the whole book), then damaged manuscripts, build and
# output problems, and last the text checks, which are an editor's queries.
_FAMILY_RANK = {"1": 0, "2": 1, "4": 2, "3": 3}


def importance(d: Diagnostic) -> tuple[int, int, str]:
    family = d.code[3:4] if d.code.startswith("OCT") else "9"
    return (_SEVERITY_RANK[d.severity], _FAMILY_RANK.get(family, 4), d.code)


def most_important(diagnostics: list[Diagnostic], count: int = 3) -> list[Diagnostic]:
    """Up to `count` findings, one per code while there are other codes to show, the most
    important first; returned in file order, as they read best."""
    ranked = sorted(diagnostics, key=lambda d: (importance(d), d.sort_key()))
    picked: list[Diagnostic] = []
    seen: set[str] = set()
    for d in ranked:
        if len(picked) < count and d.code not in seen:
            picked.append(d)
            seen.add(d.code)
    for d in ranked:
        if len(picked) >= count:
            break
        if d not in picked:
            picked.append(d)
    return sorted(picked, key=Diagnostic.sort_key)
