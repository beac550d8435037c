"""Print-shop compliance of the 100,000-word benchmark anthology, per print profile.

For each profile (kdp, ingram, generic) the synthetic anthology (benchmarks/synth.py, 30
stories) is built PDF-only in a fresh process; the table gives its page count, the inside
margin octavo chose for it, the number of font programs and of names sharing one, the file
size, the build's CPU time, and what the shop's preflight finds on it (octavo's own, run as
`octavo check --pdf FILE --profile NAME`, which any PDF can be put through), by code.

    python benchmarks/print_shop.py [--out DIR] [--python PY]

Exit status 0 when every build succeeds and every preflight finds nothing, 1 otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import json
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


def inside_margin(pdf: Path, page: int) -> float:
    """The text's nearest distance to the spine edge on one (right-hand) page, in inches."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        text = document[page].get_textpage()
        left = min(text.get_rect(i)[0] for i in range(text.count_rects()))
        text.close()
    finally:
        document.close()
    return left / 72


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "out" / "print")
    parser.add_argument("--python", default=sys.executable)
    args = parser.parse_args()
    out: Path = args.out.resolve()
    rows, ok = [], True
    for profile in PROFILES:
        folder = out / profile
        book = make_anthology(folder / "book", stories=30, words=100_000)
        text = book.read_text(encoding="utf-8")
        assert "build:" not in text  # synth.py writes no print settings
        book.write_text(text + f"build: {{print: {profile}}}\n", encoding="utf-8")
        dist = folder / "dist"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        build = subprocess.run([args.python, "-m", "octavo", "build", str(book), "-o", str(dist),
                                "--pdf", "--no-check"], capture_output=True, text=True)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if build.returncode != 0:
            print(f"{profile}: build failed\n{build.stderr[-2000:]}", file=sys.stderr)
            ok = False
            continue
        pdf = next(dist.glob("*.pdf"))
        check = subprocess.run([args.python, "-m", "octavo", "check", "--pdf", str(pdf),
                                "--profile", profile, "--format", "json"],
                               capture_output=True, text=True)
        findings = Counter(d["code"] for d in json.loads(check.stdout or "[]"))
        ok = ok and not findings
        import pikepdf

        with pikepdf.open(pdf) as document:
            pages = len(document.pages)
        programs, shared = fonts(pdf)
        rows.append((profile, pages, inside_margin(pdf, 20), programs, shared,
                     pdf.stat().st_size / 1e6, after.ru_utime + after.ru_stime
                     - before.ru_utime - before.ru_stime, wall,
                     ", ".join(f"{c} ×{n}" for c, n in sorted(findings.items())) or "none"))
    lines = ["| profile | pages | inside margin in | font programs | names shared | MB | "
             "CPU s | wall s | preflight findings |", "|---|--:|--:|--:|--:|--:|--:|--:|---|"]
    lines += [f"| {p} | {n} | {m:.3f} | {f} | {s} | {mb:.1f} | {c:.1f} | {w:.1f} | {x} |"
              for p, n, m, f, s, mb, c, w, x in rows]
    report = "\n".join(lines)
    print(report)
    (out / "results.md").write_text(report + "\n", encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
