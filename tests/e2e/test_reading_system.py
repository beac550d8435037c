"""The sample in a real reading system: epub.js (from npm) in headless Chromium (Debian's).

Every chapter is paged through at phone and tablet sizes, a few pages are kept as screenshots
in tests/output/reading-system/ (look at them), and every entry of the page list opens the page
that holds its marker. One build and one browser serve the module.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import REPO, SAMPLE_MANIFEST, run_octavo
from tests.epubtools import CHROMIUM

OUTPUT = REPO / "tests" / "output" / "reading-system"
SIZES = {"phone": (390, 844), "tablet": (820, 1180)}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]

READER = """<!DOCTYPE html>
<html><head><meta charset="utf-8"/>
<script src="jszip.min.js"></script><script src="epub.min.js"></script>
<style>html, body { margin: 0; } #viewer { width: 100vw; height: 100vh; }</style>
</head><body><div id="viewer"></div>
<script>
window.book = ePub("book.epub");
window.rendition = book.renderTo("viewer", {width: "100%", height: "100%", flow: "paginated",
                                             spread: "none"});
window.ready = book.ready.then(() => book.loaded.navigation).then(() => rendition.display());
window.pageThrough = async function () {
  const seen = []; let turns = 0;
  let location = rendition.currentLocation();
  while (turns < 2000) {
    location = rendition.currentLocation();
    if (location.start && seen[seen.length - 1] !== location.start.href) {
      seen.push(location.start.href);
    }
    if (location.atEnd) break;
    await rendition.next(); turns++;
  }
  return {seen, turns, atEnd: !!location.atEnd};
};
window.showsMarker = async function (href) {
  // The nav document lies in text/ beside the pages; the spine's hrefs are the package's.
  if (!book.spine.get(href.split("#")[0])) href = "text/" + href;
  await rendition.display(href);
  const id = href.split("#")[1];
  const location = rendition.currentLocation();
  const contents = rendition.getContents()[0];
  const marker = contents.document.getElementById(id);
  if (!marker) return {found: false};
  const cfi = contents.cfiFromNode(marker);
  const compare = new ePub.CFI().compare.bind(new ePub.CFI());
  // A marker before any text of its document (a story's first page) precedes the first
  // visible character's CFI; it is shown when its document's first screen is.
  // Likewise a blank verso's marker after its document's last letter, on its last screen.
  const shown = location.end.displayed;
  const afterStart = compare(location.start.cfi, cfi) <= 0 || location.start.displayed.page === 1;
  const beforeEnd = compare(cfi, location.end.cfi) <= 0 || shown.page === shown.total;
  return {found: true, inside: afterStart && beforeEnd};
};
</script></body></html>
"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample's EPUB (built with its PDF, for the page list) and epub.js, on localhost."""
    out = tmp_path_factory.mktemp("reader-build")
    result = run_octavo("build", SAMPLE_MANIFEST, "-o", out, cwd=REPO)
    assert result.returncode == 0, result.stderr
    site = tmp_path_factory.mktemp("reader-site")
    shutil.copy(out / "after-the-real-folk-blues.epub", site / "book.epub")
    for source in ("epubjs/dist/epub.min.js", "jszip/dist/jszip.min.js"):
        path = REPO / "node_modules" / source
        assert path.exists(), f"{source} is missing: run `make test`, which installs it"
        shutil.copy(path, site / path.name)
    (site / "index.html").write_text(READER, encoding="utf-8")
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield context
        finally:
            context.close()


def _open(browser: Any, url: str, size: tuple[int, int]) -> Any:
    page = browser.new_page()
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(url)
    page.evaluate("window.ready")
    page.wait_for_timeout(300)
    return page


@pytest.mark.parametrize("device", list(SIZES))
def test_every_chapter_pages_through_at_phone_and_tablet_sizes(served: str, browser: Any,
                                                                device: str) -> None:
    page = _open(browser, served, SIZES[device])
    try:
        spine = page.evaluate("book.spine.spineItems.map(item => item.href)")
        OUTPUT.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(OUTPUT / f"{device}-cover.png"))
        page.evaluate("rendition.display('text/story-001.xhtml')")
        page.wait_for_timeout(300)
        page.screenshot(path=str(OUTPUT / f"{device}-story-opening.png"))
        page.evaluate("rendition.display('text/story-001.xhtml#page-4')")
        page.wait_for_timeout(300)
        page.screenshot(path=str(OUTPUT / f"{device}-page-4.png"))
        page.evaluate("rendition.display()")
        page.wait_for_timeout(300)
        result = page.evaluate("window.pageThrough()")
        assert result["atEnd"], result
        assert result["seen"] == spine  # every document, in order, none skipped
        assert result["turns"] > len(spine)  # the stories take several screens each
    finally:
        page.close()


def test_page_list_opens_the_page_holding_each_marker(served: str, browser: Any) -> None:
    page = _open(browser, served, SIZES["phone"])
    try:
        hrefs = page.evaluate("""() => book.loaded.navigation.then(() =>
            book.pageList.pageList.map(p => p.href))""")
        assert len(hrefs) > 20
        for href in hrefs:
            shown = page.evaluate("href => window.showsMarker(href)", href)
            assert shown == {"found": True, "inside": True}, href
    finally:
        page.close()
