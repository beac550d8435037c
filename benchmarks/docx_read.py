"""How long octavo takes to read a 100,000-word Word manuscript (issue 15: under 3 s).

The manuscript is made here with python-docx, in the shape of a novel: chapters with Heading 1,
paragraphs of varied length with italic and bold runs, a centred scene break every 30
paragraphs, a block quote and Shift-Enter verse now and then. Its words are drawn from a fixed
seed, so every run reads the same file. Run: `.venv/bin/python benchmarks/docx_read.py`.
"""

from __future__ import annotations

import io
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

WORDS = [
    "the", "of", "and", "to", "a", "in", "was", "he", "she", "it", "that", "his", "her", "had",
    "with", "for", "on", "at", "as", "by", "they", "from", "lamp", "harbour", "rope", "night",
    "tide", "stair", "letter", "window", "quiet", "rain", "morning", "bell", "iron", "salt",
    "walked", "turned", "said", "looked", "waited", "remembered", "answered", "carried", "opened",
    "closed",
]
TARGET = 100_000


def make_manuscript(seed: int = 15) -> tuple[bytes, int]:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    rng = random.Random(seed)
    doc = Document()
    words = 0
    paragraph_number = 0
    chapter = 0
    while words < TARGET:
        if paragraph_number % 120 == 0:
            chapter += 1
            doc.add_heading(f"Chapter {chapter}", level=1)
        paragraph_number += 1
        if paragraph_number % 30 == 0:
            doc.add_paragraph("* * *").alignment = WD_ALIGN_PARAGRAPH.CENTER
            continue
        if paragraph_number % 97 == 0:
            verse = doc.add_paragraph()
            for line in range(4):
                run = verse.add_run(" ".join(rng.choices(WORDS, k=6)).capitalize())
                if line < 3:
                    run.add_break()
            words += 24
            continue
        style = "Quote" if paragraph_number % 71 == 0 else None
        paragraph = doc.add_paragraph(style=style)
        count = rng.randint(20, 140)
        chunk: list[str] = []
        for index in range(count):
            chunk.append(rng.choice(WORDS))
            if index % 23 == 22:
                paragraph.add_run(" ".join(chunk) + " ")
                emphasis = paragraph.add_run(rng.choice(WORDS) + " ")
                emphasis.italic = True
                chunk = []
        paragraph.add_run(" ".join(chunk).capitalize() + ".")
        words += count + count // 23  # the italic words, one after every 23
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue(), words


def main() -> None:
    from octavo.document import Paragraph, block_text, walk_blocks
    from octavo.ingest.docx import read_docx
    from octavo.ingest.options import ReadOptions

    data, words = make_manuscript()
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        story = read_docx(data, "novel.docx", ReadOptions())
        timings.append(time.perf_counter() - started)
    read_words = sum(len(block_text(b).split()) for b in walk_blocks(story.blocks)
                     if isinstance(b, Paragraph))
    best = min(timings)
    print(f"docx read: {words:,} words ({len(data) / 1e6:.1f} MB), {len(story.blocks):,} blocks, "
          f"{read_words:,} prose words read; best of 3: {best:.2f} s (target < 3 s) "
          f"{'OK' if best < 3 else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
