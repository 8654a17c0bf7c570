/* Where the reader looks: the window, unless the page is hosted in an article (site.js with
 * embed.js), where the article's scrolling moves it. The viewport's `visible()` is the part of
 * this page the reader sees, in this page's viewport coordinates; its `scrollTo` scrolls
 * `scroller` to `top`. The passage crossing the reading line is the one being read. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  const OWN = {
    visible: () => ({top: 0, height: window.innerHeight}),
    scrollTo: (scroller, top, behavior) => scroller.scrollTo({top, behavior}),
  };
  let viewport = OWN;

  // Read and scroll through another viewport (a hosting article's); null goes back to the window's.
  function use(custom) {
    viewport = custom || OWN;
  }

  function current() {
    return viewport;
  }

  function isOwn() {
    return viewport === OWN;
  }

  function passages() {
    return Array.from(document.querySelectorAll(".passage[data-section]"));
  }

  // The page as Python last laid it out tells the mode; the component's own data can lag a rerun.
  function scrolling() {
    return Boolean(document.querySelector(".story-passages"));
  }

  // The part of the screen the text can use: all of it, or (phones) what the pinned map leaves.
  function textAreaTop() {
    const panel = document.querySelector(".st-key-map-panel");
    const column = panel && (panel.closest('[data-testid="stColumn"]') || panel);
    const box = column && column.getBoundingClientRect();
    const view = viewport.visible();
    const pinnedOnTop = box && box.top - view.top <= 8 && box.bottom - view.top < view.height * 0.6
      && box.width >= window.innerWidth * 0.8;
    return pinnedOnTop ? box.bottom : view.top;
  }

  function readingLine() {
    return lineBelow(textAreaTop());
  }

  function lineBelow(top) {
    const view = viewport.visible();
    return top + (view.top + view.height - top) * 0.4;
  }

  // Where the map is pinned above the text (phones), its sticky box: a deep link's first scroll
  // starts with the map still in the page's flow, and ends with it pinned.
  function pinnedAbove() {
    const panel = document.querySelector(".st-key-map-panel");
    for (let node = panel; node && node !== document.body; node = node.parentElement) {
      if (getComputedStyle(node).position === "sticky") {
        return node.getBoundingClientRect().width >= window.innerWidth * 0.8 ? node : null;
      }
    }
    return null;
  }

  // The reading line as it will be once the page has scrolled into the story: below the pinned
  // map where the map is pinned above the text, wherever the map is now.
  function readingLineAfterScroll() {
    const pinned = pinnedAbove();
    if (!pinned) { return readingLine(); }
    const top = parseFloat(getComputedStyle(pinned).top) || 0;
    const view = viewport.visible();
    return lineBelow(view.top + Math.min(top + pinned.offsetHeight, view.height * 0.6));
  }

  function activeAt(line) {
    let found = null;
    for (const el of passages()) {
      const box = el.getBoundingClientRect();
      if (box.top <= line) { found = el; }
      if (box.bottom >= line) { break; }
    }
    return found || passages()[0] || null;
  }

  // The passage at the reading line now.
  function passageRead() {
    return activeAt(readingLine());
  }

  // The section whose passage is at the reading line now (a hosted page starts there).
  function sectionAtReadingLine() {
    const el = passageRead();
    return el ? el.dataset.section : null;
  }

  StoryMap.viewport = {use, current, isOwn, passages, scrolling, passageRead, readingLineAfterScroll, sectionAtReadingLine};
})();
