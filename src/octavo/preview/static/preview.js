// octavo preview: load the EPUB into epub.js and the PDF's pages as images; after every
// rebuild (a server-sent event), reload both and open where the author was editing.
"use strict";
(function () {
  const status = document.getElementById("status");
  const readerBox = document.getElementById("reader");
  const pages = document.getElementById("pages");
  let book = null;
  let rendition = null;
  let shownVersion = -1;
  let pdfVersion = -1;

  function say(text, error) {
    status.textContent = text;
    status.classList.toggle("error", Boolean(error));
  }

  function showMessages(messages) {
    const box = document.getElementById("messages");
    const list = box.querySelector("ul");
    list.replaceChildren(...messages.map((m) => {
      const item = document.createElement("li");
      item.textContent = m; // text, never markup: messages quote manuscripts
      return item;
    }));
    box.hidden = messages.length === 0;
    box.querySelector("summary").textContent = messages.length + " finding" +
      (messages.length === 1 ? "" : "s");
  }

  async function openEpub(state) {
    const where = rendition && rendition.currentLocation && rendition.currentLocation();
    const previous = where && where.start ? where.start.cfi : null;
    if (book) { book.destroy(); }
    readerBox.replaceChildren();
    const response = await fetch("/book.epub?v=" + state.epub_version, { cache: "no-store" });
    if (!response.ok) { return; }
    book = ePub(await response.arrayBuffer());
    rendition = book.renderTo(readerBox, { width: "100%", height: "100%", spread: "none" });
    await book.ready;
    let target = previous;
    if (state.chapter) {
      const section = book.spine.get(state.chapter);
      target = section ? section.href : target;
      if (section && state.snippet) {
        try {
          await section.load(book.load.bind(book));
          const found = section.find(state.snippet);
          if (found.length) { target = found[0].cfi; }
        } catch (error) { /* the chapter itself will do */ }
      }
    }
    await rendition.display(target || undefined);
    document.body.dataset.epubVersion = String(state.epub_version);
  }

  function showPdf(state) {
    if (!state.pdf_pages || pdfVersion === state.pdf_version) { return; }
    pdfVersion = state.pdf_version;
    const images = [];
    for (let n = 1; n <= state.pdf_pages; n += 1) {
      const image = document.createElement("img");
      image.alt = "Page " + n;
      image.loading = n >= state.page - 1 && n <= state.page + 1 ? "eager" : "lazy";
      image.src = "/pdf/" + n + ".png?v=" + state.pdf_version;
      image.id = "page-" + n;
      if (state.pdf_size[0]) { image.width = state.pdf_size[0]; image.height = state.pdf_size[1]; }
      if (n === state.page) { image.className = "target"; }
      images.push(image);
    }
    pages.replaceChildren(...images);
    const target = document.getElementById("page-" + state.page);
    if (target) { target.scrollIntoView({ block: "start" }); }
    document.body.dataset.pdfVersion = String(state.pdf_version);
  }

  async function refresh() {
    const state = await (await fetch("/state.json", { cache: "no-store" })).json();
    document.getElementById("book-title").textContent = state.title || "octavo preview";
    document.title = (state.title || "octavo") + " · preview";
    showMessages(state.messages);
    if (!state.ok) {
      say(state.building ? "building…" : "the build failed: the last good version is shown", !state.building);
    } else {
      say("built " + new Date().toLocaleTimeString());
    }
    if (state.epub && state.epub_version !== shownVersion) {
      shownVersion = state.epub_version;
      await openEpub(state);
    }
    showPdf(state);
  }

  document.getElementById("prev").addEventListener("click", () => rendition && rendition.prev());
  document.getElementById("next").addEventListener("click", () => rendition && rendition.next());
  document.addEventListener("keydown", (event) => {
    if (event.key === "ArrowLeft" && rendition) { rendition.prev(); }
    if (event.key === "ArrowRight" && rendition) { rendition.next(); }
  });
  for (const button of document.querySelectorAll("header nav button")) {
    button.addEventListener("click", () => {
      document.querySelector("main").className = button.dataset.view;
      for (const other of document.querySelectorAll("header nav button")) {
        other.setAttribute("aria-pressed", String(other === button));
      }
    });
  }

  let queue = Promise.resolve();
  const events = new EventSource("/events");
  events.addEventListener("build", () => { queue = queue.then(refresh).catch(() => {}); });
})();
