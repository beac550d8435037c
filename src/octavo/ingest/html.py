"""Web pages (.html, .xhtml) → blocks: a saved page, an AO3 or FanFiction.net download.

The work's text is found (the site's own containers when the page is from AO3 or FanFiction.net,
else the element holding most of the prose), the site's chrome is dropped, and the work's
metadata (title, author, fandom, rating, words, dates, summary, tags, author's notes) is kept
aside in `WorkMeta` for the manifest to use. Every piece of markup passes through nh3 before it
is read; what was removed is reported.
"""

from __future__ import annotations

import dataclasses
import re

from lxml import etree
from lxml import html as lxml_html

from octavo.diagnostics import Diagnostic, OctavoError, Severity, Span
from octavo.document import Block, Heading, Text
from octavo.ingest.decode import decode_manuscript
from octavo.ingest.html_blocks import html_blocks
from octavo.ingest.html_clean import describe, inventory, sanitise
from octavo.ingest.html_nesting import MAX_DEPTH, cap_html_nesting
from octavo.ingest.model import ManuscriptHeading, RawStory, WorkMeta
from octavo.ingest.options import ReadOptions
from octavo.ingest.structure import leading_heading, number_paragraphs, renumber_notes, tidy_breaks

# Chrome by id or class, on any site: menus, navigation, feedback, sharing, adverts.
_CHROME = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|menus|breadcrumbs?|header|footer|sidebar|"
    r"comments?|comment_placeholder|comments_placeholder|feedback|kudos|share|sharing|social|"
    r"related|pagination|pager|actions|advert|ads?|banner|cookie|landmark|skip|toolbar|"
    r"review|reviews|chap_select|signup|login|search|subscribe)(?:$|[\s_-])", re.IGNORECASE)
_CHROME_TAGS = ("nav", "header", "footer", "aside", "form", "select", "button", "script",
                "style", "noscript", "iframe", "object", "embed", "menu")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def read_html(raw: bytes, display: str, options: ReadOptions) -> RawStory:
    text = decode_manuscript(raw, display).text
    notes: list[Diagnostic] = []
    root = parse_html(text, display, notes)
    story, found = read_html_tree(root, display)
    return dataclasses.replace(story, diagnostics=(*notes, *found, *story.diagnostics))


def parse_html(text: str, display: str, notes: list[Diagnostic]) -> etree._Element:
    text, flattened = cap_html_nesting(_XML_DECLARATION.sub("", text))
    if flattened:
        notes.append(Diagnostic(Severity.WARNING, "OCT233", f"markup nested deeper than "
                                f"{MAX_DEPTH} elements was flattened; every word is kept",
                                Span(display)))
    try:
        return lxml_html.document_fromstring(text or "<html/>")
    except (etree.ParserError, ValueError) as exc:
        raise OctavoError.single("OCT200", f"not a readable web page: {exc}", Span(display)) from None


def read_html_tree(root: etree._Element, display: str, first_paragraph: int = 1
                   ) -> tuple[RawStory, list[Diagnostic]]:
    """One page's story and what was reported about it."""
    notes: list[Diagnostic] = []
    span = Span(display)
    removed = inventory(root)
    if removed:
        notes.append(Diagnostic(Severity.WARNING, "OCT230", f"removed from the page: "
                                f"{describe(removed)} (nothing a page names is ever fetched)", span))
    site, meta, regions = _site(root)
    dropped = 0
    blocks: list[Block] = []
    for region in regions:
        dropped += _drop_chrome(region)
        fragment = sanitise(lxml_html.tostring(region, encoding="unicode"))
        clean = lxml_html.fragment_fromstring(fragment or "<div></div>", create_parent="div")
        blocks.extend(html_blocks(clean))
    if dropped:
        notes.append(Diagnostic(Severity.INFO, "OCT231", f"left out {dropped} part(s) of the "
                                f"{site or 'page'}'s own furniture (navigation, comments, kudos, "
                                "menus)", span))
    if not meta.empty:
        notes.append(Diagnostic(Severity.INFO, "OCT232", f"the work's metadata, kept aside: "
                                f"{meta.described()}", span))
    heading: ManuscriptHeading | None = None
    tidy = tidy_breaks(blocks)
    if meta.title is None:
        heading, tidy = leading_heading(tidy, display)
    elif tidy and isinstance(tidy[0], Heading) and _same(tidy[0], meta.title):
        tidy = tidy[1:]  # the work's title repeated over its text
    numbered, _ = number_paragraphs(tuple(tidy), display, first_paragraph)
    if heading is not None:
        heading = dataclasses.replace(heading, span=Span(display, 0, 1, paragraph=first_paragraph))
    return RawStory(heading, renumber_notes(numbered), (), meta=meta), notes


