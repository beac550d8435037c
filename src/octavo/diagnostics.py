"""One diagnostic type for every stage: manifest loader, ingest, compiler and backends.

Library code never prints or exits: it records diagnostics in a `Diagnostics` collector, or
raises `OctavoError` carrying them when it cannot go on. Only the CLI turns them into output and
an exit status.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """A place in a source file: 1-based line and column. In a format without lines (a .docx,
    an EPUB) `paragraph` is the 1-based paragraph and `column` a character in it:
    `story.docx:¶12:40`."""

    path: str
    line: int = 0
    column: int = 0
    end_line: int | None = None
    end_column: int | None = None
    paragraph: int = 0

    def __str__(self) -> str:
        if self.paragraph > 0:
            return f"{self.path}:¶{self.paragraph}:{max(self.column, 1)}"
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{max(self.column, 1)}"


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    severity: Severity
    code: str
    message: str
    span: Span | None = None
    fix: str | None = None

    def __str__(self) -> str:
        where = f"{self.span}: " if self.span else ""
        return f"{where}{self.severity.value} {self.code} {self.message}"

    def sort_key(self) -> tuple[str, int, int, str]:
        if self.span is None:
            return ("", 0, 0, self.code)
        return (self.span.path, self.span.line or self.span.paragraph, self.span.column, self.code)


@dataclass(slots=True)
class Diagnostics:
    """Collects diagnostics from the stages of one run."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.items.append(diagnostic)

    def error(self, code: str, message: str, span: Span | None = None, fix: str | None = None) -> None:
        self.add(Diagnostic(Severity.ERROR, code, message, span, fix))

    def warning(
        self, code: str, message: str, span: Span | None = None, fix: str | None = None
    ) -> None:
        self.add(Diagnostic(Severity.WARNING, code, message, span, fix))

    def info(self, code: str, message: str, span: Span | None = None) -> None:
        self.add(Diagnostic(Severity.INFO, code, message, span))

    def extend(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.items.extend(diagnostics)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=Diagnostic.sort_key)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class OctavoError(Exception):
    """An expected failure: the run stops, and these diagnostics say why."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    @classmethod
    def single(cls, code: str, message: str, span: Span | None = None) -> OctavoError:
        return cls([Diagnostic(Severity.ERROR, code, message, span)])
