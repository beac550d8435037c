"""What every backend provides, and the options and results they share."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Protocol

from octavo.diagnostics import Diagnostics
from octavo.document import Book
from octavo.pagemap import PageMap

if TYPE_CHECKING:
    from octavo.cache import BuildCache


class Progress(Protocol):
    """How a stage reports its steps; the CLI shows them, tests ignore them."""

    def stage(self, name: str, total: int) -> None: ...

    def step(self, label: str) -> None: ...


class NullProgress:
    def stage(self, name: str, total: int) -> None:
        pass

    def step(self, label: str) -> None:
        pass


@dataclass(frozen=True, slots=True)
class BuildOptions:
    output_dir: Path
    stem: str  # output file name without suffix, a slug of the title
    timestamp: dt.datetime  # fixed time for reproducible output (book date or SOURCE_DATE_EPOCH)
    cache: BuildCache | None = None  # where laid-out documents are kept between builds
    workers: int = 1  # processes for the work done per story (PDF layout)
    page_map: PageMap | None = None  # the print edition's pages, when the PDF was built first
    stores: tuple[str, ...] = ()  # EPUB store flavours to write beside the EPUB (--store)
    # Told the PDF's page map as soon as it is known, before the PDF is joined (a build of both
    # formats makes the EPUB then, beside the join: octavo.alongside).
    on_page_map: Callable[[PageMap], None] | None = None


@dataclass(frozen=True, slots=True)
class Artifact:
    format: str
    path: Path
    size: int
    pages: int | None = None
    page_map: PageMap | None = None  # the PDF's: where each page starts in the book's text


class Backend(Protocol):
    name: ClassVar[str]  # "epub" | "pdf": the CLI flag and registry key
    suffix: ClassVar[str]  # ".epub"

    def emit(
        self, book: Book, options: BuildOptions, diags: Diagnostics, progress: Progress
    ) -> Artifact:
        """Write the output to a temporary file via `atomic_output` and return the artifact."""
        ...


@contextmanager
def atomic_output(final_path: Path) -> Iterator[Path]:
    """Yield a temporary path beside `final_path`; move it into place only if the block succeeds.

    A failed or interrupted build therefore never leaves a partial file under the final name,
    and the temporary file is removed.
    """
    final_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{final_path.name}.", suffix=".part", dir=final_path.parent
    )
    os.close(fd)
    tmp_path = Path(tmp_name)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, final_path)
    finally:
        tmp_path.unlink(missing_ok=True)