def _same(heading: Heading, title: str) -> bool:
    text = "".join(c.value for c in heading.children if isinstance(c, Text))
    return re.sub(r"\W+", "", text.casefold()) == re.sub(r"\W+", "", title.casefold())


def _text(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    text = " ".join(" ".join(element.itertext()).split())
    return text or None


def _first(root: etree._Element, xpath: str) -> etree._Element | None:
    found = root.xpath(xpath)
    return found[0] if found else None


def _class(name: str) -> str:
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _drop_chrome(region: etree._Element) -> int:
    """Remove the site furniture inside the work's region; returns how many parts went."""
    count = 0
    for element in list(region.iter()):
        if element is region or not isinstance(element.tag, str):
            continue
        marks = f"{element.get('id') or ''} {element.get('class') or ''}"
        if element.tag.lower() in _CHROME_TAGS or (marks.strip() and _CHROME.search(marks)):
            parent = element.getparent()
            if parent is not None:
                _remove_keeping_tail(element)
                count += 1
    return count


def _remove_keeping_tail(element: etree._Element) -> None:
    parent = element.getparent()
    assert parent is not None
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _site(root: etree._Element) -> tuple[str | None, WorkMeta, list[etree._Element]]:
    """Which site the page comes from, the work's metadata, and the regions holding its text."""
    if root.xpath("//div[@id='workskin']"):
        return ("Archive of Our Own", *_ao3_work_page(root))
    if root.xpath("//div[@id='preface']") and root.xpath("//div[@id='chapters']"):
        return ("Archive of Our Own", *_ao3_download(root))
    if root.xpath("//div[@id='storytext']"):
        return ("FanFiction.net", *_ffn(root))
    groups = root.xpath(f"//div[{_class('meta')}][.//h2]")
    if groups and root.xpath(f"//div[{_class('userstuff')}]"):
        return ("Archive of Our Own", *_ao3_chapter_page(root, groups))
    return None, WorkMeta(language=root.get("lang")), [_main_region(root)]


def _dl_fields(dl: etree._Element | None) -> dict[str, str]:
    fields: dict[str, str] = {}
    if dl is None:
        return fields
    label = None
    for child in dl:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "dt":
            label = (_text(child) or "").rstrip(":").strip().lower()
        elif tag == "dd" and label:
            fields[label] = _text(child) or ""
    return fields


def _tags(dd: etree._Element | None) -> tuple[str, ...]:
    if dd is None:
        return ()
    links = [_text(a) for a in dd.iter("a")]
    return tuple(t for t in links if t) or tuple(t.strip() for t in (_text(dd) or "").split(",") if t.strip())


_STAT = re.compile(r"(Published|Updated|Completed|Words|Chapters):\s*([^\s]+)", re.IGNORECASE)


def _stats(text: str) -> dict[str, str]:
    return {k.lower(): v for k, v in _STAT.findall(text)}


def _words(value: str | None) -> int | None:
    digits = re.sub(r"[,\s.]", "", value or "")
    return int(digits) if digits.isdigit() else None


def _ao3_download(root: etree._Element) -> tuple[WorkMeta, list[etree._Element]]:
    """AO3's own download (HTML, or a chapter of its EPUB): #preface, #chapters, #afterword."""
    preface = _first(root, "//div[@id='preface']")
    assert preface is not None
    fields = _dl_fields(_first(preface, ".//dl"))
    dl = _first(preface, ".//dl")
    stats = _stats(fields.get("stats", ""))
    tag_lists: list[str] = []
    if dl is not None:
        for dt in dl.iter("dt"):
            name = (_text(dt) or "").rstrip(":").lower()
            dd = dt.getnext()
            if name in ("additional tags", "relationship", "character", "category", "archive warning"):
                tag_lists.extend(_tags(dd))
    fandom_dd = _first(preface, ".//dt[starts-with(normalize-space(.), 'Fandom')]/following-sibling::dd[1]")
    summary, notes = _ao3_summary_and_notes(root)
    meta = WorkMeta(
        title=_text(_first(preface, ".//h1")),
        authors=tuple(t for t in (_text(a) for a in preface.xpath(".//a[@rel='author']")) if t),
        language=_language(fields.get("language")),
        site="Archive of Our Own",
        fandoms=_tags(fandom_dd),
        rating=fields.get("rating"),
        words=_words(stats.get("words")),
        published=stats.get("published"),
        updated=stats.get("updated") or stats.get("completed"),
        tags=tuple(tag_lists), summary=summary, notes=notes)
    chapters = _first(root, "//div[@id='chapters']")
    assert chapters is not None
    for meta_group in chapters.xpath(f".//div[{_class('meta')}]"):
        _ao3_chapter_heading(meta_group)
    return meta, [chapters]


def _ao3_chapter_page(root: etree._Element, groups: list[etree._Element]
                      ) -> tuple[WorkMeta, list[etree._Element]]:
    """A chapter of AO3's EPUB: its preface (heading, chapter notes) then its text."""
    _, notes = _ao3_summary_and_notes(root)
    for group in groups:
        _ao3_chapter_heading(group)
    body = _first(root, "//body")
    return WorkMeta(site="Archive of Our Own", notes=notes), [body if body is not None else root]


def _ao3_chapter_heading(meta_group: etree._Element) -> None:
    """A chapter's preface: its heading stays in the text, its notes and summary go aside."""
    heading = _first(meta_group, ".//h2")
    parent = meta_group.getparent()
    if parent is None:
        return
    if heading is not None:
        title = etree.Element("h2")
        title.text = _text(heading)
        meta_group.addprevious(title)
    _remove_keeping_tail(meta_group)


def _ao3_summary_and_notes(root: etree._Element) -> tuple[str | None, tuple[str, ...]]:
    summary = None
    notes: list[str] = []
    for label in root.xpath("//p[normalize-space(.)='Summary' or normalize-space(.)='Notes' or "
                            "normalize-space(.)='Chapter Summary' or normalize-space(.)='Chapter Notes'"
                            " or normalize-space(.)='End Notes' or normalize-space(.)='Chapter End Notes']"):
        body = label.getnext()
        text = _text(body) if body is not None and body.tag == "blockquote" else None
        if text:
            if "Summary" in (label.text or "") and summary is None:
                summary = text
            elif "Notes" in (label.text or ""):
                notes.append(text)
    for block in root.xpath(f"//div[{_class('summary')}]//blockquote"):
        summary = summary or _text(block)
    for block in root.xpath(f"//div[{_class('notes')} or {_class('end')}]//blockquote"):
        text = _text(block)
        if text and text not in notes:
            notes.append(text)
    return summary, tuple(notes)


def _ao3_work_page(root: etree._Element) -> tuple[WorkMeta, list[etree._Element]]:
    """An AO3 work page saved from the browser: #workskin holds preface and chapters; the
    work's tags sit in dl.work.meta before it."""
    skin = _first(root, "//div[@id='workskin']")
    assert skin is not None
    meta_dl = _first(root, f"//dl[{_class('work')} and {_class('meta')}]")

    def dd(kind: str) -> etree._Element | None:
        return _first(meta_dl, f".//dd[{_class(kind)}]") if meta_dl is not None else None

    summary, notes = _ao3_summary_and_notes(root)
    tags: list[str] = []
    for kind in ("warning", "category", "relationship", "character", "freeform"):
        tags.extend(_tags(dd(kind)))
    meta = WorkMeta(
        title=_text(_first(skin, f".//h2[{_class('title')}]")),
        authors=tuple(t for t in (_text(a) for a in skin.xpath(".//a[@rel='author']")) if t),
        language=_language(_text(dd("language"))), site="Archive of Our Own",
        fandoms=_tags(dd("fandom")), rating=_text(dd("rating")),
        words=_words(_text(dd("words"))), published=_text(dd("published")),
        updated=_text(dd("status")), tags=tuple(tags), summary=summary, notes=notes)
    regions = skin.xpath(f".//div[@role='article' or ({_class('userstuff')} and not(ancestor::blockquote)"
                         f" and not(ancestor::div[{_class('userstuff')}]) and not(self::blockquote))]")
    regions = [r for r in regions if r.tag != "blockquote"
               and not any(a in regions for a in r.iterancestors())]
    out: list[etree._Element] = []
    for region in regions:
        chapter = next((a for a in region.iterancestors()
                        if " chapter " in f" {a.get('class') or ''} "), None)
        title = _first(chapter, f".//h3[{_class('title')}]") if chapter is not None else None
        if title is not None and _text(title):
            wrapper = etree.Element("div")
            heading = etree.SubElement(wrapper, "h2")
            heading.text = _text(title)
            wrapper.append(region)
            out.append(wrapper)
        else:
            out.append(region)
    return meta, out or [skin]


def _ffn(root: etree._Element) -> tuple[WorkMeta, list[etree._Element]]:
    profile = _first(root, "//div[@id='profile_top']")
    gray = _text(_first(profile, f".//span[{_class('xgray')}]")) if profile is not None else None
    fields = {k.strip().lower(): v.strip() for k, v in
              re.findall(r"(Rated|Words|Published|Updated|Reviews|Favs|Follows|Status)\s*:\s*([^-]+)",
                         gray or "")}
    parts = [p.strip() for p in (gray or "").split(" - ")]
    meta = WorkMeta(
        title=_text(_first(profile, ".//b")) if profile is not None else None,
        authors=tuple(t for t in (_text(a) for a in (profile.xpath(".//a[contains(@href, '/u/')]")
                                                      if profile is not None else [])) if t),
        language=_language(parts[1]) if len(parts) > 1 else None, site="FanFiction.net",
        fandoms=tuple(t for t in (_text(a) for a in root.xpath("//div[@id='pre_story_links']//a")[-1:]) if t),
        rating=fields.get("rated"), words=_words(fields.get("words")),
        published=fields.get("published"), updated=fields.get("updated"),
        summary=_text(_first(profile, f"./div[{_class('xcontrast_txt')}]")) if profile is not None else None)
    story = _first(root, "//div[@id='storytext']")
    assert story is not None
    return meta, [story]


_LANGUAGES = {"english": "en", "español": "es", "spanish": "es", "français": "fr", "french": "fr",
              "deutsch": "de", "german": "de", "italiano": "it", "italian": "it",
              "português": "pt", "portuguese": "pt", "русский": "ru", "russian": "ru",
              "日本語": "ja", "japanese": "ja", "中文": "zh", "chinese": "zh", "polski": "pl",
              "nederlands": "nl", "dutch": "nl"}


def _language(name: str | None) -> str | None:
    if not name:
        return None
    return _LANGUAGES.get(name.strip().lower())


def _main_region(root: etree._Element) -> etree._Element:
    """The element holding the page's prose: <article>, <main>, or the element with the most
    paragraph text of its own."""
    for xpath in ("//article", "//main", "//*[@role='main']"):
        found = root.xpath(xpath)
        if found:
            return max(found, key=lambda e: len(" ".join(e.itertext())))
    body = _first(root, "//body")
    best, best_score = body if body is not None else root, 0
    for element in root.iter("div", "section", "td"):
        score = sum(len(" ".join(p.itertext())) for p in element if p.tag == "p")
        if score > best_score:
            best, best_score = element, score
    total = len(" ".join((body if body is not None else root).itertext()))
    # Loose text with <br>s and no <p> at all, or prose spread over many containers: the body.
    if best_score < 0.5 * total and body is not None:
        return body
    return best
