"""Cover benchmark: time and peak memory of `octavo build --epub` with huge and hostile covers.

The target (from the issue): a 12000 × 18000 cover builds, or fails cleanly, within a minute and
2 GB of memory, with no traceback. Each case is a small book whose only weight is its cover:

    jpeg          12000 × 18000 baseline JPEG, 4:2:0, with film grain (about 60 MB)
    jpeg-prog     the same, progressive (libjpeg then holds every DCT coefficient)
    jpeg-cmyk     12000 × 18000 CMYK JPEG, as a print export
    png           12000 × 18000 RGB PNG, the same artwork
    png-alpha     12000 × 18000 RGBA PNG with transparent corners (flattened onto white)
    bomb          a 100000 × 100000 PNG header over a few bytes: refused at once

Each build is a fresh process, run under `/usr/bin/time -v` where it exists (peak RSS and wall
time from its report), else under a wrapper that reads `getrusage(RUSAGE_CHILDREN)`. Builds run
twice: as users run them, and with `--no-check` (the manuscript and store checks off), so that
a failure in the checks shows apart from the cover's own cost.

    python benchmarks/covers.py [--only jpeg,png] [--keep]

Covers are generated once into benchmarks/out/covers/ (several minutes the first time; about
1 GB of disk) and reused. Exit status: 0 when every build meets the target, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out" / "covers"
WIDTH, HEIGHT = 12_000, 18_000
WALL_LIMIT_S = 60.0
PEAK_LIMIT_MIB = 2048.0
STORY = "Chapter 1: The Harbour\n\nThe boat came in at dawn, heavy with fish and rumours.\n"

WRAPPER = r"""
import json, resource, subprocess, sys, time
cmd = json.loads(sys.argv[1])
started = time.perf_counter()
done = subprocess.run(cmd, capture_output=True, text=True)
wall = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": done.returncode, "wall": wall, "peak_kib": peak,
                  "output": done.stdout + done.stderr}))
