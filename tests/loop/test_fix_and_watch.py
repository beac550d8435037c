"""`octavo fix` changes only what needs fixing and keeps a file's format; `normalize` and `fix`
apply the book's house style; `watch` rebuilds what a save changed; `proof` draws spreads."""

from __future__ import annotations

import queue
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from tests.conftest import run_octavo
from tests.loop.conftest import on_terminal

MESSY_TXT = ('SESSION ONE: Where I "Belong"\n\nHe said -- "no..."  \nShe left.\n\n#\n\n'
             "It was *very* late.. and _dark_.\n")


def test_fix_keeps_a_plain_text_file_plain_and_backs_up_only_on_change(octavo, tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text(MESSY_TXT, encoding="utf-8")
    first = octavo(tmp_path, "fix", "s.txt")
    assert first.exit_code == 0 and "fixed s.txt (the original is in s.txt.bak)" in first.output
    assert story.read_text(encoding="utf-8") == (
        "SESSION ONE: Where I “Belong”\n\nHe said—“no…”\nShe left.\n\n#\n\n"
        "It was *very* late. and _dark_.\n")  # its own heading line, breaks and markers kept
    second = octavo(tmp_path, "fix", "s.txt")
    assert second.output.strip() == "nothing to fix"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.txt", "s.txt.bak"]


def test_dry_run_diff_and_diff_in_place(octavo, tmp_path: Path) -> None:
    story = tmp_path / "s.txt"
    story.write_text('She said -- "no".\n', encoding="utf-8")
    dry = octavo(tmp_path, "fix", "--dry-run", "s.txt")
    assert "would fix s.txt" in dry.output
    diff = octavo(tmp_path, "fix", "--diff", "s.txt")
    assert '-She said -- "no".' in diff.output and "+She said—“no”." in diff.output
    assert story.read_text(encoding="utf-8") == 'She said -- "no".\n'
    both = octavo(tmp_path, "fix", "--diff", "--in-place", "s.txt")
    assert "+She said—“no”." in both.output and "fixed s.txt" in both.output
    assert story.read_text(encoding="utf-8") == "She said—“no”.\n"
    assert octavo(tmp_path, "fix", "--dry-run", "--in-place", "s.txt").exit_code == 2


def test_one_file_in_a_book_gets_the_books_house_style(octavo, tmp_path: Path) -> None:
    (tmp_path / "chapters").mkdir()
    story = tmp_path / "chapters" / "one.txt"
    story.write_text('"He said \'never\' twice," Jo said.\n', encoding="utf-8")
    # The house style converts the quotes because book.yaml asks (issue 9: a language alone
    # never converts them).
    (tmp_path / "book.yaml").write_text("title: T\nlanguage: en-GB\nbuild: {quotes: british}\n"
                                        "contents: [chapters/one.txt]\n", encoding="utf-8")
    british = "‘He said “never” twice,’ Jo said.\n"
    assert octavo(tmp_path / "chapters", "normalize", "one.txt").output == british
    diff = octavo(tmp_path / "chapters", "normalize", "--diff", "one.txt").output
    assert "+‘He said “never” twice,’ Jo said." in diff
    assert octavo(tmp_path / "chapters", "normalize", "--quotes", "american",
                  "one.txt").output == "“He said ‘never’ twice,” Jo said.\n"
    assert octavo(tmp_path / "chapters", "fix", "one.txt").exit_code == 0
    assert story.read_text(encoding="utf-8") == british
    # Outside any book: the default style.
    loose = tmp_path.parent / f"{tmp_path.name}-loose.txt"
    loose.write_text('"Hi," she said.\n', encoding="utf-8")
    assert octavo(tmp_path.parent, "normalize", loose.name).output == "“Hi,” she said.\n"


def test_markdown_stays_markdown_and_hard_wrapped_text_stays_wrapped(octavo, tmp_path: Path) -> None:
    markdown = tmp_path / "m.md"
    markdown.write_text("# The \"Title\"\n\nA paragraph that is\nwrapped across lines -- see.\n",
                        encoding="utf-8")
    assert octavo(tmp_path, "fix", "m.md").exit_code == 0
    assert markdown.read_text(encoding="utf-8") == (
        "# The “Title”\n\nA paragraph that is wrapped across\nlines—see.\n")
    words = "word " * 11
    wrapped = "".join(f"{words}line {n} goes on here\n" for n in range(9))
    text = tmp_path / "w.txt"
    text.write_text(wrapped + '\nShe said "hi" and left.\n', encoding="utf-8")
    assert octavo(tmp_path, "fix", "w.txt").exit_code == 0
    fixed = text.read_text(encoding="utf-8")
    assert fixed.startswith(wrapped)  # untouched paragraphs keep their own line breaks
    assert fixed.endswith("\nShe said “hi” and left.\n")


def test_fix_colours_its_diff_on_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text('She said -- "no".\n', encoding="utf-8")
    screen = on_terminal("fix --diff s.txt", tmp_path)
    assert "\x1b[" in screen and "She said—“no”." in screen
    assert "\x1b[" not in on_terminal("fix --diff --color never s.txt", tmp_path)


def test_build_shows_carets_and_only_the_most_important_findings(tmp_path: Path) -> None:
    lines = "\n\n".join(f"Line {n} has the the slip.." for n in range(12))
    (tmp_path / "s.txt").write_text(lines + "\n", encoding="utf-8")
    (tmp_path / "book.yaml").write_text("title: T\nlanguage: en\nauthor: A\ndescription: D.\n"
                                        "contents: [s.txt]\n", encoding="utf-8")
    screen = on_terminal("build --epub --color never", tmp_path)
    findings = [line for line in screen.splitlines() if re.match(r"^\S+:\d+:\d+: ", line)]
    assert len(findings) == 3, screen
    assert {line.split()[2] for line in findings} == {"OCT310", "OCT311"}
    assert "    Line 0 has the the slip.." in screen and "^^^^^^^" in screen
    assert re.search(r"24 warnings(, \d notes?)? in all, 3 shown; not shown:", screen), screen
    assert "1 story" in screen
    assert re.search(r"not shown: OCT31[01] ×1[01], OCT31[01] ×1[01]", screen), screen
    verbose = run_octavo("build", "--epub", "-v", cwd=tmp_path)
    assert verbose.stderr.count("warning OCT310") == 12


def test_watch_rebuilds_on_save_and_says_what_the_save_did(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("One\n\nIt began.\n", encoding="utf-8")
    (tmp_path / "book.yaml").write_text("title: T\nlanguage: en\nauthor: A\nkind: novel\n"
                                        "contents: [one.txt]\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "octavo", "watch", "--epub"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout],  # type: ignore[union-attr]
                     daemon=True).start()
    seen: list[str] = []

    def wait_for(text: str, save: Callable[[], object] | None = None) -> None:
        """Wait for `text`; `save` is done first, and again every 3 s (the watcher may not
        have been listening yet when the first save happened)."""
        deadline = time.monotonic() + 60
        saved = 0.0
        while time.monotonic() < deadline:
            if save is not None and time.monotonic() - saved > 3:
                save()
                saved = time.monotonic()
            try:
                seen.append(lines.get(timeout=0.5))
            except queue.Empty:
                continue
            if text in seen[-1]:
                return
        raise AssertionError(f"{text!r} never came: {seen}")

    try:
        wait_for("watching")
        epub = tmp_path / "dist" / "t.epub"
        before = epub.stat().st_mtime_ns
        story = tmp_path / "one.txt"
        wait_for("one.txt: rebuilt the EPUB",
                 lambda: story.write_text("One\n\nIt began the the way it ends.\n"))
        wait_for("warning OCT310")  # the finding the save brought
        assert epub.stat().st_mtime_ns > before
        story.write_text("One\n\nIt began the way it ends.\n", encoding="utf-8")
        wait_for("1 finding gone since the last build")
        (tmp_path / "notes.bak").write_text("ignored", encoding="utf-8")  # not the book's
        (tmp_path / "notes.txt").write_text("not in the contents", encoding="utf-8")
        story.write_text("One\n\nIt began.\n", encoding="utf-8")
        wait_for("one.txt: rebuilt")
        assert not any("notes.txt" in line or "notes.bak" in line for line in seen)
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_proof_writes_spreads_and_a_contact_sheet(octavo, tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("One\n\n" + "\n\n".join(["A line of the story."] * 80),
                                      encoding="utf-8")
    (tmp_path / "book.yaml").write_text("title: T\nlanguage: en\ncontents: [one.txt]\n",
                                        encoding="utf-8")
    result = run_octavo("proof", "--pages", "1-5", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    proofs = sorted(p.name for p in (tmp_path / "dist" / "proofs").iterdir())
    assert proofs == ["contact-sheet.png", "spread-000-001.png", "spread-002-003.png",
                      "spread-004-005.png"]
    with Image.open(tmp_path / "dist" / "proofs" / "spread-002-003.png") as spread:
        width, height = spread.size
        assert 600 < width < 1300 and abs(height / (width / 2) - 1.5) < 0.05  # two 6×9 pages
        assert spread.getpixel((width // 4, 5)) == (255, 255, 255)  # paper, not the table
    bad = run_octavo("proof", "--pages", "40-50", cwd=tmp_path)
    assert bad.returncode == 1 and "OCT494" in bad.stderr
