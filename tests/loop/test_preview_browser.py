"""`octavo preview` in headless Chromium: the page shows the book, a saved change appears within
two seconds, and no request leaves this machine."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import run_octavo

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    assert run_octavo("new", "salt", "--title", "The Salt House", "--author", "Jo Novelist",
                      cwd=tmp_path).returncode == 0
    folder = tmp_path / "salt"
    (folder / "chapters" / "02-the-house.md").write_text(
        "# The House\n\nThe house stood at the end of the shingle, its windows white with salt.\n",
        encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "octavo", "preview", "--port", "0",
                                "--no-open"], cwd=folder, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env=os.environ.copy())
    assert process.stdout is not None
    url = None
    deadline = time.monotonic() + 60
    while url is None and time.monotonic() < deadline:
        line = process.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        url = found.group(1) if found else None
    assert url, "the preview never said where it serves"
    try:
        yield url, folder, process
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_the_page_shows_the_book_and_follows_each_save(
        served: tuple[str, Path, subprocess.Popen[str]], tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    url, folder, _ = served
    requests: list[str] = []
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("request", lambda request: requests.append(request.url))
            page.goto(url)
            # The EPUB is open in the reader, at its first text page; the PDF's pages are shown.
            page.wait_for_function("document.body.dataset.epubVersion >= 1", timeout=30_000)
            page.wait_for_function("document.body.dataset.pdfVersion >= 1", timeout=60_000)
            assert page.locator("#pages img").count() >= 4
            page.wait_for_function("document.querySelector('#pages img').naturalWidth > 0")
            reader = page.frame_locator("#reader iframe")
            reader.locator("img, image").first.wait_for(timeout=10_000)  # the book opens on its cover
            page.screenshot(path=str(tmp_path / "preview-before.png"))

            # The author saves a change in chapter two: the reader shows it within 2 s, opened
            # at that chapter, and the PDF pane moves to the page that holds it.
            chapter = folder / "chapters" / "02-the-house.md"
            saved = time.monotonic()
            chapter.write_text("# The House\n\nNobody had lived in the house since the winter of "
                               "the great storm.\n", encoding="utf-8")
            reader.locator("text=since the winter of the great storm").wait_for(timeout=2_000)
            assert time.monotonic() - saved < 2.0
            page.wait_for_function("document.querySelector('#pages img.target') !== null "
                                   "&& document.body.dataset.pdfVersion >= 2", timeout=60_000)
            target = page.locator("#pages img.target").get_attribute("id")
            assert target and target != "page-1"  # the page of chapter two, not the first
            page.screenshot(path=str(tmp_path / "preview-after.png"))
        finally:
            browser.close()
    assert requests
    outside = [u for u in requests if not (u.startswith(url) or u.startswith(("blob:", "data:",
                                                                              "about:")))]
    assert outside == []
