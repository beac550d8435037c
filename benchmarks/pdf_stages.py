"""Where a PDF build's CPU goes: one serial build (-j 1, so every stage runs in this process and
the CPU of each is measured with `time.process_time`), cut into stages.

    python benchmarks/pdf_stages.py BOOK.yaml OUT_FOLDER

Prints, per stage, its calls and CPU seconds including and excluding the stages inside it, and
the WeasyPrint documents laid out by kind: the stories, the typesetting pass's probe galleys,
the front matter and the folio sheet's parts (CPU, pages, seconds per page); and the probe
galleys by round (a story's first probe, its second...): the variants each round laid out, and
how many of them the pass put in place of their paragraphs. A parallel build
does the same work in its workers; its CPU total minus this one is the cost of the workers
(forking, pickling the laid-out documents back).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

# (module, attribute path, label). A name imported with `from m import f` is patched where it is
# used too (see `_wrap`).
STAGES = (
    ("octavo.pipeline", "load_book", "read, normalise, check the book"),
    ("octavo.backends.pdf_layout", "PdfLayout.__init__", "fonts and stylesheets"),
    ("octavo.backends.pdf", "compose_book", "lay out the book (compose_book)"),
    ("octavo.backends.pdf_typeset", "typeset_story", "  typesetting pass, renders included"),
    ("weasyprint", "HTML.__init__", "  WeasyPrint: parse HTML"),
    ("weasyprint", "CSS.__init__", "  WeasyPrint: parse CSS"),
    ("weasyprint", "HTML.render", "  WeasyPrint: style and lay out"),
    ("weasyprint.document", "get_all_computed_styles", "    of which the styles"),
    ("weasyprint.document", "Document.write_pdf", "  WeasyPrint: write PDF"),
    ("octavo.backends.pdf_layout", "page_starts", "  page starts (EPUB page list)"),
    ("octavo.backends.pdf_layout", "PdfLayout.folio_sheets", "folio sheet (lay out, write)"),
    ("octavo.backends.pdf", "_assemble", "join the documents"),
    ("octavo.backends.pdf_assemble", "Assembler.append", "  open and append"),
    ("octavo.backends.pdf", "finish_documents", "finish the documents (folios drawn in)"),
    ("octavo.backends.pdf", "unify_fonts", "  one program per font"),
    ("octavo.backends.pdf", "mark_pdfx", "PDF/X marks"),
    ("pikepdf", "Pdf.save", "save"),
    ("octavo.check.pdf_preflight", "preflight", "preflight"),
)

included: dict[str, float] = defaultdict(float)
excluded: dict[str, float] = defaultdict(float)
calls: dict[str, int] = defaultdict(int)
_inner: list[float] = []
documents: dict[str, list[float]] = defaultdict(lambda: [0, 0.0, 0])  # kind → renders, CPU, pages


def _timed(function: Callable[..., Any], label: str) -> Callable[..., Any]:
    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        _inner.append(0.0)
        try:
            return function(*args, **kwargs)
        finally:
            spent = time.process_time() - started
            inside = _inner.pop()
            included[label] += spent
            excluded[label] += spent - inside
            calls[label] += 1
            if _inner:
                _inner[-1] += spent
    return timed


def patch_stage(module_name: str, path: str,
                wrap: Callable[[Callable[..., Any]], Callable[..., Any]]) -> None:
    """Replace the function at `path` (`name` or `Class.name`) of `module_name` by `wrap` of
    it, there and in every module that imported it by name. (pdf_timeline.py uses it too.)"""
    owner: Any = importlib.import_module(module_name)
    *parents, name = path.split(".")
    for parent in parents:
        owner = getattr(owner, parent)
    original = getattr(owner, name)
    wrapped = wrap(original)
    setattr(owner, name, wrapped)
    if not parents:  # `from module import name` elsewhere
        for module in list(sys.modules.values()):
            if getattr(module, name, None) is original:
                setattr(module, name, wrapped)


def _kind(html: str) -> str:
    if 'class="folio-sheet"' in html:
        return "folio sheet"
    if "60000px" in html:
        return "probe galley"
    return "story" if 'class="story' in html else "other (front, parts, back)"


def _count_documents() -> None:
    from octavo.backends import pdf_layout

    original = pdf_layout.PdfLayout._layout

    def counted(self: Any, html: str, extra: list[Any]) -> Any:
        started = time.process_time()
        document = original(self, html, extra)
        found = documents[_kind(html)]
        found[0] += 1
        found[1] += time.process_time() - started
        found[2] += len(document.pages)
        return document

    pdf_layout.PdfLayout._layout = counted  # type: ignore[method-assign]


# round (1 = a story's first probe) → probes, CPU s, variants laid out, variants put in place
rounds: dict[int, list[float]] = defaultdict(lambda: [0, 0.0, 0, 0])
_story_probes: list[set[tuple[int, str]]] = []  # the current story's probes' variant keys
by_variant: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # name → laid out, put in place


def _count_probes() -> None:
    """Each probe's round, CPU and variants, and which round's variants the pass adopts."""
    from octavo.backends import pdf_typeset

    probe_variants, substitute = pdf_typeset.probe_variants, pdf_typeset.VariantSearch.substitute
    typeset_story = pdf_typeset.typeset_story

    def probed(html: str, flow: Any, wanted: dict[int, tuple[str, ...]], lay_out: Any) -> Any:
        started = time.process_time()
        result = probe_variants(html, flow, wanted, lay_out)
        found = rounds[len(_story_probes) + 1]
        found[0] += 1
        found[1] += time.process_time() - started
        found[2] += sum(len(names) for names in wanted.values())
        for names in wanted.values():
            for name in names:
                by_variant[name][0] += 1
        _story_probes.append({(index, name) for index, names in wanted.items()
                              for name in names})
        return result

    def substituted(self: Any, key: tuple[int, str]) -> None:
        for number, keys in enumerate(_story_probes, start=1):
            if key in keys:
                rounds[number][3] += 1
                break
        by_variant[key[1]][1] += 1
        substitute(self, key)

    def story(*args: Any, **kwargs: Any) -> Any:
        _story_probes.clear()
        return typeset_story(*args, **kwargs)

    pdf_typeset.probe_variants = probed  # type: ignore[assignment]
    pdf_typeset.VariantSearch.substitute = substituted  # type: ignore[method-assign]
    pdf_typeset.typeset_story = functools.wraps(typeset_story)(story)


collector = [0.0, 0.0]  # CPU s the cyclic garbage collector took, the start of its pass


def _time_collector() -> None:
    import gc

    def timed(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collector[1] = time.process_time()
        else:
            collector[0] += time.process_time() - collector[1]

    gc.callbacks.append(timed)


def main(manifest: Path, out: Path) -> None:
    from octavo import pipeline
    from octavo.backends.base import NullProgress

    for module, path, label in STAGES:  # each stage patched in the module that calls it
        patch_stage(module, path, functools.partial(_timed, label=label))
    _count_documents()
    _count_probes()
    _time_collector()
    started, wall = time.process_time(), time.perf_counter()
    pipeline.build(manifest, out, ("pdf",), timestamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                   progress=NullProgress(), lint=True, use_cache=False, workers=1)
    total = time.process_time() - started
    print(f"{'stage':42s} {'calls':>5s} {'CPU s':>7s} {'excl.':>7s}")
    for _, _, label in STAGES:
        print(f"{label:42s} {calls[label]:5d} {included[label]:7.2f} {excluded[label]:7.2f}")
    print(f"{'garbage collector (inside the stages)':42s} {'':5s} {collector[0]:7.2f}")
    print(f"{'whole build (imports not counted)':42s} {'':5s} {total:7.2f}   wall "
          f"{time.perf_counter() - wall:.1f} s")
    print(f"\n{'WeasyPrint documents':28s} {'count':>5s} {'CPU s':>7s} {'pages':>6s} {'s/page':>7s}")
    for kind, (count, cpu, pages) in sorted(documents.items()):
        print(f"{kind:28s} {count:5.0f} {cpu:7.2f} {pages:6.0f} {cpu / max(pages, 1):7.4f}")
    print(f"\n{'probe round':12s} {'calls':>6s} {'CPU s':>7s} {'variants':>8s} {'adopted':>7s}")
    for number, (count, cpu, variants, adopted) in sorted(rounds.items()):
        print(f"{number:<12d} {count:6.0f} {cpu:7.2f} {variants:8.0f} {adopted:7.0f}")
    print(f"\n{'variant':12s} {'laid out':>8s} {'adopted':>7s}")
    for name, (laid_out, adopted) in sorted(by_variant.items()):
        print(f"{name:12s} {laid_out:8d} {adopted:7d}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
