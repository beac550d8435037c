"""The only place that knows the stage order: load → ingest → normalise → compile → emit.

Everything is compiled before any output is written (Pelican's two phases), and each output is
written to a temporary file that replaces the final one only on success.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import gc
import re
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from octavo.alongside import Alongside
from octavo.backends import load_backend
from octavo.backends.base import Artifact, BuildOptions, NullProgress, Progress
from octavo.backends.stores import write_store_flavours
from octavo.cache import BuildCache
from octavo.check import book_findings
from octavo.check.early import EarlyBookFindings, likely_text
from octavo.compile import compile_book
from octavo.compile import prepare as prepare_compile
from octavo.diagnostics import Diagnostic, Diagnostics, OctavoError, Severity, Span
from octavo.document import Book, chapter_text, timestamp_from_date, word_count
from octavo.ingest import RawStory
from octavo.manifest import Manifest, load_manifest
from octavo.pagemap import PageMap
from octavo.paths import display_path
from octavo.stories import Meanwhile, StoryJob, StoryResult, default_workers, process_stories

FORMATS = ("epub", "pdf")


@dataclass(slots=True)
class BuildResult:
    book: Book
    artifacts: list[Artifact] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0
    stories_from_cache: int = 0  # manuscripts read, checked and normalised by an earlier build

    @property
    def words(self) -> int:
        return sum(word_count(chapter_text(c)) for c in self.book.chapters())


def slugify(title: str) -> str:
    """A readable file name from a title in any script: "Après la pluie" → "apres-la-pluie",
    "שירי ערש" → "שירי-ערש". Accented Latin letters lose their accents (file systems and
    stores handle ASCII best); letters, marks and digits of other scripts are kept."""
    out = []
    for char in unicodedata.normalize("NFC", title).casefold():
        base = unicodedata.normalize("NFKD", char)
        if base[:1].isascii() and base[:1].isalnum():
            out.append("".join(c for c in base if c.isascii()))
        elif unicodedata.category(char)[0] in "LMN":
            out.append(char)
        else:
            out.append("-")
    slug = re.sub(r"-+", "-", "".join(out)).strip("-")
    return slug[:80].rstrip("-") or "book"


# A manuscript's reading, kept between rebuilds of `octavo watch` / `preview`: the file's
# identity (path, size, mtime) and its job (every setting the reading uses) → the result.
SourceCache = dict[tuple[Path, int, int, StoryJob], StoryResult]


def load_book(manifest_path: Path, diags: Diagnostics, progress: Progress,
              lint: bool = False, cache: BuildCache | None = None, workers: int = 1,
              memory: SourceCache | None = None,
              meanwhile: Callable[[], object] | None = None) -> Book:
    """Read the manifest and every manuscript it names, normalise them, and compile the book.
    With `lint`, the manuscripts' text is checked as `octavo check` does; stories whose inputs
    did not change come from the build `cache` when one is given. `meanwhile` is done while
    worker processes read the stories (when they do)."""
    manifest, warnings = load_manifest(manifest_path, display_path(manifest_path))
    diags.extend(warnings)
    found = Diagnostics()
    if lint:
        from octavo.check.manifest_rules import manifest_findings

        found.extend(manifest_findings(manifest))
    def while_workers_read() -> None:
        if meanwhile is not None:
            meanwhile()
        prepare_compile(manifest)

    sources = read_sources(manifest, found, progress, lint, cache, workers, memory,
                           while_workers_read)
    diags.extend(apply_check_settings(found, manifest))
    if diags.has_errors:
        raise OctavoError(diags.sorted())
    progress.stage("Compile", 1)
    book = compile_book(manifest, sources, diags)
    progress.step(manifest.title)
    if diags.has_errors:
        raise OctavoError(diags.sorted())
    return book


def apply_check_settings(found: Diagnostics, manifest: Manifest) -> list[Diagnostic]:
    """The book's own check settings: codes it disables, codes it reports at another level."""
    levels = {code: Severity(level) for code, level in manifest.check_severity}
    return [dataclasses.replace(d, severity=levels.get(d.code, d.severity)) for d in found
            if d.code not in manifest.check_disabled]