"""


@dataclass(frozen=True)
class Result:
    case: str
    variant: str
    rc: int
    wall: float
    peak_mib: float
    output: str
    expect_failure: bool

    @property
    def clean(self) -> bool:
        """Built (or, for a hostile cover, refused with an OCT114 error), never a traceback."""
        if "Traceback" in self.output or "internal error" in self.output:
            return False
        return self.rc == 1 and "OCT114" in self.output if self.expect_failure else self.rc == 0

    @property
    def ok(self) -> bool:
        return self.clean and self.wall <= WALL_LIMIT_S and self.peak_mib <= PEAK_LIMIT_MIB


# --- Covers ------------------------------------------------------------------------------------


def _artwork(mode: str = "RGB") -> object:
    """12000 × 18000: a gradient under a tiled patch of film grain, so that the JPEG holds as
    much detail as a photograph does (a bare gradient would decode unrealistically fast)."""
    from PIL import Image, ImageChops, ImageFilter

    tile = 1500
    ramp = Image.linear_gradient("L").resize((tile, tile))
    grain = [Image.effect_noise((tile, tile), 40).filter(ImageFilter.GaussianBlur(0.8))
             for _ in range(3)]
    bands = [ImageChops.add(ramp.rotate(angle), g, scale=1.6) for angle, g in
             zip((0, 90, 180), grain, strict=True)]
    patch = Image.merge("RGB", bands).convert(mode)
    canvas = Image.new(mode, (WIDTH, HEIGHT))
    for y in range(0, HEIGHT, tile):
        for x in range(0, WIDTH, tile):
            canvas.paste(patch, (x, y))
    return canvas


def _save(name: str, make: Callable[[], object], **options: object) -> Path:
    path = OUT / name
    if not path.exists():
        print(f"generating {name} …", flush=True)
        image = make()
        partial = path.with_suffix(path.suffix + ".part")
        image.save(partial, **options)  # type: ignore[attr-defined]
        partial.replace(path)
    return path


def _transparent_artwork() -> object:
    """The artwork with rounded-off corners left transparent, as some design tools export."""
    from PIL import Image, ImageDraw

    image = _artwork("RGBA")
    mask = Image.new("L", (WIDTH, HEIGHT), 0)
    ImageDraw.Draw(mask).rounded_rectangle((0, 0, WIDTH - 1, HEIGHT - 1), radius=900, fill=255)
    image.putalpha(mask)  # type: ignore[attr-defined]
    return image


def _bomb() -> Path:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    path = OUT / "bomb-100000x100000.png"
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                     + chunk(b"IDAT", zlib.compress(bytes(1 << 20))) + chunk(b"IEND", b""))
    return path


CASES: dict[str, tuple[Callable[[], Path], bool]] = {  # name: (make the cover, expect failure)
    "jpeg": (lambda: _save("cover-12000x18000.jpg", _artwork, format="JPEG", quality=88), False),
    "jpeg-prog": (lambda: _save("cover-12000x18000-progressive.jpg", _artwork, format="JPEG",
                                quality=88, progressive=True), False),
    "jpeg-cmyk": (lambda: _save("cover-12000x18000-cmyk.jpg", lambda: _artwork("CMYK"),
                                format="JPEG", quality=88), False),
    "png": (lambda: _save("cover-12000x18000.png", _artwork, format="PNG", compress_level=3),
            False),
    "png-alpha": (lambda: _save("cover-12000x18000-alpha.png", _transparent_artwork,
                                format="PNG", compress_level=3), False),
    "bomb": (_bomb, True),
}


# --- Builds ------------------------------------------------------------------------------------


def make_book(case: str, cover: Path) -> Path:
    book = OUT / "books" / case
    shutil.rmtree(book, ignore_errors=True)
    (book / "stories").mkdir(parents=True)
    (book / "stories" / "one.txt").write_text(STORY, encoding="utf-8")
    target = book / cover.name
    target.hardlink_to(cover)
    (book / "book.yaml").write_text(
        f"title: Cover Benchmark\nlanguage: en\nauthor: Ann Writer\ndescription: A test.\n"
        f"cover: {cover.name}\ncontents: [stories/one.txt]\n", encoding="utf-8")
    return book


def measure(cmd: list[str]) -> tuple[int, float, float, str]:
    """Exit status, wall seconds, peak RSS in MiB and the output of one build process."""
    time_bin = Path("/usr/bin/time")
    if time_bin.exists() and sys.platform.startswith("linux"):
        started = time.perf_counter()
        done = subprocess.run([str(time_bin), "-v", *cmd], capture_output=True, text=True)
        wall = time.perf_counter() - started
        report = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
        elapsed = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)",
                            done.stderr)
        if report and elapsed:
            parts = [float(p) for p in elapsed.group(1).split(":")]
            wall = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
            output = done.stdout + done.stderr.split("\tCommand being timed")[0]
            return done.returncode, wall, int(report.group(1)) / 1024, output
    done = subprocess.run([sys.executable, "-c", WRAPPER, json.dumps(cmd)], capture_output=True,
                          text=True, check=True)
    data = json.loads(done.stdout.strip().splitlines()[-1])
    return data["rc"], data["wall"], data["peak_kib"] / 1024, data["output"]


def run_case(case: str, variant: str) -> Result:
    make, expect_failure = CASES[case]
    book = make_book(case, make())
    dist = book / "dist"
    extra = ["--no-check"] if variant == "--no-check" else []
    cmd = [sys.executable, "-m", "octavo", "build", str(book), "-o", str(dist), "--epub", *extra]
    rc, wall, peak, output = measure(cmd)
    result = Result(case, variant, rc, wall, peak, output, expect_failure)
    if expect_failure and dist.exists() and any(dist.iterdir()):
        result = Result(case, variant, 99, wall, peak, output + "\n(dist/ not empty)", True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="comma-separated cases: " + ", ".join(CASES))
    parser.add_argument("--keep", action="store_true", help="keep the generated books")
    args = parser.parse_args(argv)
    cases = args.only.split(",") if args.only else list(CASES)
    unknown = [c for c in cases if c not in CASES]
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)}")
    OUT.mkdir(parents=True, exist_ok=True)

    results = [run_case(case, variant) for case in cases for variant in ("default", "--no-check")]
    print("\n| cover | build | exit | wall s | peak MiB | ok |\n|---|---|---:|---:|---:|---|")
    for r in results:
        print(f"| {r.case} | {r.variant} | {r.rc} | {r.wall:.1f} | {r.peak_mib:.0f} | "
              f"{'yes' if r.ok else 'NO'} |")
    for r in results:
        notes = [line for line in r.output.splitlines() if " OCT1" in line or "error" in line]
        if notes or not r.ok:
            print(f"\n{r.case} ({r.variant}):")
            for line in notes or r.output.splitlines()[-5:]:
                print(f"  {line}")
    if not args.keep:
        shutil.rmtree(OUT / "books", ignore_errors=True)
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
