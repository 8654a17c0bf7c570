/* The reader's moves: a key, a click on Previous or Next, a choice in the picker, or a passage
 * crossing the reading line applies its step at once, in the same frame: the map (its frame is on
 * the same origin), the status line, the legend, the count, the marked passage and the URL
 * (history.replaceState: no entry per passage). Python hears afterwards, for its record. */
(() => {
  "use strict";
  const StoryMap = (globalThis.StoryMap ??= {});

  // A section sent to Python that it has not shown after this long is sent again.
  const RESEND_MS = 3000;
  const LEAD_PX = 24;

  function replaceUrl(id) {
    const url = new URL(window.location.href);
    if (url.searchParams.get("section") === id) { return; }
    url.searchParams.set("section", id);
    try {
      window.history.replaceState(window.history.state, "", url.toString());
    } catch { /* some browsers refuse very frequent calls; the next step writes it */ }
  }

  function mark(id) {
    for (const el of StoryMap.viewport.passages()) { el.classList.toggle("is-active", el.dataset.section === id); }
  }

  // The one place a step is applied: everything the page shows about the section, at once.
  function show(reader, id) {
    const step = reader.steps.get(id);
    if (!step) { return; }
    reader.current = id;
    StoryMap.panel.paint(reader, step);
    const map = StoryMap.panel.storyMap();
    StoryMap.panel.inset(map);
    if (map) { map.step(step); }
    if (StoryMap.viewport.scrolling()) { mark(id); }
    StoryMap.names.tabStops(reader);
    StoryMap.names.linkNames(null, null);  // the map has put its links away with the step
    reader.pointed = null;
    replaceUrl(id);
  }

  function scrollParent(el) {
    for (let node = el.parentElement; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (/(auto|scroll)/.test(style.overflowY) && node.scrollHeight > node.clientHeight) { return node; }
    }
    return document.scrollingElement;
  }

  function reduced() {
    return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  // Scroll so the passage starts just above the reading line: it becomes the one being read. The
  // destination is absolute: a glide already under way is re-aimed, not added to. `jump` skips the glide.
  function scrollToPassage(id, jump) {
    const el = document.getElementById(`passage-${id}`);
    if (!el) { return false; }
    const scroller = scrollParent(el);
    const top = scroller.scrollTop + el.getBoundingClientRect().top - (StoryMap.viewport.readingLineAfterScroll() - LEAD_PX);
    StoryMap.viewport.current().scrollTo(scroller, top, jump || reduced() ? "auto" : "smooth");
    return true;
  }

  // A timer of this reader: one per name, dropped when the reader's page is gone or remounted.
  function later(reader, name, ms, callback) {
    clearTimeout(reader.timers[name]);
    const mount = reader.mount;
    reader.timers[name] = setTimeout(() => {
      if (reader.mount === mount && reader.parent.isConnected) { callback(); }
    }, ms);
  }

  // Tell Python where the reader is, unless it shows that already (and is not about to move off
  // it) or has just been told. A report Python has not answered in RESEND_MS (lost on a reconnect)
  // is sent again.
  function report(reader, id) {
    const pending = reader.sent !== null && performance.now() < reader.sentAt + RESEND_MS;
    if (!id || (id === reader.python && !pending) || (pending && id === reader.sent)) { return; }
    reader.sent = id;
    reader.sentAt = performance.now();
    reader.setTrigger("section", id);
    later(reader, "resend", RESEND_MS, () => {
      if (reader.sent === null) { return; }
      reader.sent = null;
      report(reader, reader.current);
    });
  }

  // Go to a section the reader asked for: the map moves now; in scroll mode the page then glides
  // there, and the passages it passes on the way are not steps.
  function go(reader, id) {
    if (!id) { return; }
    show(reader, id);
    if (!StoryMap.viewport.scrolling()) {
      report(reader, id);
      return;
    }
    StoryMap.settling.aim(reader, id, false);
  }

  function step(reader, move) {
    go(reader, StoryMap.stepping.neighbour(Array.from(reader.steps.keys()), reader.target || reader.current, move));
  }

  StoryMap.moves = {replaceUrl, show, scrollToPassage, later, report, go, step};
})();