def read_sources(manifest: Manifest, diags: Diagnostics, progress: Progress,
                 lint: bool = False, cache: BuildCache | None = None,
                 workers: int = 1, memory: SourceCache | None = None,
                 meanwhile: Callable[[], object] | None = None) -> dict[Path, RawStory]:
    entries = [(s.path, s.display, s.span, s.habits, s.docx_changes) for s in manifest.stories()]
    for source in (manifest.dedication, manifest.acknowledgements, *manifest.front,
                   *manifest.back):
        if source is not None and source.path is not None:
            entries.append((source.path, source.display or "", source.span, manifest.habits,
                            manifest.docx_changes))
    progress.stage("Read", len(entries))
    jobs = [StoryJob(path, display, span, manifest.house_style, lint, manifest.check_enabled,
                     manifest.house_words, habits, changes)
            for path, display, span, habits, changes in entries]
    sources: dict[Path, RawStory] = {}
    texts = []
    results: dict[int, StoryResult] = {}
    keys = [_memory_key(job) if memory is not None else None for job in jobs]
    for index, key in enumerate(keys):
        if memory is not None and key is not None and key in memory:
            results[index] = memory[key]
    cold = [i for i in range(len(jobs)) if i not in results]
    own_words = manifest.own_words | {word for pair in manifest.house_words for word in pair}
    early = check_early = None
    if lint:  # the whole-book checks, made while workers read the stories (check/early.py)
        early, check_early = _early_book_findings(jobs, dict(results), manifest.language,
                                                  own_words)

    def while_workers_read(raws: list[bytes | None]) -> None:
        if meanwhile is not None:
            meanwhile()
        if check_early is not None:
            check_early(raws)

    for index, (_, result) in zip(cold, process_stories([jobs[i] for i in cold],
                                                        cache or BuildCache(None), workers,
                                                        while_workers_read),
                                  strict=True):
        results[index] = result
        key = keys[index]
        if memory is not None and key is not None:
            memory[key] = result
    for index, job in enumerate(jobs):
        result = results[index]
        progress.step(job.display)
        diags.extend(result.diagnostics)
        if result.story is not None:
            sources[job.path] = result.story
        if result.text is not None:
            texts.append(result.text)
    if lint:
        made = early.findings(texts) if early is not None else None
        diags.extend(made if made is not None else book_findings(texts, manifest.language,
                                                                 own_words))
    return sources


def _early_book_findings(jobs: list[StoryJob], known: dict[int, StoryResult], language: str,
                         own_words: frozenset[str]
                         ) -> tuple[EarlyBookFindings, Meanwhile]:
    """The whole-book checks to make from the cold stories' bytes (`known`: the results
    already at hand), and the work that makes them."""
    early = EarlyBookFindings(lambda texts: book_findings(texts, language, own_words))

    def meanwhile(raws: list[bytes | None]) -> None:
        cold = iter(raws)
        texts = []
        for index, job in enumerate(jobs):
            if index in known:
                text = known[index].text
            else:
                raw = next(cold)
                text = likely_text(job.path, raw) if raw is not None else None
            if text is not None:
                texts.append(text)
        early.run(texts)
    return early, meanwhile


def _memory_key(job: StoryJob) -> tuple[Path, int, int, StoryJob] | None:
    """The file's identity (size, modification time) and the job, which holds everything else
    its reading depends on (house style, checks, habits, Word tracked-changes setting)."""
    try:
        stat = job.path.stat()
    except OSError:
        return None
    return (job.path, stat.st_size, stat.st_mtime_ns, job)


