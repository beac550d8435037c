"""The clean prose the check-quality benchmark plants its slips in.

- Nineteenth-century fiction: Jane Austen's six novels as Debian ships them (package
  `r-cran-janeaustenr`, the Project Gutenberg texts in an R data file). The package is fetched
  with `apt-get download` and unpacked here, never installed (it would pull in R), and its
  character vectors are read straight from R's serialisation format.
- Modern fiction and nineteenth-century dialect: stories written for octavo, in
  `tests/check/clean_corpus/` (development) and `benchmarks/check_quality/heldout/`
  (held out: never used to tune a rule).

Development set: Northanger Abbey, Persuasion, Sense and Sensibility, the clean corpus and
`check_quality/dev/`. Held-out set: Emma, Mansfield Park, Pride and Prejudice and
`check_quality/heldout/`. Second held-out set ("heldout2"): `check_quality/heldout2/` only
(about 20,000 words of modern and nineteenth-century stories, written without reading the
rules, never used to tune one). Third held-out set ("heldout3"): `check_quality/heldout3/` only
(about 28,000 words, ten modern stories and four nineteenth-century ones with dialect, written
the same way). Fourth held-out set ("heldout4"): `check_quality/heldout4/` only (about 30,000
words, nine modern stories in American spelling and six nineteenth-century ones in British
spelling with dialect, written the same way). Fifth held-out set ("heldout5"):
`check_quality/heldout5/` only (about 30,000 words, modern stories in American spelling and
nineteenth-century ones in British spelling, written the same way by two writers, one per era).
"""

from __future__ import annotations

import re
import struct
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
OUT = REPO / "benchmarks" / "out" / "check_quality"
PACKAGE = "r-cran-janeaustenr"
RDB = "usr/lib/R/site-library/janeaustenr/data/Rdata.rdb"

DEV_NOVELS = ("NORTHANGER ABBEY", "PERSUASION", "SENSE AND SENSIBILITY")
HELDOUT_NOVELS = ("EMMA", "MANSFIELD PARK", "PRIDE AND PREJUDICE")


@dataclass(frozen=True)
class Story:
    name: str  # file name, e.g. "austen/emma-03.txt"
    text: str
    era: str  # "modern" or "c19"
    language: str = ""  # the book's language; "" = the era's default (c19 en-GB, modern en-US)


def _austen_package() -> Path:
    """The unpacked Debian package (downloaded once into benchmarks/out/)."""
    unpacked = OUT / PACKAGE
    if (unpacked / RDB).exists():
        return unpacked
    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run(["apt-get", "download", PACKAGE], cwd=OUT, check=True,
                   capture_output=True)
    deb = next(OUT.glob(f"{PACKAGE}_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(unpacked)], check=True)
    return unpacked


def _strings(raw: bytes) -> list[str]:
    """An R character vector (STRSXP) from R's XDR serialisation, version 3."""
    if raw[:2] != b"X\n":
        raise ValueError("not an XDR R serialisation")
    at = 2 + 12  # version, writer's R version, oldest R that reads it
    (encoding_length,) = struct.unpack(">i", raw[at:at + 4])
    at += 4 + encoding_length
    flags, length = struct.unpack(">ii", raw[at:at + 8])
    if flags & 0xFF != 16:
        raise ValueError("not a character vector")
    at += 8
    found = []
    for _ in range(length):
        _, size = struct.unpack(">ii", raw[at:at + 8])
        at += 8
        if size < 0:  # NA
            found.append("")
            continue
        found.append(raw[at:at + size].decode("utf-8"))
        at += size
    return found


def austen_novels() -> dict[str, list[str]]:
    """Title (upper case) → the novel's lines."""
    data = (_austen_package() / RDB).read_bytes()
    novels: dict[str, list[str]] = {}
    at = 0
    while at < len(data):
        inflate = zlib.decompressobj()
        raw = inflate.decompress(data[at + 4:])
        lines = _strings(raw)
        title = next(line for line in lines if line.strip()).strip().upper()
        novels[title] = lines
        at = len(data) - len(inflate.unused_data)
    return novels


_CHAPTER = re.compile(r"^\s*(?:CHAPTER|Chapter)\s+[IVXLC\d]+\.?\s*$")
_VOLUME = re.compile(r"^\s*(?:VOLUME|Volume)\s+[IVX\d]+\s*$")


def unwrap(text: str) -> str:
    """Gutenberg's fixed-width lines joined into one line per paragraph, as an author's file
    has them; indented blocks (verse, letters) keep their lines."""
    blocks = re.split(r"\n[ \t]*\n", text)
    out = []
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        indented = all(line[:1].isspace() for line in lines)
        if indented and (max(len(line) for line in lines) < 50
                         or all(line.strip()[:1] == '"' for line in lines)):
            # verse, a dateline, or a letter whose every line opens with a quote
            out.append("\n\n".join(line.strip() for line in lines))
        else:
            out.append(" ".join(line.strip() for line in lines))
    return "\n\n".join(out) + "\n"


def chapters(title: str, lines: list[str]) -> list[Story]:
    """A novel cut into its chapters, each a story (so no chapter heading sits inside one),
    its paragraphs unwrapped."""
    stories: list[Story] = []
    current: list[str] | None = None
    slug = re.sub(r"[^a-z]+", "-", title.lower()).strip("-")

    def flush() -> None:
        if current and any(line.strip() for line in current):
            number = len(stories) + 1
            stories.append(Story(f"austen/{slug}-{number:02d}.txt",
                                 unwrap("\n".join(current)), "c19"))

    for line in lines:
        if line.strip() in ("Finis", "THE END", "FINIS", "A NOTE ON THE TEXT"):
            break
        if _CHAPTER.match(line):
            flush()
            current = []
        elif _VOLUME.match(line) or current is None:
            continue
        else:
            current.append(line)
    flush()
    return stories


def _written(folder: Path) -> list[Story]:
    """A folder of written stories; a `language` file in it names their language (a set written
    in British spelling throughout is checked as an en-GB book, as its author would set it)."""
    declared = folder / "language"
    language = declared.read_text(encoding="utf-8").strip() if declared.exists() else ""
    return [Story(f"{folder.name}/{path.name}", path.read_text(encoding="utf-8"),
                  "c19" if path.name.startswith("c19") else "modern", language)
            for path in sorted(folder.glob("*.txt"))]


def corpus(which: str) -> list[Story]:
    """The development ("dev") or held-out ("heldout", "heldout2" to "heldout5") stories."""
    if which in ("heldout2", "heldout3", "heldout4", "heldout5"):
        return _written(HERE / which)
    novels = austen_novels()
    titles = DEV_NOVELS if which == "dev" else HELDOUT_NOVELS
    stories = [s for title in titles for s in chapters(title, novels[title])]
    if which == "dev":
        stories += [Story(f"clean_corpus/{p.name}", p.read_text(encoding="utf-8"),
                          "c19" if "c19" in p.name else "modern")
                    for p in sorted((REPO / "tests" / "check" / "clean_corpus").glob("*.txt"))]
        stories += _written(HERE / "dev")
    else:
        stories += _written(HERE / "heldout")
    return stories
