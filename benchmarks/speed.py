"""Issue 11's table: octavo's build speed and memory, cold and warm, beside pandoc and
single-pass WeasyPrint, and build-many on a catalogue of small books.

    python benchmarks/speed.py [--quick] [--no-ray] [--catalogue 200]
    python benchmarks/speed.py --sizes 1M --formats epub --no-catalogue   # some rows only

Every build is a fresh process measured by `measure.py` (wall time from start to exit, and the
peak memory of its whole process tree, all workers summed). "cold" builds start with no
.octavo-cache; "warm" ones follow a cold build after one story was edited. The books are made
by synth.py, deterministically. The table goes to standard output and to
benchmarks/out/speed.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from measure import Measured, measure
from synth import count_words, make_anthology

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out" / "speed"
PY = sys.executable
SIZES = {"100k": (30, 100_000), "1M": (300, 1_000_000)}
# The targets.
EPUB_VS_PANDOC = 0.5
PDF_PER_PAGE_VS_WEASYPRINT = 0.6
PDF_SIZE_VS_SINGLE_PASS = 1.1
EPUB_1M_SECONDS, EPUB_1M_MIB = 3.0, 200
PDF_1M_MIB = 400
WARM_1M_SECONDS = 5.0
CHECK_1M_SECONDS = 3.0
HELP_SECONDS = 0.1


@dataclass
class Row:
    what: str
    run: Measured
    note: str = ""
    target: str = ""


@dataclass
class Table:
    rows: list[Row] = field(default_factory=list)
    ratios: list[tuple[str, float, float | None]] = field(default_factory=list)  # name, value, ≤
    failures: list[str] = field(default_factory=list)

    def add(self, row: Row) -> Measured:
        self.rows.append(row)
        if not row.run.ok:
            self.failures.append(f"{row.what} failed (see its log)")
        return row.run

    def ratio(self, name: str, value: float, limit: float | None) -> None:
        self.ratios.append((name, value, limit))
        if limit is not None and value > limit:
            self.failures.append(f"{name} = {value:.2f}, target ≤ {limit}")

    def markdown(self) -> str:
        lines = ["| run | wall s | CPU s | peak MiB (RSS sum) | peak MiB (PSS sum) | note |",
                 "|---|--:|--:|--:|--:|---|"]
        lines += [f"| {r.what} | {r.run.wall:.2f} | {r.run.cpu:.2f} | {r.run.peak_mib:.0f} | "
                  f"{r.run.peak_pss_mib:.0f} | {r.note}"
                  f"{' (' + r.target + ')' if r.target else ''} |" for r in self.rows]
        lines += ["", "| ratio | value | target |", "|---|--:|---|"]
        lines += [f"| {n} | {v:.2f} | {'≤ ' + str(t) if t is not None else '—'} |"
                  for n, v, t in self.ratios]
        return "\n".join(lines)


def octavo(*args: str | Path) -> list[str | Path]:
    return [PY, "-m", "octavo", *args]


def env_with_epoch() -> dict[str, str]:
    return dict(os.environ, SOURCE_DATE_EPOCH="1767225600")


# The 1M book's print edition runs to about 3,000 pages, past KDP's 828: it is built for a
# generic print shop, which takes any length.
PRINT_PROFILE = {"1M": "generic"}


def fresh_book(key: str) -> Path:
    stories, words = SIZES[key]
    folder = OUT / "books" / key
    if folder.exists():
        shutil.rmtree(folder)
    manifest = make_anthology(folder, stories=stories, words=words, seed=0)
    if key in PRINT_PROFILE:
        with manifest.open("a", encoding="utf-8") as out:
            out.write(f"build:\n  print: {PRINT_PROFILE[key]}\n")
    return folder


def edit_one_story(book: Path) -> None:
    """The proofreader's correction: one sentence changed in the middle story."""
    stories = sorted((book / "stories").glob("*.txt"))
    target = stories[len(stories) // 2]
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace(".", ". A correction.", 1), encoding="utf-8")


def pdf_pages(path: Path) -> int:
    import pikepdf

    with pikepdf.open(path) as pdf:
        return len(pdf.pages)


FORMATS = ("epub", "pdf", "both")