def check_output_dir(output_dir: Path) -> None:
    span = Span(str(output_dir))
    if output_dir.exists() and not output_dir.is_dir():
        raise OctavoError.single("OCT400", "the output path is a file, not a folder", span)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=output_dir):
            pass
    except OSError as exc:
        raise OctavoError.single(
            "OCT400", f"cannot write to the output folder: {exc.strerror}", span) from None


def build(manifest_path: Path, output_dir: Path, formats: tuple[str, ...],
          timestamp: dt.datetime | None = None,
          progress: Progress | None = None, lint: bool = False,
          use_cache: bool = True, workers: int | None = None,
          stores: tuple[str, ...] = (), memory: SourceCache | None = None) -> BuildResult:
    """Build the book in the given formats. Raises OctavoError with diagnostics on failure.
    `workers`: processes for the per-story work (default: one per core; 1 runs it all here).
    `memory` keeps manuscripts read between the rebuilds of `octavo watch`, beside the book's
    on-disk cache (which a rebuild still checks, by content)."""
    _freeze_at_exit()
    try:
        return _build(manifest_path, output_dir, formats, timestamp, progress, lint, use_cache,
                      workers, stores, memory)
    finally:
        gc.unfreeze()  # the book, frozen once read (below)


@functools.cache
def _freeze_at_exit() -> None:
    """At exit, everything left is set aside from the collector, whose last passes over the
    heap would find nothing to free that the end of the process does not (on the 1M-word book,
    a fifth of a CPU second after the book was written). Its finalizers (weakref.finalize,
    temporary folders) and the other exit handlers still run."""
    import atexit

    atexit.register(gc.freeze)


def _build(manifest_path: Path, output_dir: Path, formats: tuple[str, ...],
           timestamp: dt.datetime | None, progress: Progress | None, lint: bool,
           use_cache: bool, workers: int | None, stores: tuple[str, ...],
           memory: SourceCache | None) -> BuildResult:
    started = time.perf_counter()
    progress = progress or NullProgress()
    diags = Diagnostics()
    cache = BuildCache.for_book(manifest_path.parent, enabled=use_cache)
    workers = workers if workers is not None else default_workers()
    # The backends' modules (templates, ebooklib, WeasyPrint) are imported while the workers
    # read the stories: this process would otherwise import them after, on its own.
    with _collector_paced_for_reading():
        book = load_book(manifest_path, diags, progress, lint, cache, workers, memory,
                         meanwhile=functools.partial(_load_backends, formats))
    # The book lives until the build ends: set aside from the collector, which would otherwise
    # scan its million objects again at each of its full passes while the backends run.
    gc.freeze()
    check_output_dir(output_dir)
    result = BuildResult(book, stories_from_cache=cache.hits)
    # Every format is written into a staging folder first and moved into place only when all of
    # them succeeded: a failed PDF never leaves a new EPUB beside last week's PDF.
    with tempfile.TemporaryDirectory(prefix=".octavo-build-", dir=output_dir) as staging:
        options = BuildOptions(
            output_dir=Path(staging),
            stem=slugify(book.meta.title),
            timestamp=(timestamp or newest_change(book.source_files)
                       or timestamp_from_date(book.meta.date) or _today()),
            stores=stores,
            cache=cache if cache.enabled else None,
            workers=workers,
        )
        staged: list[Artifact] = []
        epub_beside = _EpubBesideThePdf(book) if {"epub", "pdf"} <= set(formats) else None
        if epub_beside is not None:
            options = dataclasses.replace(options, on_page_map=epub_beside.start(options))
        try:
            # The PDF first: its page map gives the EPUB the print edition's page list.
            for name in sorted(formats, key=lambda f: f != "pdf"):
                artifact = None
                if name == "epub" and epub_beside is not None:
                    artifact = epub_beside.collect(diags, progress)
                if artifact is None:
                    artifact = load_backend(name).emit(book, options, diags, progress)
                staged.append(artifact)
                if artifact.page_map is not None:
                    options = dataclasses.replace(options, page_map=artifact.page_map,
                                                  on_page_map=None)
                if diags.has_errors:
                    raise OctavoError(diags.sorted())
        finally:
            if epub_beside is not None:
                epub_beside.cancel()  # a failed PDF: the EPUB is not wanted (nor left)
        if "epub" in formats and options.page_map is None:
            diags.info("OCT470", "the EPUB has no page list: build the PDF with it (octavo "
                       "build without --epub) for pages that match the print edition")
        staged.extend(write_store_flavours(book, options, diags, progress, staged))
        for artifact in staged:
            final_path = output_dir / artifact.path.name
            artifact.path.replace(final_path)
            result.artifacts.append(dataclasses.replace(artifact, path=final_path))
    result.diagnostics = diags.sorted()
    result.seconds = time.perf_counter() - started
    return result


