"""Where a warm PDF build's CPU goes: the book built once (its cache filled), one story edited,
then built again in one process (-j 1, so every stage's CPU is this process's), cut into the
stages of `pdf_stages.py`.

    python benchmarks/pdf_warm.py BOOK_FOLDER OUT_FOLDER [--edit | --shift] [--both]
                                  [--profile FILE] [--pin-code FINGERPRINT]

The book's `.octavo-cache/` must be filled already (one build of it). `--edit` first makes the
proofreader's correction of `speed.py` (one sentence in the middle story); `--shift` makes the
middle story's text twice over, so that every later page's folio moves (a folio shift);
`--both` builds the EPUB as well; `--profile` writes a cProfile of the build to FILE.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import functools
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pdf_stages

EXTRA_STAGES = (
    ("octavo.backends.pdf_compose", "_planned_documents", "  plan the documents"),
    ("octavo.backends.pdf_layout", "PdfLayout._found", "  laid-out documents from the cache"),
    ("octavo.backends.pdf_print", "set_page_boxes", "  page boxes"),
    ("octavo.backends.pdf_print", "remove_unused_colour_spaces", "  unused colour spaces"),
    ("octavo.backends.pdf_numbered", "folio_model", "  folio model from its sheets"),
    ("octavo.backends.pdf_numbered", "finish_headed", "  documents finished with heads"),
    ("octavo.backends.pdf_numbered", "number", "  folio numbers appended"),
)


def lengthen_one_story(book: Path) -> None:
    """An author's late addition: the middle story's text twice over (its page count grows by
    more than the blank verso before the next story, so every later page's folio moves)."""
    stories = sorted((book / "stories").glob("*.txt"))
    target = stories[len(stories) // 2]
    text = target.read_text(encoding="utf-8").rstrip("\n")
    target.write_text(f"{text}\n\n{text}\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("book", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--edit", action="store_true")
    parser.add_argument("--shift", action="store_true",
                        help="double the middle story (a folio shift)")
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--both", action="store_true", help="build the EPUB too (after the PDF, "
                        "as `octavo build` does)")
    parser.add_argument("--pin-code", metavar="FINGERPRINT",
                        help="use FINGERPRINT as octavo's code fingerprint in cache keys, so "
                        "that a cache filled before octavo was edited is used (only to measure "
                        "changes that do not change what cached entries mean)")
    args = parser.parse_args()
    if args.pin_code:
        from octavo import cache

        cache.code_fingerprint = lambda: args.pin_code  # type: ignore[assignment]
    from octavo import pipeline
    from octavo.backends.base import NullProgress

    if args.edit:
        import speed

        speed.edit_one_story(args.book)
    if args.shift:
        lengthen_one_story(args.book)
    for module, path, label in (*pdf_stages.STAGES, *EXTRA_STAGES):
        pdf_stages.patch_stage(module, path, functools.partial(pdf_stages._timed, label=label))
    pdf_stages._count_documents()
    profile = cProfile.Profile() if args.profile else None
    started, wall = time.process_time(), time.perf_counter()
    if profile:
        profile.enable()
    result = pipeline.build(args.book / "book.yaml", args.out,
                            ("pdf", "epub") if args.both else ("pdf",),
                            timestamp=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                            progress=NullProgress(), workers=1)
    if profile:
        profile.disable()
        profile.dump_stats(args.profile)
    total = time.process_time() - started
    print(f"{'stage':42s} {'calls':>5s} {'CPU s':>7s} {'excl.':>7s}")
    for _, _, label in (*pdf_stages.STAGES, *EXTRA_STAGES):
        if pdf_stages.calls[label]:
            print(f"{label:42s} {pdf_stages.calls[label]:5d} {pdf_stages.included[label]:7.2f} "
                  f"{pdf_stages.excluded[label]:7.2f}")
    print(f"{'whole build (imports not counted)':42s} {'':5s} {total:7.2f}   wall "
          f"{time.perf_counter() - wall:.1f} s")
    print(f"\n{'WeasyPrint documents':28s} {'count':>5s} {'CPU s':>7s} {'pages':>6s}")
    for kind, (count, cpu, pages) in sorted(pdf_stages.documents.items()):
        print(f"{kind:28s} {count:5.0f} {cpu:7.2f} {pages:6.0f}")
    pages = next((a.pages for a in result.artifacts if a.format == "pdf"), 0)
    print(f"\n{pages} pages; {len(result.diagnostics)} diagnostics")
    return 0


if __name__ == "__main__":
    sys.exit(main())