def bench_size(key: str, table: Table, formats: tuple[str, ...] = FORMATS,
               peers: bool = True, check: bool = True) -> None:
    book = fresh_book(key)
    words = count_words(book / "book.yaml")
    dist = OUT / "dist" / key
    logs = OUT / "logs"
    env = env_with_epoch()
    shutil.rmtree(dist, ignore_errors=True)

    def build(name: str, *flags: str) -> Measured:
        return measure(octavo("build", book, "-o", dist / name, *flags), log=logs / f"{key}-{name}.log",
                       env=env)

    measure(octavo("build", book, "-o", dist / "warmup", "--epub", "--no-cache"),
            log=logs / f"{key}-warmup.log", env=env)  # bytecode compiled, files in the page cache
    for label, flags in (("epub", ("--epub",)), ("pdf", ("--pdf",)), ("both", ()),):
        if label not in formats:
            continue
        shutil.rmtree(book / ".octavo-cache", ignore_errors=True)
        cold = table.add(Row(f"{key} {label} cold", build(f"{label}-cold", *flags),
                             f"{words:,} words"))
        edit_one_story(book)
        warm = table.add(Row(f"{key} {label} warm", build(f"{label}-warm", *flags),
                             "one story edited"))
        if key == "1M" and label == "epub":
            # The pages are rendered in workers forked from the build: as for the PDF, the
            # pages they share with it are counted once (the RSS sum is in the table too).
            _limit(table, "1M epub cold", replace(cold, peak_mib=cold.peak_pss_mib),
                   EPUB_1M_SECONDS, EPUB_1M_MIB)
        if key == "1M" and label == "pdf":
            # The workers are forked: the pages they share with the build are counted once.
            _limit(table, "1M pdf cold", replace(cold, peak_mib=cold.peak_pss_mib), None,
                   PDF_1M_MIB)
        if key == "1M" and label == "both":
            _limit(table, "1M both warm", warm, WARM_1M_SECONDS, None)
    shutil.rmtree(book / ".octavo-cache", ignore_errors=True)
    if key == "100k" and peers:
        compare_with_peers(key, book, dist, table, pdf="pdf" in formats)
    shutil.rmtree(book / ".octavo-cache", ignore_errors=True)
    if not check:
        return
    checked = table.add(Row(f"{key} check cold", measure(octavo("check", book),
                                                       log=logs / f"{key}-check.log", env=env),
                          "octavo check, every rule"))
    if key == "1M" and checked.wall > CHECK_1M_SECONDS:
        table.failures.append(f"1M check {checked.wall:.2f} s > {CHECK_1M_SECONDS} s")


def _limit(table: Table, name: str, run: Measured, seconds: float | None,
           mib: float | None) -> None:
    if seconds is not None and run.wall > seconds:
        table.failures.append(f"{name}: {run.wall:.2f} s > {seconds} s")
    if mib is not None and run.peak_mib > mib:
        table.failures.append(f"{name}: {run.peak_mib:.0f} MiB > {mib} MiB")


def compare_with_peers(key: str, book: Path, dist: Path, table: Table, pdf: bool = True) -> None:
    logs = OUT / "logs"
    env = env_with_epoch()
    octavo_epub = table.add(Row(f"{key} epub cold (again)",
                                measure(octavo("build", book, "-o", dist / "epub-peer", "--epub"),
                                        log=logs / f"{key}-epub-peer.log", env=env)))
    stories = sorted((book / "stories").glob("*.txt"))
    pandoc = table.add(Row(f"{key} pandoc epub", measure(
        ["pandoc", "--from", "markdown", "--to", "epub3", "--metadata", "title=Benchmark",
         "-o", dist / "pandoc.epub", *stories], log=logs / f"{key}-pandoc.log"),
        "same text, pandoc's defaults"))
    if pandoc.ok:
        table.ratio(f"{key} EPUB: octavo / pandoc", octavo_epub.wall / pandoc.wall, EPUB_VS_PANDOC)
        table.ratio(f"{key} EPUB CPU: octavo / pandoc", octavo_epub.cpu / pandoc.cpu, None)
    if not pdf:
        return
    shutil.rmtree(book / ".octavo-cache", ignore_errors=True)
    octavo_pdf_dir = dist / "pdf-peer"
    octavo_pdf = table.add(Row(f"{key} pdf cold (again)",
                               measure(octavo("build", book, "-o", octavo_pdf_dir, "--pdf"),
                                       log=logs / f"{key}-pdf-peer.log", env=env)))
    single = dist / "single-pass.pdf"
    pages = pdf_pages(next(octavo_pdf_dir.glob("*.pdf")))
    # On the same pages (the gutter octavo's page count calls for), so the same lines.
    run = subprocess.run([PY, str(REPO / "benchmarks" / "single_pass.py"), str(book / "book.yaml"),
                          str(single), str(pages)], capture_output=True, text=True, env=env)
    if run.returncode != 0:
        table.failures.append(f"single-pass WeasyPrint failed: {run.stderr[-500:]}")
        return
    reference = json.loads(run.stdout)
    size = next(octavo_pdf_dir.glob("*.pdf")).stat().st_size
    table.rows.append(Row(f"{key} WeasyPrint one pass", Measured(0, reference["seconds"], 0),
                          f"{reference['pages']} pages, layout and writing only"))
    table.ratio(f"{key} PDF s/page: octavo / one WeasyPrint pass",
                (octavo_pdf.wall / pages) / (reference["seconds"] / reference["pages"]),
                PDF_PER_PAGE_VS_WEASYPRINT)
    table.ratio(f"{key} PDF size: octavo / one pass", size / reference["bytes"], None)
    # The fair reference: the single pass finished for the same press (output intent, boxes).
    table.ratio(f"{key} PDF size: octavo / one pass finished for the press",
                size / reference["finished_bytes"], PDF_SIZE_VS_SINGLE_PASS)