# The cyclic garbage collector's pace while the stories are read, checked, normalised and
# compiled: a pass per 50,000 new objects instead of 700. That makes millions of small objects
# that live until the build ends (the book's tree) and almost no reference cycles, and at the
# default pace the collector took about 4 % of a 1M-word build's CPU time scanning the same
# tree again and again. The story workers, forked then, inherit it. The backends run at the
# default pace: WeasyPrint's layout leaves cyclic garbage, and the PDF's memory is counted.
_READING_GC_THRESHOLDS = (50_000, 20, 100)


@contextlib.contextmanager
def _collector_paced_for_reading() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*_READING_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


# A cold build's join lays out sheets in worker processes while it holds every document: an
# EPUB made beside it takes the 1M-word book past its memory budget (400 MiB, all processes
# counted: 411 measured). A rebuild's join, mostly from the cache, is light, and the EPUB goes
# beside it. The bytes are the same either way.
BESIDE_COLD_JOINS = False


def _join_is_light(cache: BuildCache | None) -> bool:
    return BESIDE_COLD_JOINS or (cache is not None and cache.hits > cache.misses)


class _EpubBesideThePdf:
    """A build of both formats: the EPUB made in a forked process while the PDF is joined
    (octavo.alongside), from the page map the PDF gives it as soon as its pages are laid out,
    when the join is light (a rebuild's).
    Where the process cannot fork (threads running), or the child gives no answer, the EPUB
    is made here after the PDF, as before: the same bytes either way."""

    def __init__(self, book: Book) -> None:
        self._book = book
        self._child: Alongside | None = None

    def start(self, options: BuildOptions) -> Callable[[PageMap], None]:
        def with_page_map(page_map: PageMap) -> None:
            from octavo.forking import can_fork

            if self._child is not None or not can_fork() or not _join_is_light(options.cache):
                return
            # One process: this one goes on joining the PDF on the other core.
            epub_options = dataclasses.replace(options, page_map=page_map, on_page_map=None,
                                               workers=1)
            backend = load_backend("epub")
            self._child = Alongside(functools.partial(backend.emit, self._book, epub_options))
        return with_page_map

    def collect(self, diags: Diagnostics, progress: Progress) -> Artifact | None:
        """The EPUB the child made (None: none was started, or it gave no answer)."""
        if self._child is None:
            return None
        child, self._child = self._child, None
        return child.collect(diags, progress)

    def cancel(self) -> None:
        if self._child is not None:
            self._child.cancel()
            self._child = None


def _load_backends(formats: tuple[str, ...]) -> None:
    for name in formats:
        load_backend(name)


def newest_change(files: tuple[Path, ...]) -> dt.datetime | None:
    """The newest modification time among the book's sources, to the second: the EPUB's
    dcterms:modified (a corrected manuscript gives a new one; untouched sources the same)."""
    times = []
    for path in files:
        try:
            times.append(int(path.stat().st_mtime))
        except OSError:
            continue
    return dt.datetime.fromtimestamp(max(times), dt.UTC) if times else None


def _today() -> dt.datetime:
    today = dt.datetime.now(dt.UTC).date()
    return dt.datetime(today.year, today.month, today.day, tzinfo=dt.UTC)
