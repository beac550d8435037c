"""Print-shop compliance of synthetic anthologies, per print profile.

Two books, both from benchmarks/synth.py (30 stories):

- the default run: the 100,000-word benchmark anthology at octavo's default trim (6 x 9 in),
  once per profile (kdp, ingram, generic);
- `--long`: issue 10's own example, a book of some 630 pages on 5 x 8 in (149,000 words, a
  seed the typesetting benchmarks never use), once for kdp and once for ingram: the inside
  margin must follow the final page count (KDP: 0.75 in for 501 to 700 pages).

Each book is built PDF-only in a fresh process; the table gives its page count, the shop's
gutter for that count, the inside margin measured from the text's positions (the nearest any
body page's text comes to the spine edge, PDFium's text boxes), how many times the book was
laid out (the build's OCT450 note), the number of font programs and of names given to more
than one program, the file size, the build's CPU and wall time, and what the shop's preflight
finds on it (octavo's own, run as `octavo check --pdf FILE --profile NAME`), by code.

    python benchmarks/print_shop.py [--long] [--out DIR] [--python PY]

Exit status 0 when every build succeeds and every preflight finds nothing, 1 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from synth import make_anthology

REPO = Path(__file__).resolve().parent.parent
PROFILES = ("kdp", "ingram", "generic")


def fonts(pdf: Path) -> tuple[int, int]:
    """(font programs embedded, BaseFont names given to more than one program)."""
    import pikepdf

    by_name: dict[str, set[str]] = {}
    with pikepdf.open(pdf) as document:
        for page in document.pages:
            for font in page.Resources.get("/Font", {}).values():
                owner = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = owner.get("/FontDescriptor")
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if descriptor is not None and key in descriptor:
                        digest = hashlib.sha256(descriptor[key].read_bytes()).hexdigest()
                        by_name.setdefault(str(font.BaseFont), set()).add(digest)
    programs = {d for digests in by_name.values() for d in digests}
    return len(programs), sum(1 for digests in by_name.values() if len(digests) > 1)


def inside_margins(pdf: Path, first_body_page: int = 10) -> list[float]:
    """For each page with text from `first_body_page` (1-based) on, the nearest its text comes
    to the spine edge, in inches: the left edge of a right-hand page, the right of a left-hand
    one (measured from the TrimBox, so a bleed does not count)."""
    import pikepdf
    import pypdfium2

    with pikepdf.open(pdf) as document:
        trims = [[float(v) for v in page.obj.get("/TrimBox", page.obj.MediaBox)]
                 for page in document.pages]
    document = pypdfium2.PdfDocument(str(pdf))
    margins = []
    try:
        for index in range(first_body_page - 1, len(document)):
            text = document[index].get_textpage()
            rects = [text.get_rect(i) for i in range(text.count_rects())]
            text.close()
            rects = [r for r in rects if r[2] > r[0]]
            if not rects:
                continue
            x0, _, x1, _ = trims[index]
            inside = (min(r[0] for r in rects) - x0 if index % 2 == 0
                      else x1 - max(r[2] for r in rects))
            margins.append(inside / 72)
    finally:
        document.close()
    return margins


def build_and_check(book: Path, profile: str, dist: Path,
                    python: str) -> tuple[object, ...] | None:
    """Build `book` PDF-only for `profile` and preflight it: one row of the table."""
    import pikepdf

    from octavo.print_profiles import resolve_rules

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    build = subprocess.run([python, "-m", "octavo", "build", str(book), "-o", str(dist),
                            "--pdf", "--no-check"], capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if build.returncode != 0:
        print(f"{profile}: build failed\n{build.stderr[-2000:]}", file=sys.stderr)
        return None
    pdf = next(dist.glob("*.pdf"))
    check = subprocess.run([python, "-m", "octavo", "check", "--pdf", str(pdf),
                            "--profile", profile, "--format", "json"],
                           capture_output=True, text=True)
    findings = Counter(d["code"] for d in json.loads(check.stdout or "[]"))
    with pikepdf.open(pdf) as document:
        pages = len(document.pages)
    programs, shared = fonts(pdf)
    layouts = re.search(r"OCT450 laid out (\d+) times", build.stdout + build.stderr)
    margins = inside_margins(pdf)
    return (profile, pages, resolve_rules(profile).required_gutter(pages), min(margins),
            int(layouts.group(1)) if layouts else 1, programs, shared,
            pdf.stat().st_size / 1e6,
            after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall,
            ", ".join(f"{c} ×{n}" for c, n in sorted(findings.items())) or "none")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--long", action="store_true",
                        help="issue 10's 630-page 5 x 8 in book, for kdp and ingram")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "print")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    out: Path = args.out.resolve()
    if args.long:
        profiles, words, seed, build = ("kdp", "ingram"), 149_000, 41, "trim: 5x8, "
        out = out / "long"
    else:
        profiles, words, seed, build = PROFILES, 100_000, 0, ""
    rows, ok = [], True
    for profile in profiles:
        folder = out / profile
        book = make_anthology(folder / "book", stories=30, words=words, seed=seed)
        text = book.read_text(encoding="utf-8")
        assert "build:" not in text  # synth.py writes no print settings
        book.write_text(text + f"build: {{{build}print: {profile}}}\n", encoding="utf-8")
        dist = folder / "dist"
        for stale in dist.glob("*.pdf"):
            stale.unlink()
        row = build_and_check(book, profile, dist, args.python)
        if row is None:
            ok = False
            continue
        ok = ok and row[-1] == "none"
        rows.append(row)
    lines = ["| profile | pages | shop's gutter in | inside margin in (measured) | layouts | "
             "font programs | names shared | MB | CPU s | wall s | preflight findings |",
             "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|"]
    lines += [f"| {p} | {n} | {g:g} | {m:.3f} | {lay} | {f} | {s} | {mb:.1f} | {c:.1f} | "
              f"{w:.1f} | {x} |" for p, n, g, m, lay, f, s, mb, c, w, x in rows]
    report = "\n".join(lines)
    print(report)
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.md").write_text(report + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
