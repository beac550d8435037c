"""The long explanation of every diagnostic code: `octavo explain CODE`, `check --explain`.

Each code declares its explanation where the code is defined (a rule's decorator, the table in
`codes.py`, a check module's table) by calling `explained(...)`: what the finding means, why it
matters, how to fix it, and a before/after example. A test holds every registered code to all
of them. A module that declares codes is named in `DECLARING_MODULES`, so that looking a code up
imports it first.
"""

from __future__ import annotations

import importlib
import textwrap
from dataclasses import dataclass

from octavo.diagnostics import Severity

# Every module that declares codes. A new one adds its name here.
DECLARING_MODULES: tuple[str, ...] = (
    "octavo.codes",
    "octavo.check.text_rules",
    "octavo.check.dialogue_rules",
    "octavo.check.mechanics_rules",
    "octavo.check.confusable_rules",
    "octavo.check.anthology_rules",
    "octavo.check.typo_rules",
    "octavo.check.font_rules",
    "octavo.check.manifest_rules",
    "octavo.check.outputs",
    "octavo.check.pdf_preflight",
    "octavo.loop_codes",
)


@dataclass(frozen=True, slots=True)
class Explanation:
    code: str
    summary: str  # one line, as `explain --list` shows it
    meaning: str  # what the finding means
    why: str  # why it matters to the book or its readers
    fix: str  # how to fix it (or to silence it, when it is a judgement call)
    before: str  # an example that produces the finding
    after: str  # the same example, fixed
    severity: Severity | None = None  # the usual severity, where one is fixed

    @property
    def complete(self) -> bool:
        return all(part.strip() for part in (self.summary, self.meaning, self.why, self.fix,
                                              self.before, self.after))


REGISTRY: dict[str, Explanation] = {}


def explained(code: str, summary: str, *, meaning: str, why: str, fix: str, before: str,
              after: str, severity: Severity | None = None) -> Explanation:
    """Declare (and register) the explanation of `code`. A code is declared once."""
    explanation = Explanation(code, summary, meaning, why, fix, before, after, severity)
    known = REGISTRY.get(code)
    if known is not None and known != explanation:
        raise ValueError(f"{code} is declared twice, with different explanations")
    REGISTRY[code] = explanation
    return explanation


def severity_table(*explanations: Explanation) -> dict[str, tuple[Severity, str]]:
    """code → (severity, summary), for the check modules that keep such a table."""
    table = {}
    for e in explanations:
        assert e.severity is not None, f"{e.code} needs a severity"
        table[e.code] = (e.severity, e.summary)
    return table


def _load() -> None:
    for module in DECLARING_MODULES:
        importlib.import_module(module)


def lookup(code: str) -> Explanation | None:
    _load()
    return REGISTRY.get(code.strip().upper())


def all_explanations() -> list[Explanation]:
    _load()
    return [REGISTRY[code] for code in sorted(REGISTRY)]


def _paragraph(text: str, indent: str = "  ") -> str:
    return textwrap.fill(" ".join(text.split()), width=92, initial_indent=indent,
                         subsequent_indent=indent)


def _example(text: str) -> str:
    return "\n".join("    " + line for line in text.strip("\n").split("\n"))


def render(e: Explanation) -> str:
    """The explanation as `octavo explain` prints it."""
    severity = f" ({e.severity.value})" if e.severity else ""
    return "\n".join([
        f"{e.code}{severity}: {e.summary}",
        "",
        "What it means",
        _paragraph(e.meaning),
        "",
        "Why it matters",
        _paragraph(e.why),
        "",
        "How to fix it",
        _paragraph(e.fix),
        "",
        "Example",
        "  before:",
        _example(e.before),
        "  after:",
        _example(e.after),
    ]) + "\n"


def render_list() -> str:
    return "".join(f"{e.code}  {e.summary}\n" for e in all_explanations())
