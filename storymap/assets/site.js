/* The static edition's start: hands the reader (reader/, the app's own, bundled before this file)
 * what Streamlit would.
 * A `?section=` naming a passage opens there (the last one, as in the app); any other value opens
 * at the start with a short notice, never echoing the value. There is no server to tell, so each
 * report is answered at once, as Python would answer it.
 *
 * Hosted (`?embed=host`, in the frame embed.js makes in an article): the article scrolls, this page
 * does not. The article's script tells where its viewport is; this page reports its height, keeps
 * its map in the visible part (as `position: sticky` would), reads and steps against the article's
 * viewport, and asks the article to scroll when the reader steps. The article's scroll is this
 * page's: the reader hears it as a scroll (or resize) event. The page never scrolls the article on
 * its own: a `?section=` is not a move there, and a scroll is asked for only at the reader's key,
 * click or choice. Messages are heard only from the parent window on the host's origin and go only
 * there (the protocol is described in embed.js). */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  const main = document.querySelector("main[data-steps]");
  const host = hostedIn();
  const wanted = new URLSearchParams(window.location.search).getAll("section").at(-1);
  const first = document.querySelector(".passage[data-section]").dataset.section;
  const linked = wanted && document.getElementById(`passage-${wanted}`) ? wanted : null;
  if (wanted && !linked) {
    const notice = document.createElement("p");
    notice.className = "site-notice";
    notice.textContent = main.dataset.unknown;
    main.querySelector(".story-header").after(notice);
  }
  const data = {section: linked || first, nonce: linked ? 1 : 0, steps: main.dataset.steps};

  function render() {
    return StoryMap.reader.mount({data: {...data}, key: "static", parentElement: main, setTriggerValue: answer});
  }

  function answer(name, section) {
    if (name === "section") {
      data.section = section;
      render();
    }
  }

  if (host) {
    // The reader starts once the host has said where its viewport is, at the passage there.
    host.started.then(() => {
      StoryMap.viewport.use(host.viewport);
      Object.assign(data, {section: StoryMap.viewport.sectionAtReadingLine() || first, nonce: 0});
      render();
    });
  } else {
    render();
  }

  // The host's messages, and what this page tells it; null where the page is not hosted.
  function hostedIn() {
    if (new URLSearchParams(window.location.search).get("embed") !== "host" || window.parent === window) { return null; }
    // Changes of the host's viewport height under this (a phone's address bar) keep the map's height.
    const KEEP_PX = 120;
    // A scroll is asked of the host only this long after the reader's key, click or choice.
    const ACTION_MS = 4000;
    const root = document.documentElement;
    const state = {origin: knownHostOrigin(), view: null, cssHeight: 0, width: 0, pinned: 0, height: 0, actedAt: -Infinity};
    let start;
    const started = new Promise((resolve) => { start = resolve; });
    root.classList.add("storymap-hosted");

    function post(message) {
      if (state.origin) { window.parent.postMessage(message, state.origin); }
    }

    function greet() {
      post({type: "storymap:hello", version: 1, title: document.title});
      reportHeight(true);
    }

    // The content's height, for the host's iframe; and AMP's message, for an amp-iframe.
    function reportHeight(always) {
      const height = Math.ceil(root.getBoundingClientRect().height);
      if (!always && height === state.height) { return; }
      state.height = height;
      post({type: "storymap:height", height});
      post({sentinel: "amp", type: "embed-size", height});
    }

    // The map column where `position: sticky` would hold it if this page scrolled: at its top offset
    // in the visible part, within the layout.
    function pin() {
      const column = document.querySelector(".site-map");
      if (!column || !state.view) { return; }
      const box = column.getBoundingClientRect();
      const natural = box.top - state.pinned;
      const end = column.parentElement.getBoundingClientRect().bottom;
      const top = parseFloat(getComputedStyle(column).top) || 0;
      const offset = Math.round(Math.max(0, Math.min(state.view.top + top - natural, end - natural - box.height)));
      if (offset === state.pinned) { return; }
      state.pinned = offset;
      column.style.transform = offset ? `translateY(${offset}px)` : "";
    }

    // The map's height and the room after the last passage follow the host's viewport height (as
    // they follow 100vh on the story's own page), in --storymap-vh.
    function sizeTo(height) {
      const width = window.innerWidth;
      if (state.cssHeight && width === state.width && Math.abs(height - state.cssHeight) < KEEP_PX) { return; }
      Object.assign(state, {cssHeight: height, width});
      root.style.setProperty("--storymap-vh", `${height}px`);
      reportHeight(false);  // now: a frame out of view hears of no resize until it is in view
    }

    function onViewport(message) {
      const top = Number(message.top);
      const height = Number(message.height);
      if (!Number.isFinite(top) || !Number.isFinite(height) || height <= 0) { return; }
      const before = state.view;
      state.view = {top, height};
      sizeTo(height);
      pin();
      if (!before) {
        start();
        return;
      }
      if (message.input === true) { document.dispatchEvent(new WheelEvent("wheel")); }  // the reader takes over
      if (height !== before.height) {
        window.dispatchEvent(new Event("resize"));
      } else if (top !== before.top) {
        document.dispatchEvent(new Event("scroll"));
      }
    }

    window.addEventListener("message", (event) => {
      const message = event.data;
      if (event.source !== window.parent || !message || typeof message !== "object") { return; }
      if (!state.origin && message.type === "storymap:hello" && event.origin !== "null") {
        state.origin = event.origin;  // no other way to know the host: the first hello from the parent
      }
      if (event.origin !== state.origin) { return; }
      if (message.type === "storymap:hello") {
        greet();
      } else if (message.type === "storymap:viewport") {
        onViewport(message);
      }
    });
    for (const type of ["keydown", "click", "change"]) {
      document.addEventListener(type, () => { state.actedAt = performance.now(); }, {capture: true});
    }
    new ResizeObserver(() => {
      pin();
      reportHeight(false);
    }).observe(root);
    greet();

    const viewport = {
      visible: () => state.view || {top: 0, height: window.innerHeight},
      scrollTo: (scroller, top, behavior) => {
        if (!state.view || performance.now() - state.actedAt > ACTION_MS) { return; }
        const y = state.view.top + top - scroller.scrollTop;
        post({type: "storymap:scroll", top: Math.round(y), behavior});
      },
    };
    return {started, viewport};
  }

  // The host's origin where the browser tells it: its ancestors (Chromium, Safari), or the address
  // of the page that opened this frame; else it is learnt from the host's hello.
  function knownHostOrigin() {
    const ancestors = window.location.ancestorOrigins;
    if (ancestors && ancestors.length) { return ancestors[0] === "null" ? null : ancestors[0]; }
    try {
      return document.referrer ? new URL(document.referrer).origin : null;
    } catch {
      return null;
    }
  }
})();