def bench_catalogue(count: int, engines: list[str], table: Table) -> None:
    from synth import make_anthology as make

    root = OUT / "catalogue"
    for engine in engines:
        shutil.rmtree(root, ignore_errors=True)
        for i in range(count):
            make(root / f"book-{i:03d}", stories=2, words=1_500, seed=i)
        run = table.add(Row(f"build-many {count} books ({engine})", measure(
            octavo("build-many", root, "--engine", engine), log=OUT / "logs" / f"many-{engine}.log",
            env=env_with_epoch()), "EPUB and PDF each, cold"))
        if run.ok:
            table.ratio(f"build-many {engine}: books per minute", count / run.wall * 60, None)
        again = table.add(Row(f"build-many {count} books ({engine}), again", measure(
            octavo("build-many", root, "--engine", engine),
            log=OUT / "logs" / f"many-{engine}-again.log", env=env_with_epoch()),
            "every book fresh"))
        del again


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100k book only, 40-book catalogue")
    parser.add_argument("--no-ray", action="store_true", help="skip the Ray engine")
    parser.add_argument("--catalogue", type=int, default=200, help="books in the catalogue run")
    parser.add_argument("--sizes", default="100k,1M", help="books to build: 100k, 1M or both")
    parser.add_argument("--formats", default=",".join(FORMATS),
                        help="rows to run per book: epub, pdf, both (comma-separated)")
    parser.add_argument("--no-peers", action="store_true", help="skip pandoc and WeasyPrint")
    parser.add_argument("--no-check", action="store_true", help="skip the octavo check rows")
    parser.add_argument("--no-catalogue", action="store_true", help="skip build-many")
    parser.add_argument("--python", default=sys.executable,
                        help="interpreter that has the octavo to measure installed")
    args = parser.parse_args()
    global PY
    PY = args.python
    sizes = ("100k",) if args.quick else tuple(s for s in args.sizes.split(",") if s in SIZES)
    formats = tuple(f for f in args.formats.split(",") if f in FORMATS)
    table = Table()
    help_run = table.add(Row("octavo --help", measure(octavo("--help"), log=OUT / "logs" / "help.log")))
    if help_run.wall > HELP_SECONDS:
        table.failures.append(f"octavo --help {help_run.wall:.2f} s > {HELP_SECONDS} s")
    for key in sizes:
        bench_size(key, table, formats, peers=not args.no_peers, check=not args.no_check)
    if not args.no_catalogue:
        bench_catalogue(40 if args.quick else args.catalogue,
                        ["local"] if args.no_ray else ["local", "ray"], table)
    load = os.getloadavg()[0]
    text = (f"Speed benchmark, {dt.date.today()}, {platform.node()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, load {load:.1f} at the end (other work on the "
            f"machine slows wall times; CPU s is the steadier figure)\n\n{table.markdown()}\n")
    if table.failures:
        text += "\nTargets missed:\n" + "\n".join(f"- {f}" for f in table.failures) + "\n"
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT.parent / "speed.md").write_text(text, encoding="utf-8")
    print(text)
    return 1 if table.failures else 0


if __name__ == "__main__":
    sys.exit(main())
